// Signal-routing wizard ("meldroute"): leads a visitor through the question
// nodes of the route to an outcome with concrete contacts for their
// municipality. The page works without this script. The script enhances only
// an element with `data-wizard` and reads the route from the JSON element
// `#baken-route`. Nothing is sent anywhere. The only value stored is the chosen
// municipality, in localStorage under `baken-gemeente`.
//
// The first part is pure logic (state, URL fragment, contacts, opening hours,
// text summary) that node can test. The second part builds the page.
(function (global) {
  "use strict";

  var FRAGMENT_PREFIX = "stap-";
  var STORAGE_KEY = "baken-gemeente";
  var NEUTRAL_PAGE = "snel-weg.html";

  // Day ids in the order of Date#getDay(), which starts on Sunday.
  var DAYS_BY_INDEX = ["zo", "ma", "di", "wo", "do", "vr", "za"];
  // Day ids in Dutch week order, for printing ranges such as "ma t/m vr".
  var WEEK_ORDER = ["ma", "di", "wo", "do", "vr", "za", "zo"];
  var MINUTES_PER_DAY = 24 * 60;

  var ROLE_LABELS = {
    af: "Aandachtsfunctionaris mensenhandel",
    wijkagent: "Wijkagent",
    zorgcoordinatie: "Zorgcoördinatie mensenhandel",
    zvh: "Zorg- en Veiligheidshuis"
  };

  var AUDIENCE_LABELS = {
    medewerker: "Voor medewerkers van de gemeente",
    af: "Voor de aandachtsfunctionaris mensenhandel",
    burger: "Voor inwoners"
  };

  var FORM_LABELS = {
    SU: "seksuele uitbuiting",
    AU: "arbeidsuitbuiting",
    CU: "criminele uitbuiting",
    OV: "gedwongen orgaanverwijdering"
  };

  // The emergency number, shown for a `bel-112` step that names no partner.
  var EMERGENCY_CONTACT = {
    id: null,
    label: "Alarmnummer",
    phone: "112",
    tel: "112",
    email: null,
    website: null,
    blank: false,
    hours: [],
    outside_hours_of: null,
    anonymous: false,
    note: null
  };

  function hasOwn(object, key) {
    return object != null && Object.prototype.hasOwnProperty.call(object, key);
  }

  // Returns the node with `id`, or null. Uses an own-property check so that a
  // fragment such as `#stap-constructor` cannot reach Object.prototype.
  function getNode(route, id) {
    return hasOwn(route.nodes, id) ? route.nodes[id] : null;
  }

  function isQuestion(node) {
    return node != null && node.kind === "question";
  }

  function isOutcome(node) {
    return node != null && node.kind === "outcome";
  }

  // ---------------------------------------------------------------------------
  // State machine
  //
  // A state is `{trail, answers}`: `trail` lists the node ids visited from the
  // start, and `answers[i]` is the option index chosen at `trail[i]`, so
  // `trail.length === answers.length + 1`. States are never mutated.

  function createState(route) {
    return { trail: [route.start], answers: [] };
  }

  function currentNodeId(state) {
    return state.trail[state.trail.length - 1];
  }

  // Returns the state after choosing option `optionIndex` (0-based) at the
  // current node. Throws a RangeError when the current node is not a question
  // or has no such option, or when the option points to a missing node.
  function choose(route, state, optionIndex) {
    var node = getNode(route, currentNodeId(state));
    if (!isQuestion(node)) {
      throw new RangeError("Node " + currentNodeId(state) + " is not a question");
    }
    var option = Number.isInteger(optionIndex) ? node.options[optionIndex] : undefined;
    if (option === undefined) {
      throw new RangeError("Node " + node.id + " has no option " + optionIndex);
    }
    if (getNode(route, option.next) === null) {
      throw new RangeError("Option " + optionIndex + " of " + node.id + " points to missing node " + option.next);
    }
    return {
      trail: state.trail.concat([option.next]),
      answers: state.answers.concat([optionIndex])
    };
  }

  // Returns the state one answer back, or the same state at the start.
  function back(state) {
    if (state.trail.length <= 1) {
      return state;
    }
    return { trail: state.trail.slice(0, -1), answers: state.answers.slice(0, -1) };
  }

  function restart(route) {
    return createState(route);
  }

  // Returns the answers of a state as `{nodeId, question, optionIndex, label}`.
  function answersGiven(route, state) {
    return state.answers.map(function (optionIndex, position) {
      var node = getNode(route, state.trail[position]);
      return {
        nodeId: node.id,
        question: node.question,
        optionIndex: optionIndex,
        label: node.options[optionIndex].label
      };
    });
  }

  // ---------------------------------------------------------------------------
  // URL fragment
  //
  // `#stap-<id>` names the current node. After a colon come the answers from
  // the start, as 1-based option numbers joined by dots:
  // `#stap-su-duidelijk:1.1.2` means option 1, then 1, then 2. Node ids contain
  // only a-z, 0-9 and hyphens, so the colon and the dots cannot be part of one.
  // The start node has no answers: `#stap-wie-bent-u`.

  var FRAGMENT_PATTERN = /^stap-([a-z0-9]+(?:-[a-z0-9]+)*)(?::([1-9][0-9]*(?:\.[1-9][0-9]*)*))?$/;

  function formatFragment(state) {
    var fragment = FRAGMENT_PREFIX + currentNodeId(state);
    if (state.answers.length > 0) {
      fragment += ":" + state.answers.map(function (index) { return index + 1; }).join(".");
    }
    return fragment;
  }

  // Parses a fragment (with or without the leading "#") into
  // `{id, answers}`, where `answers` contains 0-based option indexes or is null
  // when the fragment gives none. Returns null when the text is not a step
  // fragment.
  function parseFragment(text) {
    var fragment = String(text == null ? "" : text);
    if (fragment.charAt(0) === "#") {
      fragment = fragment.slice(1);
    }
    try {
      fragment = decodeURIComponent(fragment);
    } catch (error) {
      return null; // A malformed percent escape is not a step fragment.
    }
    var match = FRAGMENT_PATTERN.exec(fragment);
    if (match === null) {
      return null;
    }
    var answers = null;
    if (match[2] !== undefined) {
      answers = match[2].split(".").map(function (number) { return Number(number) - 1; });
    }
    return { id: match[1], answers: answers };
  }

  // Returns true when `text` starts like a step fragment, valid or not.
  function isStepFragment(text) {
    var fragment = String(text == null ? "" : text).replace(/^#/, "");
    return fragment.indexOf(FRAGMENT_PREFIX) === 0;
  }

  // Replays 0-based answers from the start. Returns the state, or null when an
  // answer does not fit the node it is given at.
  function replayAnswers(route, answers) {
    var state = createState(route);
    for (var i = 0; i < answers.length; i += 1) {
      var node = getNode(route, currentNodeId(state));
      if (!isQuestion(node) || answers[i] >= node.options.length) {
        return null;
      }
      if (getNode(route, node.options[answers[i]].next) === null) {
        return null;
      }
      state = choose(route, state, answers[i]);
    }
    return state;
  }

  // Returns the state of the shortest path from the start to `targetId`,
  // taking options in their listed order, or null when no path exists.
  function shortestPathState(route, targetId) {
    var queue = [createState(route)];
    var seen = {};
    seen[route.start] = true;
    while (queue.length > 0) {
      var state = queue.shift();
      var id = currentNodeId(state);
      if (id === targetId) {
        return state;
      }
      var node = getNode(route, id);
      if (!isQuestion(node)) {
        continue;
      }
      for (var i = 0; i < node.options.length; i += 1) {
        var next = node.options[i].next;
        if (!hasOwn(seen, next) && getNode(route, next) !== null) {
          seen[next] = true;
          queue.push(choose(route, state, i));
        }
      }
    }
    return null;
  }

  // Restores the state that a fragment describes, falling back to the start.
  //
  // With answers, the answers are replayed from the start and must end at the
  // named node. Without answers (`#stap-<id>`, the anchors of the page without
  // JavaScript), the shortest path to that node is used. Anything else, such as
  // an unknown node, an answer out of range or answers that lead elsewhere,
  // gives the start state.
  function restoreState(route, fragmentText) {
    var parsed = parseFragment(fragmentText);
    if (parsed === null || getNode(route, parsed.id) === null) {
      return createState(route);
    }
    var state = parsed.answers === null
      ? shortestPathState(route, parsed.id)
      : replayAnswers(route, parsed.answers);
    if (state === null || currentNodeId(state) !== parsed.id) {
      return createState(route);
    }
    return state;
  }

  // ---------------------------------------------------------------------------
  // Opening hours
  //
  // Times are the local time of the Date passed in, which in the region is
  // Europe/Amsterdam. An interval includes `from` and excludes `to`. When `from`
  // is later than `to`, the interval runs past midnight into the next day.

  function parseClock(text) {
    var match = /^(\d{1,2}):(\d{2})$/.exec(String(text));
    if (match === null) {
      return null;
    }
    var minutes = Number(match[1]) * 60 + Number(match[2]);
    return minutes <= MINUTES_PER_DAY ? minutes : null;
  }

  function isWithinInterval(interval, now) {
    var from = parseClock(interval.from);
    var to = parseClock(interval.to);
    if (from === null || to === null || !Array.isArray(interval.days)) {
      return false;
    }
    var today = DAYS_BY_INDEX[now.getDay()];
    var yesterday = DAYS_BY_INDEX[(now.getDay() + 6) % 7];
    var minute = now.getHours() * 60 + now.getMinutes();
    if (from <= to) {
      return interval.days.indexOf(today) !== -1 && minute >= from && minute < to;
    }
    var lateToday = interval.days.indexOf(today) !== -1 && minute >= from;
    var earlyAfterYesterday = interval.days.indexOf(yesterday) !== -1 && minute < to;
    return lateToday || earlyAfterYesterday;
  }

  function isWithinHours(hours, now) {
    return hours.some(function (interval) { return isWithinInterval(interval, now); });
  }

  // Returns "open" or "closed" for a contact whose times are known, and
  // "always" for a contact without hours (which is listed as reachable).
  // `siblings` are the other contacts of the same partner, where the contact
  // named by `outside_hours_of` is looked up. That contact is "open" exactly
  // when the one it refers to is closed.
  function contactStatus(contact, siblings, now) {
    return statusWithVisited(contact, siblings || [], now, []);
  }

  function statusWithVisited(contact, siblings, now, visited) {
    if (Array.isArray(contact.hours) && contact.hours.length > 0) {
      return isWithinHours(contact.hours, now) ? "open" : "closed";
    }
    if (contact.outside_hours_of) {
      var other = findContactById(siblings, contact.outside_hours_of);
      if (other === null || visited.indexOf(other) !== -1) {
        // NOTE: a missing or circular reference gives no time to compare
        // with, so the number is listed as reachable.
        return "always";
      }
      var otherStatus = statusWithVisited(other, siblings, now, visited.concat([contact]));
      return otherStatus === "closed" ? "open" : "closed";
    }
    return "always";
  }

  function findContactById(contacts, id) {
    for (var i = 0; i < contacts.length; i += 1) {
      if (contacts[i].id === id) {
        return contacts[i];
      }
    }
    return null;
  }

  function isReachable(contact, siblings, now) {
    return contactStatus(contact, siblings, now) !== "closed";
  }

  function hasPhone(contact) {
    return !contact.blank && typeof contact.phone === "string" && contact.phone !== "";
  }

  // Returns the phone contact to call first at `now`: the first reachable
  // phone number in listed order. Anonymous lines come first for an anonymous
  // report and last otherwise. Returns null when no number is reachable.
  function chooseNumberToCall(contacts, now, preferAnonymous) {
    var reachable = contacts.filter(function (contact) {
      return hasPhone(contact) && isReachable(contact, contacts, now);
    });
    var preferred = reachable.filter(function (contact) {
      return Boolean(contact.anonymous) === Boolean(preferAnonymous);
    });
    if (preferred.length > 0) {
      return preferred[0];
    }
    return reachable.length > 0 ? reachable[0] : null;
  }

  // Formats days as Dutch abbreviations, with a run of three or more days as
  // "ma t/m vr".
  function formatDays(days) {
    var ordered = WEEK_ORDER.filter(function (day) { return days.indexOf(day) !== -1; });
    var parts = [];
    var runStart = 0;
    for (var i = 1; i <= ordered.length; i += 1) {
      var continues = i < ordered.length &&
        WEEK_ORDER.indexOf(ordered[i]) === WEEK_ORDER.indexOf(ordered[i - 1]) + 1;
      if (continues) {
        continue;
      }
      var run = ordered.slice(runStart, i);
      parts.push(run.length >= 3 ? run[0] + " t/m " + run[run.length - 1] : run.join(", "));
      runStart = i;
    }
    return parts.join(", ");
  }

  // Returns the hours of a contact as text, such as
  // "ma t/m vr 08:00–16:30", or null when the contact has no hours.
  function formatHours(contact, siblings) {
    if (Array.isArray(contact.hours) && contact.hours.length > 0) {
      return contact.hours.map(function (interval) {
        return formatDays(interval.days || []) + " " + interval.from + "–" + interval.to;
      }).join("; ");
    }
    if (contact.outside_hours_of) {
      var other = findContactById(siblings || [], contact.outside_hours_of);
      return other === null ? "buiten kantooruren" : "buiten de openingstijden van " + other.label;
    }
    return null;
  }

  // ---------------------------------------------------------------------------
  // Steps and contacts

  function findGemeente(route, gemeenteId) {
    var gemeenten = route.gemeenten || [];
    for (var i = 0; i < gemeenten.length; i += 1) {
      if (gemeenten[i].id === gemeenteId) {
        return gemeenten[i];
      }
    }
    return null;
  }

  function annotateContacts(contacts, now, preferAnonymous) {
    var callNow = chooseNumberToCall(contacts, now, preferAnonymous);
    return {
      callNow: callNow,
      contacts: contacts.map(function (contact) {
        var status = hasPhone(contact) ? contactStatus(contact, contacts, now) : null;
        return {
          contact: contact,
          hoursText: formatHours(contact, contacts),
          status: status,
          reachable: status !== null && status !== "closed"
        };
      })
    };
  }

  function partnerGroup(route, partnerId, now, preferAnonymous) {
    var partner = hasOwn(route.partners, partnerId) ? route.partners[partnerId] : null;
    if (partner === null) {
      return null;
    }
    var annotated = annotateContacts(partner.contacts || [], now, preferAnonymous);
    return {
      partnerId: partner.id,
      title: partner.name,
      url: partner.url || null,
      contacts: annotated.contacts,
      callNow: annotated.callNow
    };
  }

  function rolePartnerGroups(route, role, now, preferAnonymous) {
    var partnerIds = hasOwn(route.roles, role) ? route.roles[role] : [];
    return partnerIds
      .map(function (partnerId) { return partnerGroup(route, partnerId, now, preferAnonymous); })
      .filter(function (group) { return group !== null; });
  }

  // Returns the group for a role that the municipality has filled in, or null
  // when its entry is still blank. `af` and `wijkagent` hold a contact, and
  // `zorgcoordinatie` and `zvh` hold a partner id.
  function municipalGroup(route, gemeente, role, now, preferAnonymous) {
    var value = hasOwn(gemeente, role) ? gemeente[role] : null;
    if (value === null || value === undefined) {
      return null;
    }
    if (typeof value === "string") {
      return partnerGroup(route, value, now, preferAnonymous);
    }
    var annotated = annotateContacts([value], now, preferAnonymous);
    return {
      partnerId: null,
      title: (ROLE_LABELS[role] || role) + ", gemeente " + gemeente.name,
      url: "gemeenten.html#" + gemeente.id,
      contacts: annotated.contacts,
      callNow: annotated.callNow
    };
  }

  // Resolves a step to the contacts to show for the chosen municipality.
  //
  // Returns `{action, actionLabel, text, partnerId, role, gemeente, notice,
  // groups}`. `groups` lists `{title, url, contacts, callNow}` per
  // organisation, where each contact is annotated with its status at `now`.
  // `notice` is a sentence for the reader when a role cannot be filled in:
  // no municipality chosen, or the municipality's entry is still blank. Then
  // `groups` lists every partner of that role in the region.
  function resolveStep(route, step, gemeenteId, now) {
    var gemeente = gemeenteId ? findGemeente(route, gemeenteId) : null;
    var preferAnonymous = step.action === "meld-anoniem";
    var resolved = {
      action: step.action,
      actionLabel: step.action_label,
      text: step.text,
      partnerId: step.partner || null,
      role: step.role || null,
      gemeente: gemeente,
      notice: null,
      groups: []
    };

    if (step.partner) {
      var group = partnerGroup(route, step.partner, now, preferAnonymous);
      resolved.groups = group === null ? [] : [group];
    } else if (step.role) {
      var own = gemeente === null ? null : municipalGroup(route, gemeente, step.role, now, preferAnonymous);
      if (own !== null) {
        resolved.groups = [own];
      } else {
        resolved.notice = gemeente === null
          ? "Kies uw gemeente. Dan ziet u wie u in uw gemeente belt. Hieronder staan alle organisaties voor deze taak in de regio."
          : "Voor " + gemeente.name + " is dit nog niet ingevuld. Hieronder staan alle organisaties voor deze taak in de regio.";
        resolved.groups = rolePartnerGroups(route, step.role, now, preferAnonymous);
      }
    } else if (step.action === "bel-112") {
      var emergency = annotateContacts([EMERGENCY_CONTACT], now, false);
      resolved.groups = [{
        partnerId: null,
        title: "Politie, brandweer of ambulance",
        url: null,
        contacts: emergency.contacts,
        callNow: emergency.callNow
      }];
    }
    return resolved;
  }

  function resolveOutcome(route, node, gemeenteId, now) {
    return (node.steps || []).map(function (step) {
      return resolveStep(route, step, gemeenteId, now);
    });
  }

  function outcomeUsesRoles(node) {
    return isOutcome(node) && (node.steps || []).some(function (step) { return Boolean(step.role); });
  }

  // ---------------------------------------------------------------------------
  // Citizen path and quick exit

  // Returns the audiences of all outcomes reachable from `id`.
  function reachableAudiences(route, id) {
    var audiences = {};
    var seen = {};
    var stack = [id];
    while (stack.length > 0) {
      var nodeId = stack.pop();
      if (hasOwn(seen, nodeId)) {
        continue;
      }
      seen[nodeId] = true;
      var node = getNode(route, nodeId);
      if (isOutcome(node)) {
        audiences[node.audience] = true;
      } else if (isQuestion(node)) {
        node.options.forEach(function (option) { stack.push(option.next); });
      }
    }
    return Object.keys(audiences);
  }

  // Returns true when node `id` is on the citizen path: an outcome for the
  // audience `burger`, or a question that leads only to such outcomes.
  function isCitizenNode(route, id) {
    var node = getNode(route, id);
    if (isOutcome(node)) {
      return node.audience === "burger";
    }
    var audiences = reachableAudiences(route, id);
    return audiences.length === 1 && audiences[0] === "burger";
  }

  // Returns true when the current step shows the quick exit: the visitor has
  // passed a citizen-path node or is on one. Once on the citizen path,
  // an outcome shared with other paths keeps the quick exit.
  function offersQuickExit(route, state) {
    return state.trail.some(function (id) { return isCitizenNode(route, id); });
  }

  // ---------------------------------------------------------------------------
  // Text summary

  function formatAddress(address) {
    return [address.street, address.town].filter(Boolean).join(", ");
  }

  function contactLines(entry) {
    var contact = entry.contact;
    var parts = [];
    if (contact.blank) {
      parts.push("nog niet ingevuld");
    }
    if (hasPhone(contact)) {
      parts.push(contact.phone + (entry.hoursText ? " (" + entry.hoursText + ")" : ""));
    }
    if (contact.email && !contact.blank) {
      parts.push(contact.email);
    }
    if (contact.website) {
      parts.push(contact.website);
    }
    if (contact.address) {
      parts.push(formatAddress(contact.address));
    }
    var line = "   - " + contact.label + (contact.anonymous ? " (anoniem)" : "") + ": " + parts.join(", ");
    var lines = [line];
    if (contact.note) {
      lines.push("     " + contact.note);
    }
    return lines;
  }

  // Returns a plain-text summary of the current state for an e-mail to the
  // aandachtsfunctionaris: the municipality, the answers given and, at an
  // outcome, the numbered steps with contacts, the notes and the checklist.
  // Opening hours are written out and "nu bereikbaar" is left out, because the
  // text is read later.
  function summaryText(route, state, gemeenteId, now) {
    var gemeente = gemeenteId ? findGemeente(route, gemeenteId) : null;
    var node = getNode(route, currentNodeId(state));
    var lines = ["Signaal van mensenhandel: samenvatting uit de meldroute", ""];
    lines.push("Gemeente: " + (gemeente === null ? "niet gekozen" : gemeente.name));
    lines.push("");

    lines.push("Gegeven antwoorden:");
    var answers = answersGiven(route, state);
    if (answers.length === 0) {
      lines.push("- (nog geen)");
    }
    answers.forEach(function (answer) {
      lines.push("- " + answer.question + " " + answer.label);
    });
    lines.push("");

    if (!isOutcome(node)) {
      lines.push("Nog geen uitkomst. Volgende vraag: " + node.question);
      return lines.join("\n") + "\n";
    }

    lines.push("Uitkomst: " + node.outcome);
    if (node.form && hasOwn(FORM_LABELS, node.form)) {
      lines.push("Vorm: " + FORM_LABELS[node.form] + " (" + node.form + ")");
    }
    lines.push("");

    lines.push("Wat u doet:");
    resolveOutcome(route, node, gemeenteId, now).forEach(function (step, index) {
      lines.push((index + 1) + ". " + step.actionLabel + ": " + step.text);
      if (step.notice) {
        lines.push("   " + step.notice);
      }
      step.groups.forEach(function (group) {
        lines.push("   " + group.title);
        group.contacts.forEach(function (entry) {
          lines.push.apply(lines, contactLines(entry));
        });
      });
    });

    if (node.notes && node.notes.length > 0) {
      lines.push("");
      lines.push("Let op:");
      node.notes.forEach(function (note) { lines.push("- " + note); });
    }
    if (node.checklist && route.checklist && route.checklist.length > 0) {
      lines.push("");
      lines.push("Checklist voor de aandachtsfunctionaris:");
      route.checklist.forEach(function (item) { lines.push("[ ] " + item); });
    }
    return lines.join("\n") + "\n";
  }

  // ---------------------------------------------------------------------------
  // Page: building elements

  // Creates an element. `attributes` set DOM properties, except names with a
  // hyphen (aria-*, data-*), which are set as attributes. Text children become
  // text nodes, so data from the route is never parsed as HTML.
  function createElement(doc, tag, attributes, children) {
    var element = doc.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (name.indexOf("-") !== -1) {
        element.setAttribute(name, value === true ? "" : String(value));
      } else {
        element[name] = value;
      }
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) {
        return;
      }
      element.appendChild(typeof child === "string" ? doc.createTextNode(child) : child);
    });
    return element;
  }

  // The build writes `tel` as a complete URI (`tel:+31889630320`); older
  // data may carry only the digits.
  function telHref(contact) {
    var number = contact.tel || String(contact.phone).replace(/[^0-9+]/g, "");
    return number.indexOf("tel:") === 0 ? number : "tel:" + number;
  }

  // Returns the phone number with its hours and its status at the time of
  // rendering, or a "nog niet ingevuld" mark for a blank contact.
  function renderPhone(doc, entry) {
    var contact = entry.contact;
    if (contact.blank) {
      return [createElement(doc, "span", { className: "wizard-missing" }, ["nog niet ingevuld"])];
    }
    if (!hasPhone(contact)) {
      return [];
    }

    var parts = [createElement(doc, "a", { className: "wizard-tel", href: telHref(contact) }, [contact.phone])];
    if (entry.hoursText) {
      parts.push(createElement(doc, "span", { className: "wizard-hours" }, [entry.hoursText]));
    }
    if (entry.status === "open") {
      parts.push(createElement(doc, "strong", { className: "wizard-now" }, ["nu bereikbaar"]));
    } else if (entry.status === "closed") {
      parts.push(createElement(doc, "span", { className: "wizard-closed" }, ["nu niet bereikbaar"]));
    }
    return parts;
  }

  function renderContact(doc, entry) {
    var contact = entry.contact;
    var children = [
      createElement(doc, "span", { className: "wizard-contact-label" }, [contact.label]),
      contact.anonymous ? createElement(doc, "span", { className: "wizard-tag" }, ["anoniem"]) : null
    ].concat(renderPhone(doc, entry));

    if (contact.email && !contact.blank) {
      children.push(createElement(doc, "a", { className: "wizard-mail", href: "mailto:" + contact.email }, [contact.email]));
    }
    if (contact.website) {
      children.push(createElement(doc, "a", { className: "wizard-web", href: contact.website }, [contact.website]));
    }
    if (contact.address) {
      children.push(createElement(doc, "span", { className: "wizard-address" }, [formatAddress(contact.address)]));
    }
    if (contact.note) {
      children.push(createElement(doc, "span", { className: "wizard-note" }, [contact.note]));
    }

    var className = "wizard-contact" + (entry.status === "open" ? " wizard-contact-now" : "");
    return createElement(doc, "li", { className: className }, children);
  }

  // Returns true when the "Bel nu" line already shows everything that the
  // group's single contact contains, as for the emergency number.
  function isOnlyNumberToCall(group) {
    if (group.contacts.length !== 1 || group.callNow !== group.contacts[0].contact) {
      return false;
    }
    var contact = group.callNow;
    return !group.contacts[0].hoursText && !contact.email && !contact.website && !contact.address && !contact.note;
  }

  function renderGroup(doc, group, root) {
    var title = group.url
      ? createElement(doc, "a", { href: root + group.url }, [group.title])
      : group.title;
    var children = [createElement(doc, "p", { className: "wizard-partner" }, [title])];
    if (group.callNow !== null) {
      children.push(createElement(doc, "p", { className: "wizard-call-now" }, [
        "Bel nu: ",
        createElement(doc, "a", { className: "wizard-call", href: telHref(group.callNow) }, [group.callNow.phone]),
        " (" + group.callNow.label + ")"
      ]));
    }
    if (group.contacts.length === 0) {
      children.push(createElement(doc, "p", { className: "wizard-missing" },
        ["Voor deze organisatie staan nog geen contactgegevens op de site."]));
    } else if (!isOnlyNumberToCall(group)) {
      children.push(createElement(doc, "ul", { className: "wizard-contacts" },
        group.contacts.map(function (entry) { return renderContact(doc, entry); })));
    }
    return createElement(doc, "div", { className: "wizard-group" }, children);
  }

  function renderStep(doc, step, root) {
    var children = [
      createElement(doc, "p", { className: "wizard-step-text" }, [
        createElement(doc, "strong", { className: "wizard-action wizard-action-" + step.action }, [step.actionLabel]),
        " ",
        step.text
      ])
    ];
    if (step.notice) {
      children.push(createElement(doc, "p", { className: "wizard-notice" }, [step.notice]));
    }
    step.groups.forEach(function (group) { children.push(renderGroup(doc, group, root)); });
    return createElement(doc, "li", { className: "wizard-step" }, children);
  }

  function renderList(doc, className, items) {
    return createElement(doc, "ul", { className: className }, items.map(function (item) {
      return createElement(doc, "li", {}, [item]);
    }));
  }

  function renderAnswers(doc, route, state) {
    var items = answersGiven(route, state).map(function (answer) {
      return createElement(doc, "li", {}, [
        createElement(doc, "span", { className: "wizard-answer-question" }, [answer.question]),
        " ",
        createElement(doc, "strong", {}, [answer.label])
      ]);
    });
    return createElement(doc, "ul", { className: "wizard-answers" }, items);
  }

  function renderQuestionBody(doc, route, state, node) {
    var children = [];
    if (node.help) {
      children.push(createElement(doc, "p", { className: "wizard-help" }, [node.help]));
    }
    var options = node.options.map(function (option, index) {
      var href = "#" + formatFragment(choose(route, state, index));
      return createElement(doc, "li", {}, [
        createElement(doc, "a", { className: "wizard-option", href: href }, [option.label])
      ]);
    });
    children.push(createElement(doc, "ul", { className: "wizard-options" }, options));
    return children;
  }

  function renderOutcomeBody(doc, route, state, node, gemeenteId, now, root) {
    var gemeente = gemeenteId ? findGemeente(route, gemeenteId) : null;
    var children = [];
    if (gemeente !== null) {
      children.push(createElement(doc, "p", { className: "wizard-print-only" }, ["Gemeente: " + gemeente.name]));
    }

    children.push(createElement(doc, "h3", {}, ["Wat u nu doet"]));
    children.push(createElement(doc, "ol", { className: "wizard-steps" },
      resolveOutcome(route, node, gemeenteId, now).map(function (step) { return renderStep(doc, step, root); })));

    if (node.notes && node.notes.length > 0) {
      children.push(createElement(doc, "h3", {}, ["Let op"]));
      children.push(renderList(doc, "wizard-notes", node.notes));
    }
    if (node.checklist && route.checklist && route.checklist.length > 0) {
      children.push(createElement(doc, "h3", {}, ["Checklist voor de aandachtsfunctionaris"]));
      children.push(renderList(doc, "wizard-checklist", route.checklist));
    }
    if (state.answers.length > 0) {
      children.push(createElement(doc, "h3", {}, ["Uw antwoorden"]));
      children.push(renderAnswers(doc, route, state));
    }
    return children;
  }

  // ---------------------------------------------------------------------------
  // Page: behaviour

  function readStoredGemeente(win) {
    try {
      return win.localStorage.getItem(STORAGE_KEY);
    } catch (error) {
      return null; // Storage is blocked, for example in private mode, so the visitor chooses again.
    }
  }

  function storeGemeente(win, gemeenteId) {
    try {
      if (gemeenteId) {
        win.localStorage.setItem(STORAGE_KEY, gemeenteId);
      } else {
        win.localStorage.removeItem(STORAGE_KEY);
      }
    } catch (error) {
      // Storage is blocked or full: the choice then lasts only for this page view.
    }
  }

  // Returns the relative prefix to the site root from `data-root` on <html>.
  // Only "", "./" and "../" steps are accepted, because the prefix goes into
  // links and into location.replace.
  function readRoot(doc) {
    var root = doc.documentElement.getAttribute("data-root") || "";
    return /^(\.\/)?(\.\.\/)*$/.test(root) ? root : "";
  }

  function copyWithTextarea(doc, text) {
    var textarea = createElement(doc, "textarea", { className: "wizard-offscreen", readOnly: true, value: text });
    doc.body.appendChild(textarea);
    textarea.select();
    var copied = false;
    try {
      copied = doc.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    doc.body.removeChild(textarea);
    return copied;
  }

  function buildInterface(doc, route) {
    var ui = {};
    ui.live = createElement(doc, "div", { className: "wizard-visually-hidden", "aria-live": "polite", "aria-atomic": "true" });
    ui.exit = createElement(doc, "button", { type: "button", className: "wizard-exit", hidden: true }, [
      "Snel weg",
      createElement(doc, "span", { className: "wizard-exit-hint" }, [" (of druk op Esc)"])
    ]);
    ui.heading = createElement(doc, "h2", { id: "wizard-kop", className: "wizard-heading", tabIndex: -1 });
    ui.audience = createElement(doc, "p", { className: "wizard-audience", hidden: true });
    ui.select = createElement(doc, "select", { id: "wizard-gemeente-keuze", name: "gemeente" }, [
      createElement(doc, "option", { value: "" }, ["Kies uw gemeente"])
    ].concat((route.gemeenten || []).map(function (gemeente) {
      return createElement(doc, "option", { value: gemeente.id }, [gemeente.name]);
    })));
    ui.gemeenteBox = createElement(doc, "div", { className: "wizard-gemeente" }, [
      createElement(doc, "label", { htmlFor: "wizard-gemeente-keuze" }, ["Uw gemeente"]),
      ui.select
    ]);
    ui.body = createElement(doc, "div", { className: "wizard-body" });
    ui.back = createElement(doc, "button", { type: "button", className: "wizard-button" }, ["Terug"]);
    ui.restart = createElement(doc, "button", { type: "button", className: "wizard-button" }, ["Opnieuw"]);
    ui.print = createElement(doc, "button", { type: "button", className: "wizard-button" }, ["Afdrukken"]);
    ui.copy = createElement(doc, "button", { type: "button", className: "wizard-button" }, ["Kopieer als tekst"]);
    ui.copyStatus = createElement(doc, "p", { className: "wizard-copy-status", role: "status" });
    ui.outcomeActions = createElement(doc, "div", { className: "wizard-outcome-actions" }, [ui.print, ui.copy]);
    ui.nav = createElement(doc, "div", { className: "wizard-nav" }, [ui.back, ui.restart]);
    ui.panel = createElement(doc, "section", { className: "wizard-panel", "aria-labelledby": "wizard-kop" }, [
      ui.exit, ui.heading, ui.audience, ui.gemeenteBox, ui.body, ui.outcomeActions, ui.copyStatus, ui.nav
    ]);
    return ui;
  }

  // Enhances the wizard on the page, if there is one. `options.now` returns
  // the current Date and exists so that a test page can fix the clock.
  // Returns the controller, or null when the page has no wizard or no valid
  // route data.
  function init(doc, win, options) {
    var container = doc.querySelector("[data-wizard]");
    var dataElement = doc.getElementById("baken-route");
    if (container === null || dataElement === null) {
      return null;
    }
    var route;
    try {
      route = JSON.parse(dataElement.textContent);
    } catch (error) {
      return null; // Without valid data the page without JavaScript stays in place.
    }
    if (!route || getNode(route, route.start) === null) {
      return null;
    }

    var clock = (options && options.now) || function () { return new Date(); };
    var root = readRoot(doc);
    var ui = buildInterface(doc, route);
    var state = createState(route);
    var gemeenteId = readStoredGemeente(win);
    if (findGemeente(route, gemeenteId) === null) {
      gemeenteId = null;
    }
    ui.select.value = gemeenteId || "";

    function renderBody() {
      var node = getNode(route, currentNodeId(state));
      var children = isOutcome(node)
        ? renderOutcomeBody(doc, route, state, node, gemeenteId, clock(), root)
        : renderQuestionBody(doc, route, state, node);
      ui.body.textContent = "";
      children.forEach(function (child) { ui.body.appendChild(child); });
    }

    function render(moveFocus) {
      var node = getNode(route, currentNodeId(state));
      var outcome = isOutcome(node);
      ui.heading.textContent = outcome ? node.outcome : node.question;
      ui.audience.textContent = outcome && hasOwn(AUDIENCE_LABELS, node.audience) ? AUDIENCE_LABELS[node.audience] : "";
      ui.audience.hidden = ui.audience.textContent === "";
      ui.gemeenteBox.hidden = !outcomeUsesRoles(node);
      ui.outcomeActions.hidden = !outcome;
      ui.copyStatus.textContent = "";
      ui.back.hidden = state.answers.length === 0;
      ui.restart.hidden = state.answers.length === 0;
      ui.exit.hidden = !offersQuickExit(route, state);
      renderBody();
      ui.live.textContent = (outcome ? "Uitkomst: " : "Vraag: ") + ui.heading.textContent;
      if (moveFocus) {
        ui.heading.focus();
      }
    }

    function navigateTo(nextState) {
      win.location.hash = "#" + formatFragment(nextState);
    }

    // Shows the step in the address bar. A step fragment that was invalid or
    // gave no answers is replaced by the full one without a new history entry.
    function showFragment(moveFocus) {
      var hash = win.location.hash;
      if (hash !== "" && hash !== "#" && !isStepFragment(hash)) {
        return; // Another anchor on the page, such as a skip link.
      }
      state = hash === "" || hash === "#" ? createState(route) : restoreState(route, hash);
      render(moveFocus);
      var canonical = "#" + formatFragment(state);
      if (isStepFragment(hash) && hash !== canonical) {
        try {
          win.history.replaceState(null, "", canonical);
        } catch (error) {
          // replaceState can throw a SecurityError, for example on file://
          // pages in some browsers. The step still shows, but the address
          // keeps the old fragment.
        }
      }
    }

    function quickExit() {
      ui.panel.textContent = "";
      try {
        win.history.replaceState(null, "", win.location.href.split("#")[0]);
      } catch (error) {
        // The fragment stays in this history entry, which location.replace
        // below overwrites anyway.
      }
      win.location.replace(root + NEUTRAL_PAGE);
    }

    function copySummary() {
      var text = summaryText(route, state, gemeenteId, clock());
      var done = function () { ui.copyStatus.textContent = "De tekst staat nu op het klembord."; };
      var fallback = function () {
        if (copyWithTextarea(doc, text)) {
          done();
          return;
        }
        ui.copyStatus.textContent = "Kopiëren lukte niet. Selecteer de tekst hieronder en kopieer die zelf.";
        var manual = createElement(doc, "textarea", { className: "wizard-manual-copy", readOnly: true, value: text, rows: 12 });
        ui.body.appendChild(manual);
        manual.focus();
        manual.select();
      };
      if (win.navigator && win.navigator.clipboard && win.navigator.clipboard.writeText) {
        win.navigator.clipboard.writeText(text).then(done, fallback);
      } else {
        fallback();
      }
    }

    ui.back.addEventListener("click", function () { navigateTo(back(state)); });
    ui.restart.addEventListener("click", function () { navigateTo(restart(route)); });
    ui.print.addEventListener("click", function () { win.print(); });
    ui.copy.addEventListener("click", copySummary);
    ui.exit.addEventListener("click", quickExit);
    ui.select.addEventListener("change", function () {
      gemeenteId = findGemeente(route, ui.select.value) === null ? null : ui.select.value;
      storeGemeente(win, gemeenteId);
      renderBody();
      ui.live.textContent = gemeenteId === null
        ? "Geen gemeente gekozen."
        : "Contactgegevens voor " + findGemeente(route, gemeenteId).name + ".";
    });
    doc.addEventListener("keydown", function (event) {
      var isEscape = event.key === "Escape" || event.key === "Esc";
      var inSelect = event.target && event.target.tagName === "SELECT";
      if (isEscape && !inSelect && !event.defaultPrevented && offersQuickExit(route, state)) {
        quickExit();
      }
    });
    win.addEventListener("hashchange", function () { showFragment(true); });

    Array.prototype.forEach.call(container.querySelectorAll("[data-wizard-static]"), function (element) {
      element.hidden = true;
    });
    container.classList.add("wizard-enhanced");
    container.appendChild(ui.live);
    container.appendChild(ui.panel);
    showFragment(false);

    return {
      getState: function () { return state; },
      getGemeente: function () { return gemeenteId; }
    };
  }

  var BakenWizard = {
    createState: createState,
    currentNodeId: currentNodeId,
    choose: choose,
    back: back,
    restart: restart,
    answersGiven: answersGiven,
    formatFragment: formatFragment,
    parseFragment: parseFragment,
    restoreState: restoreState,
    contactStatus: contactStatus,
    isReachable: isReachable,
    chooseNumberToCall: chooseNumberToCall,
    formatDays: formatDays,
    formatHours: formatHours,
    findGemeente: findGemeente,
    resolveStep: resolveStep,
    isCitizenNode: isCitizenNode,
    offersQuickExit: offersQuickExit,
    summaryText: summaryText,
    init: init
  };

  if (typeof module === "object" && module.exports) {
    module.exports = BakenWizard;
  } else {
    global.BakenWizard = BakenWizard;
  }

  if (typeof document !== "undefined" && typeof window !== "undefined") {
    var start = function () { init(document, window); };
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  }
})(typeof globalThis !== "undefined" ? globalThis : this);

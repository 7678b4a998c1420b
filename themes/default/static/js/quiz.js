/*
 * Interactive quiz for Baken quiz pages.
 *
 * A quiz page embeds its quiz as JSON in
 * <script type="application/json" id="baken-quiz"> and lists every question
 * with its answers for readers without JavaScript. This script hides that list
 * and shows one question at a time, with feedback after each answer, a score
 * at the end and a printable certificate.
 *
 * Progress is saved in localStorage under "baken-quiz-<quiz id>". The name
 * typed for the certificate stays in memory and in the page only: it is never
 * saved.
 *
 * The functions before the DOM section take no DOM and are exported for the
 * node tests in tests/js/.
 */
"use strict";

var BakenQuiz = (function () {
  var STATE_VERSION = 1;
  var KINDS = ["single", "multiple", "order", "match"];

  // ---------------------------------------------------------------------
  // Quiz data
  // ---------------------------------------------------------------------

  function isIndex(value, length) {
    return Number.isInteger(value) && value >= 0 && value < length;
  }

  function range(length) {
    var result = [];
    for (var i = 0; i < length; i += 1) {
      result.push(i);
    }
    return result;
  }

  function isPermutation(list, length) {
    if (!Array.isArray(list) || list.length !== length) {
      return false;
    }
    var seen = {};
    for (var i = 0; i < list.length; i += 1) {
      if (!isIndex(list[i], length) || seen[list[i]]) {
        return false;
      }
      seen[list[i]] = true;
    }
    return true;
  }

  /** Returns the number of options, items or pairs a question shows. */
  function partCount(question) {
    switch (question.kind) {
      case "single":
      case "multiple":
        return (question.options || []).length;
      case "order":
        return (question.items || []).length;
      case "match":
        return (question.pairs || []).length;
      default:
        return 0;
    }
  }

  /**
   * Returns the right-hand answers offered for a match question. These are
   * the question's `choices` when given, otherwise every distinct `right`, sorted.
   */
  function matchChoices(question) {
    if (Array.isArray(question.choices) && question.choices.length > 0) {
      return question.choices.slice();
    }
    var distinct = [];
    (question.pairs || []).forEach(function (pair) {
      if (distinct.indexOf(pair.right) === -1) {
        distinct.push(pair.right);
      }
    });
    return distinct.sort(function (a, b) {
      return String(a).localeCompare(String(b), "nl");
    });
  }

  /** Checks that the quiz object has the shape this script can show. */
  function isUsableQuiz(quiz) {
    if (!quiz || typeof quiz.id !== "string" || quiz.id === "") {
      return false;
    }
    if (!Array.isArray(quiz.questions) || quiz.questions.length === 0) {
      return false;
    }
    return quiz.questions.every(function (question) {
      return (
        question &&
        typeof question.id === "string" &&
        KINDS.indexOf(question.kind) !== -1 &&
        partCount(question) > 0
      );
    });
  }

  // ---------------------------------------------------------------------
  // Scoring
  //
  // Answers refer to the quiz as written, never to the shuffled display:
  //   single:   index of the chosen option
  //   multiple: indices of the chosen options
  //   order:    item indices in the order the user put them
  //   match:    for each pair, in quiz order, the chosen right-hand text
  // ---------------------------------------------------------------------

  function scoreSingle(question, answer) {
    var options = question.options || [];
    return isIndex(answer, options.length) && options[answer].correct === true;
  }

  /** Scores a multiple-choice answer, which is right only when it is exactly the set of correct options. */
  function scoreMultiple(question, answer) {
    var options = question.options || [];
    if (!Array.isArray(answer)) {
      return false;
    }
    var chosen = {};
    for (var i = 0; i < answer.length; i += 1) {
      if (!isIndex(answer[i], options.length)) {
        return false;
      }
      chosen[answer[i]] = true;
    }
    return options.every(function (option, index) {
      return (option.correct === true) === (chosen[index] === true);
    });
  }

  /** Scores an ordering, which is right only when every item is in its written place. */
  function scoreOrder(question, answer) {
    var items = question.items || [];
    if (!isPermutation(answer, items.length)) {
      return false;
    }
    return answer.every(function (itemIndex, position) {
      return itemIndex === position;
    });
  }

  /** Scores a matching, which is right only when every pair has its own right-hand answer. */
  function scoreMatch(question, answer) {
    var pairs = question.pairs || [];
    if (!Array.isArray(answer) || answer.length !== pairs.length) {
      return false;
    }
    return pairs.every(function (pair, index) {
      return answer[index] === pair.right;
    });
  }

  function scoreQuestion(question, answer) {
    switch (question.kind) {
      case "single":
        return scoreSingle(question, answer);
      case "multiple":
        return scoreMultiple(question, answer);
      case "order":
        return scoreOrder(question, answer);
      case "match":
        return scoreMatch(question, answer);
      default:
        return false;
    }
  }

  /**
   * Summarises a quiz attempt. A question without an answer counts as wrong.
   * `passed` compares whole numbers, so 7 of 10 passes a pass mark of 70.
   */
  function summarize(quiz, state) {
    var total = quiz.questions.length;
    var correct = 0;
    var toRevisit = [];
    quiz.questions.forEach(function (question, index) {
      var answered = Object.prototype.hasOwnProperty.call(state.answers, question.id);
      if (answered && scoreQuestion(question, state.answers[question.id])) {
        correct += 1;
      } else {
        toRevisit.push({ index: index, question: question, answered: answered });
      }
    });
    var passMark = Number(quiz.pass_mark);
    return {
      total: total,
      correct: correct,
      percent: total === 0 ? 0 : Math.round((correct * 100) / total),
      passMark: passMark,
      passed: total > 0 && correct * 100 >= passMark * total,
      toRevisit: toRevisit,
    };
  }

  // ---------------------------------------------------------------------
  // Shuffling
  // ---------------------------------------------------------------------

  /**
   * Returns a shuffled copy of `list` (Fisher-Yates). `random` returns a
   * number in [0, 1), like Math.random, which is the default.
   */
  function shuffle(list, random) {
    var next = random || Math.random;
    var result = list.slice();
    for (var i = result.length - 1; i > 0; i -= 1) {
      var j = Math.floor(next() * (i + 1));
      if (j > i) {
        j = i;
      }
      var swap = result[i];
      result[i] = result[j];
      result[j] = swap;
    }
    return result;
  }

  /**
   * Returns the display order of a question's options, items or pairs as a
   * permutation of their indices. An ordering question never starts in its
   * correct order, because then it would answer itself.
   */
  function createLayout(question, random) {
    var count = partCount(question);
    var layout = shuffle(range(count), random);
    if (question.kind === "order" && count > 1 && scoreOrder(question, layout)) {
      layout = layout.slice(1).concat(layout.slice(0, 1));
    }
    return layout;
  }

  /** Moves the entry at `from` one place up (delta -1) or down (delta 1). */
  function moveEntry(list, from, delta) {
    var to = from + delta;
    var result = list.slice();
    if (!isIndex(from, list.length) || !isIndex(to, list.length)) {
      return result;
    }
    var moved = result[from];
    result[from] = result[to];
    result[to] = moved;
    return result;
  }

  // ---------------------------------------------------------------------
  // Saved progress
  // ---------------------------------------------------------------------

  function storageKey(quizId) {
    return "baken-quiz-" + quizId;
  }

  function emptyState() {
    return {
      version: STATE_VERSION,
      current: 0,
      finished: false,
      finishedAt: null,
      answers: {},
      layouts: {},
    };
  }

  function isValidAnswer(question, answer) {
    switch (question.kind) {
      case "single":
        return isIndex(answer, question.options.length);
      case "multiple": {
        if (!Array.isArray(answer) || answer.length === 0) {
          return false;
        }
        var seen = {};
        return answer.every(function (index) {
          var fresh = isIndex(index, question.options.length) && !seen[index];
          seen[index] = true;
          return fresh;
        });
      }
      case "order":
        return isPermutation(answer, question.items.length);
      case "match": {
        var choices = matchChoices(question);
        return (
          Array.isArray(answer) &&
          answer.length === question.pairs.length &&
          answer.every(function (choice) {
            return typeof choice === "string" && choices.indexOf(choice) !== -1;
          })
        );
      }
      default:
        return false;
    }
  }

  function isDateString(value) {
    return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);
  }

  /**
   * Returns a clean state for `quiz` built from stored data. Unknown fields,
   * answers to questions that no longer exist and answers or layouts that no
   * longer fit their question are dropped, so a changed quiz never breaks.
   */
  function sanitizeState(quiz, raw) {
    var state = emptyState();
    if (!raw || typeof raw !== "object" || raw.version !== STATE_VERSION) {
      return state;
    }
    var answers = raw.answers && typeof raw.answers === "object" ? raw.answers : {};
    var layouts = raw.layouts && typeof raw.layouts === "object" ? raw.layouts : {};
    quiz.questions.forEach(function (question) {
      var id = question.id;
      if (Object.prototype.hasOwnProperty.call(answers, id) && isValidAnswer(question, answers[id])) {
        state.answers[id] = answers[id];
      }
      if (
        Object.prototype.hasOwnProperty.call(layouts, id) &&
        isPermutation(layouts[id], partCount(question))
      ) {
        state.layouts[id] = layouts[id];
      }
    });
    if (isIndex(raw.current, quiz.questions.length)) {
      state.current = raw.current;
    }
    var everyAnswered = quiz.questions.every(function (question) {
      return Object.prototype.hasOwnProperty.call(state.answers, question.id);
    });
    if (raw.finished === true && everyAnswered) {
      state.finished = true;
      state.finishedAt = isDateString(raw.finishedAt) ? raw.finishedAt : null;
    }
    return state;
  }

  /**
   * Writes the state to `storage` (a Web Storage object) and returns whether
   * that worked. Only the known state fields are written, so nothing else
   * that a caller attached to the object, such as a name, reaches storage.
   */
  function saveState(storage, quizId, state) {
    if (!storage) {
      return false;
    }
    var stored = {
      version: STATE_VERSION,
      current: state.current,
      finished: state.finished,
      finishedAt: state.finishedAt,
      answers: state.answers,
      layouts: state.layouts,
    };
    try {
      storage.setItem(storageKey(quizId), JSON.stringify(stored));
      return true;
    } catch (error) {
      return false;
    }
  }

  /** Reads the saved state of `quiz`, or returns a fresh one when there is none or it is invalid. */
  function loadState(storage, quiz) {
    if (!storage) {
      return emptyState();
    }
    try {
      var text = storage.getItem(storageKey(quiz.id));
      if (text === null || text === undefined) {
        return emptyState();
      }
      return sanitizeState(quiz, JSON.parse(text));
    } catch (error) {
      return emptyState();
    }
  }

  /** Removes the saved state of a quiz and returns whether that worked. */
  function resetState(storage, quizId) {
    if (!storage) {
      return false;
    }
    try {
      storage.removeItem(storageKey(quizId));
      return true;
    } catch (error) {
      return false;
    }
  }

  /**
   * Returns the window's localStorage, or null when the browser blocks it.
   * Some browsers throw on access for pages opened from file://, others
   * throw only on the first write, so this tries a write too.
   */
  function getStorage(win) {
    try {
      var storage = win.localStorage;
      if (!storage) {
        return null;
      }
      var probe = "baken-quiz-probe";
      storage.setItem(probe, probe);
      storage.removeItem(probe);
      return storage;
    } catch (error) {
      return null;
    }
  }

  // ---------------------------------------------------------------------
  // Session: one person's attempt, without DOM
  // ---------------------------------------------------------------------

  function isoDate(date) {
    function pad(number) {
      return number < 10 ? "0" + number : String(number);
    }
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  var MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
  ];

  /** Formats "2026-12-04" as "4 december 2026". */
  function formatDate(iso) {
    if (!isDateString(iso)) {
      return "";
    }
    var parts = iso.split("-");
    var month = MONTHS[Number(parts[1]) - 1];
    if (!month) {
      return "";
    }
    return Number(parts[2]) + " " + month + " " + parts[0];
  }

  /**
   * Starts or resumes an attempt at `quiz`. `storage` is a Web Storage
   * object or null. In tests, `options.random` and `options.now` replace
   * Math.random and the clock.
   */
  function createSession(quiz, storage, options) {
    var settings = options || {};
    var random = settings.random || Math.random;
    var now = settings.now || function () {
      return new Date();
    };
    var state = loadState(storage, quiz);
    // Kept in this closure only, so saveState never receives it.
    var certificateName = "";

    function persist() {
      return saveState(storage, quiz.id, state);
    }

    function questionAt(index) {
      return quiz.questions[index];
    }

    function isAnswered(index) {
      var question = questionAt(index);
      return Boolean(question) && Object.prototype.hasOwnProperty.call(state.answers, question.id);
    }

    function allAnswered() {
      return quiz.questions.every(function (question, index) {
        return isAnswered(index);
      });
    }

    /** Returns the display order for a question, creating and saving it on first use. */
    function layout(index) {
      var question = questionAt(index);
      if (!state.layouts[question.id]) {
        state.layouts[question.id] = createLayout(question, random);
        persist();
      }
      return state.layouts[question.id].slice();
    }

    return {
      quiz: quiz,
      canSave: Boolean(storage),
      state: function () {
        return state;
      },
      questionCount: function () {
        return quiz.questions.length;
      },
      currentIndex: function () {
        return state.current;
      },
      isFinished: function () {
        return state.finished;
      },
      isAnswered: isAnswered,
      answerAt: function (index) {
        return isAnswered(index) ? state.answers[questionAt(index).id] : undefined;
      },
      isCorrect: function (index) {
        return isAnswered(index) && scoreQuestion(questionAt(index), state.answers[questionAt(index).id]);
      },
      allAnswered: allAnswered,
      layout: layout,
      /** Moves an item of an unanswered ordering question one place and saves the new order. */
      moveItem: function (index, position, delta) {
        var question = questionAt(index);
        var current = layout(index);
        if (question.kind !== "order" || isAnswered(index)) {
          return current;
        }
        state.layouts[question.id] = moveEntry(current, position, delta);
        persist();
        return state.layouts[question.id].slice();
      },
      /**
       * Records the answer to a question and returns { accepted, correct }.
       * An invalid answer is not recorded. A question keeps its first answer
       * until reset, so the score reflects first attempts.
       */
      submit: function (index, answer) {
        var question = questionAt(index);
        if (!question) {
          return { accepted: false, correct: false };
        }
        if (isAnswered(index)) {
          return { accepted: false, correct: scoreQuestion(question, state.answers[question.id]) };
        }
        if (!isValidAnswer(question, answer)) {
          return { accepted: false, correct: false };
        }
        state.answers[question.id] = Array.isArray(answer) ? answer.slice() : answer;
        persist();
        return { accepted: true, correct: scoreQuestion(question, answer) };
      },
      goTo: function (index) {
        if (isIndex(index, quiz.questions.length)) {
          state.current = index;
          persist();
        }
        return state.current;
      },
      /** Marks the attempt finished once every question has an answer. */
      finish: function () {
        if (!allAnswered()) {
          return false;
        }
        if (!state.finished) {
          state.finished = true;
          state.finishedAt = isoDate(now());
          persist();
        }
        return true;
      },
      summary: function () {
        return summarize(quiz, state);
      },
      /** Clears saved progress and the certificate name and starts again. */
      reset: function () {
        resetState(storage, quiz.id);
        state = emptyState();
        certificateName = "";
      },
      setCertificateName: function (name) {
        certificateName = String(name || "").trim();
      },
      certificateName: function () {
        return certificateName;
      },
    };
  }

  // ---------------------------------------------------------------------
  // DOM
  // ---------------------------------------------------------------------

  var LINK_KIND_LABELS = {
    signal: "Signaal",
    signals: "Signaal",
    partner: "Partner",
    partners: "Partner",
    case: "Casus",
    cases: "Casus",
    page: "Pagina",
    pages: "Pagina",
  };

  /** Returns the root prefix from data-root on <html>, accepting only "", "./" and "../" steps. */
  function siteRoot(doc) {
    var root = doc.documentElement.getAttribute("data-root") || "";
    return /^(\.{1,2}\/)*$/.test(root) ? root : "";
  }

  /** Returns root + url for a site-relative url, or null for an absolute or scheme url. */
  function siteUrl(root, url) {
    if (typeof url !== "string" || url === "") {
      return null;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.charAt(0) === "/" || url.charAt(0) === "\\") {
      return null;
    }
    return root + url;
  }

  function createView(doc, win, session, nodes) {
    var quiz = session.quiz;
    var root = siteRoot(doc);
    var app = nodes.app;
    var live = nodes.live;
    var siteTitle = app.getAttribute("data-site-title") || "";
    var formCounter = 0;

    function el(tag, attributes, children) {
      var node = doc.createElement(tag);
      Object.keys(attributes || {}).forEach(function (name) {
        var value = attributes[name];
        if (value === false || value === null || value === undefined) {
          return;
        }
        if (name === "text") {
          node.textContent = value;
        } else if (name === "class") {
          node.className = value;
        } else if (value === true) {
          node.setAttribute(name, "");
        } else {
          node.setAttribute(name, String(value));
        }
      });
      (children || []).forEach(function (child) {
        if (child === null || child === undefined) {
          return;
        }
        node.appendChild(typeof child === "string" ? doc.createTextNode(child) : child);
      });
      return node;
    }

    function announce(message) {
      // Clearing first makes screen readers announce a repeated message again.
      live.textContent = "";
      win.setTimeout(function () {
        live.textContent = message;
      }, 50);
    }

    function focusHeading(heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }

    function clear(node) {
      while (node.firstChild) {
        node.removeChild(node.firstChild);
      }
    }

    function linkList(question) {
      var links = (question.links || []).filter(function (link) {
        return link && siteUrl(root, link.url) !== null && link.title;
      });
      if (links.length === 0) {
        return null;
      }
      return el("div", { class: "quiz-links" }, [
        el("p", { class: "quiz-links-title", text: "Lees meer:" }),
        el(
          "ul",
          {},
          links.map(function (link) {
            var label = LINK_KIND_LABELS[link.kind];
            return el("li", {}, [
              label ? el("span", { class: "quiz-link-kind", text: label + ": " }) : null,
              el("a", { href: siteUrl(root, link.url), text: link.title }),
            ]);
          })
        ),
      ]);
    }

    // --- Answer inputs -------------------------------------------------

    function choiceInputs(question, index, prefix) {
      var answered = session.isAnswered(index);
      var answer = session.answerAt(index);
      var multiple = question.kind === "multiple";
      var list = el("ul", { class: "quiz-options" });
      session.layout(index).forEach(function (optionIndex) {
        var id = prefix + "-option-" + optionIndex;
        var checked = multiple
          ? answered && answer.indexOf(optionIndex) !== -1
          : answered && answer === optionIndex;
        var input = el("input", {
          type: multiple ? "checkbox" : "radio",
          name: prefix + "-answer",
          id: id,
          value: String(optionIndex),
          checked: checked,
          disabled: answered,
        });
        list.appendChild(
          el("li", { class: "quiz-option" }, [
            input,
            el("label", { for: id, text: question.options[optionIndex].text }),
          ])
        );
      });
      return list;
    }

    function readChoice(form, question) {
      var inputs = Array.prototype.slice.call(form.querySelectorAll("input"));
      var chosen = inputs
        .filter(function (input) {
          return input.checked;
        })
        .map(function (input) {
          return Number(input.value);
        });
      if (question.kind === "single") {
        return chosen.length === 1 ? chosen[0] : null;
      }
      return chosen.length > 0 ? chosen.sort(function (a, b) { return a - b; }) : null;
    }

    function orderInputs(question, index, focusAfterMove) {
      var answered = session.isAnswered(index);
      var sequence = answered ? session.answerAt(index) : session.layout(index);
      var list = el("ol", { class: "quiz-order" });
      sequence.forEach(function (itemIndex, position) {
        var text = question.items[itemIndex].text;
        var row = el("li", { class: "quiz-order-item" }, [
          el("span", { class: "quiz-order-text", text: text }),
        ]);
        if (!answered) {
          var up = el("button", {
            type: "button",
            class: "quiz-move quiz-move-up",
            "aria-label": "Omhoog: " + text,
            disabled: position === 0,
            text: "\u2191 Omhoog",
          });
          var down = el("button", {
            type: "button",
            class: "quiz-move quiz-move-down",
            "aria-label": "Omlaag: " + text,
            disabled: position === sequence.length - 1,
            text: "\u2193 Omlaag",
          });
          up.addEventListener("click", function () {
            moveAndRender(question, index, list, position, -1);
          });
          down.addEventListener("click", function () {
            moveAndRender(question, index, list, position, 1);
          });
          row.appendChild(el("span", { class: "quiz-order-buttons" }, [up, down]));
        }
        list.appendChild(row);
      });
      if (focusAfterMove) {
        // Keep focus on the moved item. Focus the same button, or the other one
        // when the item reached the top or bottom and that button is disabled.
        var movedRow = list.querySelectorAll(".quiz-order-item")[focusAfterMove.position];
        var preferred = movedRow.querySelector(focusAfterMove.delta < 0 ? ".quiz-move-up" : ".quiz-move-down");
        var other = movedRow.querySelector(focusAfterMove.delta < 0 ? ".quiz-move-down" : ".quiz-move-up");
        win.setTimeout(function () {
          (preferred.disabled ? other : preferred).focus();
        }, 0);
      }
      return list;
    }

    function moveAndRender(question, index, list, position, delta) {
      var sequence = session.moveItem(index, position, delta);
      var newPosition = position + delta;
      var replacement = orderInputs(question, index, { position: newPosition, delta: delta });
      list.parentNode.replaceChild(replacement, list);
      var text = question.items[sequence[newPosition]].text;
      announce("\u201c" + text + "\u201d staat nu op plaats " + (newPosition + 1) + " van " + sequence.length + ".");
    }

    function matchInputs(question, index, prefix) {
      var answered = session.isAnswered(index);
      var answer = session.answerAt(index);
      var choices = matchChoices(question);
      var rows = el("div", { class: "quiz-match" });
      session.layout(index).forEach(function (pairIndex) {
        var id = prefix + "-pair-" + pairIndex;
        var select = el("select", { id: id, "data-pair": String(pairIndex), disabled: answered }, [
          el("option", { value: "", text: "Kies een antwoord" }),
        ]);
        choices.forEach(function (choice, choiceIndex) {
          select.appendChild(
            el("option", {
              value: String(choiceIndex),
              text: choice,
              selected: answered && answer[pairIndex] === choice,
            })
          );
        });
        rows.appendChild(
          el("div", { class: "quiz-match-row" }, [
            el("label", { for: id, class: "quiz-match-left", text: question.pairs[pairIndex].left }),
            select,
          ])
        );
      });
      return rows;
    }

    function readMatch(form, question) {
      var choices = matchChoices(question);
      var answer = question.pairs.map(function () {
        return null;
      });
      var complete = true;
      Array.prototype.slice.call(form.querySelectorAll("select")).forEach(function (select) {
        var pairIndex = Number(select.getAttribute("data-pair"));
        if (select.value === "") {
          complete = false;
        } else {
          answer[pairIndex] = choices[Number(select.value)];
        }
      });
      return complete ? answer : null;
    }

    // --- Feedback ------------------------------------------------------

    function feedbackEntry(status, statusLabel, text, feedback) {
      return el("li", { class: "quiz-feedback-item quiz-feedback-" + status }, [
        el("span", { class: "quiz-feedback-status", text: statusLabel }),
        " ",
        el("span", { class: "quiz-feedback-text", text: text }),
        // The space keeps screen readers from running text and note together.
        feedback ? " " : null,
        feedback ? el("span", { class: "quiz-feedback-note", text: feedback }) : null,
      ]);
    }

    function singleFeedback(question, answer) {
      var list = el("ul", { class: "quiz-feedback-list" });
      var chosen = question.options[answer];
      list.appendChild(
        feedbackEntry(
          chosen.correct ? "good" : "bad",
          chosen.correct ? "\u2713 Uw antwoord is goed:" : "\u2717 Uw antwoord is niet goed:",
          chosen.text,
          chosen.feedback
        )
      );
      if (!chosen.correct) {
        question.options.forEach(function (option) {
          if (option.correct) {
            list.appendChild(feedbackEntry("missed", "Het goede antwoord:", option.text, option.feedback));
          }
        });
      }
      return list;
    }

    function multipleFeedback(question, answer) {
      var list = el("ul", { class: "quiz-feedback-list" });
      question.options.forEach(function (option, optionIndex) {
        var chosen = answer.indexOf(optionIndex) !== -1;
        var status;
        var label;
        if (chosen && option.correct) {
          status = "good";
          label = "\u2713 Goed gekozen:";
        } else if (chosen) {
          status = "bad";
          label = "\u2717 Niet goed gekozen:";
        } else if (option.correct) {
          status = "missed";
          label = "\u2717 Deze hoort er ook bij:";
        } else {
          status = "neutral";
          label = "\u2713 Terecht niet gekozen:";
        }
        list.appendChild(feedbackEntry(status, label, option.text, option.feedback));
      });
      return list;
    }

    function orderFeedback(question, answer) {
      var list = el("ol", { class: "quiz-feedback-list" });
      question.items.forEach(function (item, itemIndex) {
        var placed = answer.indexOf(itemIndex);
        var good = placed === itemIndex;
        list.appendChild(
          feedbackEntry(
            good ? "good" : "bad",
            good ? "\u2713 Goed geplaatst:" : "\u2717 U zette dit op plaats " + (placed + 1) + ":",
            item.text,
            item.feedback
          )
        );
      });
      return el("div", {}, [el("p", { text: "De goede volgorde:" }), list]);
    }

    function matchFeedback(question, answer) {
      var list = el("ul", { class: "quiz-feedback-list" });
      question.pairs.forEach(function (pair, pairIndex) {
        var good = answer[pairIndex] === pair.right;
        var text = pair.left + " \u2192 " + pair.right;
        var label = good ? "\u2713 Goed:" : "\u2717 U koos \u201c" + answer[pairIndex] + "\u201d. Goed is:";
        list.appendChild(feedbackEntry(good ? "good" : "bad", label, text, pair.feedback));
      });
      return list;
    }

    function feedbackPanel(question, index) {
      var answer = session.answerAt(index);
      var correct = session.isCorrect(index);
      var details;
      switch (question.kind) {
        case "single":
          details = singleFeedback(question, answer);
          break;
        case "multiple":
          details = multipleFeedback(question, answer);
          break;
        case "order":
          details = orderFeedback(question, answer);
          break;
        default:
          details = matchFeedback(question, answer);
      }
      return el("div", { class: "quiz-feedback " + (correct ? "quiz-feedback-correct" : "quiz-feedback-wrong") }, [
        el("p", { class: "quiz-verdict", text: correct ? "\u2713 Goed." : "\u2717 Niet goed." }),
        details,
        question.explanation ? el("p", { class: "quiz-explanation", text: question.explanation }) : null,
        linkList(question),
      ]);
    }

    // --- Question view -------------------------------------------------

    function renderQuestion(index, moveFocus) {
      var question = quiz.questions[index];
      var total = session.questionCount();
      var answered = session.isAnswered(index);
      var prefix = "quiz-f" + (formCounter += 1);
      var headingId = prefix + "-heading";
      clear(app);

      var heading = el("h2", {
        id: headingId,
        class: "quiz-question-title",
        text: "Vraag " + (index + 1) + " van " + total,
      });
      var progress = el("progress", {
        class: "quiz-progress",
        max: String(total),
        value: String(index + 1),
        "aria-hidden": "true",
      });

      var body;
      var hint = null;
      if (question.kind === "single") {
        body = choiceInputs(question, index, prefix);
        hint = "Kies \u00e9\u00e9n antwoord.";
      } else if (question.kind === "multiple") {
        body = choiceInputs(question, index, prefix);
        hint = "Kies alle goede antwoorden. Dat kan er \u00e9\u00e9n zijn, of meer.";
      } else if (question.kind === "order") {
        body = orderInputs(question, index, null);
        hint = "Zet de stappen in de goede volgorde met de knoppen Omhoog en Omlaag.";
      } else {
        body = matchInputs(question, index, prefix);
        hint = "Kies bij elke regel het antwoord dat erbij hoort.";
      }

      var hintId = prefix + "-hint";
      var fieldset = el("fieldset", { class: "quiz-fieldset", "aria-describedby": answered ? null : hintId }, [
        el("legend", { class: "quiz-prompt", text: question.prompt }),
        answered ? null : el("p", { id: hintId, class: "quiz-hint", text: hint }),
        body,
      ]);

      var error = el("p", { class: "quiz-error", hidden: true });
      var form = el("form", { class: "quiz-question", "aria-labelledby": headingId, novalidate: true }, [
        heading,
        progress,
        fieldset,
        error,
      ]);

      var actions = el("div", { class: "quiz-actions" });
      var nextButton = null;
      if (answered) {
        form.appendChild(feedbackPanel(question, index));
      } else {
        actions.appendChild(el("button", { type: "submit", class: "quiz-button quiz-button-primary", text: "Controleer antwoord" }));
      }
      if (index > 0) {
        var previous = el("button", { type: "button", class: "quiz-button", text: "Vorige vraag" });
        previous.addEventListener("click", function () {
          renderQuestion(session.goTo(index - 1), true);
        });
        actions.appendChild(previous);
      }
      if (answered) {
        nextButton = nextAction(index);
        actions.appendChild(nextButton);
      }
      form.appendChild(actions);

      form.addEventListener("submit", function (event) {
        event.preventDefault();
        submitAnswer(form, error, question, index);
      });

      app.appendChild(form);
      app.appendChild(footer());
      if (moveFocus) {
        focusHeading(heading);
      }
      return nextButton;
    }

    function nextAction(index) {
      var last = index === session.questionCount() - 1;
      var showScore = last || session.isFinished();
      var button = el("button", {
        type: "button",
        class: "quiz-button quiz-button-primary",
        text: showScore && session.allAnswered() ? "Bekijk uw score" : "Volgende vraag",
      });
      button.addEventListener("click", function () {
        if (session.allAnswered() && (showScore || session.isFinished())) {
          session.finish();
          renderResult(true);
          return;
        }
        renderQuestion(session.goTo(firstOpenAfter(index)), true);
      });
      return button;
    }

    /** Returns the next question to show: the next one, or the first unanswered one after the last. */
    function firstOpenAfter(index) {
      if (index + 1 < session.questionCount()) {
        return index + 1;
      }
      for (var i = 0; i < session.questionCount(); i += 1) {
        if (!session.isAnswered(i)) {
          return i;
        }
      }
      return index;
    }

    function submitAnswer(form, error, question, index) {
      var answer;
      var missing;
      if (question.kind === "single" || question.kind === "multiple") {
        answer = readChoice(form, question);
        missing = question.kind === "single" ? "Kies eerst een antwoord." : "Kies eerst minstens \u00e9\u00e9n antwoord.";
      } else if (question.kind === "order") {
        answer = session.layout(index);
      } else {
        answer = readMatch(form, question);
        missing = "Kies eerst bij elke regel een antwoord.";
      }
      if (answer === null) {
        error.textContent = missing;
        error.hidden = false;
        announce(missing);
        return;
      }
      var result = session.submit(index, answer);
      var nextButton = renderQuestion(index, false);
      var message = (result.correct ? "Goed." : "Niet goed.") + (question.explanation ? " " + question.explanation : "");
      announce(message + " De uitleg staat onder de vraag.");
      if (nextButton) {
        nextButton.focus();
      }
    }

    function footer() {
      var reset = el("button", { type: "button", class: "quiz-button quiz-button-reset", text: "Opnieuw beginnen" });
      reset.addEventListener("click", function () {
        var confirmed = win.confirm("Wilt u opnieuw beginnen? Uw antwoorden worden gewist.");
        if (!confirmed) {
          return;
        }
        session.reset();
        renderQuestion(0, true);
        announce("De quiz begint opnieuw. Uw antwoorden zijn gewist.");
      });
      var note = session.canSave
        ? "Uw antwoorden worden alleen in deze browser bewaard. Met Opnieuw beginnen wist u ze."
        : "Deze browser bewaart uw antwoorden niet. Als u de pagina sluit, begint de quiz opnieuw.";
      return el("div", { class: "quiz-footer" }, [el("p", { class: "quiz-storage-note", text: note }), reset]);
    }

    // --- Result view ---------------------------------------------------

    function renderResult(moveFocus) {
      var summary = session.summary();
      clear(app);
      var heading = el("h2", { class: "quiz-result-title", text: "Uw score" });
      var section = el("section", { class: "quiz-result" }, [
        heading,
        el("p", {
          class: "quiz-score",
          text:
            "U had " + summary.correct + " van de " + summary.total + " vragen goed. Dat is " + summary.percent + " procent.",
        }),
        el("p", {
          class: "quiz-pass " + (summary.passed ? "quiz-pass-yes" : "quiz-pass-no"),
          text: summary.passed
            ? "\u2713 Geslaagd. U had " + summary.passMark + " procent nodig."
            : "Nog niet geslaagd. U heeft " + summary.passMark + " procent nodig. Bekijk de vragen hieronder en probeer het daarna opnieuw.",
        }),
      ]);

      if (summary.toRevisit.length > 0) {
        var list = el("ol", { class: "quiz-revisit" });
        summary.toRevisit.forEach(function (entry) {
          var open = el("button", {
            type: "button",
            class: "quiz-button quiz-button-link",
            text: "Bekijk vraag " + (entry.index + 1),
          });
          open.addEventListener("click", function () {
            renderQuestion(session.goTo(entry.index), true);
          });
          list.appendChild(
            el("li", { class: "quiz-revisit-item" }, [
              el("p", { class: "quiz-revisit-prompt", text: entry.question.prompt }),
              open,
              linkList(entry.question),
            ])
          );
        });
        section.appendChild(el("h3", { text: "Vragen om nog eens te bekijken" }));
        section.appendChild(list);
      } else {
        section.appendChild(el("p", { text: "U had alle vragen goed." }));
      }

      if (summary.passed) {
        section.appendChild(certificate(summary));
      }
      app.appendChild(section);
      app.appendChild(footer());
      if (moveFocus) {
        focusHeading(heading);
      }
    }

    function certificate(summary) {
      var nameId = "quiz-certificate-name";
      var nameOutput = el("p", { class: "quiz-certificate-name" });
      function showName() {
        nameOutput.textContent = session.certificateName() || "\u2026\u2026\u2026\u2026\u2026\u2026\u2026\u2026\u2026\u2026";
      }
      showName();
      // autocomplete="off" keeps the browser from remembering the name as form history.
      var input = el("input", {
        type: "text",
        id: nameId,
        class: "quiz-certificate-input",
        autocomplete: "off",
        spellcheck: "false",
        value: session.certificateName(),
      });
      input.addEventListener("input", function () {
        session.setCertificateName(input.value);
        showName();
      });
      var print = el("button", { type: "button", class: "quiz-button quiz-button-primary", text: "Print certificaat" });
      print.addEventListener("click", function () {
        var html = doc.documentElement;
        html.classList.add("quiz-print-certificate");
        win.addEventListener("afterprint", function done() {
          html.classList.remove("quiz-print-certificate");
          win.removeEventListener("afterprint", done);
        });
        win.print();
      });
      var date = formatDate(session.state().finishedAt) || formatDate(isoDate(new Date()));
      var sheet = el("div", { class: "quiz-certificate", role: "group", "aria-label": "Voorbeeld van het certificaat" }, [
        el("p", { class: "quiz-certificate-kicker", text: "Certificaat" }),
        el("p", { class: "quiz-certificate-title", text: quiz.title }),
        nameOutput,
        el("p", {
          text: "heeft deze quiz afgerond met een score van " + summary.percent + " procent (" + summary.correct + " van " + summary.total + " vragen goed).",
        }),
        el("p", { class: "quiz-certificate-date", text: "Datum: " + date }),
        siteTitle ? el("p", { class: "quiz-certificate-site", text: siteTitle }) : null,
      ]);
      return el("section", { class: "quiz-certificate-section" }, [
        el("h3", { text: "Certificaat" }),
        el("p", { text: "Vul uw naam in en print het certificaat. Uw naam wordt nergens bewaard of verstuurd." }),
        el("p", { class: "quiz-certificate-field" }, [el("label", { for: nameId, text: "Uw naam" }), input]),
        sheet,
        el("div", { class: "quiz-actions" }, [print]),
      ]);
    }

    return {
      start: function () {
        if (session.isFinished()) {
          renderResult(false);
        } else {
          renderQuestion(session.currentIndex(), false);
        }
      },
    };
  }

  /**
   * Replaces the static question list of a quiz page with the interactive
   * quiz. Leaves the page unchanged when the quiz data is missing or invalid.
   */
  function mount(doc, win) {
    var data = doc.getElementById("baken-quiz");
    var app = doc.getElementById("quiz-app");
    var live = doc.getElementById("quiz-live");
    if (!data || !app || !live) {
      return null;
    }
    var quiz;
    try {
      quiz = JSON.parse(data.textContent);
    } catch (error) {
      win.console.error("Baken quiz: the quiz data in #baken-quiz is not valid JSON, so the page keeps the static question list:", error);
      return null;
    }
    if (!isUsableQuiz(quiz)) {
      win.console.error("Baken quiz: the quiz data in #baken-quiz is missing an id or has an invalid question, so the page keeps the static question list.");
      return null;
    }
    var session = createSession(quiz, getStorage(win), {});
    var view = createView(doc, win, session, { app: app, live: live });
    var staticList = doc.getElementById("quiz-static");
    if (staticList) {
      staticList.hidden = true;
    }
    app.hidden = false;
    view.start();
    return session;
  }

  if (typeof document !== "undefined" && typeof window !== "undefined") {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () {
        mount(document, window);
      });
    } else {
      mount(document, window);
    }
  }

  return {
    storageKey: storageKey,
    matchChoices: matchChoices,
    isUsableQuiz: isUsableQuiz,
    scoreSingle: scoreSingle,
    scoreMultiple: scoreMultiple,
    scoreOrder: scoreOrder,
    scoreMatch: scoreMatch,
    scoreQuestion: scoreQuestion,
    summarize: summarize,
    shuffle: shuffle,
    createLayout: createLayout,
    moveEntry: moveEntry,
    emptyState: emptyState,
    sanitizeState: sanitizeState,
    saveState: saveState,
    loadState: loadState,
    resetState: resetState,
    getStorage: getStorage,
    formatDate: formatDate,
    siteUrl: siteUrl,
    createSession: createSession,
    mount: mount,
  };
})();

if (typeof module === "object" && module.exports) {
  module.exports = BakenQuiz;
}

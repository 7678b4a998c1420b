/*
 * Search for the whole site, without a server: instant results under the
 * search box on every page, and the results page zoeken.html.
 *
 * The index under assets/search/ consists of classic scripts that call
 * BakenSearch.register(name, data); this script adds them as <script>
 * elements when a query needs them, so search also works from file://.
 * meta.js comes first; term shards (t-N), word lists (w-N) and document
 * shards (d-N, titles and snippet texts) follow as a query needs them.
 *
 * Queries are planned exactly as `baken search` plans them (see
 * src/search/plan.rs): the same normalisation, the stems from the exported
 * vocabulary, compounds, prefixes of the last word, one typo in longer
 * words, and glossary synonyms. Scores are precomputed per term and document.
 */
"use strict";

var BakenSearch = (function () {
  var FORMAT_VERSION = 1;
  var TOKEN = /[\p{Alphabetic}\p{N}]+/gu;
  var ASCII = /^[\x00-\x7f]*$/;
  var KIND_LABELS = {
    pagina: "Pagina",
    partner: "Partner",
    signaal: "Signaal",
    casus: "Casus",
    begrip: "Begrip",
    quiz: "Quiz",
    overig: "Overig"
  };

  // Data of the index files, by name, as they register; each engine takes
  // what it loaded into its own `files`.
  var registry = {};

  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  var DIGIT_VALUES = {};
  for (var d = 0; d < DIGITS.length; d++) DIGIT_VALUES[DIGITS.charAt(d)] = d;

  /** Decodes postings written by the Rust exporter: base-32 numbers whose
   * last digit comes from the first half of DIGITS. */
  function decodePostings(code) {
    var numbers = [];
    var value = 0;
    for (var i = 0; i < code.length; i++) {
      var digit = DIGIT_VALUES[code.charAt(i)];
      if (digit >= 32) {
        value = value * 32 + digit - 32;
      } else {
        numbers.push(value * 32 + digit);
        value = 0;
      }
    }
    return numbers;
  }

  /** Decodes keys joined by spaces, each written as a base-36 digit for the
   * characters shared with the key before and the characters that follow. */
  function decodeFrontCoded(text) {
    var previous = [];
    return text.split(" ").map(function (entry) {
      var chars = previous.slice(0, parseInt(entry.charAt(0), 36)).concat(Array.from(entry.slice(1)));
      previous = chars;
      return chars.join("");
    });
  }

  /** Stores the data of one index file; each file calls this once. */
  function register(name, data) {
    registry[name] = data;
  }

  function has(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }

  /* ---- Text analysis, the same as the Rust analyzers ---- */

  function compareCodePoints(a, b) {
    var x = Array.from(a);
    var y = Array.from(b);
    for (var i = 0; i < x.length && i < y.length; i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d !== 0) return d;
    }
    return x.length - y.length;
  }

  function utf8Length(text) {
    var n = 0;
    for (var c of text) {
      var code = c.codePointAt(0);
      if (code < 0x80) n += 1;
      else if (code < 0x800) n += 2;
      else if (code < 0x10000) n += 3;
      else n += 4;
    }
    return n;
  }

  function charCount(text) {
    return Array.from(text).length;
  }

  /** Builds the analyzer of one index from its meta data. */
  function Analyzer(meta) {
    this.fold = {};
    for (var target in meta.fold) {
      if (!has(meta.fold, target)) continue;
      for (var c of meta.fold[target]) this.fold[c] = target;
    }
    this.stop = {};
    meta.stopWords.forEach(function (word) { this.stop[word] = true; }, this);
    this.maxTokenBytes = meta.maxTokenBytes;
  }

  /** Lowercases and folds one token, character by character as tantivy does. */
  Analyzer.prototype.normalize = function (token) {
    if (ASCII.test(token)) return token.toLowerCase();
    var out = "";
    for (var c of token) {
      for (var lower of c.toLowerCase()) {
        out += has(this.fold, lower) ? this.fold[lower] : lower;
      }
    }
    return out;
  };

  /** Returns the tokens of `text` with their offsets; `form` is null for dropped tokens. */
  Analyzer.prototype.tokens = function (text) {
    var out = [];
    TOKEN.lastIndex = 0;
    var match;
    while ((match = TOKEN.exec(text)) !== null) {
      var form = this.normalize(match[0]);
      var dropped = utf8Length(form) >= this.maxTokenBytes || has(this.stop, form);
      out.push({ start: match.index, end: match.index + match[0].length, form: dropped ? null : form });
    }
    return out;
  };

  /** Returns the normalised words of `text`, stop words left out. */
  Analyzer.prototype.analyze = function (text) {
    return this.tokens(text.normalize("NFC"))
      .map(function (t) { return t.form; })
      .filter(function (form) { return form !== null; });
  };

  /** Returns true when `a` becomes `b` by one substitution, insertion,
   * deletion or swap of two neighbouring characters. */
  function isOneEdit(a, b) {
    var short = a.length <= b.length ? a : b;
    var long = a.length <= b.length ? b : a;
    if (long.length - short.length > 1) return false;
    var p = 0;
    while (p < short.length && short[p] === long[p]) p++;
    var rest = function (x, from) { return x.slice(from).join("\u0000"); };
    if (short.length === long.length) {
      if (p === short.length) return false;
      if (rest(short, p + 1) === rest(long, p + 1)) return true;
      return p + 1 < short.length && short[p] === long[p + 1] && short[p + 1] === long[p] &&
        rest(short, p + 2) === rest(long, p + 2);
    }
    return rest(short, p) === rest(long, p + 1);
  }

  /* ---- The index: loading files and reading records ---- */

  function loadScriptTag(url, done) {
    var script = document.createElement("script");
    script.src = url;
    script.async = true;
    script.onload = function () { done(null); };
    script.onerror = function () { done(new Error("Kan " + url + " niet laden")); };
    document.head.appendChild(script);
  }

  /**
   * Creates a search engine over the index in `options.base` (a URL or path
   * ending in "/"). `options.load(url, done)` loads one index file; the
   * default adds a <script> element.
   */
  function Engine(options) {
    this.base = options.base;
    this.load = options.load || loadScriptTag;
    this.pending = {};
    this.files = {};
    this.meta = null;
    this.analyzer = null;
    this.wordLists = {};
  }

  /** Loads the named index files, then calls `done(error)`. */
  Engine.prototype.need = function (names, done) {
    var self = this;
    var missing = names.filter(function (name, i) {
      return !has(self.files, name) && names.indexOf(name) === i;
    });
    var left = missing.length;
    var failed = null;
    if (left === 0) return done(null);
    missing.forEach(function (name) {
      var isFirst = !has(self.pending, name);
      if (isFirst) self.pending[name] = [];
      self.pending[name].push(function (error) {
        failed = failed || error;
        left -= 1;
        if (left === 0) done(failed);
      });
      // The callback is queued first because a loader may finish at once.
      if (!isFirst) return;
      delete registry[name];
      self.load(self.base + name + ".js", function (error) {
        var callbacks = self.pending[name];
        delete self.pending[name];
        if (!error && !has(registry, name)) error = new Error(name + ".js heeft zich niet aangemeld");
        if (!error) self.files[name] = registry[name];
        callbacks.forEach(function (cb) { cb(error); });
      });
    });
  };

  /** Loads meta.js once, then calls `done(error)`. */
  Engine.prototype.ready = function (done) {
    var self = this;
    if (self.meta) return done(null);
    self.need(["meta"], function (error) {
      if (error) return done(error);
      var meta = self.files.meta;
      if (meta.version !== FORMAT_VERSION) {
        return done(new Error("De zoekindex heeft versie " + meta.version + ", verwacht " + FORMAT_VERSION));
      }
      self.meta = meta;
      self.analyzer = new Analyzer(meta);
      self.separators = decodeFrontCoded(meta.termShards);
      self.wordListIndex = {};
      meta.wordLists.forEach(function (key, n) { self.wordListIndex[key] = n; });
      done(null);
    });
  };

  /** Returns the name of the term shard that contains `key`, which is the
   * last shard whose separator sorts before or equal to `key`. */
  Engine.prototype.shardOf = function (key) {
    var firsts = this.separators;
    var low = 0;
    var high = firsts.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (compareCodePoints(firsts[mid], key) <= 0) low = mid; else high = mid - 1;
    }
    return "t-" + low;
  };

  /** Returns the name of the word list that contains `word` and the forms
   * that share its first characters, or null if there is none. */
  Engine.prototype.wordListOf = function (word) {
    var key = Array.from(word).slice(0, this.meta.plan.wordListChars).join("");
    return has(this.wordListIndex, key) ? "w-" + this.wordListIndex[key] : null;
  };

  /** Returns the record of a key from a loaded shard, or an empty one. */
  Engine.prototype.record = function (key) {
    var shard = this.files[this.shardOf(key)];
    return shard && has(shard, key) ? shard[key] : {};
  };

  /** Returns the forms of a loaded word list as {form, stem, df}, in byte order. */
  Engine.prototype.forms = function (word) {
    var name = this.wordListOf(word);
    if (name === null) return [];
    if (!has(this.wordLists, name)) {
      var flat = this.files[name];
      var list = [];
      for (var i = 0; i < flat.length; i += 3) {
        var stem = typeof flat[i + 1] === "number" ? Array.from(flat[i]).slice(0, flat[i + 1]).join("") : flat[i + 1];
        list.push({ form: flat[i], stem: stem, df: flat[i + 2] });
      }
      this.wordLists[name] = list;
    }
    return this.wordLists[name];
  };

  Engine.prototype.isKnown = function (word) {
    return has(this.record(word), "e");
  };

  Engine.prototype.key = function (word) {
    var record = this.record(word);
    if (!has(record, "e")) return word;
    return has(record, "m") ? record.m : word;
  };

  /* ---- Planning: the steps of src/search/plan.rs ---- */

  function mostFrequent(candidates, max) {
    candidates.sort(function (a, b) { return b.df - a.df || compareCodePoints(a.form, b.form); });
    return candidates.slice(0, max);
  }

  Engine.prototype.truncatedForm = function (word) {
    var p = this.meta.plan;
    var chars = Array.from(word);
    var byForm = {};
    this.forms(word).forEach(function (f) { byForm[f.form] = f; });
    for (var n = chars.length - 1; n >= 1; n--) {
      if (n < p.minPartChars || chars.length - n > p.maxTruncatedExtraChars) continue;
      var prefix = chars.slice(0, n).join("");
      if (has(byForm, prefix)) return byForm[prefix];
    }
    return null;
  };

  Engine.prototype.tails = function (word) {
    var p = this.meta.plan;
    var chars = Array.from(word);
    var tails = [];
    for (var n = p.minTailHeadChars; chars.length - n >= p.minPartChars; n++) {
      tails.push(chars.slice(n).join(""));
    }
    return tails;
  };

  Engine.prototype.prefixForms = function (prefix) {
    var candidates = this.forms(prefix).filter(function (f) {
      return f.form !== prefix && f.form.indexOf(prefix) === 0;
    });
    return mostFrequent(candidates, this.meta.plan.maxPrefixForms);
  };

  Engine.prototype.fuzzyForms = function (word) {
    var chars = Array.from(word);
    var candidates = this.forms(word).filter(function (f) {
      return isOneEdit(chars, Array.from(f.form));
    });
    return mostFrequent(candidates, this.meta.plan.maxFuzzyForms);
  };

  /** Returns the keys that glossary phrases in `keys` add, with weights. */
  Engine.prototype.synonymKeys = function (keys) {
    var groups = this.meta.synonyms;
    var weight = this.meta.plan.weightSynonym;
    var maxWords = this.meta.plan.maxSynonymWords;
    var startsWith = function (at, phrase) {
      if (at + phrase.length > keys.length) return false;
      return phrase.every(function (k, j) { return keys[at + j] === k; });
    };
    var same = function (a, b) {
      return a.length === b.length && a.every(function (k, j) { return k === b[j]; });
    };
    var added = [];
    var i = 0;
    while (i < keys.length) {
      var length = 0;
      groups.forEach(function (group) {
        group.forEach(function (phrase) {
          if (phrase.length > length && startsWith(i, phrase)) length = phrase.length;
        });
      });
      if (length === 0) { i += 1; continue; }
      var matched = keys.slice(i, i + length);
      groups.forEach(function (group) {
        if (!group.some(function (p) { return same(p, matched); })) return;
        group.forEach(function (phrase) {
          if (same(phrase, matched) || phrase.length > maxWords) return;
          phrase.forEach(function (key) { added.push([key, weight / phrase.length]); });
        });
      });
      i += length;
    }
    return added;
  };

  /**
   * Plans `query` and calls `done(error, plan)`; `plan.clauses` lists
   * {kind: "exact"|"stem", term, weight}, sorted like the Rust plan.
   */
  Engine.prototype.plan = function (query, done) {
    var self = this;
    self.ready(function (error) {
      if (error) return done(error);
      var p = self.meta.plan;
      var words = self.analyzer.analyze(query);
      var last = words.length - 1;
      var wantsPrefix = last >= 0 && charCount(words[last]) >= p.minPrefixChars;
      var first = words.map(function (w) { return self.shardOf(w); });
      if (wantsPrefix && self.wordListOf(words[last])) first.push(self.wordListOf(words[last]));

      // Stage 1: the records of the words tell which words are known.
      self.need(first, function (error) {
        if (error) return done(error);
        var unknown = words.filter(function (w) { return !self.isKnown(w); });
        var second = [];
        unknown.forEach(function (w) {
          if (self.wordListOf(w)) second.push(self.wordListOf(w));
          self.tails(w).forEach(function (t) { second.push(self.shardOf(t)); });
        });

        // Stage 2: word lists and tails of unknown words give their stems.
        self.need(second, function (error) {
          if (error) return done(error);
          var clauses = {};
          var add = function (kind, term, weight) {
            var id = kind + "\u0000" + term;
            if (!has(clauses, id) || clauses[id].weight < weight) clauses[id] = { kind: kind, term: term, weight: weight };
          };
          var withCompounds = [];
          words.forEach(function (word, i) {
            if (self.isKnown(word)) {
              add("exact", word, p.weightExact);
              withCompounds.push([self.key(word), p.weightStem]);
            } else {
              var truncated = self.truncatedForm(word);
              if (truncated) withCompounds.push([truncated.stem, p.weightTruncated]);
              var tail = self.tails(word).filter(function (t) { return self.isKnown(t); })[0];
              if (tail !== undefined) add("stem", self.key(tail), p.weightTail);
              if (charCount(word) >= p.minFuzzyChars) {
                self.fuzzyForms(word).forEach(function (f) { add("stem", f.stem, p.weightFuzzy); });
              }
            }
            if (i === last && wantsPrefix) {
              self.prefixForms(word).forEach(function (f) { add("stem", f.stem, p.weightPrefix); });
            }
          });
          var keys = words.map(function (w) { return self.key(w); });
          self.synonymKeys(keys).forEach(function (pair) { add("stem", pair[0], pair[1]); });

          // Stage 3: the stem records hold the compounds.
          var third = withCompounds.map(function (pair) { return self.shardOf(pair[0]); });
          self.need(third, function (error) {
            if (error) return done(error);
            withCompounds.forEach(function (pair) {
              add("stem", pair[0], pair[1]);
              (self.record(pair[0]).c || []).forEach(function (c) {
                add("stem", c, pair[1] * p.factorCompound);
              });
            });
            var list = Object.keys(clauses).map(function (id) { return clauses[id]; });
            list.sort(function (a, b) {
              if (a.kind !== b.kind) return a.kind === "exact" ? -1 : 1;
              return compareCodePoints(a.term, b.term);
            });
            done(null, { words: words, clauses: list });
          });
        });
      });
    });
  };

  /**
   * Runs `query` and calls `done(error, result)`. `result.hits` lists every
   * matching document as {ord, score, kind}, best first; `result.counts`
   * counts the hits per kind; `result.marks` contains the forms to highlight.
   */
  Engine.prototype.search = function (query, done) {
    var self = this;
    self.plan(query, function (error, plan) {
      if (error) return done(error);
      var shards = plan.clauses.map(function (c) { return self.shardOf(c.term); });
      self.need(shards, function (error) {
        if (error) return done(error);
        done(null, self.score(plan));
      });
    });
  };

  Engine.prototype.score = function (plan) {
    var self = this;
    var meta = self.meta;
    var scores = {};
    var marks = {};
    plan.clauses.forEach(function (clause) {
      var record = self.record(clause.term);
      var code = clause.kind === "exact" ? record.e : record.s;
      if (!code) return;
      var postings = decodePostings(code);
      if (clause.kind === "exact") marks[clause.term] = true;
      (record.f || []).forEach(function (form) { marks[form] = true; });
      var ord = 0;
      for (var i = 0; i < postings.length; i += 2) {
        ord += postings[i];
        scores[ord] = (scores[ord] || 0) + clause.weight * postings[i + 1] / meta.scoreScale;
      }
    });
    var counts = {};
    var hits = Object.keys(scores).map(function (key) {
      var ord = Number(key);
      var kind = meta.kinds[parseInt(meta.docKinds.charAt(ord), 36)] || "overig";
      counts[kind] = (counts[kind] || 0) + 1;
      return { ord: ord, score: scores[key], kind: kind };
    });
    hits.sort(function (a, b) { return b.score - a.score || a.ord - b.ord; });
    return { words: plan.words, clauses: plan.clauses, hits: hits, counts: counts, marks: marks };
  };

  /** Loads title, URL and snippet text of `hits` and calls `done(error, items)`. */
  Engine.prototype.describe = function (hits, done) {
    var files = this.files;
    var size = this.meta.docsPerShard;
    var kinds = this.meta.kinds;
    var names = hits.map(function (hit) { return "d-" + Math.floor(hit.ord / size); });
    this.need(names, function (error) {
      if (error) return done(error);
      done(null, hits.map(function (hit) {
        var row = files["d-" + Math.floor(hit.ord / size)][hit.ord % size];
        return { ord: hit.ord, score: hit.score, title: row[0], url: row[1], kind: kinds[row[2]] || "overig", text: row[3] };
      }));
    });
  };

  /**
   * Cuts a snippet of about `size` characters from `text` around the first
   * highlighted word. Returns parts {text, mark}.
   */
  Engine.prototype.snippet = function (text, marks, size) {
    var tokens = this.analyzer.tokens(text);
    var marked = tokens.filter(function (t) { return t.form !== null && has(marks, t.form); });
    var start = 0;
    if (marked.length > 0 && marked[0].start > size / 3) {
      start = marked[0].start - Math.floor(size / 3);
      var space = text.indexOf(" ", start);
      start = space < 0 || space > marked[0].start ? start : space + 1;
    }
    var end = Math.min(text.length, start + size);
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      end = cut > start ? cut : end;
    }
    var parts = [];
    var at = start;
    if (start > 0) parts.push({ text: "\u2026 ", mark: false });
    marked.forEach(function (t) {
      if (t.start < at || t.end > end) return;
      if (t.start > at) parts.push({ text: text.slice(at, t.start), mark: false });
      parts.push({ text: text.slice(t.start, t.end), mark: true });
      at = t.end;
    });
    if (end > at) parts.push({ text: text.slice(at, end), mark: false });
    if (end < text.length) parts.push({ text: " \u2026", mark: false });
    return parts;
  };

  return {
    register: register,
    createEngine: function (options) { return new Engine(options); },
    Analyzer: Analyzer,
    isOneEdit: isOneEdit,
    decodePostings: decodePostings,
    decodeFrontCoded: decodeFrontCoded,
    compareCodePoints: compareCodePoints,
    kindLabel: function (kind) { return KIND_LABELS[kind] || kind; },
    kindLabels: KIND_LABELS
  };
})();

if (typeof module === "object" && module.exports) {
  module.exports = BakenSearch;
}

/*
 * The user interface: the search box on every page (form[data-search]) and
 * the results page ([data-search-page]). Both work without this script: the
 * box submits to zoeken.html, and that page then explains that search needs
 * JavaScript.
 */
(function () {
  if (typeof document === "undefined") return;

  var BOX_RESULTS = 6;
  var PAGE_RESULTS = 20;
  var SNIPPET_CHARS = 220;
  var DEBOUNCE_MS = 150;
  var boxes = 0;

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function quoted(query) {
    return "\u2018" + query + "\u2019";
  }

  function resultsLabel(n) {
    return n === 1 ? "1 resultaat" : n + " resultaten";
  }

  /* ---- The search box: a combobox with a listbox of instant results ---- */

  function enhanceBox(form, engine, root) {
    var input = form.querySelector("input[name='q']");
    if (!input) return;
    boxes += 1;
    var listId = "site-search-list-" + boxes;
    var list = element("ul", "site-search__list");
    list.id = listId;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Snelle zoekresultaten");
    list.hidden = true;
    var status = element("div", "visually-hidden");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");
    form.appendChild(list);
    form.appendChild(status);
    form.classList.add("site-search--enhanced");

    var options = [];
    var active = -1;
    var sequence = 0;
    var timer = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(n) {
      active = n;
      options.forEach(function (option, i) {
        option.node.setAttribute("aria-selected", i === n ? "true" : "false");
      });
      if (n < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      input.setAttribute("aria-activedescendant", options[n].node.id);
      if (options[n].node.scrollIntoView) options[n].node.scrollIntoView({ block: "nearest" });
    }

    function addOption(url, title, kind) {
      var node = element("li", "site-search__option");
      node.id = listId + "-" + options.length;
      node.setAttribute("role", "option");
      node.setAttribute("aria-selected", "false");
      node.appendChild(element("span", "site-search__title", title));
      if (kind) node.appendChild(element("span", "search-kind", kind));
      node.addEventListener("mousedown", function (event) { event.preventDefault(); });
      node.addEventListener("click", function () { window.location.href = url; });
      list.appendChild(node);
      options.push({ node: node, url: url });
    }

    function show(query, result, items) {
      list.textContent = "";
      options = [];
      active = -1;
      if (result.hits.length === 0) {
        close();
        status.textContent = "Geen resultaten voor " + quoted(query) + ".";
        return;
      }
      items.forEach(function (item) {
        addOption(root + item.url, item.title, BakenSearch.kindLabel(item.kind));
      });
      var all = "Alle " + resultsLabel(result.hits.length) + " voor " + quoted(query);
      addOption(root + "zoeken.html?q=" + encodeURIComponent(query), all, "");
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = resultsLabel(result.hits.length) + ". Kies met pijltje omlaag en Enter.";
    }

    function update() {
      var query = input.value.trim();
      var mine = ++sequence;
      if (query.length < 2) {
        close();
        return;
      }
      engine.search(query, function (error, result) {
        if (mine !== sequence) return;
        if (error) {
          status.textContent = "Zoeken lukt nu niet. Druk op Enter om op de zoekpagina te zoeken.";
          return;
        }
        engine.describe(result.hits.slice(0, BOX_RESULTS), function (error, items) {
          if (mine !== sequence || error) return;
          show(query, result, items);
        });
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, DEBOUNCE_MS);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && options.length > 0;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (options.length === 0) return;
        event.preventDefault();
        if (!open) {
          list.hidden = false;
          input.setAttribute("aria-expanded", "true");
        }
        var step = event.key === "ArrowDown" ? 1 : -1;
        setActive((active + step + options.length + (active < 0 && step < 0 ? 1 : 0)) % options.length);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        window.location.href = options[active].url;
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        } else if (input.value !== "") {
          event.preventDefault();
          input.value = "";
        }
      }
    });
    input.addEventListener("blur", close);
    input.addEventListener("focus", function () {
      if (options.length > 0 && input.value.trim().length >= 2) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    });
  }

  /* ---- The results page ---- */

  function enhancePage(page, engine, root) {
    var input = page.querySelector("input[name='q']");
    var status = page.querySelector("[data-search-status]");
    var filters = page.querySelector("[data-search-filters]");
    var results = page.querySelector("[data-search-list]");
    var more = page.querySelector("[data-search-more]");
    var hint = page.querySelector("[data-search-hint]");
    if (!input || !status || !filters || !results || !more) return;
    page.classList.add("search-page--enhanced");

    var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
    input.value = query;
    if (query === "") {
      status.textContent = "Typ een of meer woorden en kies Zoek.";
      return;
    }
    status.textContent = "Bezig met zoeken naar " + quoted(query) + "\u2026";

    var state = { result: null, kinds: {}, rendered: 0 };

    function selectedHits() {
      var any = Object.keys(state.kinds).some(function (k) { return state.kinds[k]; });
      return state.result.hits.filter(function (hit) { return !any || state.kinds[hit.kind]; });
    }

    function renderItem(item) {
      var li = element("li", "search-result");
      var heading = element("h2", "search-result__title");
      var link = element("a", "", item.title);
      link.href = root + item.url;
      heading.appendChild(link);
      li.appendChild(heading);
      li.appendChild(element("p", "search-kind", BakenSearch.kindLabel(item.kind)));
      var snippet = element("p", "search-result__snippet");
      engine.snippet(item.text, state.result.marks, SNIPPET_CHARS).forEach(function (part) {
        snippet.appendChild(part.mark ? element("mark", "", part.text) : document.createTextNode(part.text));
      });
      li.appendChild(snippet);
      return li;
    }

    function showMore(focusFirst) {
      var hits = selectedHits();
      var next = hits.slice(state.rendered, state.rendered + PAGE_RESULTS);
      engine.describe(next, function (error, items) {
        if (error) {
          status.textContent = "De resultaten konden niet worden geladen.";
          return;
        }
        var first = null;
        items.forEach(function (item) {
          var li = renderItem(item);
          first = first || li;
          results.appendChild(li);
        });
        state.rendered += items.length;
        more.hidden = state.rendered >= hits.length;
        if (focusFirst && first) first.querySelector("a").focus();
      });
    }

    function renderResults() {
      var hits = selectedHits();
      results.textContent = "";
      state.rendered = 0;
      var label = resultsLabel(hits.length) + " voor " + quoted(query);
      status.textContent = hits.length === 0 ? "Geen resultaten voor " + quoted(query) + "." : label + ".";
      if (hint) hint.hidden = hits.length > 0;
      more.hidden = true;
      if (hits.length > 0) showMore(false);
    }

    function renderFilters() {
      var counts = state.result.counts;
      var kinds = Object.keys(BakenSearch.kindLabels).filter(function (k) { return counts[k]; });
      filters.textContent = "";
      filters.hidden = kinds.length < 2;
      if (kinds.length < 2) return;
      var fieldset = element("fieldset", "search-filters");
      fieldset.appendChild(element("legend", "", "Toon alleen"));
      kinds.forEach(function (kind) {
        var label = element("label", "search-filter");
        var box = element("input");
        box.type = "checkbox";
        box.value = kind;
        box.addEventListener("change", function () {
          state.kinds[kind] = box.checked;
          renderResults();
        });
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + BakenSearch.kindLabel(kind) + " (" + counts[kind] + ")"));
        fieldset.appendChild(label);
      });
      filters.appendChild(fieldset);
    }

    more.addEventListener("click", function () { showMore(true); });
    engine.search(query, function (error, result) {
      if (error) {
        status.textContent = "Zoeken lukt nu niet: de zoekindex ontbreekt of is beschadigd.";
        return;
      }
      state.result = result;
      renderFilters();
      renderResults();
    });
  }

  function start() {
    var root = document.documentElement.getAttribute("data-root") || "";
    var engine = BakenSearch.createEngine({ base: root + "assets/search/" });
    Array.prototype.forEach.call(document.querySelectorAll("form[data-search]"), function (form) {
      enhanceBox(form, engine, root);
    });
    var page = document.querySelector("[data-search-page]");
    if (page) enhancePage(page, engine, root);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// brief's search page: reads the static index under search/ (see
// internal/search) with fetch and shows results. No dependencies; every
// text from the index is put into the page as text, never as markup.
(function () {
  "use strict";
  var script = document.currentScript;
  var root = script.getAttribute("data-root") || "";
  var dir = root + "search/";
  var $ = function (id) { return document.getElementById(id); };
  var form = $("search-form"), input = $("search-q"), status = $("search-status"),
    list = $("search-results"), more = $("search-more");
  var K1 = 1.2, B = 0.75, PAGE = 10;
  $("search-nojs").hidden = true;
  if (location.protocol === "file:") {
    $("search-file").hidden = false;
    form.hidden = true;
    return;
  }
  form.hidden = false;

  // Files, fetched once each. All but meta.json are gzipped; a host
  // that decoded one already hands it over without gzip's magic bytes.
  var files = {}, dec = new TextDecoder();
  function inflate(buf) {
    var u = new Uint8Array(buf);
    if (u[0] !== 0x1f || u[1] !== 0x8b) return Promise.resolve(buf);
    return new Response(new Blob([buf]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  }
  function get(name, kind) {
    if (!files[name]) {
      files[name] = fetch(dir + name).then(function (r) {
        if (!r.ok) throw new Error(name + ": HTTP " + r.status);
        return r.arrayBuffer();
      }).then(inflate).then(function (buf) {
        return kind === "json" ? JSON.parse(dec.decode(buf)) : kind === "text" ? dec.decode(buf) : buf;
      });
      files[name].catch(function () { delete files[name]; });
    }
    return files[name];
  }

  // Folding and tokens, as internal/search/analyze.go makes them.
  function fold(w) {
    return w.normalize("NFD").replace(/[\u0300-\u036f'\u2019]/g, "").toLowerCase().normalize("NFC");
  }
  var cjkRe = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  var wordRe = /[\p{L}\p{N}]/u, capsRe = /^\p{Lu}{2,}$/u;
  function isCJK(c) { return c.codePointAt(0) >= 0x2e80 && cjkRe.test(c); }
  // joined reads a name of short runs of letters joined by "&" or dots
  // ("AT&T", "U.S.") starting at cs[i], as analyze.go's joined does:
  // runs of one to three letters, two or more; null when there is none.
  var letterRe = /\p{L}/u;
  function joined(cs, i) {
    function run(k) {
      var e = k;
      while (e < cs.length && letterRe.test(cs[e]) && !isCJK(cs[e])) e++;
      return e;
    }
    var j = run(i), end = j;
    if (j - i < 1 || j - i > 3) return null;
    while (end < cs.length && (cs[end] === "&" || cs[end] === ".")) {
      var k = run(end + 1);
      if (k === end + 1) break;
      if (k - end - 1 > 3) return null;
      end = k;
    }
    if (end === j || (end < cs.length && wordRe.test(cs[end]))) return null;
    return { text: cs.slice(i, end).join(""), end: end };
  }
  // tokens splits text into folded words; a CJK run gives its pairs of
  // characters (pair: true) or its one character.
  function tokens(text) {
    var out = [], cs = Array.from(text), i = 0;
    while (i < cs.length) {
      var c = cs[i];
      if (isCJK(c)) {
        var j = i;
        while (j < cs.length && isCJK(cs[j])) j++;
        if (j - i === 1) out.push({ form: c, cjk: true });
        for (var k = i; k + 1 < j; k++) out.push({ form: cs[k] + cs[k + 1], cjk: true, pair: true });
        i = j;
      } else if (wordRe.test(c)) {
        var name = joined(cs, i);
        if (name) {
          out.push({ form: fold(name.text), name: true });
          i = name.end;
          continue;
        }
        var w = c;
        i++;
        while (i < cs.length) {
          var d = cs[i];
          if (wordRe.test(d) && !isCJK(d)) { w += d; i++; continue; }
          if ((d === "'" || d === "\u2019") && i + 1 < cs.length && wordRe.test(cs[i + 1]) && !isCJK(cs[i + 1])) { w += d + cs[i + 1]; i += 2; continue; }
          break;
        }
        var f = fold(w);
        // An acronym in capitals ("US", "WHO") is a name, never a stop word.
        if (f) out.push(capsRe.test(w) ? { form: f, caps: true } : { form: f });
      } else i++;
    }
    return out;
  }

  // The query: words, "phrases", -excluded words and -"phrases" and,
  // while typing, a last word taken as the start of a word. Stop words
  // are left out later (dropStops), once the index's list is read.
  function parse(q) {
    var groups = [], phrases = [], not = [], notPhrases = [], parts = q.split('"');
    parts.forEach(function (part, n) {
      if (n % 2 === 1 && n < parts.length - 1) {
        var ts = tokens(part), neg = /(^|\s)-$/.test(parts[n - 1]);
        if (neg) {
          if (ts.length > 1) notPhrases.push(ts.map(function (t) { return t.form; }));
          else ts.forEach(function (t) { not.push(t); });
          return;
        }
        if (ts.length > 1) phrases.push(ts.map(function (t) { return t.form; }));
        ts.forEach(function (t) { groups.push(t); });
        return;
      }
      part.split(/\s+/).forEach(function (w) {
        var ts = tokens(w.charAt(0) === "-" ? w.slice(1) : w);
        if (w.charAt(0) === "-" && ts.length) {
          if (ts.length > 1) notPhrases.push(ts.map(function (t) { return t.form; }));
          else not.push(ts[0]);
          return;
        }
        ts.forEach(function (t) { groups.push(t); });
      });
    });
    groups = groups.map(function (t) { return { form: t.form, cjk: !!t.cjk, caps: !!(t.caps || t.name), name: !!t.name }; });
    var last = groups[groups.length - 1];
    // A single letter is not the start of a word: "t" would mean "the",
    // "to" and every other word in t.
    if (last && !last.caps && Array.from(last.form).length > 1 && /[\p{L}\p{N}]$/u.test(q) && !/(^|\s)-[^\s"]*$/.test(q) && (parts.length % 2 === 1) && !(last.cjk && last.form.length > 1)) last.prefix = true;
    groups.forEach(function (g) { if (g.cjk && Array.from(g.form).length === 1) g.prefix = true; });
    return {
      groups: groups, phrases: phrases, stopped: [],
      not: not.map(function (t) { return { form: t.form, cjk: !!t.cjk, caps: true }; }), notPhrases: notPhrases
    };
  }
  // dropStops leaves out of q the words the index left out of every
  // article as too common (stop.json), but words in capitals, which are
  // acronyms: the last word while typing too, so that "the" does not
  // complete to "theatre" until a fourth letter is typed.
  function dropStops(q, stops) {
    q.groups = q.groups.filter(function (g) {
      if (g.caps || g.cjk || !stops.has(g.form)) return true;
      if (q.stopped.indexOf(g.form) < 0) q.stopped.push(g.form);
      return false;
    }).slice(0, 12);
    q.not = q.not.filter(function (g) { return g.cjk || !stops.has(g.form) || g.caps; });
  }

  function cmp(a, b) { // code point order, as Go sorts strings
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < x.length && i < y.length; i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }
  function shardAt(meta, form) {
    var lo = 0, hi = meta.dict.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (cmp(meta.dict[mid][0], form) <= 0) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  function shard(meta, n) {
    return get("d/" + meta.dict[n][1] + ".txt", "text").then(function (t) {
      // Front-coded: shared characters, rest, term ("", "~k" or itself),
      // class of document frequency (bits of it: how common the term is).
      var prev = [];
      return t.split("\n").filter(Boolean).map(function (l) {
        var p = l.split("\t"), cs = prev.slice(0, +p[0]).concat(Array.from(p[1])), form = cs.join("");
        prev = cs;
        var term = p[2] === "" ? form : p[2].charAt(0) === "~" ? cs.slice(0, +p[2].slice(1)).join("") : p[2];
        return { form: form, term: term, df: +p[3] };
      });
    });
  }
  // lines returns the dictionary lines from the one holding from, over
  // following shards while they may still start with prefix (at most
  // max shards).
  function lines(meta, from, prefix, max) {
    var n = shardAt(meta, from), out = [];
    function next(i) {
      if (i >= meta.dict.length || i - n >= max) return out;
      if (i > n && prefix !== null && meta.dict[i][0].indexOf(prefix) !== 0) return out;
      return shard(meta, i).then(function (ls) {
        out = out.concat(ls);
        var end = ls.length && ls[ls.length - 1].form;
        if (prefix === null || !end || (end.indexOf(prefix) !== 0 && cmp(end, prefix) > 0)) return out;
        return next(i + 1);
      });
    }
    return Promise.resolve(next(n));
  }
  function oneEdit(a, b) { // Damerau: one substitution, insertion, deletion or swap
    var x = Array.from(a), y = Array.from(b);
    if (Math.abs(x.length - y.length) > 1 || a === b) return false;
    var i = 0;
    while (i < x.length && i < y.length && x[i] === y[i]) i++;
    var s = function (u, v) { return u.slice(v).join(""); };
    if (x.length === y.length) return s(x, i + 1) === s(y, i + 1) || (x[i] === y[i + 1] && x[i + 1] === y[i] && s(x, i + 2) === s(y, i + 2));
    return x.length > y.length ? s(x, i + 1) === s(y, i) : s(x, i) === s(y, i + 1);
  }
  // resolve finds the terms of a word: the stems of its exact form; for
  // the last word while typing, the commonest words it starts; for a
  // word of five letters or more that no article has, the words one typo
  // away (the first two letters taken as typed).
  function resolve(meta, g) {
    return lines(meta, g.form, g.prefix ? g.form : null, g.prefix ? 3 : 1).then(function (ls) {
      var exact = ls.filter(function (l) { return l.form === g.form; });
      var terms = {};
      exact.forEach(function (l) { terms[l.term] = { df: l.df, exact: true }; });
      if (g.prefix) {
        ls.filter(function (l) { return l.form.indexOf(g.form) === 0 && l.form !== g.form; })
          .sort(function (a, b) { return b.df - a.df; }).slice(0, 6)
          .forEach(function (l) { if (!terms[l.term]) terms[l.term] = { df: l.df }; });
      }
      if (Object.keys(terms).length || g.cjk || g.name) return { g: g, terms: terms, lines: ls };
      return stems(meta, g, terms).then(function (more) {
        ls = ls.concat(more);
        if (Object.keys(terms).length || g.exact || Array.from(g.form).length < 5) return { g: g, terms: terms, lines: ls };
        var head = Array.from(g.form).slice(0, 2).join("");
        return lines(meta, head, head, 4).then(function (more) {
          more.filter(function (l) { return oneEdit(g.form, l.form); })
            .sort(function (a, b) { return b.df - a.df; }).slice(0, 3)
            .forEach(function (l) { if (!terms[l.term]) terms[l.term] = { df: l.df, typo: l.form }; });
          return { g: g, terms: terms, lines: ls.concat(more) };
        });
      });
    });
  }
  // stems finds, for a word of four letters or more that no article has
  // as typed, the term it would be filed under: the index's endings
  // (endings.json) say how terms end next to their words, so the word
  // with one of its endings swapped for the term's ("stalling" → "stall",
  // "countries" → "countri") is looked up among the terms. Failing that,
  // the longest term the word starts with, of at least half the word
  // (the status says how the word was read). It fills terms and returns
  // the dictionary lines it read.
  function stems(meta, g, terms) {
    var cs = Array.from(g.form), n = cs.length;
    if (n < 4) return Promise.resolve([]);
    return get("endings.json", "json").then(function (endings) {
      var want = {}, from = n;
      want[g.form] = true;
      endings.forEach(function (e) {
        var tail = Array.from(e[1]).length, base = n - tail;
        if (base < 3 || g.form.slice(-e[1].length) !== e[1]) return;
        want[cs.slice(0, base).join("") + e[0]] = true;
        from = Math.min(from, base);
      });
      // Words filed under a term share its start but for its ending.
      var half = Math.ceil(n / 2), head = cs.slice(0, Math.max(3, Math.min(from, half))).join("");
      return lines(meta, head, head, 3).then(function (ls) {
        ls.forEach(function (l) { if (want[l.term] && !terms[l.term]) terms[l.term] = { df: l.df, exact: true }; });
        if (Object.keys(terms).length || g.exact) return ls;
        var best = null;
        ls.forEach(function (l) {
          var k = Array.from(l.term).length;
          if (k >= Math.max(4, half) && k < n && g.form.indexOf(l.term) === 0 && (!best || k > Array.from(best.term).length || (l.term === best.term && l.df > best.df))) best = l;
        });
        if (best) {
          // Shown as the commonest word filed under the term.
          var as = ls.filter(function (l) { return l.term === best.term; }).sort(function (a, b) { return b.df - a.df; })[0];
          terms[best.term] = { df: best.df, typo: as.form };
        }
        return ls;
      });
    });
  }

  function hash32(s) {
    var h = 0x811c9dc5, b = new TextEncoder().encode(s);
    for (var i = 0; i < b.length; i++) { h ^= b[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }
  function hash64(s) {
    var h = 0xcbf29ce484222325n, b = new TextEncoder().encode(s);
    for (var i = 0; i < b.length; i++) { h ^= BigInt(b[i]); h = (h * 0x100000001b3n) & 0xffffffffffffffffn; }
    return h.toString(16).padStart(16, "0");
  }
  function reader(buf) {
    var u = new Uint8Array(buf), at = 0;
    return {
      u: u,
      more: function () { return at < u.length; },
      varint: function () { var v = 0, m = 1, c; do { c = u[at++]; v += (c & 127) * m; m *= 128; } while (c & 128); return v; },
      byte: function () { return u[at++]; },
      bytes: function (n) { at += n; return u.subarray(at - n, at); }
    };
  }
  // postings reads n postings: [id, weighted frequency, length].
  function postings(meta, r, n, out) {
    var id = 0;
    for (var i = 0; i < n; i++) {
      id += r.varint();
      var b = r.byte();
      out.push([id, meta.weights[b >> 5], meta.lenmin * Math.pow(meta.lenratio, b & 31)]);
    }
    return out;
  }
  // term loads a term's postings: its bucket's top list, and with all,
  // the rest of a long list too.
  function term(meta, t, all) {
    var b = (hash32(t) & (meta.buckets - 1)).toString(16);
    return get("p/" + b + ".bin").then(function (buf) {
      if (!buf.terms) {
        var r = reader(buf), m = {};
        while (r.more()) {
          var name = dec.decode(r.bytes(r.varint())), df = r.varint(), n = r.varint();
          m[name] = { df: df, ps: postings(meta, r, n, []) };
        }
        buf.terms = m;
      }
      var e = buf.terms[t];
      if (!e) return { df: 0, ps: [], partial: false };
      if (!all || e.ps.length === e.df) return { df: e.df, ps: e.ps, partial: e.ps.length < e.df };
      return get("r/" + hash64(t) + ".bin").then(function (rb) {
        var r = reader(rb);
        return { df: e.df, ps: postings(meta, r, r.varint(), e.ps.slice()), partial: false };
      });
    });
  }
  function ids(name) {
    return get(name).then(function (buf) {
      var r = reader(buf), s = new Set(), id = 0;
      while (r.more()) { id += r.varint(); s.add(id); }
      return s;
    });
  }

  // Filters from the form: sets of allowed ids, or null.
  function filters(meta, f) {
    var wanted = [];
    var need = f.topic || f.source || f.tag;
    var facets = need ? get("facets.json", "json") : Promise.resolve(null);
    return facets.then(function (fc) {
      function pick(kind, val, byKey) {
        if (!val) return;
        var v = fold(val.trim()), hit = fc[kind].filter(function (x) { return byKey ? x[0] === val || x[3] === val : fold(x[0]) === v; });
        // A facet of a few documents lists them itself; the others are
        // in a file of their own.
        wanted.push(!hit.length ? Promise.resolve(new Set()) : hit[0][4] ? Promise.resolve(new Set(hit[0][4])) : ids("f/" + hit[0][1] + ".bin"));
      }
      if (fc) {
        pick("topics", f.topic, true);
        pick("sources", f.source);
        pick("tags", f.tag);
      }
      if (f.from || f.to) {
        wanted.push(get("dates.bin").then(function (buf) {
          var r = reader(buf), s = new Set(), day = 0, id = 0;
          var lo = f.from ? Date.parse(f.from) / 864e5 : -Infinity, hi = f.to ? Date.parse(f.to) / 864e5 : Infinity;
          while (r.more()) { day += r.varint(); if (day >= lo && day <= hi) s.add(id); id++; }
          return s;
        }));
      }
      return Promise.all(wanted);
    });
  }

  function params() {
    var d = new FormData(form), f = {};
    ["q", "topic", "source", "tag", "from", "to", "sort"].forEach(function (k) { f[k] = (d.get(k) || "").toString(); });
    return f;
  }

  // shown: the results (matches); recount says how many there are.
  var seq = 0, shown = null, words = null, recount = function () {};
  // run searches for what the form says; with focus, it then moves the
  // keyboard's focus to the status line ("N results"), from which the
  // next Tab reaches the first result: for a search sent with Enter,
  // here or from another page's search box.
  function run(focus) {
    var f = params(), my = ++seq;
    var url = new URLSearchParams();
    Object.keys(f).forEach(function (k) { if (f[k]) url.set(k, f[k]); });
    var qs = url.toString();
    history.replaceState(null, "", qs ? "?" + qs : location.pathname);
    var q = parse(f.q);
    var filtered = f.topic || f.source || f.tag || f.from || f.to;
    waiting.forEach(function (fn, el) { watcher.unobserve(el); });
    waiting.clear();
    function empty(text) {
      list.textContent = "";
      shown = null;
      more.hidden = true;
      say(text);
    }
    if (!q.groups.length && !q.not.length && !q.notPhrases.length && !filtered) {
      empty("Type a word or two to search every article.");
      return Promise.resolve();
    }
    say("Searching…");
    return Promise.all([get("meta.json", "json"), get("dict.json", "json"), get("stop.json", "json")]).then(function (mf) {
      if (my !== seq) return;
      var meta = mf[0];
      meta.dict = mf[1];
      dropStops(q, new Set(mf[2]));
      var common = q.stopped.length ? (q.stopped.length === 1 ? "“" + q.stopped[0] + "” is" : q.stopped.map(function (w) { return "“" + w + "”"; }).join(", ") + " are") + " too common to search for" : "";
      if (!q.groups.length && !q.not.length && !q.notPhrases.length && !filtered) {
        empty("No results: " + common + " on its own. Add another word.");
        return;
      }
      var all = !!(filtered || f.sort === "date" || q.phrases.length || q.not.length || q.notPhrases.length);
      return Promise.all([filters(meta, f), Promise.all(q.groups.map(function (g) { return resolve(meta, g); })), without(meta, q)]).then(function (res) {
        var sets = res[0], found = res[1], excluded = res[2];
        var known = found.filter(function (x) { return Object.keys(x.terms).length; });
        var missing = found.filter(function (x) { return !Object.keys(x.terms).length && !x.g.prefix; }).map(function (x) { return x.g.form; });
        return Promise.all(known.map(function (x) {
          return Promise.all(Object.keys(x.terms).map(function (t) { return term(meta, t, all).then(function (p) { return [t, p]; }); }));
        })).then(function (lists) {
          if (my !== seq) return;
          var scores = new Map(), partial = false;
          lists.forEach(function (terms, gi) {
            var best = new Map();
            terms.forEach(function (tp) {
              var p = tp[1], info = known[gi].terms[tp[0]];
              partial = partial || p.partial;
              var idf = Math.log(1 + (meta.docs - p.df + 0.5) / (p.df + 0.5)) * (info.exact ? 1 : 0.7);
              p.ps.forEach(function (x) {
                var s = idf * x[1] * (K1 + 1) / (x[1] + K1 * (1 - B + B * x[2] / meta.avglen));
                if (!(best.get(x[0]) >= s)) best.set(x[0], s);
              });
            });
            best.forEach(function (s, id) {
              var o = scores.get(id) || { id: id, n: 0, s: 0 };
              o.n++; o.s += s;
              scores.set(id, o);
            });
          });
          var docs;
          if (known.length) docs = Array.from(scores.values());
          else if (q.groups.length) docs = [];
          else { docs = []; for (var i = meta.docs - 1; i >= 0; i--) docs.push({ id: i, n: 0, s: 0 }); }
          sets.forEach(function (s) { docs = docs.filter(function (d) { return s.has(d.id); }); });
          docs = docs.filter(function (d) { return !excluded.ids.has(d.id); });
          var top = docs.reduce(function (m, d) { return Math.max(m, d.n); }, 0);
          if (known.length && top === known.length) docs = docs.filter(function (d) { return d.n === top; });
          docs.sort(f.sort === "date" ? function (a, b) { return b.id - a.id; } :
            function (a, b) { return b.n - a.n || b.s - a.s || b.id - a.id; });
          words = highlightWords(found);
          list.textContent = "";
          var m = matches(meta, docs, q, excluded.maybe, my);
          return m.fill(PAGE).then(function () {
            if (my !== seq) return;
            shown = m;
            var typos = [];
            found.forEach(function (x) { Object.keys(x.terms).forEach(function (t) { if (x.terms[t].typo) typos.push(x.g.form + " → " + x.terms[t].typo); }); });
            var left = q.not.map(function (g) { return g.form; }).concat(q.notPhrases.map(function (p) { return "“" + p.join(" ") + "”"; }));
            var note = (missing.length ? " No article has: " + missing.join(", ") + "." : "") + (typos.length ? " Read as: " + typos.join("; ") + "." : "") +
              (left.length ? " Left out articles with: " + left.join(", ") + "." : "") + (common ? " Left out of the query: " + common + "." : "");
            recount = function () {
              var n = m.list.length, count;
              if (!m.done) count = "At least " + n + " results (" + m.total + " articles have every word; the others are checked for the phrase as you page).";
              else count = n === 0 ? "No results." : (partial ? "The best " : "") + n + (n === 1 ? " result" : " results") + (partial ? " (add a filter or sort by date to see every match)." : ".");
              say(count + note);
            };
            recount();
            return page(meta, 0, q.phrases).then(function () { if (focus && my === seq) status.focus(); });
          });
        });
      });
    }).catch(function (err) {
      if (my === seq) say("The search index could not be read (" + err.message + "). Try again later.");
    });
  }

  // without reads the query's excluded words and phrases: ids, the
  // documents holding an excluded word (any form of it, as a search for
  // it finds), and maybe, for each excluded phrase, the documents holding
  // all of its words, which unsaid checks for the phrase itself.
  function without(meta, q) {
    function holding(g) {
      return resolve(meta, { form: g.form, cjk: g.cjk, exact: true }).then(function (x) {
        return Promise.all(Object.keys(x.terms).map(function (t) { return term(meta, t, true); })).then(function (ps) {
          var s = new Set();
          ps.forEach(function (p) { p.ps.forEach(function (x) { s.add(x[0]); }); });
          return s;
        });
      });
    }
    return Promise.all([
      Promise.all(q.not.map(holding)),
      Promise.all(q.notPhrases.map(function (p) {
        return Promise.all(p.map(function (w) { return holding({ form: w }); })).then(function (sets) {
          // Words the index leaves out (stop words) hold nothing: the
          // phrase check reads the text for them.
          sets = sets.filter(function (s) { return s.size; });
          if (!sets.length) return new Set();
          return new Set(Array.from(sets[0]).filter(function (id) { return sets.every(function (s) { return s.has(id); }); }));
        });
      }))
    ]).then(function (r) {
      var ids = new Set();
      r[0].forEach(function (s) { s.forEach(function (id) { ids.add(id); }); });
      return { ids: ids, maybe: r[1] };
    });
  }
  // holds reports whether text holds each of phrases (all: true) or any.
  function holds(text, phrases, all) {
    var s = " " + tokens(text).map(function (t) { return t.form; }).join(" ") + " ";
    var has = function (p) { return s.indexOf(" " + p.join(" ") + " ") >= 0; };
    return all ? phrases.every(has) : phrases.some(has);
  }

  // Article texts read from the articles' own pages, by document id: a
  // phrase is checked in them, and a snippet quotes them where the
  // index's start of the text has no match. Only the articles a reader
  // is shown are read.
  var texts = {}, textOf = {};
  function articleText(meta, id) {
    if (!texts[id]) {
      texts[id] = recordOf(meta, id).then(function (r) {
        return fetch(root + r[0]).then(function (res) { return res.ok ? res.text() : ""; });
      }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var parts = doc.querySelectorAll(".note-body, .prose");
        if (!parts.length) parts = doc.querySelectorAll("main");
        // Blocks end words: "end.</p><p>Next" is two words.
        return Array.from(parts).map(function (el) {
          el.querySelectorAll("p, li, h1, h2, h3, h4, h5, h6, blockquote, td, th, dt, dd, figcaption, pre, br, div").forEach(function (b) { b.append(" "); });
          return el.textContent;
        }).join(" ").replace(/\s+/g, " ").trim();
      }, function () { return ""; }).then(function (t) { textOf[id] = t; return t; });
      texts[id].catch(function () { delete texts[id]; });
    }
    return texts[id];
  }

  // keeps reports whether document id says every phrase and none of not
  // word for word: its record's text first, else its article's text.
  function keeps(meta, id, phrases, not) {
    return recordOf(meta, id).then(function (r) {
      var head = r[1] + " " + r[6] + " " + r[7];
      if (not.length && holds(head, not, false)) return false;
      if (holds(head, phrases, true) && !not.length) return true;
      return articleText(meta, id).then(function (t) {
        var all = head + " " + t;
        return holds(all, phrases, true) && !(not.length && holds(all, not, false));
      });
    });
  }

  // matches holds a query's results as far as they are known: the
  // candidates the index gives, and for a query with "phrases" or
  // -"phrases", those checked so far (keeps), checked as the reader pages
  // (fill), so that a count is said to be exact only once every
  // candidate is read. maybe[k] are the candidates holding every word of
  // the k-th excluded phrase.
  function matches(meta, cands, q, maybe, my) {
    var m = { list: [], total: cands.length, done: false };
    if (!q.phrases.length && !q.notPhrases.length) {
      m.list = cands;
      m.done = true;
      m.fill = function () { return Promise.resolve(); };
      return m;
    }
    var i = 0, chain = Promise.resolve();
    function step(n) {
      if (my !== seq || m.list.length >= n || i >= cands.length) {
        m.done = m.done || i >= cands.length;
        return;
      }
      var batch = cands.slice(i, i + 6);
      i += 6;
      return Promise.all(batch.map(function (d) {
        return keeps(meta, d.id, q.phrases, q.notPhrases.filter(function (p, k) { return maybe[k].has(d.id); }));
      })).then(function (ok) {
        batch.forEach(function (d, k) { if (ok[k]) m.list.push(d); });
        return step(n);
      });
    }
    // fill checks candidates until n results are known or none is left.
    m.fill = function (n) {
      chain = chain.then(function () { return step(n); });
      return chain;
    };
    return m;
  }

  function recordOf(meta, id) {
    return get("c/" + Math.floor(id / meta.chunk) + ".json", "json").then(function (c) { return c[id % meta.chunk]; });
  }

  // highlightWords: the forms to mark in titles and snippets.
  function highlightWords(found) {
    var exact = new Set(), prefixes = [];
    found.forEach(function (x) {
      if (x.g.prefix) prefixes.push(x.g.form); else exact.add(x.g.form);
      Object.keys(x.terms).forEach(function (t) { if (x.terms[t].typo) exact.add(x.terms[t].typo); });
    });
    // Every form of a word's terms; while a word is typed, of the terms
    // of the word as typed so far (not of every word it may become).
    found.forEach(function (x) {
      x.lines.forEach(function (l) {
        var info = x.terms[l.term];
        if (info && (!x.g.prefix || info.exact)) exact.add(l.form);
      });
    });
    var words = function (form) {
      return exact.has(form) || prefixes.some(function (p) { return form.indexOf(p) === 0; });
    };
    words.exact = exact;
    words.prefixes = prefixes;
    return words;
  }
  // marked appends text to el, the query's words in <mark>. In a run of
  // CJK characters, which has no spaces to tell words apart, only the
  // characters that match are marked: a pair of the query, or a
  // character searched alone.
  function marked(el, text) {
    var re = /\p{L}{1,3}(?:[&.]\p{L}{1,3})+(?![\p{L}\p{N}]|[&.]\p{L})|[\p{L}\p{N}'\u2019]+|[^\p{L}\p{N}'\u2019]+/gu, m, plain = "";
    function mark(w) {
      el.append(plain);
      plain = "";
      var k = document.createElement("mark");
      k.textContent = w;
      el.append(k);
    }
    while ((m = re.exec(text))) {
      var w = m[0];
      if (!wordRe.test(w) || !words) { plain += w; continue; }
      var cs = Array.from(w);
      if (!cs.some(isCJK)) {
        if (words(fold(w))) mark(w); else plain += w;
        continue;
      }
      // Which characters match, then runs of them marked together.
      var on = cs.map(function () { return false; });
      for (var i = 0; i < cs.length; i++) {
        if (!isCJK(cs[i])) continue;
        if (i + 1 < cs.length && isCJK(cs[i + 1]) && words.exact.has(cs[i] + cs[i + 1])) on[i] = on[i + 1] = true;
        if (words.exact.has(cs[i]) || words.prefixes.indexOf(cs[i]) >= 0) on[i] = true;
      }
      // Letters between CJK characters ("iPhone在中国") are words of their own.
      var j = 0;
      while (j < cs.length) {
        var k = j;
        if (isCJK(cs[j])) {
          while (k < cs.length && isCJK(cs[k]) && on[k] === on[j]) k++;
          if (on[j]) mark(cs.slice(j, k).join("")); else plain += cs.slice(j, k).join("");
        } else {
          while (k < cs.length && !isCJK(cs[k])) k++;
          var sub = cs.slice(j, k).join("");
          if (words(fold(sub))) mark(sub); else plain += sub;
        }
        j = k;
      }
    }
    el.append(plain);
  }
  function hit(w) {
    if (words(fold(w))) return true;
    var name = w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    if (name !== w && words(fold(name))) return true;
    return tokens(w).some(function (t) { return t.cjk && (words.exact.has(t.form) || words.prefixes.indexOf(t.form) >= 0); });
  }
  // snippet: about 30 words of the summary, the start of the text the
  // index holds, or the article's text (full, once read), around the
  // first of the query's phrases, else the first word of the query; hit
  // says whether it has a match at all.
  function snippet(r, phrases, full) {
    var texts = [r[6], r[7], full].filter(Boolean);
    function around(ws, at, n) {
      var lo = Math.max(0, at - Math.max(0, Math.floor((32 - n) / 2) - 4)), hi = Math.min(ws.length, lo + 32);
      return { text: (lo > 0 ? "… " : "") + ws.slice(lo, hi).join(" ") + (hi < ws.length ? " …" : ""), hit: true };
    }
    for (var k = 0; phrases && k < phrases.length; k++) {
      var p = phrases[k];
      for (var i = 0; i < texts.length; i++) {
        // Each word's tokens, with the word they come from.
        var ws = texts[i].split(/\s+/), fs = [], of = [];
        ws.forEach(function (w, j) { tokens(w).forEach(function (t) { fs.push(t.form); of.push(j); }); });
        for (var a = 0; a + p.length <= fs.length; a++) {
          var b = 0;
          while (b < p.length && fs[a + b] === p[b]) b++;
          if (b === p.length) return around(ws, of[a], of[a + b - 1] - of[a] + 1);
        }
      }
    }
    for (var i2 = 0; i2 < texts.length; i2++) {
      var ws2 = texts[i2].split(/\s+/), at = ws2.findIndex(hit);
      if (at >= 0) return around(ws2, at, 1);
    }
    var t = r[6] || r[7] || "", cut = t.split(/\s+/).slice(0, 32).join(" ");
    return { text: cut.length < t.length ? cut + " …" : cut, hit: false };
  }

  var lang = document.documentElement.lang || undefined;
  function when(d) {
    var p = d.split(/[-T:]/), t = new Date(+p[0], p[1] - 1, +p[2], +(p[3] || 0), +(p[4] || 0));
    var o = { year: "numeric", month: "long", day: "numeric" };
    if (p.length > 3) { o.hour = "numeric"; o.minute = "2-digit"; }
    try { return t.toLocaleString(lang, o); } catch (e) { return d; }
  }

  // later calls fn once el comes within a screen's height of the
  // viewport.
  var waiting = new Map(), watcher = "IntersectionObserver" in window ? new IntersectionObserver(function (es) {
    es.forEach(function (e) {
      var fn = waiting.get(e.target);
      if (!e.isIntersecting || !fn) return;
      waiting.delete(e.target);
      watcher.unobserve(e.target);
      fn();
    });
  }, { rootMargin: "100% 0px" }) : null;
  function later(el, fn) {
    if (!watcher) return fn();
    waiting.set(el, fn);
    watcher.observe(el);
  }

  // page shows the results from from on, PAGE of them, checking more
  // candidates for the query's phrases first where it must.
  function page(meta, from, phrases) {
    var my = seq, m = shown;
    return m.fill(from + PAGE).then(function () {
      if (my !== seq) return;
      recount();
      var slice = m.list.slice(from, from + PAGE);
      return Promise.all(slice.map(function (d) { return recordOf(meta, d.id); })).then(function (recs) { return [slice, recs]; });
    }).then(function (sr) {
      if (!sr || my !== seq) return;
      sr[1].forEach(function (r, k) {
        var id = sr[0][k].id;
        var li = document.createElement("li"), h = document.createElement("h2"), a = document.createElement("a");
        li.className = "search-result";
        a.href = root + r[0];
        marked(a, r[1]);
        h.append(a);
        var m = document.createElement("p");
        m.className = "meta";
        if (r[2]) { var s = document.createElement("span"); s.className = "source"; s.textContent = r[2]; m.append(s, " · "); }
        var tm = document.createElement("time");
        tm.dateTime = r[3];
        tm.textContent = when(r[3]);
        m.append(tm);
        if (r[4].length) m.append(" · " + r[4].join(", "));
        if (r[8]) {
          // Only in a preview with drafts (brief serve), as in the lists.
          var dr = document.createElement("strong");
          dr.className = "draft";
          dr.textContent = "Draft";
          m.append(" ", dr);
        }
        var p = document.createElement("p"), sn = snippet(r, phrases, textOf[id]);
        p.className = "snippet";
        marked(p, sn.text);
        li.append(h, m, p);
        // No match in the start of the text the index holds: the passage
        // with one is read from the article, once its result is on
        // screen (or nearly), so that a query reads only the articles
        // a reader sees.
        if (!sn.hit && (words.exact.size || words.prefixes.length) && textOf[id] === undefined) {
          later(li, function () {
            articleText(meta, id).then(function (t) {
              var better = snippet(r, phrases, t);
              if (my !== seq || !better.hit) return;
              p.textContent = "";
              marked(p, better.text);
            });
          });
        }
        if (r[5].length) {
          var tg = document.createElement("p");
          tg.className = "tags";
          tg.textContent = "Tags: " + r[5].join(", ");
          li.append(tg);
        }
        list.append(li);
      });
      more.hidden = from + PAGE >= m.list.length && m.done;
      var busy = false;
      more.onclick = function () {
        if (busy) return;
        busy = true;
        var first = list.children.length;
        page(meta, from + PAGE, phrases).then(function () {
          var a = list.children[first] && list.children[first].querySelector("a");
          if (a) a.focus(); else status.focus();
        });
      };
    });
  }

  function say(text) { status.textContent = text; }

  var timer = 0;
  function soon() { clearTimeout(timer); timer = setTimeout(run, 120); }
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(true); });
  input.addEventListener("input", soon);
  form.addEventListener("change", function (e) { if (e.target !== input) { clearTimeout(timer); run(); } });
  // Arrow keys move between the box and the results' links.
  form.parentNode.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("h2 a"));
    var at = links.indexOf(document.activeElement);
    if (document.activeElement === input && e.key === "ArrowDown" && links.length) { links[0].focus(); e.preventDefault(); }
    else if (at >= 0) {
      var next = e.key === "ArrowDown" ? links[at + 1] : (at === 0 ? input : links[at - 1]);
      if (next) { next.focus(); e.preventDefault(); }
    }
  });
  var start = new URLSearchParams(location.search);
  ["q", "topic", "source", "tag", "from", "to", "sort"].forEach(function (k) {
    var el = form.elements[k];
    if (el && start.get(k)) {
      el.value = start.get(k);
      if (k !== "q") $("search-more-options").open = true;
    }
  });
  // Names for the source and tag boxes, once a reader goes to them.
  ["search-source", "search-tag"].forEach(function (id) {
    $(id).addEventListener("focus", function () {
      get("facets.json", "json").then(function (fc) {
        var dl = $(id + "s");
        if (dl.childNodes.length) return;
        (id === "search-source" ? fc.sources : fc.tags).forEach(function (x) {
          var o = document.createElement("option");
          o.value = x[0];
          dl.append(o);
        });
      }).catch(function () {});
    }, { once: true });
  });
  status.tabIndex = -1;
  // Opened with a query (another page's search box), focus goes to the
  // results unless the reader has already moved it.
  run(!!start.get("q") && (!document.activeElement || document.activeElement === document.body));
})();

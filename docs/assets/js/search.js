/* Japanese site search over the index built by dxreport/search.py (read its docstring).
 * Text is normalised by textnorm.js (the same contract as dxreport/textnorm.py);
 * bigrams() and shardOf() mirror the Python functions of the same names.
 * Only the files a query needs are fetched: bigram shards, reading shards for a kana
 * query, and the document packs of the results shown.
 * Data reaches the page only through textContent and text nodes, never innerHTML. */
(function () {
  "use strict";
  var T = window.dxTextNorm;
  var BASE = new URL("../../search/", document.currentScript.src);
  var PAGE = 10;          // results per page on the results page
  var POOL = 20;          // results re-ranked by proximity for several words
  var CLOSE = 20;         // words starting within this many characters are "close together"
  var cache = {};

  function fetchJson(path) {
    if (!cache[path]) cache[path] = fetch(new URL(path, BASE)).then(function (r) {
      if (!r.ok) throw new Error(path);
      return r.json();
    });
    return cache[path];
  }
  function meta() { return fetchJson("meta.json"); }
  function bigrams(word) {
    if (word.length === 1) return [word];
    var out = [];
    for (var i = 0; i < word.length - 1; i++) out.push(word.slice(i, i + 2));
    return out;
  }
  function shardOf(gram, shards) {
    var h = 0;
    for (var i = 0; i < gram.length; i++) h = (h * 31 + gram.charCodeAt(i)) % 1000003;
    return h % shards;
  }
  function uniq(a) { return a.filter(function (x, i) { return a.indexOf(x) === i; }); }

  /* --- Readings: a kana word is also searched as the words it reads as ----------------- */

  function yomiShard(m, reading) { return fetchJson("yomi/" + shardOf(reading.slice(0, 2), m.yomi) + ".json"); }

  function longestReadingAt(m, w, i) {
    return yomiShard(m, w.slice(i, i + 2)).then(function (shard) {
      var best = null;
      Object.keys(shard).forEach(function (r) {
        if (w.startsWith(r, i) && (!best || r.length > best.length)) best = r;
      });
      return best ? { reading: best, surface: shard[best][0] } : null;
    });
  }
  /* どうろかんすい -> 道路 冠水: longest known readings from left to right; one-kana gaps
   * (particles such as の) are skipped. Null unless two or more words cover most of it. */
  function splitReading(m, w) {
    var parts = [], covered = 0;
    function step(i) {
      if (i >= w.length - 1) return Promise.resolve();
      return longestReadingAt(m, w, i).then(function (hit) {
        if (!hit) return step(i + 1);
        parts.push(hit.surface); covered += hit.reading.length;
        return step(i + hit.reading.length);
      });
    }
    return step(0).then(function () { return parts.length >= 2 && covered >= w.length * 0.7 ? parts : null; });
  }
  function readingsOf(m, w) {
    if (!T.isKanaWord(w) || w.length < 2) return Promise.resolve({ exact: [], prefix: [], split: null });
    return yomiShard(m, w).then(function (shard) {
      var exact = (shard[w] || []).slice(0, 6);
      var prefix = [];
      if (!exact.length) {
        Object.keys(shard).filter(function (r) { return r.length > w.length && r.startsWith(w); })
          .sort(function (a, b) { return a.length - b.length || (a < b ? -1 : 1); })
          .slice(0, 6).forEach(function (r) { prefix.push(shard[r][0]); });
      }
      if (exact.length || prefix.length || w.length < 4) return { exact: exact, prefix: prefix, split: null };
      return splitReading(m, w).then(function (split) { return { exact: exact, prefix: prefix, split: split }; });
    });
  }

  /* A query is a list of words, all required, in any order. A word matches through any of its
   * alternatives; an alternative is a list of terms that must all be present. */
  /* The normalised words of a query, each with the query's own spelling of any part of it. */
  function queryWords(query) {
    var nm = T.map(query), out = [], re = /[^ ]+/g, hit;
    while ((hit = re.exec(nm.text))) {
      (function (w, at) {
        out.push({ text: w, source: function (i, len) { return query.slice(nm.start[at + i], nm.end[at + i + len - 1]); } });
      })(hit[0], hit.index);
    }
    return out;
  }
  function parse(m, query) {
    var ws = queryWords(query), seen = {};
    var long = ws.filter(function (w) { return w.text.length > 1; });
    if (long.length) ws = long;  // one-character words next to longer ones carry no meaning here
    ws = ws.filter(function (w) { if (seen[w.text]) return false; seen[w.text] = true; return true; });
    return Promise.all(ws.map(function (qw) {
      var w = qw.text;
      return readingsOf(m, w).then(function (r) {
        var alts = [[w]], readsAs = [];
        r.exact.concat(r.prefix).forEach(function (s) {
          var terms = T.words(s);
          if (!terms.length || T.normalise(s).indexOf(w) !== -1) return;  // found as typed anyway
          alts.push(terms); readsAs.push(s);
        });
        if (r.split) {
          alts.push(r.split.map(function (s) { return T.words(s).join(""); }));
          readsAs.push(r.split.join(" "));
        }
        return { text: w, source: qw.source(0, w.length), part: qw.source, alts: alts, readsAs: readsAs };
      });
    }));
  }

  /* {doc: [score, first offset]} of the documents holding every bigram of `term`. */
  function termScores(shards, m, term) {
    var gs = uniq(bigrams(term)), acc = null, titled = {}, first = {};
    gs.forEach(function (g, k) {
      var post = shards[shardOf(g, m.shards)][g] || [], map = {};
      for (var i = 0; i < post.length; i += 3) {
        map[post[i]] = post[i + 1];
        if (k === 0) first[post[i]] = post[i + 2];
      }
      if (acc === null) {
        acc = {};
        Object.keys(map).forEach(function (d) { acc[d] = map[d] % 1000; titled[d] = map[d] >= 1000; });
      } else {
        Object.keys(acc).forEach(function (d) {
          if (d in map) { acc[d] += map[d] % 1000; titled[d] = titled[d] && map[d] >= 1000; } else delete acc[d];
        });
      }
    });
    var out = {};
    Object.keys(acc || {}).forEach(function (d) { out[d] = [acc[d] / gs.length + (titled[d] ? 1000 : 0), first[d]]; });
    return out;
  }

  function loadShards(m, terms) {
    var ids = {};
    terms.forEach(function (t) { bigrams(t).forEach(function (g) { ids[shardOf(g, m.shards)] = true; }); });
    return Promise.all(Object.keys(ids).map(function (n) {
      return fetchJson("index/" + n + ".json").then(function (s) { return [n, s]; });
    })).then(function (loaded) {
      var shards = {};
      loaded.forEach(function (p) { shards[p[0]] = p[1]; });
      return shards;
    });
  }

  /* Documents holding every word, best first: with several words, those where the words
   * first occur close together come first, then by score (title matches above all). */
  function rank(m, shards, words) {
    var memo = {};
    function scoresOf(t) { return memo[t] || (memo[t] = termScores(shards, m, t)); }
    var total = null, where = {};
    words.forEach(function (word) {
      var best = {};
      word.alts.forEach(function (alt) {
        var maps = alt.map(scoresOf);
        Object.keys(maps[0]).forEach(function (d) {
          if (!maps.every(function (s) { return d in s; })) return;
          var sc = maps.reduce(function (a, s) { return a + s[d][0]; }, 0) / maps.length;
          if (!(d in best) || sc > best[d][0]) best[d] = [sc, maps[0][d][1]];
        });
      });
      if (total === null) {
        total = {};
        Object.keys(best).forEach(function (d) { total[d] = best[d][0]; where[d] = [best[d][1]]; });
      } else {
        Object.keys(total).forEach(function (d) {
          if (d in best) { total[d] += best[d][0]; where[d].push(best[d][1]); } else delete total[d];
        });
      }
    });
    return Object.keys(total || {}).map(function (d) {
      var ps = where[d], close = words.length > 1 && Math.max.apply(null, ps) - Math.min.apply(null, ps) <= CLOSE;
      return { id: Number(d), score: total[d], close: close };
    }).sort(byRank);
  }
  function byRank(a, b) { return (b.close - a.close) || b.score - a.score || a.id - b.id; }

  /* search(query) -> {words, results: [{id, score}], shards, meta}; records come later. */
  function search(query) {
    return meta().then(function (m) {
      return parse(m, query).then(function (words) {
        if (!words.length) return { words: [], results: [], shards: {}, meta: m };
        var terms = [];
        words.forEach(function (w) { w.alts.forEach(function (a) { terms = terms.concat(a); }); });
        return loadShards(m, uniq(terms)).then(function (shards) {
          return { words: words, results: rank(m, shards, words), shards: shards, meta: m };
        });
      });
    });
  }

  function packOf(m, id) {
    var lo = 0, hi = m.packs.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (m.packs[mid] <= id) lo = mid; else hi = mid - 1; }
    return lo;
  }
  function records(m, ids) {
    var packs = uniq(ids.map(function (d) { return packOf(m, d); }));
    return Promise.all(packs.map(function (p) {
      return fetchJson("docs/" + p + ".json").then(function (recs) { return [p, recs]; });
    })).then(function (loaded) {
      var byPack = {}, out = {};
      loaded.forEach(function (p) { byPack[p[0]] = p[1]; });
      ids.forEach(function (d) { var p = packOf(m, d); out[d] = byPack[p][d - m.packs[p]]; });
      return out;
    });
  }

  /* Where each word occurs in a record's text (title, then summary and body), in the
   * normalised text of T.map(); a word absent from the text was a bigram coincidence. */
  function locate(rec, words) {
    var full = rec.t + "\n" + rec.x, nm = T.map(full), hits = [];
    var perWord = words.map(function (word) {
      var found = [];
      word.alts.forEach(function (alt) {
        alt.forEach(function (term) {
          for (var i = nm.text.indexOf(term); i !== -1; i = nm.text.indexOf(term, i + 1)) {
            found.push(i); hits.push([i, i + term.length]);
          }
        });
      });
      return found.sort(function (a, b) { return a - b; });
    });
    return { full: full, nm: nm, perWord: perWord, hits: hits, ok: perWord.every(function (f) { return f.length > 0; }) };
  }
  /* The shortest stretch of text holding one occurrence of every word. */
  function span(perWord) {
    if (perWord.length < 2) return { width: 0, at: perWord[0] ? perWord[0][0] : -1 };
    var events = [];
    perWord.forEach(function (ps, w) { ps.forEach(function (p) { events.push([p, w]); }); });
    events.sort(function (a, b) { return a[0] - b[0]; });
    var count = {}, have = 0, lo = 0, best = { width: Infinity, at: -1 };
    for (var hi = 0; hi < events.length; hi++) {
      if (!count[events[hi][1]]) have++;
      count[events[hi][1]] = (count[events[hi][1]] || 0) + 1;
      while (have === perWord.length) {
        var width = events[hi][0] - events[lo][0];
        if (width < best.width) best = { width: width, at: events[lo][0] };
        if (--count[events[lo][1]] === 0) have--;
        lo++;
      }
    }
    return best;
  }
  /* Records for `ids`, checked and measured: {id: {rec, loc, span}}; false hits left out. */
  function refine(m, ids, words) {
    return records(m, ids).then(function (recs) {
      var out = {};
      ids.forEach(function (d) {
        var loc = locate(recs[d], words);
        if (loc.ok) out[d] = { rec: recs[d], loc: loc, span: span(loc.perWord) };
      });
      return out;
    });
  }

  /* --- Rendering (text nodes and <mark> only) ------------------------------------------ */

  function siteUrl(u) { return new URL("../" + u, BASE).href; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  /* Append original text [a, b) to `parent`, with the hits (normalised offsets) marked. */
  function appendMarked(parent, loc, a, b) {
    var ranges = loc.hits.map(function (h) { return [loc.nm.start[h[0]], loc.nm.end[h[1] - 1]]; })
      .filter(function (r) { return r[1] > a && r[0] < b; })
      .sort(function (x, y) { return x[0] - y[0]; });
    var at = a;
    ranges.forEach(function (r) {
      var s = Math.max(r[0], at), e = Math.min(r[1], b);
      if (e <= s) return;
      if (s > at) parent.appendChild(document.createTextNode(loc.full.slice(at, s)));
      parent.appendChild(el("mark", "", loc.full.slice(s, e)));
      at = e;
    });
    if (at < b) parent.appendChild(document.createTextNode(loc.full.slice(at, b)));
  }
  function snippet(item) {
    var loc = item.loc, titleEnd = item.rec.t.length, textStart = titleEnd + 1;
    var focus = item.span.at >= 0 ? loc.nm.start[item.span.at] : -1;
    if (focus < textStart) {  // the best match is in the title: show the first match in the text
      var inText = loc.hits.map(function (h) { return loc.nm.start[h[0]]; }).filter(function (p) { return p >= textStart; });
      focus = inText.length ? Math.min.apply(null, inText) : textStart;
    }
    var a = Math.max(textStart, focus - 40), b = Math.min(loc.full.length, a + 140);
    var p = el("p", "dx-search-results__snippet");
    if (a > textStart) p.appendChild(document.createTextNode("…"));
    appendMarked(p, loc, a, b);
    if (b < loc.full.length) p.appendChild(document.createTextNode("…"));
    return p;
  }
  function statusLine(rec) {
    var p = el("p", "dx-search-results__status");
    (rec.s || []).forEach(function (s) {
      var kind = /^(mark|phase|grade)$/.test(s[0]) ? s[0] : "status";
      var css = /^[a-z-]+$/.test(s[3]) ? s[3] : "none";
      var badge = el("span", "dx-" + kind + " dx-" + kind + "--" + css);
      badge.appendChild(el("span", "dx-search-results__label", s[1] + "："));
      badge.appendChild(document.createTextNode(s[2]));
      p.appendChild(badge);
      p.appendChild(document.createTextNode(" "));
    });
    return p;
  }
  function resultItem(item) {
    var li = el("li"), head = el("p", "dx-search-results__head");
    head.appendChild(el("span", "dx-search-results__kind", item.rec.k));
    if (item.rec.e) head.appendChild(el("span", "dx-search-results__edition", item.rec.e));
    var a = el("a");
    a.href = siteUrl(item.rec.u);
    appendMarked(a, item.loc, 0, item.rec.t.length);
    li.appendChild(head);
    li.appendChild(a);
    if (item.rec.s && item.rec.s.length) li.appendChild(statusLine(item.rec));
    if (item.rec.x) li.appendChild(snippet(item));
    return li;
  }

  /* --- Never a dead end: what is close to a query that found nothing ------------------- */

  function editDistance(a, b) {
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++)
        cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
      prev = cur;
    }
    return prev[b.length];
  }
  function nearByReading(m, w) {
    if (!T.isKanaWord(w) || w.length < 2) return Promise.resolve([]);
    return yomiShard(m, w).then(function (shard) {
      var limit = Math.max(1, Math.floor(w.length / 3));
      return Object.keys(shard).map(function (r) { return [editDistance(w, r), r]; })
        .filter(function (x) { return x[0] <= limit; })
        .sort(function (x, y) { return x[0] - y[0] || (x[1] < y[1] ? -1 : 1); })
        .slice(0, 5).map(function (x) { return { term: shard[x[1]][0], why: "読み「" + x[1] + "」" }; });
    });
  }
  /* The longest parts of the word that do occur (道路冠水対策 -> 道路冠水). */
  function nearByChars(res, word) {
    var w = word.text, shortest = T.isKanaWord(w) ? 3 : 2;  // two kana are too common to be "close"
    for (var len = w.length - 1; len >= shortest; len--) {
      var found = [];
      for (var i = 0; i + len <= w.length; i++) {
        var sub = word.part(i, len), n = Object.keys(termScores(res.shards, res.meta, w.slice(i, i + len))).length;
        if (n && !found.some(function (f) { return f.term === sub; })) found.push({ term: sub, why: n + "件" });
      }
      if (found.length) return found.slice(0, 4);
    }
    return [];
  }
  function nearTerms(res) {
    var m = res.meta;
    return Promise.all(res.words.map(function (w) { return nearByReading(m, w.text); })).then(function (byReading) {
      var out = [];
      res.words.forEach(function (w, i) {
        if (res.words.length > 1) {
          var alone = rank(m, res.shards, [w]).length;
          if (alone) out.push({ term: w.source, why: "この言葉だけで" + alone + "件" });
        }
        out = out.concat(byReading[i], nearByChars(res, w));
      });
      var seen = {};
      return out.filter(function (x) { if (seen[x.term]) return false; seen[x.term] = true; return true; }).slice(0, 8);
    });
  }

  /* --- Results page --------------------------------------------------------------------- */

  function searchPageUrl(q) { return siteUrl("search/") + "?q=" + encodeURIComponent(q); }
  function listUrl(q) { return siteUrl("projects/") + "?q=" + encodeURIComponent(q); }

  function showHelp(q, res) {
    var help = document.getElementById("dx-search-help");
    if (!help) return;
    help.hidden = false;
    var list = document.getElementById("dx-search-list");
    if (list && q) list.href = listUrl(q);
    var near = document.getElementById("dx-search-near");
    if (!near || !res || !res.words.length) return;
    near.textContent = "";
    nearTerms(res).then(function (terms) {
      if (!terms.length) return;
      near.appendChild(el("p", "", "近い言葉で探す："));
      var ul = el("ul", "dx-search-near");
      terms.forEach(function (t) {
        var li = el("li"), a = el("a", "", t.term);
        a.href = searchPageUrl(t.term);
        li.appendChild(a);
        li.appendChild(document.createTextNode("（" + t.why + "）"));
        ul.appendChild(li);
      });
      near.appendChild(ul);
    });
  }

  function readingNote(words) {
    var notes = words.filter(function (w) { return w.readsAs.length; }).map(function (w) {
      return "「" + w.source + "」は" + w.readsAs.slice(0, 4).map(function (s) { return "「" + s + "」"; }).join("") + "としても";
    });
    return notes.length ? notes.join("、") + "探しました。" : "";
  }

  function renderResults() {
    var list = document.getElementById("dx-search-results");
    var status = document.getElementById("dx-search-status");
    var input = document.getElementById("dx-search-page-q");
    if (!list || !status || !input) return;
    var more = document.getElementById("dx-search-more");
    var help = document.getElementById("dx-search-help");
    var q = new URLSearchParams(location.search).get("q") || "";
    input.value = q;
    var header = document.getElementById("dx-header-q");
    if (header) header.value = q;
    list.textContent = "";
    if (more) more.hidden = true;
    if (help) help.hidden = true;
    if (!T.words(q).length) {
      status.textContent = "キーワードを入力してください。";
      showHelp(q, null);
      // Opened from the header's search button (on a phone, the button alone): ready to type.
      input.focus();
      return;
    }
    status.textContent = "検索しています…";
    search(q).then(function (res) {
      var m = res.meta, results = res.results, multi = res.words.length > 1;
      if (!results.length) return finish(res, [], 0);
      var first = results.slice(0, multi ? Math.max(POOL, PAGE) : PAGE).map(function (r) { return r.id; });
      return refine(m, first, res.words).then(function (items) {
        var dropped = first.filter(function (d) { return !items[d]; }).length;
        var pool = results.slice(0, first.length).filter(function (r) { return items[r.id]; }).map(function (r) {
          var it = items[r.id];
          // The text tells better than the index (which knows first occurrences only).
          it.id = r.id; it.score = r.score; it.close = multi && (r.close || it.span.width <= CLOSE);
          return it;
        });
        pool.sort(byRank);
        var rest = results.slice(first.length).map(function (r) { return r.id; });
        finish(res, pool, results.length - dropped, rest);
      });
    }).catch(function () {
      status.textContent = "検索の準備ができませんでした。時間をおいてもう一度お試しください。";
    });

    function finish(res, pool, count, rest) {
      var note = readingNote(res.words);
      if (!count) {
        status.textContent = "「" + q + "」に一致するページは見つかりませんでした。" + note +
          "近い言葉や、下の一覧からお探しください。";
        showHelp(q, res);
        return;
      }
      status.textContent = "「" + q + "」の検索結果：" + count + "件" + (note ? "。" + note : "");
      var shown = 0;
      function show(items) {
        items.forEach(function (it) { list.appendChild(resultItem(it)); });
        shown += items.length;
      }
      show(pool.slice(0, PAGE));
      var queue = pool.slice(PAGE);
      var ids = rest || [];
      if (!more) return;
      function update() { more.hidden = !(queue.length || ids.length); }
      update();
      more.onclick = function () {
        var need = Math.max(0, PAGE - queue.length), take = ids.splice(0, need);
        refine(res.meta, take, res.words).then(function (items) {
          queue = queue.concat(take.filter(function (d) { return items[d]; }).map(function (d) { return items[d]; }));
          show(queue.splice(0, PAGE));
          update();
          status.textContent = "「" + q + "」の検索結果：" + count + "件（" + shown + "件を表示）";
        });
      };
    }
  }

  /* --- Suggestions under the header search box while typing ----------------------------- */

  function initHeader() {
    var input = document.getElementById("dx-header-q");
    if (!input || input._dxReady) return;
    input._dxReady = true;
    var form = input.form;
    // The header stays in place across instant navigation, so its relative action would
    // point below the next page: make it absolute (the script's own URL knows the site root).
    form.setAttribute("action", siteUrl("search/"));
    var panel = el("div", "dx-header-results");
    panel.id = "dx-header-results";
    panel.hidden = true;
    var list = el("ul");
    panel.appendChild(list);
    var status = el("p", "dx-visually-hidden");
    status.setAttribute("role", "status");
    form.appendChild(panel);
    form.appendChild(status);
    input.setAttribute("aria-controls", panel.id);
    var timer = null, seq = 0;

    function close() { panel.hidden = true; }
    function links() { return Array.prototype.slice.call(panel.querySelectorAll("a")); }
    function item(href, text, kind) {
      var li = el("li"), a = el("a");
      a.href = href;
      if (kind) a.appendChild(el("span", "dx-search-results__kind", kind));
      a.appendChild(document.createTextNode(text));
      li.appendChild(a);
      list.appendChild(li);
    }

    function suggest() {
      var q = input.value.trim(), mine = ++seq;
      if (T.words(q).join("").length < 2) { close(); status.textContent = ""; return; }
      search(q).then(function (res) {
        var ids = res.results.slice(0, 8).map(function (r) { return r.id; });
        return refine(res.meta, ids, res.words).then(function (items) {
          if (mine !== seq) return;
          var shown = ids.filter(function (d) { return items[d]; }).slice(0, 6);
          list.textContent = "";
          shown.forEach(function (d) { item(siteUrl(items[d].rec.u), items[d].rec.t, items[d].rec.k); });
          if (shown.length) item(searchPageUrl(q), "すべての結果を見る");
          else {
            item(searchPageUrl(q), "見つかりませんでした。近い言葉を見る");
            item(listUrl(q), "事業の一覧で「" + q + "」を絞り込む");
          }
          panel.hidden = false;
          panel.setAttribute("data-query", q);
          status.textContent = "候補" + shown.length + "件。下矢印キーで候補に移動できます。";
        });
      });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, 60);
    });
    form.addEventListener("keydown", function (e) {
      var all = links(), i = all.indexOf(document.activeElement);
      if (e.key === "Escape") { close(); input.focus(); }
      else if (e.key === "ArrowDown" && !panel.hidden && all.length) { e.preventDefault(); all[Math.min(i + 1, all.length - 1)].focus(); }
      else if (e.key === "ArrowUp" && i >= 0) { e.preventDefault(); if (i === 0) input.focus(); else all[i - 1].focus(); }
    });
    document.addEventListener("click", function (e) { if (!form.contains(e.target)) close(); });
    form.addEventListener("focusout", function (e) { if (!form.contains(e.relatedTarget)) close(); });
  }

  window.dxSearch = search;
  function start() { initHeader(); renderResults(); }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

/* Japanese site search over the bigram index built by dxreport/search.py.
 * normalise(), bigrams() and shardOf() mirror the Python functions of the
 * same names: keep them in step. Only the shards a query needs are fetched. */
(function () {
  "use strict";
  var BASE = new URL("../../search/", document.currentScript.src);
  var DROP = /[\s\u3000、。，．・,.:;：；!！?？「」『』（）()\[\]【】〈〉《》<>"'“”‘’/／\\|]+/g;
  var cache = {};

  function normalise(s) {
    return s.normalize("NFKC").toLowerCase().replace(/[‐－―─−]/g, "ー").replace(DROP, " ");
  }
  function words(s) { return normalise(s).split(" ").filter(Boolean); }
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
  function fetchJson(path) {
    if (!cache[path]) cache[path] = fetch(new URL(path, BASE)).then(function (r) {
      if (!r.ok) throw new Error(path);
      return r.json();
    });
    return cache[path];
  }

  function search(query) {
    var ws = words(query);
    if (!ws.length) return Promise.resolve([]);
    return fetchJson("meta.json").then(function (meta) {
      var perWord = ws.map(function (w) { return bigrams(w); });
      var shardIds = {};
      perWord.forEach(function (gs) { gs.forEach(function (g) { shardIds[shardOf(g, meta.shards)] = true; }); });
      return Promise.all(Object.keys(shardIds).map(function (n) {
        return fetchJson("index/" + n + ".json").then(function (s) { return [n, s]; });
      })).then(function (loaded) {
        var shards = {};
        loaded.forEach(function (p) { shards[p[0]] = p[1]; });
        var scores = null;
        perWord.forEach(function (gs) {
          var wordScores = null;
          gs.forEach(function (g) {
            var post = shards[shardOf(g, meta.shards)][g] || [];
            var m = {};
            for (var i = 0; i < post.length; i += 2) m[post[i]] = post[i + 1];
            if (wordScores === null) wordScores = m;
            else {
              var next = {};
              Object.keys(wordScores).forEach(function (d) { if (d in m) next[d] = wordScores[d] + m[d]; });
              wordScores = next;
            }
          });
          wordScores = wordScores || {};
          if (scores === null) scores = wordScores;
          else {
            var both = {};
            Object.keys(scores).forEach(function (d) { if (d in wordScores) both[d] = scores[d] + wordScores[d]; });
            scores = both;
          }
        });
        var ids = Object.keys(scores || {}).map(Number);
        var chunks = {};
        ids.forEach(function (d) { chunks[Math.floor(d / meta.chunk)] = true; });
        return Promise.all(Object.keys(chunks).map(function (c) {
          return fetchJson("docs/" + c + ".json").then(function (docs) { return [Number(c), docs]; });
        })).then(function (loadedDocs) {
          var docsByChunk = {};
          loadedDocs.forEach(function (p) { docsByChunk[p[0]] = p[1]; });
          var results = ids.map(function (d) {
            var doc = docsByChunk[Math.floor(d / meta.chunk)][d % meta.chunk];
            var score = scores[d] / ws.length;
            var title = normalise(doc.t).replace(/ /g, "");
            ws.forEach(function (w) { if (title.indexOf(w) !== -1) score += 1000; });
            return { id: d, doc: doc, score: score };
          });
          results.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
          return results;
        });
      });
    });
  }

  function siteUrl(u) { return new URL("../" + u, BASE).href; }

  function renderResults() {
    var list = document.getElementById("dx-search-results");
    var status = document.getElementById("dx-search-status");
    var input = document.getElementById("dx-search-page-q");
    if (!list || !status || !input) return;
    var q = new URLSearchParams(location.search).get("q") || "";
    input.value = q;
    var header = document.getElementById("dx-header-q");
    if (header) header.value = q;
    list.textContent = "";
    if (!q.trim()) { status.textContent = "キーワードを入力してください。"; return; }
    status.textContent = "検索しています…";
    search(q).then(function (results) {
      var shown = results.slice(0, 50);
      status.textContent = "「" + q + "」の検索結果：" + results.length + "件" +
        (results.length > shown.length ? "（上位" + shown.length + "件を表示）" : "") +
        (results.length === 0 ? "。言葉を短くするか、別の言葉でお試しください。" : "");
      shown.forEach(function (r) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = siteUrl(r.doc.u);
        a.textContent = r.doc.t;
        var kind = document.createElement("span");
        kind.className = "dx-search-results__kind";
        kind.textContent = r.doc.k;
        var p = document.createElement("p");
        p.textContent = r.doc.s;
        li.appendChild(kind); li.appendChild(a); li.appendChild(p);
        list.appendChild(li);
      });
    }).catch(function () {
      status.textContent = "検索の準備ができませんでした。時間をおいてもう一度お試しください。";
    });
  }

  /* Suggestions under the header search box while typing; Enter still opens the full results page. */
  function initHeader() {
    var input = document.getElementById("dx-header-q");
    if (!input || input._dxReady) return;
    input._dxReady = true;
    var form = input.form;
    var panel = document.createElement("div");
    panel.id = "dx-header-results";
    panel.className = "dx-header-results";
    panel.hidden = true;
    var list = document.createElement("ul");
    panel.appendChild(list);
    var status = document.createElement("p");
    status.className = "dx-visually-hidden";
    status.setAttribute("role", "status");
    form.appendChild(panel);
    form.appendChild(status);
    input.setAttribute("aria-controls", panel.id);
    var timer = null, seq = 0;

    function close() { panel.hidden = true; }
    function links() { return Array.prototype.slice.call(panel.querySelectorAll("a")); }
    function item(href, text, kind) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = href;
      if (kind) {
        var k = document.createElement("span");
        k.className = "dx-search-results__kind";
        k.textContent = kind;
        a.appendChild(k);
      }
      a.appendChild(document.createTextNode(text));
      li.appendChild(a);
      list.appendChild(li);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim(), mine = ++seq;
        if (words(q).join("").length < 2) { close(); status.textContent = ""; return; }
        search(q).then(function (results) {
          if (mine !== seq) return;
          list.textContent = "";
          results.slice(0, 6).forEach(function (r) { item(siteUrl(r.doc.u), r.doc.t, r.doc.k); });
          item(form.action + "?q=" + encodeURIComponent(q),
               results.length ? "すべての結果（" + results.length + "件）を見る" : "見つかりませんでした。検索結果のページを開く");
          panel.hidden = false;
          status.textContent = "候補" + Math.min(results.length, 6) + "件。下矢印キーで候補に移動できます。";
        });
      }, 120);
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

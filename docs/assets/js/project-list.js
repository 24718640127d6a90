/* Project list: filters (kept in the URL), free text normalised as the site search
 * does (textnorm.js: width, case, hiragana = katakana, long-vowel marks; several words
 * all required, in any order), sortable columns (a project graded per indicator kind
 * sorts by its first grade and matches a grade filter by any), and a count announced to screen
 * readers. Without JavaScript the full table shows. */
(function () {
  "use strict";
  var FIELDS = ["q", "issue", "dept", "leading", "published", "grade", "phase"];
  var RANKS = {
    grade: ["a", "b", "c", "d"],
    // Phases rank in the order of the report's own list: the order of the phase filter's options.
    phase: [],
    published: []  // the report's own scale, in its order: data-published is the value's place (1, 2, …)
  };
  for (var n = 1; n <= 200; n++) RANKS.published.push(String(n));
  var T = window.dxTextNorm;

  function init() {
    var table = document.getElementById("dx-project-list");
    var form = document.getElementById("dx-filter");
    if (!table || !form || table._dxReady) return;
    table._dxReady = true;
    form.hidden = false;
    var phases = form.elements.phase;
    RANKS.phase = phases ? Array.prototype.map.call(phases.options, function (o) { return o.value; })
      .filter(function (v) { return v && v !== "none"; }) : [];
    var count = document.getElementById("dx-count");
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var total = rows.length;
    // Keywords also match the summary and indicator, kept in data-summary (not shown in the table).
    rows.forEach(function (r) { r._dxText = T.normalise(r.textContent + " " + (r.dataset.summary || "")); });
    var sortKey = null, sortDir = 1;

    // A report without phases or leading projects has no such filter.
    function value(f) { var el = form.elements[f]; return el ? el.value : ""; }

    function readUrl() {
      var p = new URLSearchParams(location.search);
      FIELDS.forEach(function (f) { var el = form.elements[f]; if (el) el.value = p.get(f) || ""; });
      sortKey = p.get("sort"); sortDir = p.get("dir") === "desc" ? -1 : 1;
    }

    function writeUrl(push) {
      var p = new URLSearchParams();
      FIELDS.forEach(function (f) { var v = value(f); if (v) p.set(f, v); });
      if (sortKey) { p.set("sort", sortKey); if (sortDir < 0) p.set("dir", "desc"); }
      var qs = p.toString();
      var url = location.pathname + (qs ? "?" + qs : "") + location.hash;
      if (url === location.pathname + location.search + location.hash) return;
      (push ? history.pushState : history.replaceState).call(history, history.state, "", url);
    }

    // A project graded per indicator kind has several grades ("a d"): it matches any of them.
    function has(r, f, v) { return f === "grade" ? r.dataset.grade.split(" ").indexOf(v) !== -1 : r.dataset[f] === v; }
    // Sorting by grade uses the first (the one listed first in the cell).
    function rank(r, key) { return RANKS[key].indexOf(r.dataset[key].split(" ")[0]); }

    function apply() {
      var q = T.words(form.elements.q.value);
      var want = {};
      ["issue", "dept", "leading", "published", "grade", "phase"].forEach(function (f) { want[f] = value(f); });
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var r = rows[i], ok = q.every(function (w) { return r._dxText.indexOf(w) !== -1; });
        if (ok) for (var f in want) { if (want[f] && !has(r, f, want[f])) { ok = false; break; } }
        r.hidden = !ok;
        if (ok) shown++;
      }
      count.textContent = total + "件中" + shown + "件を表示";
      // The caption says what the table shows now, not the unfiltered total.
      if (caption) caption.textContent = caption.dataset.base + "（" + (shown === total ? total + "件" : total + "件中" + shown + "件") + "）";
    }
    var caption = table.caption && table.caption.dataset.base ? table.caption : null;

    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th, col) {
      var key = th.getAttribute("data-sort");
      if (!key) return;
      var b = document.createElement("button");
      b.type = "button";
      b.className = "dx-sort";
      b.innerHTML = th.innerHTML + '<span class="dx-sort__icon" aria-hidden="true"></span>';
      th.textContent = "";
      th.appendChild(b);
      th._dxCol = col;
      b.addEventListener("click", function () {
        if (sortKey === key) sortDir = -sortDir; else { sortKey = key; sortDir = 1; }
        sortRows(); writeUrl(true);
      });
    });

    function cellText(r, col) { return r.cells[col].textContent.trim(); }

    function sortRows() {
      var col = -1;
      headers.forEach(function (th) {
        var key = th.getAttribute("data-sort");
        if (key === sortKey) { col = th._dxCol; th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending"); }
        else th.removeAttribute("aria-sort");
      });
      var sorted = rows.slice();
      if (col >= 0) {
        var ranked = RANKS[sortKey];
        sorted.sort(function (a, b) {
          if (ranked) {
            // Grades and phases sort by their meaning; "cannot be computed / not listed" always last.
            var x = rank(a, sortKey), y = rank(b, sortKey);
            if ((x < 0) !== (y < 0)) return x < 0 ? 1 : -1;
            if (x !== y) return (x - y) * sortDir;
            return a.dataset.order - b.dataset.order;
          }
          var c = cellText(a, col).localeCompare(cellText(b, col), "ja", { numeric: true });
          return c !== 0 ? c * sortDir : a.dataset.order - b.dataset.order;
        });
      } else {
        sorted.sort(function (a, b) { return a.dataset.order - b.dataset.order; });
      }
      var frag = document.createDocumentFragment();
      sorted.forEach(function (r) { frag.appendChild(r); });
      tbody.appendChild(frag);
    }

    form.addEventListener("input", function (e) { apply(); writeUrl(e.target.name !== "q"); });
    form.addEventListener("change", function (e) { if (e.target.name === "q") writeUrl(true); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("reset", function () {
      setTimeout(function () { sortKey = null; apply(); sortRows(); writeUrl(true); }, 0);
    });
    window.addEventListener("popstate", function () {
      if (!document.body.contains(table)) return;
      readUrl(); apply(); sortRows();
    });
    readUrl(); apply(); sortRows();
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* Measurements for tests/test_phone.py, run in the page (Chromium) by page.evaluate.
 * Each check returns a list of problems in words (empty when the page is fine), so a failing test
 * says what is wrong where. Geometry comes from the boxes the browser laid out. */
window.__dxChecks = (function () {
  "use strict";

  function label(e) { return (e.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40); }

  function shown(e) {
    var r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== "hidden";
  }

  // Inside a visually-hidden box (1 px and clipped): read by screen readers, not laid out for the eye.
  function hiddenForEye(e) {
    for (var p = e; p && p !== document.body; p = p.parentElement) {
      var r = p.getBoundingClientRect();
      if (r.width <= 2 || r.height <= 2) return true;
    }
    return false;
  }

  function forEye(e) { return shown(e) && !hiddenForEye(e) && (e.textContent || "").trim() !== ""; }

  function textRects(e) {
    var rects = [];
    var walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent.trim() || hiddenForEye(n.parentElement)) continue;
      var range = document.createRange();
      range.selectNodeContents(n);
      Array.prototype.forEach.call(range.getClientRects(), function (r) { if (r.width > 0) rects.push(r); });
    }
    return rects;
  }

  function lines(e) {
    var tops = {};
    textRects(e).forEach(function (r) { tops[Math.round(r.top / 4)] = true; });
    return Object.keys(tops).length;
  }

  // The part of the screen an element can be seen in without scrolling sideways: the viewport,
  // narrowed by every ancestor that clips or scrolls its overflow.
  function visibleSpan(e) {
    var left = 0, right = document.documentElement.clientWidth;
    for (var p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      var s = getComputedStyle(p);
      if (s.overflowX !== "visible") {
        var r = p.getBoundingClientRect();
        left = Math.max(left, r.left);
        right = Math.min(right, r.right);
      }
    }
    return [left, right];
  }

  function page(width) {
    var out = [];
    var wide = document.scrollingElement.scrollWidth;
    if (wide > width) out.push("page scrolls sideways: " + wide + " px wide");
    document.querySelectorAll(".dx-mark, .dx-grade, .dx-phase, .dx-leading").forEach(function (m) {
      if (!forEye(m)) return;
      var r = m.getBoundingClientRect();
      if (r.left < -0.5 || r.right > width + 0.5) out.push("status mark cut at the screen's edge: " + label(m));
    });
    document.querySelectorAll("table caption").forEach(function (c) {
      if (!forEye(c)) return;
      var w = c.getBoundingClientRect().width;
      if (w < 200) out.push("caption " + Math.round(w) + " px wide: " + label(c));
    });
    // A cell narrower than 200 px is a column squeezed beside others: on a phone each cell is a line
    // of its own (issue #26). Cells that are hidden for the eye (a header row kept for screen
    // readers) are not measured.
    document.querySelectorAll("table th, table td").forEach(function (cell) {
      if (!forEye(cell)) return;
      var w = cell.getBoundingClientRect().width;
      if (w < 200) out.push("cell " + Math.round(w) + " px wide: " + label(cell));
      else if (lines(cell) >= 3 && (cell.textContent || "").replace(/\s/g, "").length / lines(cell) < 3) {
        out.push("cell of one or two characters a line: " + label(cell));
      }
    });
    return out;
  }

  // Every value of a table is on screen: no text of a caption or cell lies outside the part of the
  // screen it can be seen in (a box that scrolls sideways hides it until scrolled).
  function tablesOnScreen() {
    var out = [];
    document.querySelectorAll("table").forEach(function (table) {
      if (!shown(table)) return;
      table.querySelectorAll("caption, th, td").forEach(function (cell) {
        if (!forEye(cell)) return;
        var span = visibleSpan(cell);
        var cut = textRects(cell).some(function (r) { return r.left < span[0] - 0.5 || r.right > span[1] + 0.5; });
        if (cut) out.push((table.className || "table") + ": off screen: " + label(cell));
      });
    });
    return out;
  }

  function overlap(a, b) {
    return a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  }

  function boxes(chart, selector) {
    return Array.prototype.filter.call(chart.querySelectorAll(selector), function (t) {
      return t.textContent.trim() !== "" && shown(t);
    }).map(function (t) { return { text: t.textContent.trim(), box: t.getBoundingClientRect() }; });
  }

  function chart(el) {
    var out = [];
    var name = el.id || "chart";
    var legend = el.querySelector(".legend");
    var ticks = boxes(el, ".xtick text, .ytick text");
    var titles = boxes(el, ".g-xtitle text, .g-ytitle text");
    var labels = ticks.concat(titles);
    var frame = el.getBoundingClientRect();
    var legendBox = legend && shown(legend) ? legend.getBoundingClientRect() : null;
    labels.forEach(function (t, i) {
      if (legendBox && overlap(t.box, legendBox)) out.push(name + ": legend over label " + t.text);
      labels.slice(i + 1).forEach(function (u) {
        if (overlap(t.box, u.box)) out.push(name + ": labels overlap: " + t.text + " / " + u.text);
      });
      if (t.box.left < frame.left - 1 || t.box.right > frame.right + 1) out.push(name + ": label cut at the edge: " + t.text);
    });
    ticks.forEach(function (t) {
      if (/^[-−]?[\d.,]+\s*[kMGTPµmnp]$/.test(t.text)) out.push(name + ": SI suffix on a tick: " + t.text);
    });
    // Counts (1件, 2件) are ticked in whole numbers: no 「0.4件」 on the value axis.
    var traces = el.data || [];
    var across = traces.some(function (t) { return t.orientation === "h"; });
    var values = [].concat.apply([], traces.map(function (t) { return (across ? t.x : t.y) || []; }))
      .filter(function (v) { return typeof v === "number"; });
    if (values.length && values.every(Number.isInteger)) {
      boxes(el, across ? ".xtick text" : ".ytick text").forEach(function (t) {
        if (/\.\d/.test(t.text)) out.push(name + ": fractional tick on whole numbers: " + t.text);
      });
    }
    if (legendBox && (legendBox.left < frame.left - 1 || legendBox.right > frame.right + 1)) out.push(name + ": legend cut at the edge");
    return out;
  }

  function charts() {
    var out = [];
    document.querySelectorAll(".dx-chart--ready").forEach(function (el) { out = out.concat(chart(el)); });
    return out;
  }

  /* --- Contrast (WCAG 2.x relative luminance) ----------------------------------------------- */

  function rgba(css) {
    var m = /rgba?\(([^)]+)\)/.exec(css || "");
    if (!m) return null;
    var p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  }

  function over(top, bottom) {
    var a = top[3];
    return [0, 1, 2].map(function (i) { return top[i] * a + bottom[i] * (1 - a); }).concat([1]);
  }

  function background(e) {
    var layers = [];
    for (var p = e; p; p = p.parentElement) {
      var c = rgba(getComputedStyle(p).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    return layers.reverse().reduce(function (acc, c) { return over(c, acc); }, [255, 255, 255, 1]);
  }

  function luminance(c) {
    var f = function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  }

  function ratio(a, b) {
    var x = luminance(a), y = luminance(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  }

  function hasBorder(s) { return s.borderTopStyle !== "none" && parseFloat(s.borderTopWidth) > 0; }

  // Text, border and fill of an element against what lies under it.
  function contrastOf(e, need) {
    var out = [];
    var s = getComputedStyle(e);
    var under = background(e.parentElement);
    var fill = rgba(s.backgroundColor);
    var own = background(e);
    var text = over(rgba(s.color), own);
    var what = (e.className || e.tagName) + " " + label(e);
    var r = ratio(text, own);
    if (r < need.text) out.push(what + ": text " + r.toFixed(2) + ":1");
    if (hasBorder(s)) {
      r = ratio(over(rgba(s.borderTopColor), under), under);
      if (r < need.border) out.push(what + ": border " + r.toFixed(2) + ":1");
    }
    if (fill && fill[3] > 0 && need.fill) {
      r = ratio(over(fill, under), under);
      if (r < need.fill) out.push(what + ": fill " + r.toFixed(2) + ":1");
    }
    return out;
  }

  var MARKS = ".dx-mark, .dx-grade, .dx-phase, .dx-leading, .dx-mark__symbol, .dx-grade__symbol, .dx-phase__symbol";
  var CONTROLS = ".md-content button, .md-content select, .md-content input, .md-content .md-button";
  var BARS = ".dx-bar__seg";  // a card's count bar: no text, its fill against the card

  function contrast() {
    var out = [];
    document.querySelectorAll(MARKS).forEach(function (e) {
      if (shown(e)) out = out.concat(contrastOf(e, { text: 4.5, border: 4.5, fill: 4.5 }));
    });
    document.querySelectorAll(CONTROLS).forEach(function (e) {
      if (shown(e)) out = out.concat(contrastOf(e, { text: 4.5, border: 3, fill: 0 }));
    });
    document.querySelectorAll(BARS).forEach(function (e) {
      if (shown(e)) out = out.concat(contrastOf(e, { text: 0, border: 4.5, fill: 4.5 }));
    });
    return out.filter(function (p, i) { return out.indexOf(p) === i; });
  }

  return { page: page, tablesOnScreen: tablesOnScreen, charts: charts, contrast: contrast };
})();

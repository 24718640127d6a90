/* Charts: plotly.js is loaded only on pages that have a chart (.dx-chart).
 * Figure JSON sits in data-figure attributes (Material's instant navigation
 * re-runs inline scripts without their type, so no inline JSON scripts).
 * One shared template, taken from CSS custom properties, themes every chart,
 * so switching the light/dark palette re-themes the charts. */
(function () {
  "use strict";
  var PLOTLY_SRC = new URL("../vendor/plotly-basic-4.1.1.min.js", document.currentScript.src).href;
  var loading = null;

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = PLOTLY_SRC;
        s.async = true;
        s.onload = function () { resolve(window.Plotly); };
        s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function cssVar(name) {
    return getComputedStyle(document.body).getPropertyValue(name).trim();
  }

  function colourFor(meta) {
    return cssVar("--dx-c-" + meta) || cssVar("--md-default-fg-color");
  }

  var FONT = "system-ui, -apple-system, 'Hiragino Sans', 'Noto Sans JP', Meiryo, sans-serif";
  var measure = null;

  function textWidth(text, size) {
    if (!measure) measure = document.createElement("canvas").getContext("2d");
    measure.font = size + "px " + FONT;
    return Math.max.apply(null, text.split("<br>").map(function (line) { return measure.measureText(line).width; }));
  }

  // The categories along a year axis, in the order plotly shows them (first seen first).
  function categories(data) {
    var seen = [];
    data.forEach(function (t) { (t.x || []).forEach(function (c) { if (seen.indexOf(c) < 0) seen.push(c); }); });
    return seen;
  }

  // Room for the plot: the chart's width less the value axis, its title and the right margin.
  function plotWidth(width) { return Math.max(width - 96, 120); }

  /* Year labels that fit the width the chart has: level, never over each other. Where
   * 「令和5年度」 does not fit, it goes on two lines (令和5 / 年度); where that does not fit
   * either, every second (third...) year is labelled, counting back from the latest. */
  function fitYears(layout, data, width) {
    var axis = layout.xaxis;
    if (!axis || axis.type !== "category") return;
    var years = categories(data);
    if (!years.length) return;
    var size = width < 480 ? 12 : 14;
    var slot = plotWidth(width) / years.length;
    var widest = function (labels) {
      return Math.max.apply(null, labels.map(function (l) { return textWidth(l, size); })) + 10;
    };
    var labels = years;
    if (widest(labels) > slot) labels = years.map(function (y) { return y.replace(/^(.+?)(年度)$/, "$1<br>$2"); });
    var step = Math.max(1, Math.ceil(widest(labels) / slot));
    var shown = years.filter(function (y, i) { return (years.length - 1 - i) % step === 0; });
    layout.xaxis = Object.assign({}, axis, {
      range: [-0.5, years.length - 0.5], // every year in the middle of its slot, lines as bars
      tickmode: "array",
      tickvals: shown,
      ticktext: shown.map(function (y) { return labels[years.indexOf(y)]; }),
      tickangle: 0,
      tickfont: { size: size }
    });
  }

  // Counts along a horizontal axis (the home overview): one tick per count only while they fit.
  function fitCounts(layout, data, plot) {
    var axis = layout.xaxis;
    if (!axis || !axis.dtick || layout.barmode !== "stack") return;
    var totals = {};
    data.forEach(function (t) { (t.y || []).forEach(function (c, i) { totals[c] = (totals[c] || 0) + ((t.x || [])[i] || 0); }); });
    var most = Math.max.apply(null, [1].concat(Object.keys(totals).map(function (c) { return totals[c]; })));
    var room = Math.floor(plot / 36);
    layout.xaxis = Object.assign({}, axis, { tickangle: 0 });
    if (most / axis.dtick > room) {
      layout.xaxis.nticks = room;
      delete layout.xaxis.dtick;
    }
  }

  // Names along a horizontal bar chart's side take at most two fifths of the width: longer ones
  // wrap (plotly's <br>; the names come escaped, so an entity such as &amp; stays whole).
  function wrapName(name, room, size) {
    var lines = [""];
    (name.match(/&[#0-9A-Za-z]+;|[\s\S]/g) || []).forEach(function (ch) {
      var line = lines[lines.length - 1];
      if (line && textWidth(line.replace(/&[#0-9A-Za-z]+;/g, "&") + ch, size) > room) lines.push(ch);
      else lines[lines.length - 1] = line + ch;
    });
    return lines;
  }

  // Returns the room left for the bars (plot) and for the legend's rows (legend): the legend starts
  // at the chart's left edge, above the names, not at the bars' (plotly wraps it at its room).
  function fitNames(layout, data, width) {
    var bars = data.filter(function (t) { return t.orientation === "h"; });
    if (!bars.length) return { plot: plotWidth(width), legend: plotWidth(width) };
    var names = bars[0].y || [];
    var size = width < 480 ? 12 : 14;
    var wrapped = names.map(function (n) { return wrapName(n, width * 0.4, size); });
    var widest = Math.max.apply(null, [0].concat(wrapped.map(function (lines) { return textWidth(lines.join("<br>").replace(/&[#0-9A-Za-z]+;/g, "&"), size); })));
    layout.margin = Object.assign({}, layout.margin, { l: Math.ceil(widest) + 12 });
    layout.yaxis = Object.assign({}, layout.yaxis, {
      tickmode: "array",
      tickvals: names,
      ticktext: wrapped.map(function (lines) { return lines.join("<br>"); }),
      tickfont: { size: size }
    });
    layout.height = 100 + wrapped.reduce(function (sum, lines) { return sum + Math.max(28, lines.length * (size + 4) + 8); }, 0);
    var plot = Math.max(width - layout.margin.l - (layout.margin.r || 0) - 8, 60);
    layout.legend = Object.assign({}, layout.legend, { x: -(layout.margin.l - 4) / plot });
    return { plot: plot, legend: plot + layout.margin.l - 4 };
  }

  // The legend's rows above the plot (plotly wraps it at the plot's width): room for each, so the
  // plot keeps its height.
  // Plotly puts the items in one row when they fit, else in columns as wide as the widest item.
  function fitLegend(layout, data, room) {
    var size = layout.font.size;
    var items = data.filter(function (t) { return t.showlegend !== false; }).map(function (t) {
      return textWidth(t.name || "", size) + 46;
    });
    var total = items.reduce(function (a, b) { return a + b; }, 0);
    var perRow = Math.max(1, Math.floor(room / Math.max.apply(null, [1].concat(items))));
    var rows = total <= room ? 1 : Math.ceil(items.length / perRow);
    var row = size + 10;
    layout.margin = Object.assign({}, layout.margin, { t: Math.max((layout.margin || {}).t || 0, rows * row + 8) });
    layout.height = (layout.height || 280) + (rows - 1) * row;
  }

  function themed(fig, width) {
    var fg = cssVar("--md-default-fg-color") || "#222";
    var grid = cssVar("--dx-grid") || "#ccc";
    var bg = cssVar("--md-default-bg-color") || "#fff";
    var data = fig.data.map(function (t) {
      var c = colourFor(t.meta);
      var out = Object.assign({}, t);
      if (t.type === "bar") {
        out.marker = Object.assign({}, t.marker, {
          color: t.meta === "plan" ? "rgba(0,0,0,0)" : c,
          line: Object.assign({}, (t.marker || {}).line, { color: c }),
          // Hatching tells series apart without colour: page-coloured lines on filled bars, coloured on the plan outline.
          pattern: Object.assign({}, (t.marker || {}).pattern, t.meta === "plan"
            ? { fgcolor: c, bgcolor: "rgba(0,0,0,0)" }
            : { fgcolor: bg, bgcolor: c, fgopacity: 0.9 })
        });
      } else {
        out.line = Object.assign({}, t.line, { color: c });
        out.marker = Object.assign({}, t.marker, { color: c });
      }
      return out;
    });
    var layout = Object.assign({}, fig.layout, {
      font: { family: FONT, size: width < 480 ? 13 : 14, color: fg },
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)",
      hoverlabel: { font: { size: 14 } },
      autosize: true
    });
    ["xaxis", "yaxis"].forEach(function (ax) {
      layout[ax] = Object.assign({}, fig.layout[ax], { gridcolor: grid, linecolor: grid, zerolinecolor: grid, automargin: true });
    });
    fitYears(layout, data, width);
    var room = fitNames(layout, data, width);
    fitCounts(layout, data, room.plot);
    fitLegend(layout, data, room.legend);
    return { data: data, layout: layout };
  }

  var CONFIG = { displayModeBar: false, responsive: true, locale: "ja" };

  // The width of an A4 page inside its margins (site.css @page), in CSS pixels, less a little room.
  var PRINT_WIDTH = 680;
  var printing = false;

  function draw(Plotly, el) {
    if (!el._dxFigure) el._dxFigure = JSON.parse(el.getAttribute("data-figure"));
    el._dxWidth = el.clientWidth;
    var width = printing ? Math.min(el._dxWidth || PRINT_WIDTH, PRINT_WIDTH) : el._dxWidth || 360;
    var t = themed(el._dxFigure, width);
    if (printing) t.layout = Object.assign({}, t.layout, { width: width, autosize: false });
    el._dxPrinted = printing;
    // Plotly draws at once when it is loaded (basic traces need nothing more), so a chart drawn
    // in the print handler is on the page before the browser lays the page out for printing.
    return Plotly.react(el, t.data, t.layout, CONFIG).then(function () {
      // The chart is an image for assistive technology: its numbers are in the table below.
      el.querySelectorAll("svg").forEach(function (svg) { svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false"); });
      el.classList.add("dx-chart--ready");
    });
  }

  // One chart per task, and only as it comes near the screen: a page of many charts never blocks
  // the main thread for long (a phone stays responsive while scrolling).
  var queue = [];
  var scheduled = false;

  function drawNext(Plotly) {
    scheduled = false;
    var el = queue.shift();
    if (!el) return;
    draw(Plotly, el).catch(function () { failed(el); });
    if (queue.length) schedule(Plotly);
  }

  function schedule(Plotly) {
    if (scheduled) return;
    scheduled = true;
    setTimeout(function () { drawNext(Plotly); }, 0);
  }

  // A chart that cannot be drawn leaves its table: a phone shows the table instead (site.css).
  function failed(el) {
    el.classList.add("dx-chart--failed");
    var views = el.closest && el.closest(".dx-views");
    if (!views) return;
    views.classList.add("dx-views--failed");
    views.dispatchEvent(new Event("dx-views-change", { bubbles: true })); // views.js: its table is a tab stop again
  }

  function enqueue(el) {
    if (el._dxQueued) return;
    el._dxQueued = true;
    queue.push(el);
    loadPlotly().then(schedule).catch(function () { failed(el); });
  }

  function drawAll() {
    var charts = document.querySelectorAll(".dx-chart[data-figure]");
    if (!charts.length) return;
    if (printing) {
      printAll();
      return;
    }
    if (!("IntersectionObserver" in window)) {
      charts.forEach(enqueue);
      return;
    }
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          seen.unobserve(entry.target);
          enqueue(entry.target);
        }
      });
    }, { rootMargin: "300px 0px" });
    charts.forEach(function (el) { seen.observe(el); });
  }

  // A chart laid out for one width is laid out again when its width changes much (a phone turned).
  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      if (!window.Plotly || printing) return;
      document.querySelectorAll(".dx-chart--ready").forEach(function (el) {
        if (Math.abs(el.clientWidth - (el._dxWidth || 0)) > 40) draw(window.Plotly, el);
      });
    }, 200);
  });

  /* Printing: a chart not yet scrolled to would be missing on paper, so every chart is drawn,
   * at once and at the page's width, before the browser lays the page out for print (the
   * beforeprint event, and the print media query for browsers that print without it). When
   * printing is over, charts drawn for paper are drawn again for the screen. */
  function printAll() {
    var charts = document.querySelectorAll(".dx-chart[data-figure]");
    if (!charts.length) return;
    var now = function (Plotly) {
      charts.forEach(function (el) {
        el._dxQueued = true;
        var i = queue.indexOf(el);
        if (i >= 0) queue.splice(i, 1);
        try { draw(Plotly, el).catch(function () { /* the table below stays */ }); } catch (e) { /* the table stays */ }
      });
    };
    if (window.Plotly) now(window.Plotly);
    else loadPlotly().then(function (Plotly) { if (printing) now(Plotly); }).catch(function () { /* the tables stay */ });
  }

  function startPrint() {
    if (printing) return;
    printing = true;
    printAll();
  }

  function endPrint() {
    if (!printing) return;
    printing = false;
    if (!window.Plotly) return;
    document.querySelectorAll(".dx-chart[data-figure]").forEach(function (el) {
      if (el._dxPrinted) draw(window.Plotly, el).catch(function () { /* the table below stays */ });
    });
  }

  window.addEventListener("beforeprint", startPrint);
  window.addEventListener("afterprint", endPrint);
  if (window.matchMedia) {
    var printMedia = window.matchMedia("print");
    var onPrintMedia = function (e) { if (e.matches) startPrint(); else endPrint(); };
    if (printMedia.addEventListener) printMedia.addEventListener("change", onPrintMedia);
    else if (printMedia.addListener) printMedia.addListener(onPrintMedia);
  }

  new MutationObserver(function () {
    if (window.Plotly) document.querySelectorAll(".dx-chart--ready").forEach(function (el) { draw(window.Plotly, el); });
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(drawAll);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
  else drawAll();
})();

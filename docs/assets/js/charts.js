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

  function themed(fig) {
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
      font: { family: "system-ui, -apple-system, 'Hiragino Sans', 'Noto Sans JP', Meiryo, sans-serif", size: 14, color: fg },
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)",
      hoverlabel: { font: { size: 14 } },
      autosize: true
    });
    ["xaxis", "yaxis"].forEach(function (ax) {
      layout[ax] = Object.assign({}, fig.layout[ax], { gridcolor: grid, linecolor: grid, zerolinecolor: grid, automargin: true });
    });
    return { data: data, layout: layout };
  }

  var CONFIG = { displayModeBar: false, responsive: true, locale: "ja" };

  function draw(Plotly, el) {
    if (!el._dxFigure) el._dxFigure = JSON.parse(el.getAttribute("data-figure"));
    var t = themed(el._dxFigure);
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
    draw(Plotly, el).catch(function () { /* the table below stays */ });
    if (queue.length) schedule(Plotly);
  }

  function schedule(Plotly) {
    if (scheduled) return;
    scheduled = true;
    setTimeout(function () { drawNext(Plotly); }, 0);
  }

  function enqueue(el) {
    if (el._dxQueued) return;
    el._dxQueued = true;
    queue.push(el);
    loadPlotly().then(schedule).catch(function () { /* the tables stay: they are the primary content */ });
  }

  function drawAll() {
    var charts = document.querySelectorAll(".dx-chart[data-figure]");
    if (!charts.length) return;
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

  new MutationObserver(function () {
    if (window.Plotly) document.querySelectorAll(".dx-chart--ready").forEach(function (el) { draw(window.Plotly, el); });
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(drawAll);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
  else drawAll();
})();

/* Two controls of a figure (templates/partials/macros.j2), both working by touch, keyboard and mouse:
 *
 * - On a phone a figure shows its chart or its table, one at a time: two buttons (グラフ／表,
 *   aria-pressed) switch. The chart comes first; the table stays in the page for screen readers
 *   (hidden for the eye only, site.css). On wide screens, on paper and without scripts both show.
 * - Each indicator has a plain link to its anchor; the button beside it copies the full address
 *   and says so in a status line (aria-live). Where the clipboard cannot be written, the address is
 *   shown selected in a read-only field to copy by hand.
 *
 * One listener on the document, so pages swapped in by instant navigation work too; the buttons are
 * shown once the page is there (document$, or the load of this file). */
(function () {
  "use strict";
  var NARROW = window.matchMedia ? window.matchMedia("screen and (max-width: 44.9375em)") : null;

  function narrow() { return !!(NARROW && NARROW.matches); }

  // The table's scroll box is a tab stop (to scroll it by keyboard): not while it is hidden for the eye.
  function syncFocus(views) {
    var hidden = narrow() && views.getAttribute("data-view") !== "table" && !views.classList.contains("dx-views--failed");
    views.querySelectorAll(".dx-table-wrap").forEach(function (wrap) { wrap.tabIndex = hidden ? -1 : 0; });
  }

  function show(views, view, chosen) {
    views.setAttribute("data-view", view);
    views.querySelectorAll(".dx-views__button").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-view") === view ? "true" : "false");
    });
    syncFocus(views);
    // A chart hidden while the window changed width is laid out again for the width it has now (charts.js).
    if (chosen && view === "chart") window.dispatchEvent(new Event("resize"));
  }

  function say(status, text) {
    status.textContent = "";
    // A new text in a second step, so the same words are announced again on a second copy.
    setTimeout(function () { status.textContent = text; }, 50);
  }

  function byHand(share, url) {
    var field = share.querySelector(".dx-share__field");
    if (!field) {
      field = document.createElement("input");
      field.type = "text";
      field.readOnly = true;
      field.className = "dx-share__field";
      field.setAttribute("aria-label", "この指標のURL");
      share.appendChild(field);
    }
    field.value = url;
    field.focus();
    field.select();
    say(share.querySelector(".dx-share__status"), "リンクを選択しました。コピーしてお使いください。");
  }

  function copy(button) {
    var share = button.closest(".dx-share");
    var url = share.querySelector(".dx-share__link").href; // resolved by the browser: the page's address and the anchor
    var status = share.querySelector(".dx-share__status");
    var clip = navigator.clipboard;
    if (!clip || !clip.writeText) {
      byHand(share, url);
      return;
    }
    clip.writeText(url).then(function () { say(status, "リンクをコピーしました"); }, function () { byHand(share, url); });
  }

  document.addEventListener("click", function (e) {
    var target = e.target && e.target.closest ? e.target : null;
    if (!target) return;
    var view = target.closest(".dx-views__button");
    if (view) {
      show(view.closest(".dx-views"), view.getAttribute("data-view"), true);
      return;
    }
    var button = target.closest(".dx-share__copy");
    if (button) copy(button);
  });

  document.addEventListener("dx-views-change", function (e) { syncFocus(e.target); });

  function ready() {
    document.querySelectorAll(".dx-views").forEach(function (views) {
      views.querySelectorAll(".dx-views__switch").forEach(function (s) { s.hidden = false; });
      show(views, views.getAttribute("data-view") || "chart", false);
    });
    document.querySelectorAll(".dx-share__copy").forEach(function (b) { b.hidden = false; });
  }

  if (NARROW) {
    var onChange = function () { document.querySelectorAll(".dx-views").forEach(syncFocus); };
    if (NARROW.addEventListener) NARROW.addEventListener("change", onChange);
    else if (NARROW.addListener) NARROW.addListener(onChange);
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(ready);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();

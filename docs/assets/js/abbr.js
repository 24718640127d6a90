/* Abbreviations explained in place (render.with_abbreviations): the word is a button that shows or
 * hides its meaning beside it, by touch, keyboard and mouse alike (a title attribute shows only on
 * hover). One listener on the document, so pages swapped in by instant navigation work too.
 * Without scripts the meaning simply stays in the text. */
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var button = e.target && e.target.closest ? e.target.closest(".dx-abbr__word") : null;
    if (!button) return;
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.parentNode.classList.toggle("dx-abbr--open", open);
  });
})();

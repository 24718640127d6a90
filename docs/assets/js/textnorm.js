/* The one text-normalisation contract of the site search and the project list.
 * Same steps as src/dxreport/textnorm.py (read its docstring); tests/test_search.py
 * compares the two in Chromium over tricky strings. Change both or neither.
 * Exposes window.dxTextNorm = {normalise, words, isKana, isKanaWord, map}. */
(function () {
  "use strict";
  var DASHES = "-‐‑‒–—―─−ー－﹣";
  var WAVES = "〜～~〰";
  var SEPARATORS = "\t\n\v\f\r \u0085\u1680\u200b\u2028\u2029\ufeff、。，．・,.:;!?「」『』()[]【】〈〉《》<>\"'“”‘’/\\|{}=*#";
  var COMBINING_KANA = { "\u309b": "\u3099", "\u309c": "\u309a", "\uff9e": "\u3099", "\uff9f": "\u309a" };
  var MARK = /^\p{M}$/u;

  function isKana(ch) { return (ch >= "\u3041" && ch <= "\u309f") || ch === "ー"; }
  function isIdeograph(ch) {
    var o = ch.codePointAt(0);
    return (o >= 0x3400 && o <= 0x9fff) || (o >= 0xf900 && o <= 0xfaff) || (o >= 0x20000 && o <= 0x3ffff);
  }
  function hiragana(s) {
    var out = "";
    for (var ch of s) {
      var o = ch.codePointAt(0);
      if ((o >= 0x30a1 && o <= 0x30f6) || o === 0x30fd || o === 0x30fe) ch = String.fromCodePoint(o - 0x60);
      out += ch;
    }
    return out;
  }
  function voiced(ch) {
    var c = (ch + "\u3099").normalize("NFC");
    return Array.from(c).length === 1 ? c : ch;
  }
  /* Units: a character with the combining marks that follow it; `start` is its offset in the input. */
  function units(text) {
    var out = [], unit = "", start = 0, i = 0;
    for (var ch of text) {
      if (unit && (COMBINING_KANA[ch] || MARK.test(ch))) unit += COMBINING_KANA[ch] || ch;
      else {
        if (unit) out.push([unit, start, i]);
        unit = ch; start = i;
      }
      i += ch.length;
    }
    if (unit) out.push([unit, start, i]);
    return out;
  }
  function normaliseUnit(unit, prev) {
    var s = hiragana(unit.normalize("NFKC").toLowerCase());
    if (s.length === 1 && DASHES.indexOf(s) >= 0) return prev && isKana(prev) ? "ー" : "-";
    if (s.length === 1 && WAVES.indexOf(s) >= 0) return "~";
    if (s === "々" || s === "〻") return prev && isIdeograph(prev) ? prev : s;
    if (s === "ゝ") return prev && isKana(prev) && prev !== "ー" ? prev : s;
    if (s === "ゞ") return prev && isKana(prev) && prev !== "ー" ? voiced(prev) : s;
    return s;
  }
  function lastChar(s) { var a = Array.from(s); return a[a.length - 1]; }

  /* The normalised text before separators collapse, with the input span [start[i], end[i])
   * of every UTF-16 unit i of it: lets the results page highlight matches in the original text. */
  function map(text) {
    var out = "", pos = [], end = [], prev = "";
    units(text || "").forEach(function (u) {
      var s = normaliseUnit(u[0], prev);
      for (var j = 0; j < s.length; j++) { pos.push(u[1]); end.push(u[2]); }
      out += s;
      if (s) prev = lastChar(s);
    });
    var sep = "";
    for (var ch of out) sep += SEPARATORS.indexOf(ch) >= 0 ? " " : ch;
    return { text: sep, start: pos, end: end };
  }
  function words(text) { return map(text).text.split(" ").filter(Boolean); }
  function normalise(text) { return words(text).join(" "); }
  function isKanaWord(w) {
    if (!w) return false;
    for (var ch of w) if (!isKana(ch)) return false;
    return true;
  }

  window.dxTextNorm = { normalise: normalise, words: words, map: map, isKana: isKana, isKanaWord: isKanaWord };
})();

"""The one text-normalisation contract of the site search and the project list.

docs/assets/js/textnorm.js implements the same steps; tests/test_search.py runs
both over the same tricky strings in Chromium and compares. Change both or neither.

Steps, on "units" (a character with the combining marks that follow it, so
that half-width ｶﾞ or ウ゛ become one ガ/ヴ whatever the surrounding text):
1. NFKC (full/half width, ①→1, ㈱→(株)), then lower case.
2. Katakana → hiragana (キャッシュレス = きゃっしゅれす; ｧ → ァ → ぁ; ヴ → ゔ), iteration
   marks spelled out (時々 = 時時, いすゞ = いすず). Small kana stay small: folding them
   made ティ match the て い of ordinary prose (していく).
3. Dash-like marks (ー ｰ － ‐ ― ─ − – — -) are the long-vowel mark ー after kana
   (ドロ－ン = ドローン) and a hyphen "-" elsewhere (1－1－4 = 1-1-4);
   wave dashes (〜 ～ ~) are "~".
4. Spaces (U+3000 included) and punctuation separate words: one ASCII space.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

DASHES = frozenset("-‐‑‒–—―─−ー－﹣")
WAVES = frozenset("〜～~〰")
# Separators (after NFKC, so full-width forms are already ASCII here). Spelled out, not \s:
# Python's and JavaScript's \s differ.
SEPARATORS = "\t\n\v\f\r \u0085\u1680\u200b\u2028\u2029\ufeff、。，．・,.:;!?「」『』()[]【】〈〉《》<>\"'“”‘’/\\|{}=*#"
_DROP = re.compile("[" + re.escape(SEPARATORS) + "]+")
_COMBINING_KANA = {"\u309b": "\u3099", "\u309c": "\u309a", "\uff9e": "\u3099", "\uff9f": "\u309a"}
_KANJI_ITERATION = "々〻"


@cache
def _is_mark(ch: str) -> bool:
    return ch in _COMBINING_KANA or unicodedata.category(ch).startswith("M")


def _units(text: str):
    """Split into base characters with their following combining marks."""
    unit = ""
    for ch in text:
        if unit and _is_mark(ch):
            unit += _COMBINING_KANA.get(ch, ch)
        else:
            if unit:
                yield unit
            unit = ch
    if unit:
        yield unit


def is_kana(ch: str) -> bool:
    """Hiragana (after katakana was folded into it), or the long-vowel mark."""
    return "\u3041" <= ch <= "\u309f" or ch == "ー"


def is_ideograph(ch: str) -> bool:
    o = ord(ch)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def _hiragana(s: str) -> str:
    out = []
    for ch in s:
        o = ord(ch)
        if 0x30A1 <= o <= 0x30F6 or o in (0x30FD, 0x30FE):  # ァ..ヶ, ヽ ヾ
            ch = chr(o - 0x60)
        out.append(ch)
    return "".join(out)


def _voiced(ch: str) -> str:
    composed = unicodedata.normalize("NFC", ch + "\u3099")
    return composed if len(composed) == 1 else ch


@lru_cache(maxsize=65536)
def _fold(unit: str) -> str:
    return _hiragana(unicodedata.normalize("NFKC", unit).lower())


_CONTEXTUAL = DASHES | WAVES | frozenset(_KANJI_ITERATION + "ゝゞ")


def normalise_unit(unit: str, prev: str) -> str:
    """One unit, given the last character already output (context for ー and 々)."""
    s = _fold(unit)
    if s not in _CONTEXTUAL:
        return s
    if s in DASHES:
        return "ー" if prev and is_kana(prev) else "-"
    if s in WAVES:
        return "~"
    return _iterated(s, prev)


def _iterated(mark: str, prev: str) -> str:
    """An iteration mark (々, ゝ, ゞ) spelt out as the character it repeats, where there is one."""
    if mark in _KANJI_ITERATION:
        return prev if prev and is_ideograph(prev) else mark
    after_kana = bool(prev) and is_kana(prev) and prev != "ー"
    if mark == "ゝ" and after_kana:
        return prev
    if mark == "ゞ" and after_kana:
        return _voiced(prev)
    return mark


def normalise(text: str) -> str:
    """The normalised form: words separated by single spaces, no leading/trailing space."""
    out: list[str] = []
    prev = ""
    for unit in _units(text or ""):
        s = normalise_unit(unit, prev)
        out.append(s)
        if s:
            prev = s[-1]
    return " ".join(w for w in _DROP.sub(" ", "".join(out)).split(" ") if w)


def words(text: str) -> list[str]:
    return normalise(text).split()


def is_kana_word(word: str) -> bool:
    """A normalised word written only in kana: a candidate for reading lookup."""
    return bool(word) and all(is_kana(ch) for ch in word)

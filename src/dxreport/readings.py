"""Readings (yomi) of the words in the page texts, for searching in unconverted kana.

SudachiPy with its core dictionary (compared with fugashi + unidic-lite: the same
readings for the words of this data, but Sudachi also reads Latin acronyms such as
ＡＩ or ＲＰＡ, keeps long compounds such as 電子申請 whole in its C mode, and its
dictionary is maintained). It is imported only here, and only when a build asks for
readings: validation and the rest of the package never load it.

Each text is analysed once per process (the 10x benchmark data repeats texts, and
`mkdocs serve` rebuilds on every save).
"""

from __future__ import annotations

from collections import Counter
from functools import cache, lru_cache

from .textnorm import is_kana_word, normalise

_tokenizer = None


def _tokenize(text: str):
    global _tokenizer
    if _tokenizer is None:
        from sudachipy import Dictionary, SplitMode  # heavy: only when readings are built

        _tokenizer = (Dictionary(dict="core").tokenizer(mode=SplitMode.C), SplitMode.A)
    tok, mode_a = _tokenizer
    # Sudachi refuses very long inputs: analyse a long text sentence by sentence.
    pieces = [text] if len(text) < 4000 else text.replace("。", "。\n").split("\n")
    for m in (m for piece in pieces if piece for m in tok.tokenize(piece[:4000])):
        yield m
        parts = m.split(mode_a)
        if len(parts) > 1:  # 電子申請 also as 電子 and 申請, so that でんし finds it
            yield from parts


_normalise_word = lru_cache(maxsize=None)(normalise)  # words repeat across texts


@cache
def text_readings(text: str) -> tuple[tuple[str, str], ...]:
    """(normalised surface, normalised reading) of every word worth a reading in `text`:
    words not already written in kana, whose reading is all kana (no numbers or symbols)."""
    out = []
    for m in _tokenize(text):
        if m.is_oov() or m.part_of_speech()[1] == "数詞":
            continue
        surface = _normalise_word(m.surface())
        reading = _normalise_word(m.reading_form())
        if len(surface) < 2 or " " in surface or is_kana_word(surface) or len(reading) < 2 or not is_kana_word(reading):
            continue
        out.append((m.surface(), reading))
    return tuple(out)


def reading_dictionary(texts_per_doc: list[list[str]]) -> dict[str, list[str]]:
    """reading -> words that have it (as written in the texts; the browser normalises them),
    the most widespread (in most documents) first. Spellings that normalise alike
    (ＡＩ, AI) count as one word, shown in its most widespread form."""
    doc_freq: dict[str, Counter] = {}
    spellings: dict[str, Counter] = {}
    for texts in texts_per_doc:
        pairs = {pair for text in texts if text for pair in text_readings(text)}
        for surface, reading in pairs:
            key = _normalise_word(surface)
            doc_freq.setdefault(reading, Counter())[key] += 1
            spellings.setdefault(key, Counter())[surface] += 1

    def shown(key: str) -> str:
        return min(spellings[key].items(), key=lambda kv: (-kv[1], kv[0]))[0]

    return {
        reading: [shown(k) for k, _ in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))]
        for reading, c in sorted(doc_freq.items())
    }

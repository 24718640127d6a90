"""Characters that cannot be published, and showing untrusted text in reports and logs."""

from __future__ import annotations

import re

# C0/C1 controls and DEL, surrogates, noncharacters (U+FDD0-FDEF and the last two code points of
# every plane), directional marks, embeddings, overrides and isolates (they reorder or hide what a
# reader sees: U+061C, U+200E/F, U+202A-E, U+2066-9), the line and paragraph separators (JavaScript
# and some editors break lines there), tag characters (invisible text) and a stray BOM. YAML, JSON
# consumers and terminals each treat some of them specially; no report needs them.
_NONCHARACTERS = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
UNSAFE_CHARS = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufeff\ufff0-\ufffb"
    "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\U000e0000-\U000e007f\U000efff0-\U0010ffff" + _NONCHARACTERS + "]"
)


def code_point(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def visible(text: str, limit: int = 200) -> str:
    """Text for a report: unsafe characters spelled as <U+0080>, long values cut with their length."""
    shown = UNSAFE_CHARS.sub(lambda m: f"<{code_point(m.group())}>", text[:limit])
    return shown + (f"…（全{len(text):,}文字）" if len(text) > limit else "")

"""Characters that cannot be published, and showing untrusted text in reports and logs."""

from __future__ import annotations

import re

# C0/C1 controls and DEL, surrogates, noncharacters, bidirectional embeddings/overrides/isolates
# (they reorder what a reader sees) and a stray BOM. YAML, JSON consumers and terminals each
# treat some of them specially; no report needs them.
UNSAFE_CHARS = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufeff\ufff0-\ufffb\ufffe\uffff"
    "\u202a-\u202e\u2066-\u2069\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U000efff0-\U0010ffff]"
)


def code_point(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def visible(text: str, limit: int = 200) -> str:
    """Text for a report: unsafe characters spelled as <U+0080>, long values cut with their length."""
    shown = UNSAFE_CHARS.sub(lambda m: f"<{code_point(m.group())}>", text[:limit])
    return shown + (f"…（全{len(text):,}文字）" if len(text) > limit else "")

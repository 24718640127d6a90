"""Characters that cannot be published, and showing untrusted text in reports and logs."""

from __future__ import annotations

import io
import re
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

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


# GitHub Actions reads a log line that starts (after blanks) with "::" as a workflow command
# (annotations, masks, stop-commands), and "##[" anywhere in a line as the older form.
# Lines and separators other than "\n" that a terminal or a log viewer may break on.
_LINE_BREAKS = re.compile("[\u2028\u2029]")
COMMAND_GUARD = "＞"


def guard_line(line: str) -> str:
    """One output line that is shown literally: no control character, no workflow command."""
    shown = UNSAFE_CHARS.sub(lambda m: f"<{code_point(m.group())}>", line)
    shown = _LINE_BREAKS.sub(lambda m: f"<{code_point(m.group())}>", shown).replace("##[", "##<U+005B>")
    if shown.lstrip().startswith("::"):
        return COMMAND_GUARD + shown
    return shown


def guard_text(text: str) -> str:
    """Every line of `text` through guard_line (the line breaks themselves are kept)."""
    return "\n".join(guard_line(line) for line in text.split("\n"))


class GuardedStream(io.TextIOBase):
    """A text stream that writes whole lines, each through guard_line. A partial line waits for its
    end (or `close_line`), so a line written in pieces is judged as a whole."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.pending = ""

    def write(self, text: str) -> int:
        *lines, self.pending = (self.pending + text).split("\n")
        for line in lines:
            self.stream.write(guard_line(line) + "\n")
        return len(text)

    def close_line(self) -> None:
        if self.pending:
            self.stream.write(guard_line(self.pending))
            self.pending = ""
        self.stream.flush()

    def flush(self) -> None:
        self.stream.flush()

    def writable(self) -> bool:
        return True


@contextmanager
def guarded_output() -> Iterator[None]:
    """Standard output and error through GuardedStream while a command runs, its traceback too:
    whatever a command prints about the data cannot become a workflow command or a control code."""
    saved = sys.stdout, sys.stderr
    out, err = GuardedStream(saved[0]), GuardedStream(saved[1])
    sys.stdout, sys.stderr = out, err
    try:
        yield
    except Exception:
        traceback.print_exc()
        raise SystemExit(1) from None
    finally:
        out.close_line()
        err.close_line()
        sys.stdout, sys.stderr = saved

"""A font with the metrics of Japanese text, for layout tests on machines without Japanese fonts.

Without a Japanese font, Chromium draws each kanji and kana as the fallback font's missing-glyph box,
about 0.6 em wide: Japanese text then measures 40% narrower than on a citizen's phone, and a line
that overflows there fits in the test. This font gives every CJK and full-width character one glyph,
a hollow square a full em wide (as in Japanese fonts), so lengths and line breaks match real
Japanese text. Latin letters and digits stay with the system fonts.

`write_font_config(folder)` writes the font and a fontconfig file that adds it to the system fonts;
launch Chromium with FONTCONFIG_FILE pointing at that file. Pure Python: no font tools needed.
"""

from __future__ import annotations

import struct
from pathlib import Path

FAMILY = "DxCjkMetrics"
UNITS = 1000
# Ideographic space, CJK punctuation, kana; enclosed numbers; CJK ideographs; full-width forms.
RANGES = [
    (0x2160, 0x217F),
    (0x2460, 0x24FF),
    (0x3000, 0x30FF),
    (0x3200, 0x33FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF01, 0xFF60),
    (0xFFE0, 0xFFE6),
]


def _box_glyph() -> bytes:
    """A hollow square: an outer contour clockwise and an inner one counter-clockwise."""
    outer = [(100, -50), (100, 750), (900, 750), (900, -50)]
    inner = [(180, 30), (820, 30), (820, 670), (180, 670)]
    points = outer + inner
    header = struct.pack(">hhhhh", 2, 100, -50, 900, 750)
    ends = struct.pack(">HH", 3, 7) + struct.pack(">H", 0)  # end points, no instructions
    flags = bytes([0x01] * len(points))  # on curve, coordinates as 16-bit deltas
    xs, ys, x0, y0 = b"", b"", 0, 0
    for x, y in points:
        xs += struct.pack(">h", x - x0)
        ys += struct.pack(">h", y - y0)
        x0, y0 = x, y
    data = header + ends + flags + xs + ys
    return data + b"\0" * (-len(data) % 4)


def _cmap() -> bytes:
    """Format 13 (many characters to one glyph), for Unicode (0, 6) and Windows full repertoire (3, 10)."""
    groups = b"".join(struct.pack(">III", start, end, 1) for start, end in RANGES)
    sub = struct.pack(">HHIII", 13, 0, 16 + len(groups), 0, len(RANGES)) + groups
    return struct.pack(">HH", 0, 2) + struct.pack(">HHI", 0, 6, 20) + struct.pack(">HHI", 3, 10, 20) + sub


def _name() -> bytes:
    names = {1: FAMILY, 2: "Regular", 3: FAMILY + "-test", 4: FAMILY, 6: FAMILY + "-Regular"}
    records, strings = b"", b""
    for name_id, text in names.items():
        raw = text.encode("utf-16-be")
        records += struct.pack(">HHHHHH", 3, 1, 0x409, name_id, len(raw), len(strings))
        strings += raw
    return struct.pack(">HHH", 0, len(names), 6 + 12 * len(names)) + records + strings


def _os2() -> bytes:
    return (
        struct.pack(">HhHHH", 4, UNITS, 400, 5, 0)
        + struct.pack(">10h", 650, 700, 0, 140, 650, 700, 0, 480, 50, 250)
        + struct.pack(">h", 0)
        + bytes(10)  # PANOSE
        + struct.pack(">IIII", 0, (1 << 16) | (1 << 17) | (1 << 18) | (1 << 27), 0, 0)  # CJK, kana, ideographs
        + b"NONE"
        + struct.pack(">HHH", 0x40, 0x2160, 0xFFE6)
        + struct.pack(">hhhHH", 880, -120, 0, 880, 120)
        + struct.pack(">II", 1 << 17, 0)  # code page: JIS/Japan
        + struct.pack(">hhHHH", 500, 700, 0, 0x3000, 1)
    )


def _tables() -> dict[bytes, bytes]:
    glyph = _box_glyph()
    return {
        b"OS/2": _os2(),
        b"cmap": _cmap(),
        b"glyf": glyph,
        b"head": struct.pack(
            ">IIIIHHqqhhhhHHhhh",
            0x00010000,
            0x00010000,
            0,
            0x5F0F3CF5,
            0x000B,
            UNITS,
            0,
            0,
            100,
            -50,
            900,
            750,
            0,
            8,
            2,
            1,
            0,
        ),
        b"hhea": struct.pack(">IhhhH", 0x00010000, 880, -120, 0, UNITS)
        + struct.pack(">11hH", 0, 100, 900, 1, 0, 0, 0, 0, 0, 0, 0, 2),
        b"hmtx": struct.pack(">HhHh", UNITS, 0, UNITS, 100),
        b"loca": struct.pack(">III", 0, 0, len(glyph)),
        b"maxp": struct.pack(">I14H", 0x00010000, 2, 8, 2, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0),
        b"name": _name(),
        b"post": struct.pack(">IIhhIIIII", 0x00030000, 0, -100, 50, 0, 0, 0, 0, 0),
    }


def _checksum(data: bytes) -> int:
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF


def font_bytes() -> bytes:
    tables = _tables()
    count = len(tables)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, count * 16 - power * 16)
    offset = len(header) + 16 * count
    directory, body = b"", b""
    for tag in sorted(tables):
        data = tables[tag]
        directory += struct.pack(">4sIII", tag, _checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    font = bytearray(header + directory + body)
    head_at = offset + sum(len(tables[t]) + (-len(tables[t]) % 4) for t in sorted(tables) if t < b"head")
    struct.pack_into(">I", font, head_at + 8, (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)


def write_font_config(folder: Path) -> Path:
    """The font in folder/fonts/ and folder/fonts.conf (the system's fonts plus this one)."""
    (folder / "fonts").mkdir(parents=True, exist_ok=True)
    (folder / "fonts" / f"{FAMILY}.ttf").write_bytes(font_bytes())
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{folder / 'fonts'}</dir>\n  <cachedir>{folder / 'cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return conf

"""Numbers as the report printed them: a printed 52.0% stays 52.0, not 52.

How many decimals a value shows ("places") comes from the indicator's `decimals` column when staff
set it (Excel drops the trailing zero of 52.0 when it saves a CSV, unless the cell is formatted),
otherwise from how the cell was written ("52.0" has one, "10" none). Pages, chart hover texts, the
CSV and JSON downloads and the Excel workbook all write a value with the same places.

Rates the report printed were rounded by its own rule (report.csv rate_rounding, rate_decimals):
`round_rate` applies the same rule to the rate the site computes, so the two can be compared.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

from pydantic import model_validator

# The decimals an indicator may fix (kpis.csv decimals, projects.csv indicator_decimals).
PLACES_CODES = ("0", "1", "2", "3")
# How a report rounds its printed rates (report.csv rate_rounding).
ROUND_DOWN, ROUND_HALF, ROUND_UP = "切り捨て", "四捨五入", "切り上げ"
RATE_ROUNDINGS = {ROUND_DOWN: ROUND_FLOOR, ROUND_HALF: ROUND_HALF_UP, ROUND_UP: ROUND_CEILING}

_WRITTEN = re.compile(r"^-?\d+(?:\.(\d+))?$")


def places_written(text: Any) -> int | None:
    """Decimals of a number cell as written ("52.0" -> 1, "1020" -> 0); None for a blank or non-number."""
    if not isinstance(text, str):
        return None
    m = _WRITTEN.match(text)
    if m is None:
        return None
    return len(m.group(1) or "")


def places_validator(number_columns: tuple[str, ...]):
    """A pydantic model validator that records, before the cells become floats, the decimals each
    number cell was written with, in the row's `places` field ({column: decimals})."""

    @model_validator(mode="before")
    def record_places(cls, data: Any) -> Any:  # pydantic makes it a classmethod
        if isinstance(data, dict) and "places" not in data:
            written = {c: places_written(data.get(c)) for c in number_columns}
            data = {**data, "places": {c: n for c, n in written.items() if n}}
        return data

    return record_places


def places_or(fixed: str | None, written: dict[str, int] | None, column: str) -> int:
    """The indicator's fixed decimals, else those the cell was written with."""
    if fixed not in (None, ""):
        return int(fixed)  # type: ignore[arg-type]
    return (written or {}).get(column, 0)


def format_number(value: float | None, places: int | None = None, grouping: bool = True) -> str:
    """1,020 / 52.0 as on the page (grouping=False: 1020, 52.0 as in a CSV cell). Without places, the
    shortest form (integers without a decimal point)."""
    if value is None:
        return ""
    sep = "," if grouping else ""
    if places is not None:
        return f"{value:{sep}.{places}f}"
    if float(value).is_integer():
        return f"{int(value):{sep}}"
    return f"{value:{sep}.10f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Printed:
    """A number and the decimals it is written with, for the downloads (CSV text, JSON literal)."""

    value: float
    places: int

    @property
    def text(self) -> str:
        return format_number(self.value, self.places, grouping=False)


def printed(value: float | None, places: int | None) -> Printed | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return Printed(float(value), places or 0)


@dataclass(frozen=True)
class RateRule:
    """How the report rounds a printed rate: 切り捨て / 四捨五入 / 切り上げ to `decimals` places."""

    rounding: str
    decimals: int = 0

    def apply(self, rate: float) -> float:
        # Decimal from the shortest repr: 94 / 80 * 100 is exactly 117.5 and floors to 117, and a
        # float artefact such as 113.99999999999999 (0.57 / 0.5 * 100) is read as the 114 it means.
        exact = Decimal(repr(round(rate, 9)))
        return float(exact.quantize(Decimal(1).scaleb(-self.decimals), rounding=RATE_ROUNDINGS[self.rounding]))

    @property
    def wording(self) -> str:
        """「小数点以下を切り捨てて整数に」: how the method page states the rule."""
        verb = {ROUND_DOWN: "切り捨てて", ROUND_HALF: "四捨五入して", ROUND_UP: "切り上げて"}[self.rounding]
        if self.decimals == 0:
            return f"小数点以下を{verb}整数に"
        return f"小数点以下第{self.decimals + 1}位を{verb}小数点以下{self.decimals}桁に"

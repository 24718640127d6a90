"""Fiscal-year wording across eras, as governments print it."""

from __future__ import annotations

import pytest

from dxreport.codes import era_year, fiscal_year_label, fiscal_year_short


@pytest.mark.parametrize(
    "year, era, short",
    [
        (1989, "平成元年度", "H元"),
        (2016, "平成28年度", "H28"),
        (2018, "平成30年度", "H30"),
        (2019, "令和元年度", "R元"),
        (2020, "令和2年度", "R2"),
        (2027, "令和9年度", "R9"),
    ],
)
def test_fiscal_year_in_its_era(year, era, short):
    assert era_year(year) == era
    assert fiscal_year_short(year) == short
    assert fiscal_year_label(year) == f"{era}（{year}年度）"

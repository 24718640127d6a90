"""Open data: every page's downloads exist, decode as labelled and agree with each other."""
from __future__ import annotations

import csv
import io
import json
import re

from conftest import DATA
from dxreport.schema import TABLES


def read_variants(site_dir, stem):
    bom = (site_dir / f"{stem}-excel.csv").read_bytes()
    plain = (site_dir / f"{stem}.csv").read_bytes()
    records = json.loads((site_dir / f"{stem}.json").read_text(encoding="utf-8"))
    return bom, plain, records


def check_variants(site_dir, stem):
    bom, plain, records = read_variants(site_dir, stem)
    assert bom.startswith(b"\xef\xbb\xbf") and not plain.startswith(b"\xef\xbb\xbf")
    assert bom.decode("utf-8-sig") == plain.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(plain.decode("utf-8"))))
    assert len(rows) == len(records)
    for row, record in zip(rows, records):
        assert list(row) == list(record)
        for key, value in record.items():
            shown = "" if value is None else (str(value) if not isinstance(value, float) else repr(value))
            assert row[key] == shown, (stem, key, row[key], value)
    return rows


def test_every_page_links_its_own_data(site_dir):
    for page in list((site_dir / "issues").glob("*/index.html")) + list((site_dir / "projects").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        if page.parent.name == "projects":
            continue  # the list page
        kind = page.parent.parent.name
        ident = page.parent.name
        for variant in ("-excel.csv", ".csv", ".json"):
            assert f"opendata/{kind}/{ident}{variant}" in html, (page, variant)
            assert (site_dir / "opendata" / kind / f"{ident}{variant}").exists()
        assert "UTF-8 BOM付き" in html


def test_issue_and_project_downloads_decode_and_match(site_dir):
    rows = check_variants(site_dir, "opendata/issues/tourism")
    assert {r["種別"] for r in rows} == {"KPI", "活動指標"}
    kpi_2023 = next(r for r in rows if r["ID"] == "tourism-c1-k1" and r["年度"] == "2023")
    assert (kpi_2023["予定"], kpi_2023["実績"]) == ("5", "7")  # integers stay integers
    check_variants(site_dir, "opendata/projects/urban-1-1-4")


def test_whole_dataset_downloads_match_the_source_rows(site_dir):
    for table in TABLES:
        rows = check_variants(site_dir, f"opendata/all/{table.name}")
        with open(DATA / table.filename, encoding="utf-8", newline="") as f:
            source = list(csv.DictReader(f))
        assert len(rows) == len(source), table.name
        assert list(rows[0]) == [c.name for c in table.columns]


def test_downloads_page_states_encoding_licence_and_credit(site_dir):
    html = (site_dir / "downloads" / "index.html").read_text(encoding="utf-8")
    for text in ("UTF-8、BOM付き", "BOMなし", "公共データ利用規約（第1.0版）", "出典：佐世保市「", "データ時点："):
        assert text in html, text
    footer = (site_dir / "projects" / "tourism-1-1-4" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"公共データ利用規約（第1.0版）</a>（PDL1.0）", footer)
    assert "出典：佐世保市「" in footer


def test_open_data_reads_cleanly_in_pandas(site_dir):
    """What a data user does first: numbers come out numeric, blanks as missing (not 0), BOM handled."""
    import pandas as pd

    for name in ("opendata/all/kpi_values-excel.csv", "opendata/all/kpi_values.csv"):
        frame = pd.read_csv(site_dir / name, encoding="utf-8-sig")
        assert list(frame.columns) == ["kpi_id", "fiscal_year", "planned", "actual", "note"]
        assert frame["planned"].dtype.kind == "f" and frame["fiscal_year"].dtype.kind == "i"
        row = frame[(frame.kpi_id == "tourism-c1-k1") & (frame.fiscal_year == 2024)].iloc[0]
        assert row.planned == 6 and pd.isna(row.actual)
    issue = pd.read_json(site_dir / "opendata/issues/tourism.json")
    assert set(issue["種別"]) == {"KPI", "活動指標"}

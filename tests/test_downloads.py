"""Open data, for any valid data (the live data and the staff-changed copies):
every page's downloads exist, decode as labelled, agree with each other and
hold the rows of the CSV they came from. Exact published numbers are checked
on the fixture (test_fixture_pages.py)."""

from __future__ import annotations

import csv
import io
import json
from html import escape

from conftest import edition_dir, number, read_rows, year

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
            if isinstance(value, float):  # 52.0 in both; 1.50 in the CSV is the JSON literal 1.50
                assert float(row[key]) == value and "." in row[key], (stem, key, row[key], value)
                continue
            shown = "" if value is None else str(value)
            assert row[key] == shown, (stem, key, row[key], value)
    return rows


def test_every_issue_and_project_page_links_its_own_data(any_site):
    site_dir = any_site.site_dir
    pages = [("issues", r["issue_id"]) for r in read_rows(any_site.data_dir, "issues")]
    pages += [("projects", r["project_id"]) for r in read_rows(any_site.data_dir, "projects")]
    for kind, ident in pages:
        html = (site_dir / kind / ident / "index.html").read_text(encoding="utf-8")
        for variant in ("-excel.csv", ".csv", ".json"):
            assert f"opendata/{kind}/{ident}{variant}" in html, (kind, ident, variant)
        assert "UTF-8 BOM付き" in html
        check_variants(site_dir, f"opendata/{kind}/{ident}")


def test_project_downloads_hold_the_project_values_rows(any_site):
    """Each project's file holds the yearly values of all its indicators: projects.csv's own
    (project_values.csv) and those of kpis.csv rows with its project_id."""
    expected: dict[str, dict] = {}
    for r in read_rows(any_site.data_dir, "project_values"):
        cell = (number(r["planned"]), number(r["actual"]))
        expected.setdefault(r["project_id"], {})[(r["project_id"], year(r["fiscal_year"]))] = cell
    owner = {k["kpi_id"]: k.get("project_id") for k in read_rows(any_site.data_dir, "kpis") if k.get("project_id")}
    for r in read_rows(any_site.data_dir, "kpi_values"):
        if r["kpi_id"] in owner:
            cell = (number(r["planned"]), number(r["actual"]))
            expected.setdefault(owner[r["kpi_id"]], {})[(r["kpi_id"], year(r["fiscal_year"]))] = cell
    for p in read_rows(any_site.data_dir, "projects"):
        rows = check_variants(any_site.site_dir, f"opendata/projects/{p['project_id']}")
        got = {(r["ID"], int(r["年度"])): (number(r["予定"]), number(r["実績"])) for r in rows}
        assert got == expected.get(p["project_id"], {}), p["project_id"]
        if p["pid"]:
            assert all(p["pid"] in r.values() for r in rows)


def test_whole_dataset_downloads_match_the_source_rows(any_site):
    for table in TABLES:
        source = edition_dir(any_site.data_dir) / table.filename
        if not source.exists() or (not table.required_file and not read_rows(any_site.data_dir, table.name)):
            # An optional table the folder does not use is not offered as an empty file.
            assert not table.required_file
            assert not (any_site.site_dir / f"opendata/all/{table.name}.csv").exists(), table.name
            continue
        rows = check_variants(any_site.site_dir, f"opendata/all/{table.name}")
        assert len(rows) == len(read_rows(any_site.data_dir, table.name)), table.name
        header = (any_site.site_dir / f"opendata/all/{table.name}.csv").read_text(encoding="utf-8").splitlines()[0]
        required = [c.name for c in table.columns if not c.may_be_absent]
        assert [c for c in header.split(",") if c in required] == required, table.name


def test_downloads_page_states_encoding_licence_and_credit(any_site):
    report = read_rows(any_site.data_dir, "report")[0]
    html = (any_site.site_dir / "downloads" / "index.html").read_text(encoding="utf-8")
    for text in (
        "UTF-8、BOM付き",
        "BOMなし",
        "データ時点：",
        escape(report["license_name"]),
        f"出典：{escape(report['municipality'])}「",
    ):
        assert text in html, text


def _datapackages(site_dir):
    """Every edition's datapackage.json: the latest at the usual address, each edition at its own."""
    return [
        site_dir / "opendata/all/datapackage.json",
        *sorted(site_dir.glob("editions/*/opendata/all/datapackage.json")),
    ]


def test_every_editions_datapackage_validates_with_frictionless(any_site):
    """The open data describes itself: a Frictionless Data Package with a Table Schema per CSV, which
    frictionless validates with no error (types, required cells, code lists, keys, references, hashes)."""
    from frictionless import validate

    packages = _datapackages(any_site.site_dir)
    assert len(packages) == 1 + len(list(any_site.site_dir.glob("editions/*/opendata/all")))
    for path in packages:
        report = validate(path)
        assert report.valid, (path, report.flatten(["type", "note"])[:10])
        package = json.loads(path.read_text(encoding="utf-8"))
        offered = sorted(p.name.removesuffix(".csv") for p in path.parent.glob("*.csv") if "-excel" not in p.name)
        assert sorted(r["name"] for r in package["resources"]) == offered
        assert report.stats["tasks"] == len(offered)


def test_the_datapackage_carries_the_licence_only_where_the_source_grants_one(any_site):
    from dxreport import codes

    row = read_rows(any_site.data_dir, "report")[0]
    licence = codes.LICENCES.get(row.get("license_type") or "", codes.LICENCE_NOT_STATED)
    package = json.loads((any_site.site_dir / "opendata/all/datapackage.json").read_text(encoding="utf-8"))
    if licence.free_use:
        assert package["licenses"][0]["title"].startswith(row["license_name"])
    else:
        assert "licenses" not in package and "利用規約の記載はありません" in package["description"]
    kpis = next(r for r in package["resources"] if r["name"] == "kpi_values")
    assert kpis["schema"]["primaryKey"] == ["kpi_id", "fiscal_year"]
    assert {"fields": ["kpi_id"], "reference": {"resource": "kpis", "fields": ["kpi_id"]}} in kpis["schema"][
        "foreignKeys"
    ]


def test_frictionless_finds_a_broken_reference_a_bad_number_and_a_changed_file(site_dir, tmp_path):
    """The check can fail: a value row of an unknown indicator, a word in a number column and the
    changed bytes are all reported."""
    import shutil

    from frictionless import validate

    copy = tmp_path / "all"
    shutil.copytree(site_dir / "opendata/all", copy)
    lines = (copy / "kpi_values.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = next(csv.reader([lines[1]]))
    cells[header.index("kpi_id")] = "no-such-kpi"
    cells[header.index("planned")] = "abc"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    lines[1] = buffer.getvalue().rstrip("\n")
    (copy / "kpi_values.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = validate(copy / "datapackage.json")
    types = {e[0] for e in report.flatten(["type"])}
    assert not report.valid and {"foreign-key", "type-error", "hash-count"} <= types, types

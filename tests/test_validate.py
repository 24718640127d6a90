"""The broken-CSV corpus: each mistake staff can make gets its own Japanese
message naming file, Excel row and column; good data is never rejected.

Each test breaks a copy of the frozen fixture (tests/fixtures/sasebo-2023/data),
whose rows are known; checks that depend on the report's years read them from
the copy's report.csv, so they hold after staff move the results year on."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import DATA, FIXTURE_DATA, ROOT, STAFF_CHANGES, copy_data, read_rows, write_rows

from dxreport.editions import validate_editions
from dxreport.validate import format_report, validate_dir


def errors_of(data_dir):
    _, problems = validate_editions(data_dir, "data")
    return [p for p in problems if p.is_error]


def edit(path, transform):
    text = path.read_text(encoding="utf-8")
    path.write_text(transform(text), encoding="utf-8")


def test_fixture_has_no_errors():
    _, problems = validate_dir(FIXTURE_DATA, "data")
    assert [p for p in problems if p.is_error] == []


@pytest.fixture
def data(tmp_path):
    return copy_data(tmp_path, FIXTURE_DATA)


def only_error(data_dir):
    errs = errors_of(data_dir)
    assert len(errs) == 1, format_report(errs, "data")
    return errs[0]


def test_undecodable_bytes(data):
    (data / "areas.csv").write_bytes(b"area_id,name,sort_order\n" + b"gyosei,\xff\xfe\x80\x81,2\n")
    e = only_error(data)
    assert (e.file, e.row) == ("data/areas.csv", 2)
    assert "文字コード" in e.message and "CSV UTF-8" in e.fix


def test_missing_column(data):
    edit(
        data / "areas.csv",
        lambda t: t.replace("area_id,name,sort_order", "area_id,name").replace(",1\n", "\n").replace(",2\n", "\n"),
    )
    e = only_error(data)
    assert e.column == "sort_order" and "ありません" in e.message and e.row == 1


def test_unknown_extra_column(data):
    edit(
        data / "areas.csv",
        lambda t: t.replace("sort_order\n", "sort_order,memo\n").replace(",1\n", ",1,x\n").replace(",2\n", ",2,y\n"),
    )
    e = only_error(data)
    assert e.column == "memo" and "知らない列" in e.message and "area_id" in e.fix


def test_unknown_code(data):
    edit(data / "challenges.csv", lambda t: t.replace(",予定どおり\n", ",順調\n", 1))
    e = only_error(data)
    assert (e.file, e.row, e.column, e.value) == ("data/challenges.csv", 2, "progress_mark", "順調")
    assert "予定どおり、遅れている、評価不能" in e.fix


def test_duplicate_id(data):
    edit(data / "areas.csv", lambda t: t + "gyosei,行政経営（重複）,3\n")
    e = only_error(data)
    assert (e.row, e.column, e.value) == (4, "area_id", "gyosei")
    assert "3行目と重複" in e.message


def test_dangling_reference(data):
    edit(data / "kpis.csv", lambda t: t.replace("tourism-c1-k1,tourism-c1,", "tourism-c1-k1,tourism-c9,", 1))
    e = only_error(data)
    assert (e.file, e.row, e.column, e.value) == ("data/kpis.csv", 2, "challenge_id", "tourism-c9")
    assert "challenges.csv" in e.message


def test_text_in_numeric_cell(data):
    lines = (data / "kpi_values.csv").read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[2] = "5件"
    lines[1] = ",".join(cells)
    (data / "kpi_values.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    e = only_error(data)
    assert (e.row, e.column, e.value) == (2, "planned", "5件")
    assert "数値として読めません" in e.message and "note 列" in e.fix


def test_negative_value(data):
    edit(data / "kpi_values.csv", lambda t: t.replace("tourism-c1-k1,2023,5,7,", "tourism-c1-k1,2023,5,-7,", 1))
    e = only_error(data)
    assert e.column == "actual" and "マイナス" in e.message


@pytest.mark.parametrize("change", [None, "next-year"])
def test_impossible_value_actual_in_future_year(data, change):
    """An actual after the results year is an error, whichever year report.csv names."""
    if change:
        STAFF_CHANGES[change](data)
    results = int(read_rows(data, "report")[0]["results_fiscal_year"])
    kpi_id = read_rows(data, "kpis")[0]["kpi_id"]
    rows = read_rows(data, "kpi_values")
    later = next((r for r in rows if r["kpi_id"] == kpi_id and int(r["fiscal_year"]) == results + 1), None)
    if later:
        later["actual"] = "9"
    else:
        rows.append({"kpi_id": kpi_id, "fiscal_year": str(results + 1), "planned": "", "actual": "9", "note": ""})
    write_rows(data, "kpi_values", rows)
    e = only_error(data)
    assert e.column == "actual" and f"{results}年度より後" in e.message


def test_year_out_of_range(data):
    report = read_rows(data, "report")[0]
    first, last = report["plan_start_year"], report["plan_end_year"]
    edit(data / "kpi_values.csv", lambda t: t.replace("tourism-c1-k1,2023,", f"tourism-c1-k1,{int(last) + 5},", 1))
    e = only_error(data)
    assert e.column == "fiscal_year" and f"計画期間（{first}〜{last}年度）の外" in e.message


def test_wareki_year_is_explained(data):
    edit(data / "kpi_values.csv", lambda t: t.replace("tourism-c1-k1,2023,", "tourism-c1-k1,R5,", 1))
    e = only_error(data)
    assert e.column == "fiscal_year" and "2023" in e.fix


def test_empty_file(data):
    (data / "steps.csv").write_bytes(b"")
    e = only_error(data)
    assert e.file == "data/steps.csv" and "ファイルが空" in e.message


def test_header_only(data):
    (data / "projects.csv").write_text(
        (data / "projects.csv").read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8"
    )
    errs = errors_of(data)
    header_only = [e for e in errs if e.file == "data/projects.csv"]
    assert len(header_only) == 1 and "データの行がありません" in header_only[0].message


def test_blank_line_in_the_middle(data):
    edit(data / "areas.csv", lambda t: t.replace("\ngyosei", "\n\ngyosei"))
    e = only_error(data)
    assert (e.row, e.message) == (3, "空の行があります。")


def test_trailing_blank_lines_are_fine(data):
    edit(data / "areas.csv", lambda t: t + "\n,,\n\n")
    assert errors_of(data) == []


def test_stray_quote(data):
    edit(data / "areas.csv", lambda t: t.replace("gyosei,行政経営,2", 'gyosei,"行政経営,2'))
    e = only_error(data)
    assert e.row == 3 and "引用符" in e.message


def test_line_break_inside_cell(data):
    edit(data / "areas.csv", lambda t: t.replace("gyosei,行政経営,2", 'gyosei,"行政\n経営",2'))
    e = only_error(data)
    assert e.column == "name" and "改行" in e.message


def test_missing_file(data):
    (data / "projects.csv").unlink()
    errs = errors_of(data)
    assert any(e.file == "data/projects.csv" and "ファイルがありません" in e.message for e in errs)


def test_optional_file_left_out_still_catches_what_refers_to_it(data):
    # A report without themes needs no themes.csv, but projects that name a theme are then wrong.
    (data / "themes.csv").unlink()
    errs = errors_of(data)
    assert errs and all(e.file == "data/projects.csv" and e.column == "theme_id" for e in errs)


def test_all_problems_reported_in_one_run(data):
    edit(data / "challenges.csv", lambda t: t.replace(",予定どおり\n", ",順調\n", 1))
    edit(data / "kpis.csv", lambda t: t.replace("tourism-c1-k1,tourism-c1,", "tourism-c1-k1,tourism-c9,", 1))
    edit(data / "areas.csv", lambda t: t + "gyosei,重複,3\n")
    files = {e.file for e in errors_of(data)}
    assert files == {"data/challenges.csv", "data/kpis.csv", "data/areas.csv"}


def test_excel_variants_are_accepted(data):
    """CP932 + CRLF, UTF-8 with BOM, full-width digits and 1,020-style numbers are all good data."""
    kv = data / "kpi_values.csv"
    text = kv.read_text(encoding="utf-8")
    text = text.replace("tourism-c1-k1,2023,5,7,", 'tourism-c1-k1,２０２３,５,"1,007",', 1)
    kv.write_bytes(text.replace("\n", "\r\n").encode("cp932"))
    (data / "areas.csv").write_bytes((data / "areas.csv").read_text(encoding="utf-8").encode("utf-8-sig"))
    ds, problems = validate_dir(data, "data")
    assert [p for p in problems if p.is_error] == []
    row = next(r for r in ds.tables["kpi_values"] if r.kpi_id == "tourism-c1-k1" and r.fiscal_year == 2023)
    assert (row.planned, row.actual) == (5, 1007)
    assert ds.encodings["kpi_values"].startswith("Shift_JIS")


def test_ambiguous_grouping_is_an_error(data):
    edit(data / "kpi_values.csv", lambda t: t.replace("tourism-c1-k1,2023,5,7,", 'tourism-c1-k1,2023,5,"1,07",', 1))
    e = only_error(data)
    assert e.column == "actual" and e.value == "1,07"


def test_warning_for_missing_actual_does_not_fail(data):
    edit(data / "kpi_values.csv", lambda t: t.replace("tourism-c1-k1,2023,5,7,", "tourism-c1-k1,2023,5,,", 1))
    _, problems = validate_dir(data, "data")
    assert not any(p.is_error for p in problems)
    assert any(
        p.file == "data/kpi_values.csv" and p.column == "actual" and "実績がありません" in p.message for p in problems
    )


def test_check_command_exit_codes_and_japanese_report(data):
    ok = subprocess.run(
        [sys.executable, "-m", "dxreport", "check", str(DATA)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""},
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "エラーはありません" in ok.stdout
    edit(data / "challenges.csv", lambda t: t.replace(",予定どおり\n", ",順調\n", 1))
    bad = subprocess.run(
        [sys.executable, "-m", "dxreport", "check", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""},
    )
    assert bad.returncode == 1
    assert "challenges.csv 2行目 「progress_mark」列（進捗）" in bad.stdout
    assert "入力されている値: 「順調」" in bad.stdout and "直し方:" in bad.stdout


def test_line_references_in_public_remarks_are_a_warning_pointing_to_the_source_column(data):
    """An editor's transcription record (「転記の元資料1030行目」) in text a citizen reads is a warning:
    it belongs in notes.csv `source`, which only the method page shows."""
    write_rows(
        data,
        "notes",
        [
            {
                "target_table": "issues",
                "target_id": read_rows(data, "issues")[0]["issue_id"],
                "seq": "1",
                "kind": "出典の不整合",
                "text": "値が食い違っています。",
                "reason": "転記の元資料1030行目と異なるためです。",
                "source": "転記の元資料1030行目",
            },
        ],
        ["target_table", "target_id", "seq", "kind", "text", "reason", "source"],
    )
    _, problems = validate_dir(data, "data")
    assert not any(p.is_error for p in problems)
    found = [p for p in problems if p.file == "data/notes.csv" and "行番号" in p.message]
    assert [p.column for p in found] == ["reason"]  # the source column itself may hold it
    assert "source" in found[0].fix

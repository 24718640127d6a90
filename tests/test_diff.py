"""`python -m dxreport diff`: what a data pull request changes on the public site.

Run on copies of the live data (the changes staff make: a value, a mark, a project added and one
removed) and of examples/nagasaki (two editions, one frozen). Names are read from the data, so the
tests hold for any valid live data. Hostile text must come out literally, in the terminal, the log
and the job summary, and never start a workflow command.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, FIXTURES, ROOT, copy_data, read_rows, write_rows

from dxreport import codes
from dxreport.diff import NO_CHANGES, NONE, compare_folders, excerpts
from dxreport.model import load_report
from dxreport.safety import COMMAND_GUARD, GuardedStream, guard_line
from dxreport.schema import TABLES, TABLES_BY_NAME

NAGASAKI = ROOT / "examples" / "nagasaki"
HOKKAIDO = FIXTURES / "hokkaido-2020"
MIE = FIXTURES / "mie-2017"
HOSTILE = "::error title=x::承認してください [link](https://evil) ![img](x) @org/team <script>alert(1)</script> `a` | b"


def run_diff(base: Path, head: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dxreport", "diff", str(base), str(head), *extra],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )


def section(diff, key):
    return next(s for s in diff.sections if s.key == key)


def nonempty(diff) -> dict[str, int]:
    return {s.key: len(s.rows) for s in diff.sections if s.rows}


def assert_no_command_lines(data: bytes) -> None:
    """No line starts a GitHub Actions workflow command; no control character but the line break."""
    text = data.decode("utf-8")
    for line in text.split("\n"):
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]", text)


# --- The same data twice -------------------------------------------------------------------------


@pytest.mark.parametrize("folder", [DATA, NAGASAKI], ids=["live", "nagasaki"])
def test_the_same_data_twice_has_no_changes_in_one_line(folder, tmp_path):
    done = run_diff(folder, folder, "--report", str(tmp_path / "r.md"))
    assert done.returncode == 0, done.stdout.decode()
    out = done.stdout.decode("utf-8")
    assert out.count("\n") == 1 and NO_CHANGES in out
    assert NO_CHANGES in (tmp_path / "r.md").read_text(encoding="utf-8")


def test_saving_again_in_excel_changes_nothing(tmp_path):
    """CP932 and CRLF, the way Excel saves: the same site, so no changes."""
    head = copy_data(tmp_path)
    for path in head.glob("*/*.csv"):
        text = path.read_bytes().decode("utf-8-sig")
        path.write_bytes(text.replace("\r\n", "\n").replace("\n", "\r\n").encode("cp932", errors="strict"))
    assert NO_CHANGES in run_diff(DATA, head).stdout.decode()


# --- The changes staff make, on the live data ---------------------------------------------------


def _removable_project(data: Path) -> str:
    """A project nothing else points to but its own values and phases."""
    used = {r["project_id"] for r in read_rows(data, "kpis") if r.get("project_id")}
    used |= {r["target_id"] for r in read_rows(data, "notes")}
    for table in ("project_challenges", "project_texts", "project_budgets"):
        used |= {r["project_id"] for r in read_rows(data, table)}
    return next(r["project_id"] for r in read_rows(data, "projects") if r["project_id"] not in used)


@pytest.fixture(scope="module")
def staff_change(tmp_path_factory):
    """The live data with one value, one mark, one project added and one removed."""
    head = copy_data(tmp_path_factory.mktemp("diff"))
    base = load_report(DATA)
    values = read_rows(head, "kpi_values")
    i = next(i for i, r in enumerate(values) if r["actual"] and r["actual"].replace(".", "").isdigit())
    old_actual = values[i]["actual"]
    values[i]["actual"] = str(int(float(old_actual)) + 1)
    write_rows(head, "kpi_values", values)
    challenges = read_rows(head, "challenges")
    old_mark = challenges[0]["progress_mark"]
    challenges[0]["progress_mark"] = codes.DELAYED if old_mark != codes.DELAYED else codes.ON_SCHEDULE
    write_rows(head, "challenges", challenges)
    gone = _removable_project(head)
    projects = read_rows(head, "projects")
    added = dict(projects[0], project_id="diff-test-new", pid="", name="新しい試験のプロジェクト")
    write_rows(head, "projects", [p for p in projects if p["project_id"] != gone] + [added])
    for table in ("project_values", "project_phases"):
        write_rows(head, table, [r for r in read_rows(head, table) if r["project_id"] != gone])
    return {
        "head": head,
        "base": base,
        "kpi": values[i],
        "old_actual": old_actual,
        "challenge": challenges[0],
        "old_mark": old_mark,
        "gone": next(p for p in base.projects if p.project_id == gone),
        "added": added,
    }


def test_a_staff_change_gives_exactly_its_rows(staff_change):
    c, base = staff_change, staff_change["base"]
    diff = compare_folders(DATA, c["head"])
    assert not diff.failed and not diff.frozen
    assert set(nonempty(diff)) == {"entities", "values", "published", "pages"}
    edition = codes.edition_label(base.results_fiscal_year)
    t = base.terms
    entities = [r.cells for r in section(diff, "entities").rows]
    assert sorted((e[1], e[3]) for e in entities) == sorted(
        [("追加", c["added"]["name"]), ("削除（ページがなくなります）", c["gone"].name)]
    )
    assert all(e[0] == edition and e[2] == str(t["project"]) for e in entities)
    [value] = [r.cells for r in section(diff, "values").rows]
    kpi = next(k for k in base.all_indicators if k.kpi_id == c["kpi"]["kpi_id"])
    year = int(c["kpi"]["fiscal_year"])
    assert value[:2] == (edition, f"{base.indicator_term(kpi)}「{kpi.name}」")
    assert value[3:7] == (codes.fiscal_year_label(year), "実績", f"{int(float(c['old_actual'])):,}", c["kpi"]["actual"])
    assert value[7].endswith("のまま") or " → " in value[7]
    [mark] = [r.cells for r in section(diff, "published").rows]
    challenge = next(
        ch for i in base.issues for ch in i.challenges if ch.challenge_id == c["challenge"]["challenge_id"]
    )
    new_mark = codes.PROGRESS_MARKS[c["challenge"]["progress_mark"]]
    old_mark = codes.PROGRESS_MARKS.get(c["old_mark"], codes.MARK_NOT_PUBLISHED)
    assert mark == (
        edition,
        f"{t['challenge']}「{challenge.title}」",
        f"{t['issue']}「{challenge.issue.field_name}」",
        codes.fiscal_year_label(base.results_fiscal_year),
        str(t["mark"]),
        f"{old_mark.symbol} {old_mark.label}",
        f"{new_mark.symbol} {new_mark.label}",
    )
    pages = {r.cells[1] for r in section(diff, "pages").rows}
    assert {"./", "projects/", challenge.issue.url, c["gone"].url, "projects/diff-test-new/"} <= pages


def test_the_terminal_report_counts_first_then_one_table_per_kind(staff_change):
    done = run_diff(DATA, staff_change["head"])
    assert done.returncode == 0
    out = done.stdout.decode("utf-8")
    lines = out.splitlines()
    assert lines[0] == "公開されるサイトの変更" and lines[3] == "件数："
    assert "- 追加・削除されるもの：2件" in lines and "- 値の変更：1件" in lines
    assert "- 公表された進捗・評価の変更：1件" in lines and "- 文章の変更：0件" in lines
    assert out.index("件数：") < out.index("■ 追加・削除されるもの（2件）") < out.index("■ 値の変更（1件）")
    assert "｜ 新しい試験のプロジェクト ｜" in out and staff_change["gone"].name in out


def test_the_site_url_goes_before_the_page_addresses(staff_change):
    out = run_diff(DATA, staff_change["head"], "--site-url", "https://example.lg.jp/dx/").stdout.decode()
    assert "https://example.lg.jp/dx/projects/diff-test-new/" in out


def test_long_tables_are_cut_with_a_count_of_the_rest(tmp_path):
    head = copy_data(tmp_path)
    rows = read_rows(head, "kpi_values")
    for r in rows:
        r["note"] = (r["note"] or "") + "（確認済み）"
    write_rows(head, "kpi_values", rows)
    out = run_diff(DATA, head).stdout.decode()
    assert f"■ 文章の変更（{len(rows)}件）" in out
    assert f"（ほかに {len(rows) - 50} 件あります）" in out
    assert out.split("■ 文章の変更")[1].split("■ 変わるページ")[0].count("\n- ") == 50


# --- Hostile text ---------------------------------------------------------------------------------


# A text column whose word must be one of a list (the report's phases.csv, else the default
# phases): hostile words reach it through phases.csv (tests/test_security.py), not here.
LISTED_WORDS = {("project_phases", "phase")}


def _text_columns(folder: Path) -> list[tuple[str, str]]:
    return [
        (t.name, c.name)
        for t in TABLES
        for c in t.columns
        if c.kind == "text"
        and (t.name, c.name) not in LISTED_WORDS
        and read_rows(folder, t.name)
        and c.name in read_rows(folder, t.name)[0]
    ]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The live data with the hostile text in every text column of the first row of every table."""
    head = copy_data(tmp_path_factory.mktemp("hostile"))
    columns = _text_columns(head)
    for table in dict.fromkeys(t for t, _ in columns):
        rows = read_rows(head, table)
        for t, column in columns:
            if t == table:  # words every page repeats are short by rule (schema max_chars)
                limit = TABLES_BY_NAME[t].column(column).max_chars
                rows[0][column] = HOSTILE[:limit] if limit else HOSTILE
        write_rows(head, table, rows)
    return head, columns


def test_hostile_text_in_every_text_column_shows_literally_and_starts_no_command(hostile, tmp_path):
    head, columns = hostile
    report = tmp_path / "summary.md"
    done = run_diff(DATA, head, "--report", str(report))
    assert done.returncode == 0, done.stdout.decode()
    assert_no_command_lines(done.stdout + done.stderr)
    out = done.stdout.decode("utf-8")
    assert "承認してください [link](https://evil) ![img](x) @org/team <script>" in out
    # every text column shows as a change (the live data has more text columns than the cap)
    diff = compare_folders(DATA, head)
    changed = sum(len(s.rows) for s in diff.sections if s.key in ("texts", "notes", "entities"))
    assert changed >= len(columns) - 1  # labels change a word, not a row
    markdown = report.read_bytes()
    assert_no_command_lines(markdown)
    assert_summary_renders_no_markdown(markdown.decode("utf-8"))


def test_hostile_criteria_and_phase_words_show_literally_and_start_no_command(tmp_path):
    """The routes of issue_criteria.csv and phases.csv into the report (their own sections)."""
    base = ROOT / "tests" / "hostile" / "base"
    head = copy_data(tmp_path, base)
    criteria = read_rows(head, "issue_criteria")
    limit = TABLES_BY_NAME["issue_criteria"].column("mark").max_chars
    # An excerpt of a changed text is 40 characters: the markup comes first.
    markup = "<script>alert(1)</script>[link](https://evil) @org/team"
    criteria[0].update(criterion=markup, reason=HOSTILE, mark=HOSTILE[:limit])
    write_rows(head, "issue_criteria", criteria)
    phases = read_rows(head, "phases")
    word = HOSTILE[: TABLES_BY_NAME["phases"].column("phase").max_chars]
    phases.append({**phases[0], "phase": word, "sort_order": "99"})
    write_rows(head, "phases", phases)
    report = tmp_path / "summary.md"
    done = run_diff(base, head, "--report", str(report))
    assert done.returncode == 0, done.stdout.decode()
    assert_no_command_lines(done.stdout + done.stderr)
    out = done.stdout.decode("utf-8")
    assert "■ 判定の基準の変更" in out and "■ 段階の言葉の変更" in out and word in out
    markdown = report.read_text(encoding="utf-8")
    assert_no_command_lines(markdown.encode("utf-8"))
    assert_summary_renders_no_markdown(markdown)


def assert_summary_renders_no_markdown(markdown: str) -> None:
    """Outside <code>, only the report's own words: no link, image, mention or tag from the data."""
    assert "&lt;script&gt;" in markdown and "<script" not in markdown
    outside = re.sub(r"<code>[^<]*</code>", "", markdown)
    for needle in ("[link]", "](", "![", "@", "https://", "承認してください", "`"):
        assert needle not in outside, needle
    for block in re.findall(r"<table>.*?</table>", markdown, flags=re.S):
        assert "\n\n" not in block  # one HTML block: GitHub reads no Markdown inside


def test_a_raw_control_character_is_never_printed(tmp_path):
    """Control and bidi characters stop the comparison (the check refuses them); the message
    shows them as <U+…>, and a line break in a cell cannot start a new line of output."""
    head = copy_data(tmp_path)
    rows = read_rows(head, "projects")
    rows[0]["name"] = "名前\x1b[31m\u202e\n::warning::偽の警告\r##[error]x"
    write_rows(head, "projects", rows)
    report = tmp_path / "summary.md"
    done = run_diff(DATA, head, "--report", str(report))
    assert done.returncode == 1
    assert "比べられません" in done.stdout.decode()
    assert_no_command_lines(done.stdout + done.stderr)
    assert_no_command_lines(report.read_bytes())
    assert b"\x1b" not in done.stdout and b"<U+001B>" in done.stdout


def test_guarded_output_escapes_workflow_commands_even_when_written_in_pieces():
    import io

    assert guard_line("::error::x") == COMMAND_GUARD + "::error::x"
    assert guard_line("  ::set-output name=a::b").startswith(COMMAND_GUARD)
    assert guard_line("a\x07b\u2028c") == "a<U+0007>b<U+2028>c"
    assert "##[" not in guard_line("x ##[error]y")
    sink = io.StringIO()
    stream = GuardedStream(sink)
    for piece in (":", ":err", "or::x\n", "  :", ":warning::y"):
        stream.write(piece)
    stream.flush()
    stream.close_line()
    assert sink.getvalue() == f"{COMMAND_GUARD}::error::x\n{COMMAND_GUARD}  ::warning::y"


def test_every_command_goes_through_the_guard(tmp_path):
    """A folder named like a workflow command cannot make `check` start a line with it."""
    folder = tmp_path / "::error title=x::承認"
    shutil.copytree(DATA, folder)
    done = subprocess.run(
        [sys.executable, "-m", "dxreport", "check", folder.name], cwd=tmp_path, capture_output=True, timeout=120
    )
    assert "::error title=x::承認" in done.stdout.decode()
    assert_no_command_lines(done.stdout + done.stderr)


def test_excerpts_show_the_same_window_around_the_first_difference():
    before, after = excerpts("あ" * 100 + "いう", "あ" * 100 + "えお")
    assert before.startswith("…") and before.endswith("いう") and after.endswith("えお")
    assert excerpts("", "新しい文章") == ("（なし）", "新しい文章")


# --- Other reports' own words: scales, 判定 and its criteria, phase words (frozen fixtures) -----


def _with_challenge_scale(data: Path, mark: str) -> None:
    """Hokkaido's 項目 marked on a scale of the report's own (no ○/△ of the default list)."""
    rows = read_rows(data, "scales")
    fields = list(rows[0])
    rows += [
        dict(zip(fields, ["prog", "challenges", "進み具合", "1", "順調", "◎", "順調に進んでいる", "1"])),
        dict(zip(fields, ["prog", "challenges", "進み具合", "2", "遅れ", "▲", "遅れている", "2"])),
    ]
    write_rows(data, "scales", rows)
    challenges = read_rows(data, "challenges")
    challenges[0]["progress_mark"] = mark
    write_rows(data, "challenges", challenges)


def test_a_mark_of_the_reports_own_scale_is_shown_in_its_words(tmp_path):
    base, head = copy_data(tmp_path / "base", HOKKAIDO), copy_data(tmp_path / "head", HOKKAIDO)
    _with_challenge_scale(base, "順調")
    _with_challenge_scale(head, "遅れ")
    [row] = [r.cells for r in section(compare_folders(base, head), "published").rows]
    assert row[:2] == ("令和元年度実績", "項目「北海道の情報化の総合的推進」")
    assert row[4:] == ("進み具合", "◎ 順調に進んでいる", "▲ 遅れている")


def test_a_changed_judgement_and_its_criteria_are_shown_on_the_issue(tmp_path):
    """Hokkaido's 判定 c → a (the scale value and the printed letter) and 基準1〜4."""
    head = copy_data(tmp_path, HOKKAIDO)
    issues = read_rows(head, "issues")
    issues[0].update(published_grade="a", assessment="A")
    write_rows(head, "issues", issues)
    criteria = read_rows(head, "issue_criteria")
    criteria[1]["mark"] = "△"
    criteria.append({"issue_id": "ict", "seq": "5", "criterion": "新しい基準", "mark": "○", "reason": "理由"})
    write_rows(head, "issue_criteria", criteria)
    diff = compare_folders(HOKKAIDO, head)
    issue = "施策「ICTの利活用の推進」"
    published = sorted(r.cells[1:] for r in section(diff, "published").rows)
    assert published == [
        (
            issue,
            "",
            "令和元年度（2019年度）",
            "判定",
            "c 基準1が△で、基準2〜4に○が1つ以上",
            "a 基準1が○で、基準2〜4に○が1つ以上",
        ),
        (issue, "", "令和元年度（2019年度）", "判定（報告書に印刷されたとおり）", "C", "A"),
    ]
    criteria_rows = [r.cells[1:] for r in section(diff, "criteria").rows]
    assert criteria_rows == [
        ("変更", issue, "基準2", "印", "○", "△"),
        ("追加", issue, "基準5", "基準・印", NONE, "○ 新しい基準"),
    ]
    assert all(r.pages == ((2019, "issues/ict/"),) for r in section(diff, "criteria").rows)
    text = run_diff(HOKKAIDO, head).stdout.decode("utf-8")
    assert "■ 判定の基準の変更（2件）" in text and "■ 公表された進捗・評価の変更（2件）" in text


def test_changed_phase_words_have_their_own_section(tmp_path):
    """Mie's own phase words (phases.csv): a new symbol and a new word, shown on every page."""
    head = copy_data(tmp_path, MIE)
    phases = read_rows(head, "phases")
    phases[1]["symbol"] = "⇒"
    phases.append({"phase": "廃止", "symbol": "", "sort_order": "4"})
    write_rows(head, "phases", phases)
    diff = compare_folders(MIE, head)
    assert set(nonempty(diff)) == {"phases", "pages"}
    assert [r.cells[1:] for r in section(diff, "phases").rows] == [
        ("変更", "再構築", "記号", "（空欄）", "⇒"),
        ("追加", "廃止", "段階の言葉", NONE, "廃止（表示順 4）"),
    ]
    [page] = [r.cells for r in section(diff, "pages").rows]
    assert page[1] == "./（この下のすべてのページ）"


# --- Two editions: examples/nagasaki ------------------------------------------------------------


@pytest.fixture()
def nagasaki(tmp_path):
    head = tmp_path / "nagasaki"
    shutil.copytree(NAGASAKI, head)
    return head


def _set_actual(folder: Path, kpi_row: int, actual: str) -> dict:
    rows = read_rows(folder, "kpi_values")
    rows[kpi_row]["actual"] = actual
    write_rows(folder, "kpi_values", rows)
    return rows[kpi_row]


def test_a_change_in_the_latest_edition_of_two(nagasaki):
    latest = nagasaki / "2020"
    rows = read_rows(latest, "kpi_values")
    i = next(i for i, r in enumerate(rows) if r["actual"] and not r.get("base"))
    changed = _set_actual(latest, i, str(int(float(rows[i]["actual"])) + 1))
    diff = compare_folders(NAGASAKI, nagasaki)
    assert not diff.failed and nonempty(diff) == {"values": 1, "pages": len(section(diff, "pages").rows)}
    [value] = section(diff, "values").rows
    assert value.cells[0] == codes.edition_label(2020) and value.cells[5:7] == (rows[i]["actual"], changed["actual"])
    assert "事業群" in value.cells[2]  # Nagasaki's own word for an issue (labels.csv)
    assert all(not r.cells[1].startswith("editions/") for r in section(diff, "pages").rows)


def test_a_change_to_the_frozen_edition_is_shown_as_the_error_it_is(nagasaki, tmp_path):
    rows = read_rows(nagasaki / "2016", "kpi_values")
    i = next(i for i, r in enumerate(rows) if r["actual"])
    _set_actual(nagasaki / "2016", i, str(int(float(rows[i]["actual"])) + 1))
    report = tmp_path / "summary.md"
    done = run_diff(NAGASAKI, nagasaki, "--report", str(report))
    assert done.returncode == 1
    out = done.stdout.decode("utf-8")
    assert "- 公開済みの版の変更（エラー）：1件" in out
    assert "[エラー]" in out and "公開済みの版の値が変わっています" in out
    assert f"{codes.edition_label(2016)}：" in out and "editions/2016/issues/" in out
    assert "公開済みの版の変更（1件）" in report.read_text(encoding="utf-8")


def test_a_new_edition_is_named_with_its_pages(tmp_path):
    from dxreport.editions import new_edition

    head = copy_data(tmp_path)
    year = load_report(DATA).results_fiscal_year + 1
    new_edition(head, year)
    diff = compare_folders(DATA, head)
    assert not diff.failed, diff.blocked_problems
    [edition] = section(diff, "editions").rows
    assert edition.cells[:3] == (codes.edition_label(year), "新しい版", codes.EDITION_DRAFT)
    assert any(r.cells[1] == "./（この下のすべてのページ）" for r in section(diff, "pages").rows)


def test_a_dropped_lock_record_is_an_error_for_the_reviewer(nagasaki):
    from dxreport.lockfile import dump_lock

    (nagasaki / "published.lock.json").write_text(dump_lock({}), encoding="utf-8")
    diff = compare_folders(NAGASAKI, nagasaki)
    assert diff.failed and any("公開済みの版（2016年度）の記録が消えています" in p.message for p in diff.frozen)
    assert all(p.is_error for p in diff.frozen)
    assert "公開済みの版（2016年度）の記録が消えています" in run_diff(NAGASAKI, nagasaki).stdout.decode()


def test_a_rewritten_lock_record_is_shown_for_confirmation(nagasaki):
    from dxreport.editions import freeze

    set_title = read_rows(nagasaki / "2016", "report")
    set_title[0]["title"] = set_title[0]["title"] + "（訂正）"
    write_rows(nagasaki / "2016", "report", set_title)
    freeze(nagasaki, 2016, force=True)
    diff = compare_folders(NAGASAKI, nagasaki)
    assert [p.severity for p in diff.frozen] == ["注意"] and "書き換えられています" in diff.frozen[0].message
    assert not diff.failed


def test_data_errors_stop_the_comparison_in_japanese(tmp_path):
    head = copy_data(tmp_path)
    rows = read_rows(head, "kpi_values")
    rows[0]["actual"] = "10件"
    write_rows(head, "kpi_values", rows)
    done = run_diff(DATA, head)
    assert done.returncode == 1
    out = done.stdout.decode("utf-8")
    assert out.startswith(f"新しいデータ（{head.as_posix()}）のデータに 1 件のエラーがあるため、比べられません。")
    assert "python -m dxreport check" in out

"""The data model: every CSV table and column, defined once.

The loader, the validator, the staff guide and the downloads page all read
these definitions, so the documentation cannot drift from the checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import codes, precision, scales
from .vocabulary import DEFAULT_TERMS

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Ids become URLs and file names: short enough for every file system and readable in a link.
MAX_ID_LENGTH = 64


# Lengths of the words that appear on every page (far above any report's: 「事務事業」, 「佐世保市」).
MAX_TERM_CHARS = 30
MAX_COUNTER_CHARS = 10
MAX_NAME_CHARS = 60
MAX_SITE_TEXT_CHARS = 200
# A printed grade or mark (A, ○, 概ね順調, 現状維持): a symbol, repeated in lists and filters.
MAX_SYMBOL_CHARS = 10


@dataclass(frozen=True)
class Column:
    name: str
    label: str  # Japanese name shown to staff
    kind: str  # id | text | int | number | year | code | ref | date | url | mark (a value of the report's scale)
    required: bool = False
    codes: tuple[str, ...] = ()
    ref: str | None = None  # "table.column" this value must exist in
    description: str = ""
    example: str = ""
    # Columns added after the first release may be left out of the header: older data folders
    # (and other governments' copies) keep working, and the value is then blank.
    may_be_absent: bool = False
    # Text that every page repeats (site name, the report's words for its levels): kept short so
    # that a page's size does not grow with what a pull request writes there.
    max_chars: int | None = None


@dataclass(frozen=True)
class Table:
    name: str  # file stem in data/
    label: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # unique together
    required_rows: bool = True
    note: str = ""
    # Tables added after the first release may be absent from a data folder (defaults apply);
    # so may any table that is allowed to be empty: a report without steps needs no steps.csv.
    required_file: bool = True

    def __post_init__(self) -> None:
        if not self.required_rows:
            object.__setattr__(self, "required_file", False)

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _id(name: str, label: str, description: str, example: str) -> Column:
    return Column(name, label, "id", True, description=description, example=example)


def _ref(name: str, label: str, ref: str, required: bool = True, description: str = "") -> Column:
    table = ref.split(".")[0]
    desc = description or f"{TABLE_LABELS[table]}（{table}.csv）の {ref.split('.')[1]} のどれか"
    return Column(name, label, "ref", required, ref=ref, description=desc)


def _year(name: str = "fiscal_year") -> Column:
    return Column(
        name,
        "年度（西暦）",
        "year",
        True,
        description="年度を西暦4桁で書きます（令和5年度なら 2023）。",
        example="2023",
    )


def _number(name: str, label: str, description: str) -> Column:
    return Column(name, label, "number", False, description=description, example="1020")


def _display_number(example: str) -> Column:
    return Column(
        "display_number",
        "表示する番号",
        "text",
        False,
        example=example,
        may_be_absent=True,
        description="報告書に印刷された番号（①、ⅰ、1-b など）。空欄なら番号を表示しません。",
    )


def _decimals(name: str) -> Column:
    return Column(
        name,
        "小数点以下の桁数",
        "code",
        False,
        codes=precision.PLACES_CODES,
        may_be_absent=True,
        example="1",
        description="予定・実績を、報告書に印刷された桁数で表示するための数（52.0% なら 1）。Excel で保存すると「52.0」が"
        "「52」になることがあるため、小数点以下を印刷どおりに残したい指標はここに書きます。空欄なら、セルに書かれたとおりの桁数で表示します。",
    )


def _update_columns(whose: str, default: str) -> tuple[Column, Column]:
    """How often the numbers are updated and when next: shown beside each indicator."""
    return (
        Column(
            "update_cycle",
            "更新の頻度",
            "text",
            False,
            example="毎年度",
            may_be_absent=True,
            description=f"{whose}の数値を更新する頻度。報告書に書かれているときだけ書きます。{default}",
            max_chars=MAX_TERM_CHARS,
        ),
        Column(
            "next_update",
            "次の更新予定",
            "text",
            False,
            example="令和7年9月",
            may_be_absent=True,
            description=f"{whose}の数値を次に更新する予定の時期。決まっているときだけ書きます。{default}",
            max_chars=MAX_TERM_CHARS,
        ),
    )


def _symbol(description: str, max_chars: int) -> Column:
    """The mark a report prints for one of its own words (a phase, a value of its scale)."""
    return Column("symbol", "記号", "text", False, example="○", description=description, max_chars=max_chars)


def _code(name: str, label: str, values, required: bool, description: str) -> Column:
    return Column(name, label, "code", required, codes=tuple(values), description=description)


def _sections(sections: dict[str, codes.Section]) -> str:
    return "、".join(f"{k}＝{s.heading_for()}" for k, s in sections.items())


def _flag(code: codes.Code) -> str:
    """「累計値なら「累計」」: how staff mark a yes/no column."""
    return f"{code.label}なら「{code.value}」"


def _directions() -> str:
    return "、".join(f"{c.value}＝{c.label}" for c in codes.DIRECTIONS.values())


TABLE_LABELS = {
    "report": "報告書の情報",
    "areas": "分野",
    "issues": "重点課題",
    "issue_texts": "重点課題の文章",
    "issue_criteria": "重点課題の判定の基準",
    "challenges": "課題",
    "challenge_texts": "課題の文章",
    "kpis": "成果指標",
    "kpi_values": "指標の年度別の値",
    "steps": "ステップ",
    "themes": "分野を横断する取組",
    "projects": "プロジェクト",
    "project_values": "活動指標の年度別の値",
    "project_phases": "プロジェクトの年度別の段階",
    "labels": "表示の言葉",
    "phases": "段階の言葉",
    "project_challenges": "プロジェクトが関わるほかの課題",
    "project_texts": "プロジェクトの文章",
    "project_budgets": "プロジェクトの事業費",
    "notes": "このサイトの注",
    "scales": "報告書の評価の区分",
}

_VALUE_NOTE = (
    "数値のセルに文字（「実施済」「―」など）が印刷されている場合は、数値の列を空欄にして "
    "note 列にその文字を書きます。空欄と 0 は意味が違います。"
)
# How the site words a blank planned/actual cell (missing.py); the same words in data/README.md.
_BLANK_VALUE = (
    "空欄の意味はサイトが決めます：実績の年度より後の年度の実績は「まだ報告されていません」、"
    "notes.csv に「未転記」の注がある指標は「このサイトに転記していません」、note 列に文字があれば「備考のとおり」、"
    "それ以外は「公表されていません」。"
)

TABLES: tuple[Table, ...] = (
    Table(
        "report",
        TABLE_LABELS["report"],
        "報告書そのものの情報（1行だけ）。",
        (
            Column("municipality", "自治体名", "text", True, example="○○市", max_chars=MAX_NAME_CHARS),
            Column("title", "報告書名", "text", True, example="○○市総合計画（令和5年度実績）"),
            Column(
                "results_fiscal_year",
                "実績の年度（西暦）",
                "year",
                True,
                example="2023",
                description="この報告で実績をまとめた年度。達成度はこの年度までの値で計算します。",
            ),
            Column("plan_start_year", "計画の最初の年度（西暦）", "year", True, example="2021"),
            Column("plan_end_year", "計画の最後の年度（西暦）", "year", True, example="2027"),
            Column(
                "published_on",
                "公表年月",
                "text",
                False,
                example="2024-09",
                description="元の報告書の公表年月（YYYY-MM。日が分かれば YYYY-MM-DD）。下書きの版では空欄でもかまいません。",
            ),
            Column(
                "data_as_of",
                "データ時点",
                "date",
                True,
                example="2024-03-31",
                description="数値がいつ時点のものか（YYYY-MM-DD）。全ページに表示します。",
            ),
            Column("source_title", "出典の名称", "text", True),
            Column("source_url", "出典のURL", "url", False),
            Column("license_name", "利用規約の名称", "text", True, example="公共データ利用規約（第1.0版）"),
            Column("license_url", "利用規約のURL", "url", False),
            Column(
                "license_note",
                "利用規約の補足",
                "text",
                False,
                may_be_absent=True,
                example="PDL1.0。CC BY 4.0 と互換",
                description="利用規約の略称や互換性など。利用規約の名前のあとに（ ）で表示します。",
            ),
            Column(
                "license_type",
                "利用規約の種類",
                "code",
                False,
                codes=tuple(codes.LICENCES),
                may_be_absent=True,
                example="PDL1.0",
                description="出典の資料が定めるデータの利用規約。"
                + codes.licence_list_text()
                + "。どれでもないとき・書かれていないときは「記載なし」。"
                "この3つのときだけ、サイトに「どなたでも自由に利用できます」と書きます。"
                "空欄や「記載なし」なら「利用規約の記載はありません」と書きます。",
            ),
            Column(
                "site_terms_url",
                "ウェブサイトの利用条件のURL",
                "url",
                False,
                may_be_absent=True,
                description="自治体のウェブサイトの「サイトのご利用について」（著作権・リンクなど）のページのURL。"
                "利用規約の記載がないとき、サイトはこのページを案内します。",
            ),
            Column(
                "site_name",
                "サイトの名前",
                "text",
                False,
                example="○○市総合計画 進捗報告",
                may_be_absent=True,
                description="全ページの見出しとブラウザのタブに表示します。空欄なら「自治体名＋進捗報告」。",
                max_chars=MAX_NAME_CHARS,
            ),
            Column(
                "site_short_name",
                "サイトの短い名前",
                "text",
                False,
                example="計画の進捗報告",
                may_be_absent=True,
                description="スマートフォンの見出しに表示する、12文字程度の名前。空欄ならサイトの名前。",
                max_chars=MAX_NAME_CHARS,
            ),
            Column(
                "site_description",
                "サイトの説明",
                "text",
                False,
                may_be_absent=True,
                description="検索結果などに表示される、サイト全体の説明（1文）。",
                max_chars=MAX_SITE_TEXT_CHARS,
            ),
            Column(
                "contact",
                "問い合わせ先",
                "text",
                False,
                example="○○市 企画課",
                may_be_absent=True,
                description="ウェブアクセシビリティ方針などに表示する、問い合わせ先の名前。",
            ),
            Column("contact_url", "問い合わせ先のURL", "url", False, may_be_absent=True),
            Column(
                "base_year",
                "基準年度（西暦）",
                "year",
                False,
                example="2019",
                may_be_absent=True,
                description="目標の基準になる値（基準値）の年度。報告書に基準年があるときだけ書きます。",
            ),
            *(
                Column(
                    f"grade_{letter.lower()}_min",
                    f"達成度{letter}の下限（%）",
                    "number",
                    False,
                    may_be_absent=True,
                    example=example,
                    description=f"この報告書の達成度{letter}が始まる達成率（%）。報告書が自分の区分を定めているときだけ書きます"
                    "（3つとも書きます）。空欄ならサイトの設定（mkdocs.yml の grade_thresholds）を使います。",
                )
                for letter, example in (("A", "100"), ("B", "90"), ("C", "80"))
            ),
            Column(
                "rate_rounding",
                "達成率の丸め方",
                "code",
                False,
                codes=tuple(precision.RATE_ROUNDINGS),
                may_be_absent=True,
                example=precision.ROUND_DOWN,
                description="報告書が印刷した達成率の丸め方（117.5% を 117% と印刷していれば切り捨て）。書くと、サイトが計算する達成率"
                "（自動計算の目安）も同じ丸め方にして、印刷された達成率と比べます。空欄なら丸めずに小数点以下1桁で表示します。",
            ),
            Column(
                "rate_decimals",
                "達成率の小数点以下の桁数",
                "code",
                False,
                codes=precision.PLACES_CODES,
                may_be_absent=True,
                example="0",
                description="報告書が印刷した達成率の小数点以下の桁数（117% なら 0）。rate_rounding を書いたときに使います。空欄なら 0。",
            ),
            Column(
                "status",
                "公開の状態",
                "code",
                False,
                codes=tuple(codes.EDITION_STATUSES),
                may_be_absent=True,
                description="公開＝公開してよい版、下書き＝作成中の版（サイトには「下書き」と表示し、公開の手順では止まります）。"
                "空欄なら公開。",
            ),
            *_update_columns("この報告書", "指標ごとに違うときは kpis.csv に書きます。"),
        ),
        key=("municipality",),
    ),
    Table(
        "areas",
        TABLE_LABELS["areas"],
        "重点課題をまとめる分野（なくてもかまいません）。",
        (
            _id("area_id", "分野ID", "英小文字・数字・ハイフンのID。URLに使います。", "machizukuri"),
            Column("name", "分野名", "text", True, example="まちづくり"),
            Column("sort_order", "表示順", "int", True, example="1"),
        ),
        key=("area_id",),
        required_rows=False,
        required_file=False,
    ),
    Table(
        "issues",
        TABLE_LABELS["issues"],
        "重点課題（1行に1つ）。",
        (
            _id("issue_id", "重点課題ID", "英小文字・数字・ハイフンのID。ページのURLになります。", "tourism"),
            _ref(
                "area_id",
                "分野ID",
                "areas.area_id",
                required=False,
                description="分野（areas.csv）の area_id のどれか。分野に分けない報告書では空欄。",
            ),
            Column("sort_order", "表示順", "int", True, example="1"),
            Column(
                "field_name",
                "分野の短い名前",
                "text",
                False,
                example="観光",
                description="一覧やカードに表示する短い名前。空欄なら重点課題名。",
            ),
            Column("title", "重点課題名", "text", True),
            _display_number("①"),
            Column(
                "published_grade",
                "公表された評価",
                "text",
                False,
                example="a",
                may_be_absent=True,
                max_chars=MAX_SYMBOL_CHARS,
                description="報告書がこの重点課題そのものに印刷した評価（判定 a・b・c など）。"
                "scales.csv に重点課題（issues）の区分があればその値のどれか。印刷されていなければ空欄。"
                "印刷された文字そのもの（大文字・小文字など）は assessment に書きます。",
            ),
            Column(
                "assessment",
                "判定",
                "text",
                False,
                example="a",
                may_be_absent=True,
                max_chars=MAX_COUNTER_CHARS,
                description="報告書に印刷された、この重点課題（施策）全体の判定（a・b・c など）をそのまま。"
                "判定の基準ごとの印と理由は issue_criteria.csv に書きます。報告書に判定がなければ空欄。",
            ),
        ),
        key=("issue_id",),
    ),
    Table(
        "issue_texts",
        TABLE_LABELS["issue_texts"],
        "重点課題の到達像・進捗概要・総括の文章。1段落（箇条書きの1項目）を1行にします。",
        (
            _ref("issue_id", "重点課題ID", "issues.issue_id"),
            _code(
                "section",
                "文章の種類",
                codes.ISSUE_TEXT_SECTIONS,
                True,
                "どの欄の文章か。" + _sections(codes.ISSUE_TEXT_SECTIONS),
            ),
            Column("seq", "順番", "int", True, example="1"),
            Column("text", "文章", "text", True),
        ),
        key=("issue_id", "section", "seq"),
    ),
    Table(
        "challenges",
        TABLE_LABELS["challenges"],
        "重点課題ごとの課題（2〜3個）と公表された進捗。",
        (
            _id("challenge_id", "課題ID", "重点課題IDに -c と番号を付けます。", "tourism-c1"),
            _ref("issue_id", "重点課題ID", "issues.issue_id"),
            Column("number", "課題番号", "int", True, example="1", description="並べる順番（整数）。"),
            Column("title", "課題名", "text", True),
            _display_number("ⅰ"),
            Column(
                "progress_mark",
                "進捗",
                "mark",
                False,
                max_chars=MAX_SYMBOL_CHARS,
                example=codes.ON_SCHEDULE,
                description="公表された進捗。scales.csv に課題（challenges）の区分があればその値のどれか。なければ "
                f"{codes.code_list_text(codes.PROGRESS_MARKS.values())} のどれか。公表されていなければ空欄。",
            ),
        ),
        key=("challenge_id",),
    ),
    Table(
        "challenge_texts",
        TABLE_LABELS["challenge_texts"],
        "課題の到達像・実績評価・未達理由などの文章。1段落を1行にします。",
        (
            _ref("challenge_id", "課題ID", "challenges.challenge_id"),
            _code(
                "section",
                "文章の種類",
                codes.CHALLENGE_TEXT_SECTIONS,
                True,
                "どの欄の文章か。" + _sections(codes.CHALLENGE_TEXT_SECTIONS),
            ),
            Column("seq", "順番", "int", True, example="1"),
            Column("text", "文章", "text", True),
        ),
        key=("challenge_id", "section", "seq"),
        required_rows=False,
    ),
    Table(
        "kpis",
        TABLE_LABELS["kpis"],
        "指標（1行に1つ）。重点課題・課題・プロジェクトのどれかに属します。",
        (
            _id("kpi_id", "指標ID", "課題IDに -k と番号を付けます。", "tourism-c1-k1"),
            _ref(
                "challenge_id",
                "課題ID",
                "challenges.challenge_id",
                required=False,
                description="課題の指標なら課題ID。issue_id・challenge_id・project_id のどれか1つを入力します。",
            ),
            Column(
                "issue_id",
                "重点課題ID",
                "ref",
                False,
                ref="issues.issue_id",
                may_be_absent=True,
                description="重点課題そのものの指標なら重点課題ID（challenge_id は空欄）。",
            ),
            Column(
                "project_id",
                "プロジェクトID",
                "ref",
                False,
                ref="projects.project_id",
                may_be_absent=True,
                description="プロジェクトの指標なら プロジェクトID（1つのプロジェクトに複数書けます）。",
            ),
            Column(
                "kind",
                "指標の種類",
                "code",
                False,
                codes=tuple(codes.INDICATOR_KINDS),
                may_be_absent=True,
                description="成果＝成果指標、活動＝活動指標。空欄ならプロジェクトの指標は活動、それ以外は成果。",
            ),
            Column("seq", "順番", "int", True, example="1"),
            Column("name", "指標名", "text", True),
            Column(
                "unit",
                "単位",
                "text",
                False,
                example="件",
                description="件・%・人など。数値のセルには単位を書かず、ここに書きます。",
            ),
            _code("direction", "良い方向", codes.DIRECTIONS, True, _directions() + "（例：紙の使用量）。"),
            _code(
                "cumulative", "累計", codes.CUMULATIVE, False, _flag(codes.CUMULATIVE_TOTAL) + "、そうでなければ空欄。"
            ),
            Column("formula", "算出式・設定根拠", "text", False),
            Column("evaluation", "進捗状況・評価", "text", False),
            Column(
                "note",
                "備考",
                "text",
                False,
                description="例：「令和6年度に整理し、改めて設定する」など、数値がない理由。",
            ),
            _decimals("decimals"),
            Column(
                "owner",
                "担当",
                "text",
                False,
                example="○○課",
                may_be_absent=True,
                description="指標の数値を取りまとめる部署。報告書に書かれているときだけ書きます。"
                "空欄なら、プロジェクトの指標はプロジェクトの担当部局を表示します。",
                max_chars=MAX_NAME_CHARS,
            ),
            *_update_columns("この指標", "空欄なら report.csv の値を使います。"),
        ),
        key=("kpi_id",),
        required_rows=False,
    ),
    Table(
        "kpi_values",
        TABLE_LABELS["kpi_values"],
        "指標の予定と実績。1つの指標の1年度を1行にします（縦長の形式）。",
        (
            _ref("kpi_id", "指標ID", "kpis.kpi_id"),
            _year(),
            _number("planned", "予定（目標値）", "数字だけ（単位・カンマ・※は不要）。予定がなければ空欄。"),
            _number("actual", "実績", "数字だけ。実績がまだなければ空欄。" + _BLANK_VALUE),
            Column("note", "備考", "text", False, description=_VALUE_NOTE),
            Column(
                "published_rate",
                "公表された達成率（%）",
                "number",
                False,
                example="120",
                may_be_absent=True,
                description="報告書に印刷された達成率を数字だけで（120% なら 120）。サイトの計算とは別に表示します。",
            ),
            Column(
                "published_grade",
                "公表された評価",
                "text",
                False,
                example="A",
                may_be_absent=True,
                description="報告書に印刷された評価（A、a、概ね順調 など）をそのまま。"
                "scales.csv に指標（kpis）の区分があれば、その値のどれか。",
            ),
            Column(
                "base",
                "基準値",
                "code",
                False,
                codes=tuple(codes.BASE),
                may_be_absent=True,
                description="基準年度の値（基準値）の行なら「基準値」。計画期間より前の年度でも書けます。",
            ),
        ),
        key=("kpi_id", "fiscal_year"),
        required_rows=False,
    ),
    Table(
        "steps",
        TABLE_LABELS["steps"],
        "課題を段階に分けたステップ。",
        (
            _id("step_id", "ステップID", "重点課題IDに -s とステップ番号を付けます。", "tourism-s1-1"),
            _ref("challenge_id", "課題ID", "challenges.challenge_id"),
            Column(
                "code",
                "ステップ番号",
                "text",
                True,
                example="1-1",
                description="報告書に印刷された番号（1-1、3-a-2 など）。",
            ),
            Column("title", "ステップ名", "text", True),
        ),
        key=("step_id",),
        required_rows=False,
    ),
    Table(
        "themes",
        TABLE_LABELS["themes"],
        "分野を横断する取組（なくてもかまいません）。",
        (
            _id("theme_id", "テーマID", "英小文字・数字・ハイフンのID。", "drone"),
            Column(
                "kind",
                "種類",
                "text",
                True,
                example="横断的な取組",
                description="取組のまとまりの名前。同じ種類の取組は、この名前の見出しの下にまとめて表示します。",
            ),
            Column("name", "名称", "text", True),
            Column("sort_order", "表示順", "int", True),
            Column("description", "説明", "text", False),
        ),
        key=("theme_id",),
        required_rows=False,
    ),
    Table(
        "projects",
        TABLE_LABELS["projects"],
        "プロジェクト一覧（1行に1プロジェクト）。",
        (
            _id(
                "project_id",
                "プロジェクトID",
                "重点課題IDと報告書の番号から作る英数字のID。ページのURLになります。",
                "tourism-1-1-4",
            ),
            Column(
                "pid",
                "報告書の番号",
                "text",
                False,
                example="1-1-4",
                description="報告書に印刷された番号。重複することがあるためURLには使いません。2つあるときは半角スペースで区切ります。",
            ),
            Column("category", "分類", "text", False, example="観光"),
            Column("department", "担当部局", "text", True, example="企画部"),
            _ref(
                "issue_id",
                "重点課題ID",
                "issues.issue_id",
                required=False,
                description="重点課題のID。分野を横断する取組のプロジェクトは空欄。",
            ),
            _ref("challenge_id", "課題ID", "challenges.challenge_id", required=False),
            _ref("step_id", "ステップID", "steps.step_id", required=False),
            _ref(
                "theme_id",
                "テーマID",
                "themes.theme_id",
                required=False,
                description="分野を横断する取組のプロジェクトのみ。",
            ),
            Column("name", "プロジェクト名", "text", True),
            Column("summary", "概要", "text", False),
            _code(
                "leading", "重点的な取組", codes.LEADING, False, _flag(codes.LEADING_PROJECT) + "、そうでなければ空欄。"
            ),
            Column("indicator_name", "活動指標", "text", False),
            Column("indicator_unit", "活動指標の単位", "text", False, example="件"),
            _code(
                "indicator_direction",
                "活動指標の良い方向",
                codes.DIRECTIONS,
                False,
                _directions() + f"。空欄なら{codes.DEFAULT_DIRECTION.value}として扱います。",
            ),
            _code(
                "indicator_cumulative", "活動指標の累計", codes.CUMULATIVE, False, _flag(codes.CUMULATIVE_TOTAL) + "。"
            ),
            Column(
                "period", "事業期間", "text", False, example="H28-33", may_be_absent=True, description="印刷どおり。"
            ),
            Column("target_group", "事業対象", "text", False, example="県民", may_be_absent=True),
            Column(
                "review",
                "見直し区分",
                "text",
                False,
                example="改善",
                may_be_absent=True,
                description="報告書に印刷された見直しの区分（改善・現状維持・拡充・縮小 などの1語）をそのまま。"
                "見直しの方向の文章は project_texts.csv の「方向性」（今後の方向性）に書きます。"
                "scales.csv にプロジェクト（projects）の区分があれば、その値のどれか。",
            ),
            _decimals("indicator_decimals"),
        ),
        key=("project_id",),
    ),
    Table(
        "project_values",
        TABLE_LABELS["project_values"],
        "活動指標の予定と実績。1つのプロジェクトの1年度を1行にします（縦長の形式）。",
        (
            _ref("project_id", "プロジェクトID", "projects.project_id"),
            _year(),
            _number("planned", "予定（目標値）", "数字だけ（単位・カンマ・※は不要）。予定がなければ空欄。"),
            _number("actual", "実績", "数字だけ。実績がまだなければ空欄。" + _BLANK_VALUE),
            Column("note", "備考", "text", False, description=_VALUE_NOTE),
        ),
        key=("project_id", "fiscal_year"),
        required_rows=False,
    ),
    Table(
        "project_phases",
        TABLE_LABELS["project_phases"],
        "プロジェクトの年度ごとの段階。1つのプロジェクトの1年度を1行にします。",
        (
            _ref("project_id", "プロジェクトID", "projects.project_id"),
            _year(),
            Column(
                "phase",
                "段階",
                "text",
                True,
                example="構築",
                max_chars=MAX_TERM_CHARS,
                description="段階の言葉（phases.csv）の phase のどれか。phases.csv がなければ "
                f"{codes.code_list_text(codes.PHASES.values())} のどれか。",
            ),
        ),
        key=("project_id", "fiscal_year"),
        required_rows=False,
    ),
)

TABLES += (
    Table(
        "issue_criteria",
        TABLE_LABELS["issue_criteria"],
        "重点課題（施策）の判定の基準ごとの、印刷された印と理由（北海道の「基準1〜4」など）。"
        "1つの基準を1行にします（なくてもかまいません）。",
        (
            _ref("issue_id", "重点課題ID", "issues.issue_id"),
            Column("seq", "基準の番号", "int", True, example="1", description="報告書に印刷された基準の番号。"),
            Column("criterion", "基準", "text", True, description="基準の文章（問い）を印刷どおりに。"),
            Column(
                "mark",
                "印",
                "text",
                False,
                example="○",
                max_chars=MAX_COUNTER_CHARS,
                description="その基準に付いた印（○・△ など）を印刷どおりに。印がなければ空欄。",
            ),
            Column("reason", "理由", "text", False, description="印の理由として印刷された文章。"),
        ),
        key=("issue_id", "seq"),
        required_rows=False,
        required_file=False,
    ),
    Table(
        "project_challenges",
        TABLE_LABELS["project_challenges"],
        "1つのプロジェクトが複数の課題に関わるとき、2つ目以降の課題を1行ずつ書きます（なくてもかまいません）。",
        (
            _ref("project_id", "プロジェクトID", "projects.project_id"),
            _ref("challenge_id", "課題ID", "challenges.challenge_id"),
        ),
        key=("project_id", "challenge_id"),
        required_rows=False,
        required_file=False,
    ),
    Table(
        "project_texts",
        TABLE_LABELS["project_texts"],
        "プロジェクトの実施状況・成果・見直し内容などの文章。1段落を1行にします（なくてもかまいません）。",
        (
            _ref("project_id", "プロジェクトID", "projects.project_id"),
            _code(
                "section",
                "文章の種類",
                codes.PROJECT_TEXT_SECTIONS,
                True,
                "どの欄の文章か。" + _sections(codes.PROJECT_TEXT_SECTIONS),
            ),
            Column("seq", "順番", "int", True, example="1"),
            Column("text", "文章", "text", True),
        ),
        key=("project_id", "section", "seq"),
        required_rows=False,
        required_file=False,
    ),
    Table(
        "project_budgets",
        TABLE_LABELS["project_budgets"],
        "プロジェクトの事業費（単位：千円）。1つのプロジェクトの1年度の実績または計画を1行にします（なくてもかまいません）。",
        (
            _ref("project_id", "プロジェクトID", "projects.project_id"),
            _year(),
            _code("basis", "実績か計画か", codes.BUDGET_BASES, True, "実績 または 計画。"),
            _number("total", "事業費（千円）", "数字だけ、千円単位で。"),
            _number("general_fund", "うち一般財源（千円）", "数字だけ、千円単位で。"),
            _number("personnel_cost", "人件費（参考、千円）", "数字だけ、千円単位で。"),
            Column("note", "備考", "text", False, description=_VALUE_NOTE),
        ),
        key=("project_id", "fiscal_year", "basis"),
        required_rows=False,
        required_file=False,
    ),
    Table(
        "notes",
        TABLE_LABELS["notes"],
        "報告書には印刷されていない、このサイトの編集者の注（元の資料の食い違い、補った単位など）。"
        "ページでは印刷された備考と分けて「このサイトの注」として表示します（なくてもかまいません）。",
        (
            _code(
                "target_table",
                "注を付ける表",
                codes.NOTE_TARGETS,
                True,
                "issues＝重点課題、challenges＝課題、kpis＝指標、projects＝プロジェクト。",
            ),
            Column(
                "target_id",
                "注を付けるもののID",
                "id",
                True,
                example="counter-c1-k2",
                description="その表の ID（issue_id・challenge_id・kpi_id・project_id）。",
            ),
            Column("seq", "順番", "int", True, example="1"),
            _code(
                "kind",
                "注の種類",
                codes.NOTE_KINDS,
                True,
                "出典の不整合・推定した単位・編集者の注・未転記 のどれか。未転記＝報告書の値をこのサイトに転記していない"
                "（target_table は kpis）：その指標の空欄は「公表されていません」ではなく「このサイトに転記していません」と表示します。",
            ),
            Column("text", "注の文章", "text", True),
            Column(
                "reason",
                "注を付けた理由・根拠",
                "text",
                True,
                description="なぜこの注が必要か。ページにも表示するので、市民が読む言葉で書きます（行番号などは source 列へ）。",
            ),
            Column(
                "source",
                "元の資料の箇所（確認の記録）",
                "text",
                False,
                may_be_absent=True,
                example="転記の元資料1030行目（進捗概要）と3555行目（指標の表）",
                description="確かめた元の資料の箇所（行番号・表の名前・data/SOURCES.md の節など）。"
                "重点課題やプロジェクトのページには出さず、算定方法のページの「出典の確認の記録」にだけ表示します。",
            ),
        ),
        key=("target_table", "target_id", "seq"),
        required_rows=False,
        required_file=False,
    ),
    Table(
        "labels",
        TABLE_LABELS["labels"],
        "計画の階層や項目を、その自治体の報告書の言葉で表示するための表（なくてもかまいません）。"
        "書かなかった言葉は一般的な言葉（" + "・".join(t.label for t in DEFAULT_TERMS.values()) + "）になります。",
        (
            _code(
                "key",
                "項目",
                DEFAULT_TERMS,
                True,
                "どの言葉か。" + "、".join(f"{t.key}＝{t.label}" for t in DEFAULT_TERMS.values()),
            ),
            Column("label", "表示する言葉", "text", True, example="基本施策", max_chars=MAX_TERM_CHARS),
            Column(
                "short",
                "短い言葉",
                "text",
                False,
                example="重点",
                description="表の見出しや印に使う短い言葉。空欄なら「表示する言葉」。",
                max_chars=MAX_TERM_CHARS,
            ),
            Column(
                "counter",
                "数え方",
                "text",
                False,
                example="件",
                description="数のあとに付ける言葉。空欄なら「件」。",
                max_chars=MAX_COUNTER_CHARS,
            ),
            Column(
                "description", "説明", "text", False, description="用語の説明（1文）。ページの用語の説明に表示します。"
            ),
        ),
        key=("key",),
        required_rows=False,
        required_file=False,
    ),
    Table(
        "phases",
        TABLE_LABELS["phases"],
        "プロジェクトの年度ごとの段階（project_phases.csv の phase）に使う言葉の一覧（なくてもかまいません）。"
        "報告書が自分の言葉で年度ごとの予定を書いているとき（基本計画・再構築・運用開始 など）に、その言葉を1行に1つ書きます。"
        "この表に行があれば、ここにある言葉だけが使えます。なければ "
        f"{codes.code_list_text(codes.PHASES.values())} が使えます。",
        (
            Column("phase", "段階", "text", True, example="再構築", max_chars=MAX_TERM_CHARS),
            _symbol("報告書がその段階に印刷している記号（○・⇒ など）。なければ空欄。", MAX_COUNTER_CHARS),
            Column("sort_order", "表示順", "int", True, example="1", description="一覧や凡例に並べる順番。"),
        ),
        key=("phase",),
        required_rows=False,
        required_file=False,
    ),
)

_LEVEL_TEXT = "、".join(
    f"{level}＝{DEFAULT_TERMS[scales.LEVEL_TERMS[level]].label}（{TABLE_LABELS[t]} {t}.csv の {c}）"
    for level, (t, c) in scales.CELLS.items()
)

TABLES += (
    Table(
        "scales",
        TABLE_LABELS["scales"],
        "報告書が自分で定めて印刷している評価の区分（達成度合 A〜D、判定 a・b・c、見直し区分 など）。"
        "1つの値を1行にします（なくてもかまいません）。書いた階層の公表された評価は、ここにある値だけを受け付け、"
        "サイトはこの区分を最初に、報告書の言葉で表示します。サイトが計算する達成度（自動計算の目安）は、"
        "ここにある記号と重ならない記号で表示します。"
        f"この表がなければ、課題の進捗は {codes.code_list_text(codes.PROGRESS_MARKS.values())} です。",
        (
            _id("scale_id", "区分ID", "英小文字・数字・ハイフンのID。同じ階層の行には同じIDを書きます。", "kpi-grade"),
            _code("level", "評価する階層", scales.LEVELS, True, "どの階層の評価か。" + _LEVEL_TEXT + "。"),
            Column(
                "name",
                "区分の名前",
                "text",
                True,
                example="達成度合",
                max_chars=MAX_TERM_CHARS,
                description="報告書に印刷された区分の名前（達成度合・判定・見直し区分 など）。同じ階層の行には同じ名前を書きます。",
            ),
            Column("sort_order", "表示順", "int", True, example="1", description="凡例や絞り込みに並べる順番。"),
            Column(
                "value",
                "値",
                "text",
                True,
                example="A",
                max_chars=MAX_SYMBOL_CHARS,
                description="公表された評価の列に書く値（印刷どおり）。",
            ),
            _symbol(
                "ページに表示する記号。空欄なら値をそのまま表示します（値が「予定どおり」で記号が ○ など）。",
                MAX_SYMBOL_CHARS,
            ),
            Column(
                "label",
                "意味",
                "text",
                True,
                example="目標を達成",
                max_chars=MAX_TERM_CHARS,
                description="値の意味（印刷どおり。凡例や絞り込みに表示します）。",
            ),
            Column(
                "rank",
                "順位",
                "int",
                False,
                example="1",
                description="良い方から 1・2・3…。色分けに使います（1 が最も良い）。"
                "算定不可のように順位のない値、見直し区分のように良し悪しのない区分では空欄。",
            ),
        ),
        key=("level", "value"),
        required_rows=False,
        required_file=False,
    ),
)

TABLES_BY_NAME = {t.name: t for t in TABLES}

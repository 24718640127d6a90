"""Japanese site search index: character bigrams and word readings, sharded, loaded on demand.

Japanese has no spaces, so word segmentation (lunr/TinySegmenter) misses
compounds and prefixes. Indexing every character bigram of the normalised text
(textnorm.py: width, case, katakana = hiragana, long-vowel and dash forms) finds
any substring of two or more characters: キャッシュ inside キャッシュレス, ＡＩ as
AI, ｷｬｯｼｭﾚｽ and きゃっしゅれす as キャッシュレス, ドローン with its long-vowel mark.

Files under search/ (the browser fetches only what a query needs):
- meta.json: shard counts and the first document of every pack.
- index/N.json: {bigram: [doc, score, first, doc, score, first, ...]}; the shard of a
  bigram is shard_of(bigram). A score is 1000 per occurrence in the title, 4 in the
  summary, 1 in the body: a word is "in the title" when all its bigrams score 1000 or
  more. `first` is the bigram's first offset in the document (for proximity).
- yomi/N.json: {reading: [surface, ...]} for the words of the texts (readings.py),
  sharded by the reading's first two characters; fetched only for a kana query, which
  is then also searched as the words it reads as (ぎかい -> 議会).
- docs/N.json: packs of consecutive documents, about PACK_CHARS of text each, with
  what a result shows (title, kind, status, text for the snippet); fetched only for
  the results shown. A record may gain an "edition" field when editions exist.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict

from . import codes, scales
from .codes import fiscal_year_label
from .model import Issue, Project, Report
from .textnorm import normalise

TITLE_WEIGHT = 1000  # per occurrence; the browser reads score >= 1000 as "in the title"
FIELD_WEIGHTS = {"title": TITLE_WEIGHT, "summary": 4, "body": 1}
PACK_CHARS = 2500
# A page is indexed by the first part of each of its texts: a long text (a pull request may add
# megabytes) then costs the index and a phone's download no more than this. Real pages are far
# shorter (the longest body of Sasebo and Nagasaki: about 2,300 characters).
MAX_FIELD_CHARS = {"title": 300, "summary": 2_000, "body": 20_000}
GRADE_NOTE = "自動計算の目安"


def bigrams(text: str) -> list[str]:
    grams: list[str] = []
    for word in normalise(text).split(" "):
        if len(word) == 1:
            grams.append(word)
        grams.extend(word[i : i + 2] for i in range(len(word) - 1))
    return grams


def shard_of(gram: str, shards: int) -> int:
    """Same function as shardOf() in assets/js/search.js (UTF-16 code units there)."""
    data = gram.encode("utf-16-be")
    h = 0
    for i in range(0, len(data), 2):
        h = (h * 31 + (data[i] << 8 | data[i + 1])) % 1_000_003
    return h % shards


def _status_item(kind: str, label: str, text: str, css: str) -> dict:
    return {"kind": kind, "label": label, "text": text, "css": css}


def _mark_label(report: Report) -> str:
    return f"{report.municipality}の公表（{report.terms['challenge']}の進捗）"


def _project_status(p: Project, report: Report) -> list[dict]:
    """The report's own grades first, then its mark and phase, then the site's estimate."""
    year = report.results_fiscal_year
    items = _project_published(p, report)
    if p.challenge and report.has_marks:
        m = p.challenge.mark
        items.append(_status_item("mark", _mark_label(report), f"{m.symbol} {m.label}", m.css))
    ph = p.phase_in(year)
    if report.has_phases:
        items.append(
            _status_item(
                "phase",
                f"{codes.era_year(year)}の{report.terms['phase']}",
                f"{ph.symbol} {ph.label}" if ph else "記載なし",
                ph.css if ph else "none",
            )
        )
    items += _project_estimates(p, report)
    return items


def _project_estimates(p: Project, report: Report) -> list[dict]:
    """The site's estimate of each kind of the project's indicators (its first 活動指標, its first
    成果指標, as the project list grades them), each named by its kind and labelled as the estimate,
    in the estimate's symbols (never the report's)."""
    grades = report.grades
    if not p.indicators:
        g = grades[codes.NOT_COMPUTABLE]
        return [_status_item("grade", f"達成度（{GRADE_NOTE}）", f"{g.symbol} 指標なし", g.css)]
    items = []
    for k in p.first_by_kind:
        g = grades[k.series.achievement.grade]
        label = f"{report.indicator_term(k).label}の達成度（{GRADE_NOTE}）"
        items.append(_status_item("grade", label, f"{g.symbol} {g.short}", g.css))
    return items


def _published_label(report: Report, what: str) -> str:
    return f"{report.municipality}の公表（{what}）"


def _project_published(p: Project, report: Report) -> list[dict]:
    """The report's own grades of a project, before anything the site computed."""
    items = []
    scale = report.project_scale
    if scale:  # as the project list shows it: 公表なし where the report printed none
        c = p.review_code or codes.MARK_NOT_PUBLISHED
        items.append(_status_item("mark", _published_label(report, scale.name), _code_text(c), c.css))
    kpi_scale = report.scales.get(scales.KPI)
    if kpi_scale is None:
        return items
    for k in p.first_by_kind:
        printed = report.kpi_published(k)
        if printed:
            label = _published_label(report, f"{report.indicator_term(k).label}の{kpi_scale.name}")
            items.append(_status_item("mark", label, _code_text(printed), printed.css))
    return items


def _code_text(c: codes.Code) -> str:
    return c.symbol if c.label == c.symbol else f"{c.symbol} {c.label}"


def _issue_status(issue: Issue, report: Report) -> list[dict]:
    grades = report.grades
    marks = "、".join(f"{label} {n}件" for label, n in issue.mark_counts().items() if n)
    counts = "、".join(f"{grades[g].symbol} {n}件" for g, n in issue.grade_counts().items() if n)
    items = [
        _status_item(
            "mark",
            _published_label(report, f"{what}の{scale.name}"),
            "、".join(f"{c.symbol} {n}件" for c, n in found),
            "summary",
        )
        for what, scale, found, _ in report.verdict(issue)
    ]
    if marks and report.has_marks:
        items.append(_status_item("mark", _mark_label(report), marks, "summary"))
    if counts:
        items.append(_status_item("grade", f"指標の達成度（{GRADE_NOTE}）", counts, "summary"))
    return items


def _documents(report: Report) -> list[dict]:
    """Every searchable page: issues, projects, then the fixed pages, each text cut to its bound."""
    docs = _issue_documents(report) + _project_documents(report) + _page_documents(report)
    for doc in docs:
        for name, limit in MAX_FIELD_CHARS.items():
            doc[name] = doc[name][:limit]
    return docs


def _issue_documents(report: Report) -> list[dict]:
    docs = []
    for issue in report.issues:
        body = [t for texts in issue.texts.values() for t in texts]
        for ch in issue.challenges:
            body.append(ch.title)
            body += [t for texts in ch.texts.values() for t in texts]
            body += [text for kpi in ch.kpis for text in (kpi.name, kpi.evaluation)]
        body += [k.name for k in issue.indicators]
        docs.append(
            {
                "url": issue.url,
                "kind": report.terms["issue"].label,
                "title": f"{issue.field_name}：{issue.title}",
                "summary": " ".join(issue.texts.get("到達像", [])),
                "body": " ".join(body),
                "status": _issue_status(issue, report),
            }
        )
    return docs


def _project_documents(report: Report) -> list[dict]:
    docs = []
    for p in report.projects:
        parent = p.issue.field_name if p.issue else (p.theme.name if p.theme else "")
        levels = [level.title for level in (p.challenge, p.step) if level]
        body = [p.department, p.category, p.pid, parent] + [k.name for k in p.indicators] + levels
        docs.append(
            {
                "url": p.url,
                "kind": report.terms["project"].label,
                "title": p.name,
                "summary": p.summary,
                "body": " ".join(b for b in body if b),
                "status": _project_status(p, report),
            }
        )
    return docs


def _page_documents(report: Report) -> list[dict]:
    pages = []
    if report.themes:
        pages.append(
            (
                "themes/",
                report.terms["theme"].label,
                "、".join(t.name for t in report.themes),
                " ".join(t.description for t in report.themes if t.description),
            )
        )
    project = report.terms["project"].label
    pages += [
        ("projects/", f"{project}一覧", f"すべての{project}を絞り込み・並べ替えできる一覧", ""),
        ("method/", "算定方法（達成度の計算）", "達成率・達成度の区分（A〜D）・良い方向の説明", ""),
        ("downloads/", report.downloads_page_title, f"CSV・JSON 形式のデータ。{report.license_name}", ""),
        ("accessibility/", "ウェブアクセシビリティ方針", "JIS X 8341-3:2016 適合レベルAA", ""),
        ("guide/", "データ更新の手引き", "職員向け：Excelでの数値の更新とプルリクエストの手順", ""),
    ]
    return [
        {"url": url, "kind": "ページ", "title": title, "summary": summary, "body": body, "status": []}
        for url, title, summary, body in pages
    ]


def _record(doc: dict) -> dict:
    """What a result shows. Short keys: u url, k kind, t title, s status, x text (summary
    then body, for the snippet). Add "e" (edition label) when reports have editions."""
    text = "\n".join(t for t in (doc["summary"], doc["body"]) if t)
    return {
        "u": doc["url"],
        "k": doc["kind"],
        "t": doc["title"],
        "s": [[i["kind"], i["label"], i["text"], i["css"]] for i in doc["status"]],
        "x": text,
    }


def _packs(records: list[dict]) -> list[list[dict]]:
    packs: list[list[dict]] = [[]]
    size = 0
    for rec in records:
        n = len(rec["t"]) + len(rec["x"])
        if packs[-1] and size + n > PACK_CHARS:
            packs.append([])
            size = 0
        packs[-1].append(rec)
        size += n
    return packs


def _dump(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def _shard_count(items: int, per_shard: int, minimum: int) -> int:
    return max(minimum, 2 ** math.ceil(math.log2(max(items, 1) / per_shard)))


def _positioned_bigrams(text: str):
    """(offset, bigram) in the normalised text; a one-character word is its own gram."""
    start = 0
    for word in text.split(" "):
        if len(word) == 1:
            yield start, word
        for i in range(len(word) - 1):
            yield start + i, word[i : i + 2]
        start += len(word) + 1


def _bigram_shards(docs: list[dict]) -> list[dict[str, list[int]]]:
    """Postings [doc, score, first, ...]: `first` is where the bigram first occurs in the
    document's title, summary and body run together, so the browser can tell whether
    several words are close together without fetching the text."""
    scores: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    first: dict[str, dict[int, int]] = defaultdict(dict)
    for doc_id, doc in enumerate(docs):
        offset = 0
        for field, weight in FIELD_WEIGHTS.items():
            text = normalise(doc[field])
            for at, gram in _positioned_bigrams(text):
                scores[gram][doc_id] += weight
                first[gram].setdefault(doc_id, offset + at)
            offset += len(text) + 1
    shards = _shard_count(len(docs), 4, 32)
    shard_maps: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for gram in sorted(scores):
        flat: list[int] = []
        for doc_id, score in sorted(scores[gram].items()):
            # Body counts stay below the title weight, so score >= 1000 still means "in the title".
            flat += [doc_id, score if score >= TITLE_WEIGHT else min(score, TITLE_WEIGHT - 1), first[gram][doc_id]]
        shard_maps[shard_of(gram, shards)][gram] = flat
    return shard_maps


def _yomi_shards(docs: list[dict]) -> list[dict[str, list[str]]]:
    from .readings import reading_dictionary  # the analyser loads only when an index is built

    readings = reading_dictionary([[d["title"], d["summary"], d["body"]] for d in docs])
    shards = _shard_count(len(readings), 128, 8)
    shard_maps: list[dict[str, list[str]]] = [{} for _ in range(shards)]
    for reading, surfaces in readings.items():
        shard_maps[shard_of(reading[:2], shards)][reading] = surfaces
    return shard_maps


def build_search_index(report: Report) -> dict[str, bytes]:
    docs = _documents(report)
    files: dict[str, bytes] = {}
    index = _bigram_shards(docs)
    for n, shard in enumerate(index):
        files[f"search/index/{n}.json"] = _dump(shard)
    yomi = _yomi_shards(docs)
    for n, yomi_shard in enumerate(yomi):
        files[f"search/yomi/{n}.json"] = _dump(yomi_shard)
    packs = _packs([_record(d) for d in docs])
    starts = []
    first = 0
    for n, pack in enumerate(packs):
        files[f"search/docs/{n}.json"] = _dump(pack)
        starts.append(first)
        first += len(pack)
    files["search/meta.json"] = _dump(
        {
            "shards": len(index),
            "yomi": len(yomi),
            "docs": len(docs),
            "packs": starts,
            "data_as_of": report.data_as_of,
            "results_year": fiscal_year_label(report.results_fiscal_year),
        }
    )
    return files

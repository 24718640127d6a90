"""Japanese site search index: character bigrams, sharded, loaded on demand.

Japanese has no spaces, so word segmentation (lunr/TinySegmenter) misses
compounds and prefixes. Indexing every character bigram of NFKC-normalised,
lower-cased text finds any substring of two or more characters: キャッシュ
inside キャッシュレス, ＡＩ as AI, ｷｬｯｼｭﾚｽ as キャッシュレス, ドローン with its
long-vowel mark. The browser hashes each query bigram to a shard with the same
function as shard_of() and fetches only those shards, so the first query costs
a few small files however large the site grows.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import defaultdict

from .codes import fiscal_year_label
from .model import Report

FIELD_WEIGHTS = {"title": 20, "summary": 4, "body": 1}
DOCS_PER_CHUNK = 200
_DROP = re.compile(r"[\s\u3000、。，．・,.:;：；!！?？「」『』（）()\[\]【】〈〉《》<>\"'“”‘’/／\\|]+")
_DASHES = str.maketrans({"‐": "ー", "－": "ー", "―": "ー", "─": "ー", "−": "ー"})


def normalise(text: str) -> str:
    """Same steps as normalise() in assets/js/search.js: keep the two in step."""
    text = unicodedata.normalize("NFKC", text).lower().translate(_DASHES)
    return _DROP.sub(" ", text)


def bigrams(text: str) -> list[str]:
    grams: list[str] = []
    for word in normalise(text).split():
        if len(word) == 1:
            grams.append(word)
        grams.extend(word[i:i + 2] for i in range(len(word) - 1))
    return grams


def shard_of(gram: str, shards: int) -> int:
    h = 0
    for ch in gram:
        h = (h * 31 + ord(ch)) % 1_000_003
    return h % shards


def _documents(report: Report) -> list[dict]:
    docs = []
    for issue in report.issues:
        body = [t for texts in issue.texts.values() for t in texts]
        for ch in issue.challenges:
            body.append(ch.title)
            body += [t for texts in ch.texts.values() for t in texts]
            for kpi in ch.kpis:
                body += [kpi.name, kpi.evaluation]
        summary = " ".join(issue.texts.get("到達像", []))
        docs.append({"url": issue.url, "kind": "DX重点課題", "title": f"{issue.field_name}：{issue.title}",
                     "summary": summary, "body": " ".join(body)})
    for p in report.projects:
        parent = p.issue.field_name if p.issue else (p.theme.name if p.theme else "")
        body = [p.department, p.category, p.indicator_name, p.pid, parent]
        if p.challenge:
            body.append(p.challenge.title)
        if p.step:
            body.append(p.step.title)
        docs.append({"url": p.url, "kind": "プロジェクト", "title": p.name, "summary": p.summary,
                     "body": " ".join(b for b in body if b)})
    for url, title, summary in (
        ("projects/", "プロジェクト一覧", "すべてのプロジェクトを絞り込み・並べ替えできる一覧"),
        ("method/", "算定方法（達成度の計算）", "達成率・達成度の区分（A〜D）・良い方向の説明"),
        ("downloads/", "オープンデータ（ダウンロード）", "CSV・JSON 形式のデータ。公共データ利用規約"),
        ("accessibility/", "ウェブアクセシビリティ方針", "JIS X 8341-3:2016 適合レベルAA"),
        ("guide/", "データ更新の手引き", "職員向け：Excelでの数値の更新とプルリクエストの手順"),
    ):
        docs.append({"url": url, "kind": "ページ", "title": title, "summary": summary, "body": ""})
    return docs


def build_search_index(report: Report) -> dict[str, bytes]:
    docs = _documents(report)
    shards = max(32, 2 ** math.ceil(math.log2(max(len(docs), 1) / 4)))
    postings: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for doc_id, doc in enumerate(docs):
        for field, weight in FIELD_WEIGHTS.items():
            for gram in bigrams(doc[field]):
                postings[gram][doc_id] += weight
    shard_maps: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for gram in sorted(postings):
        flat: list[int] = []
        for doc_id, score in sorted(postings[gram].items()):
            flat += [doc_id, score]
        shard_maps[shard_of(gram, shards)][gram] = flat
    files: dict[str, bytes] = {}

    def dump(obj) -> bytes:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")

    for n, shard in enumerate(shard_maps):
        files[f"search/index/{n}.json"] = dump(shard)
    for start in range(0, len(docs), DOCS_PER_CHUNK):
        chunk = [{"u": d["url"], "k": d["kind"], "t": d["title"],
                  "s": (d["summary"] or d["body"])[:120]} for d in docs[start:start + DOCS_PER_CHUNK]]
        files[f"search/docs/{start // DOCS_PER_CHUNK}.json"] = dump(chunk)
    files["search/meta.json"] = dump({
        "shards": shards, "docs": len(docs), "chunk": DOCS_PER_CHUNK,
        "data_as_of": report.data_as_of, "results_year": fiscal_year_label(report.results_fiscal_year),
    })
    return files

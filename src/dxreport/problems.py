"""Problems found in the data, and the Japanese report staff read."""

from __future__ import annotations

from dataclasses import dataclass

from .safety import visible

ERROR = "エラー"
WARNING = "注意"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int | None  # row number as Excel shows it (header = 1)
    column: str | None
    value: str | None
    message: str
    fix: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self, column_labels: dict[str, str] | None = None) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"{self.row}行目")
        if self.column:
            label = (column_labels or {}).get(self.column)
            where.append(f"「{visible(self.column, 60)}」列" + (f"（{label}）" if label else ""))
        head = f"[{self.severity}] " + " ".join(where)
        lines = [head]
        if self.value is not None:
            lines.append(f"  入力されている値: 「{visible(self.value)}」")
        lines.append(f"  問題: {self.message}")
        lines.append(f"  直し方: {self.fix}")
        return "\n".join(lines)


class DataError(Exception):
    """The data has errors; nothing may be built from it."""

    def __init__(self, problems: list[Problem], report: str):
        super().__init__(report)
        self.problems = problems
        self.report = report


def format_problem_list(problems: list[Problem]) -> list[str]:
    """One line per problem, for build logs."""
    return [f"[{p.severity}] {p.file} {p.row or ''}行目 {p.column or ''}: {p.message}" for p in problems]

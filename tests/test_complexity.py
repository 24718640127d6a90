"""The complexity gate of `make lint` (scripts/check_complexity.py): no function above 15, as radon counts it."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GATE = ROOT / "scripts" / "check_complexity.py"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(GATE), *args], cwd=ROOT, capture_output=True, text=True)


def _function_with_branches(name: str, branches: int) -> str:
    body = "".join(f"    if x == {i}:\n        return {i}\n" for i in range(branches))
    return f"def {name}(x):\n{body}    return -1\n"


def test_a_function_above_15_is_named_with_its_file_line_and_figure(tmp_path):
    code = _function_with_branches("fine", 14) + "\n\nclass Holder:\n"
    code += "\n".join("    " + line for line in _function_with_branches("tangled", 15).splitlines()) + "\n"
    (tmp_path / "module.py").write_text(code, encoding="utf-8")
    result = _run(str(tmp_path))
    assert result.returncode == 1
    assert "Holder.tangled (16)" in result.stdout
    assert "fine" not in result.stdout


def test_the_code_base_passes_the_gate():
    result = _run()
    assert result.returncode == 0, result.stdout

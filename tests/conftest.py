"""Shared fixtures: the real site built once from data/, served under a sub-path
on loopback, and a real Chromium (Debian's) driven by Playwright."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SUBPATH = "sasebo-dx"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
sys.path.insert(0, str(ROOT / "src"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_site(dest: Path, data_dir: Path = DATA, site_url: str = "http://127.0.0.1:8000/") -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` on `data_dir` into `dest`."""
    env = dict(os.environ, DXREPORT_DATA_DIR=str(data_dir), SITE_URL=site_url,
               NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )


def copy_data(tmp: Path) -> Path:
    target = tmp / "data"
    shutil.copytree(DATA, target)
    return target


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """(site_dir, base_url): the real data built under a sub-path, as on GitHub Pages."""
    root = tmp_path_factory.mktemp("www")
    port = free_port()
    base = f"http://127.0.0.1:{port}/{SUBPATH}/"
    site_dir = root / SUBPATH
    result = build_site(site_dir, site_url=base)
    assert result.returncode == 0, result.stdout + result.stderr
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site_dir, base
    server.shutdown()


@pytest.fixture(scope="session")
def site_dir(site) -> Path:
    return site[0]


@pytest.fixture(scope="session")
def base_url(site) -> str:
    return site[1]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
        ])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    pg = context.new_page()
    pg.errors = []  # console errors and uncaught exceptions, asserted by tests
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()

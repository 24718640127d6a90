"""The parts copied from Material for MkDocs (overrides/, the inline-script hashes in csp.py) match the
installed theme: after an upgrade this fails and names what to copy again, instead of a site whose
header or scripts silently drift from the theme."""

from __future__ import annotations

import hashlib
import re
from importlib import metadata
from pathlib import Path

import material
from conftest import ROOT

# The theme's own files our copies are made from, as they are in the version named in overrides/.
UPSTREAM = {
    "base.html": "8536d352b0093623df9e0032894f321cbe264b15a9b48cdd962583772455dadb",  # csp.py's scripts, main.html blocks
    "partials/header.html": "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",  # overrides/partials/header.html
}
NAMED = [
    ROOT / "overrides" / "partials" / "header.html",
    ROOT / "overrides" / "main.html",
    ROOT / "src" / "dxreport" / "csp.py",
]


def test_every_copy_names_the_installed_material_version():
    installed = metadata.version("mkdocs-material")
    pinned = re.search(r'"mkdocs-material==([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8")).group(1)
    assert installed == pinned
    for path in NAMED:
        named = set(re.findall(r"(?:Material |mkdocs-material-)(\d+\.\d+\.\d+)", path.read_text(encoding="utf-8")))
        assert named == {installed}, f"{path.name} is copied from Material {named}, installed is {installed}"


def test_the_copied_theme_files_are_unchanged_upstream():
    templates = Path(material.__file__).parent / "templates"
    changed = [
        name
        for name, digest in UPSTREAM.items()
        if hashlib.sha256((templates / name).read_bytes()).hexdigest() != digest
    ]
    assert changed == [], (
        f"Material's {changed} changed: copy the parts again into overrides/ and csp.py, then update UPSTREAM"
    )

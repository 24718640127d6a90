"""GitHub Actions: the right events, the least permissions, the same commands as the README."""

from __future__ import annotations

import yaml
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def load(name):
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def steps_text(job):
    return "\n".join(str(s.get("run", "")) + " " + str(s.get("uses", "")) for s in job["steps"])


def test_pull_request_workflow_checks_builds_and_tests_with_read_only_token():
    wf = load("pr-check.yml")
    assert "pull_request" in wf["on"]
    assert "push" not in wf["on"]
    assert wf["permissions"] == {"contents": "read"}
    for job in wf["jobs"].values():
        assert job.get("permissions", {"contents": "read"}) == {"contents": "read"}
    text = "\n".join(steps_text(j) for j in wf["jobs"].values())
    assert 'dxreport check data "${base[@]}" --report' in text and "GITHUB_STEP_SUMMARY" in text
    assert "make site" in text and "make test" in text


def test_deploy_workflow_publishes_main_to_pages_with_least_privilege():
    wf = load("deploy.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    assert "pull_request" not in wf["on"]
    assert wf["permissions"] == {"contents": "read"}
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    text = steps_text(build)
    # A draft edition (being filled in a pull request) is never published.
    assert "dxreport check --publish data" in text and "make site" in text
    assert "actions/upload-pages-artifact" in text and "actions/deploy-pages" in steps_text(deploy)
    site_step = next(s for s in build["steps"] if s.get("run") == "make site")
    assert "SITE_URL" in site_step["env"]  # built for the repository's sub-path


def test_ci_script_runs_the_readme_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("make site", "make test"):
        assert command in ci and command in readme


def test_pull_request_check_leaves_the_source_fidelity_checks_out():
    """Staff data changes must pass the PR check: the Sasebo transcription checks are opt-in."""
    import tomllib

    wf = load("pr-check.yml")
    text = "\n".join(steps_text(j) for j in wf["jobs"].values())
    assert "fidelity" not in text
    addopts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"][
        "addopts"
    ]
    assert "not fidelity" in addopts
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-m fidelity" in makefile.split("\nfidelity:")[1].split("\n\n")[0]


def test_every_action_is_pinned_to_a_release_commit_and_checkout_keeps_no_token():
    """A moved tag cannot change what runs with the deploy permissions; the checkout leaves no
    token in .git for later steps (data from a pull request runs there)."""
    import re

    for path in sorted(WORKFLOWS.glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        uses = re.findall(r"uses:\s*(\S+)(.*)", text)
        assert uses, path.name
        for ref, comment in uses:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), (path.name, ref)
            assert re.search(r"#\s*v\d+\.\d+\.\d+", comment), (path.name, ref, "version comment")
        for job in load(path.name)["jobs"].values():
            for step in job["steps"]:
                if str(step.get("uses", "")).startswith("actions/checkout@"):
                    assert step.get("with", {}).get("persist-credentials") is False, path.name


def test_pull_request_summary_says_what_the_data_change_does_to_the_site():
    """The report compares the pull request's data with its base commit's, fetched without
    credentials; it is written even when the check fails, and no untrusted expression reaches a script."""
    wf = load("pr-check.yml")
    assert "pull_request_target" not in wf["on"]
    steps = wf["jobs"]["data"]["steps"]
    names = [s.get("name") for s in steps]
    fetch = next(s for s in steps if s.get("with", {}).get("ref") == "${{ github.event.pull_request.base.sha }}")
    assert str(fetch["uses"]).startswith("actions/checkout@")
    assert fetch["with"]["persist-credentials"] is False and fetch["with"]["path"] == ".base"
    assert fetch["with"]["sparse-checkout"] == "data"
    report = next(s for s in steps if "dxreport diff" in str(s.get("run", "")))
    assert ".venv/bin/python -m dxreport diff .base/data data --report diff-report.md" in report["run"]
    assert "cat diff-report.md" in report["run"] and "GITHUB_STEP_SUMMARY" in report["run"]
    check = next(i for i, s in enumerate(steps) if "dxreport check data" in str(s.get("run", "")))
    # The base is fetched first: the check compares the lock with it (--base), the diff with its data.
    assert names.index(fetch["name"]) < check < names.index(report["name"])
    assert "--base .base/data" in steps[check]["run"]
    for step in (fetch, report):
        assert "!cancelled()" in step["if"] and "github.event_name == 'pull_request'" in step["if"]
    for job in wf["jobs"].values():
        for step in job["steps"]:
            assert "${{" not in str(step.get("run", "")), step.get("name")

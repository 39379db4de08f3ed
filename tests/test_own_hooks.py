"""This repository's own pre-commit hooks (.pre-commit-config.yaml) pass on its own tree.

They are `repo: local` hooks with `language: system`, so pre-commit needs no network: it runs
them from this virtualenv on every tracked file, as a developer's `pre-commit run --all-files`
does. The hook running pytest on the fixture invariants is left out here (this suite runs
those tests itself); the others run for real. Marked `slow`: it runs by default.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NESTED = "cleaner-fixture-invariants"  # pytest inside pytest: its tests run in this suite


def hooks() -> list[dict[str, object]]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


def test_every_own_hook_is_local_and_needs_no_network() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    assert {hook["language"] for hook in hooks()} == {"system"}
    assert NESTED in {hook["id"] for hook in hooks()}


@pytest.mark.slow
def test_own_hooks_pass_on_the_tree(tmp_path: Path) -> None:
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout: pre-commit runs on tracked files")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        PATH=os.pathsep.join([str(BIN), env.get("PATH", "")]),
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        PRE_COMMIT_COLOR="never",
        SKIP=NESTED,
    )
    pre_commit = shutil.which("pre-commit", path=str(BIN)) or "pre-commit"
    result = subprocess.run(
        [pre_commit, "run", "--all-files", "--show-diff-on-failure"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    passed = [line for line in result.stdout.splitlines() if line.endswith("Passed")]
    assert len(passed) == len(hooks()) - 1, result.stdout

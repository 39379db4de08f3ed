"""The published hooks, driven by the real `pre-commit try-repo` in a user's own repository.

The user's repository holds its own rules/ and fixtures/. The hook passes; a rule change that
alters a fixture makes it fail with a readable diff; `cleaner-fixtures update` makes it pass.

pre-commit installs this repository into a virtualenv of its own (one `pip install`, which
needs the package registry), so this test takes a minute or two; it is marked `slow` and still
runs by default, in CI too. It points pre-commit at a throwaway commit of the working tree, so
it tests the code as it is, on a clean clone or with uncommitted changes alike.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .user_repo import break_rule, make_user_repo

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ("cleaner", "rules", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml")
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    return shutil.which(name, path=str(BIN)) or shutil.which(name) or name


def git_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        GIT_AUTHOR_NAME="Fixture Tester",
        GIT_AUTHOR_EMAIL="tester@example.invalid",
        GIT_COMMITTER_NAME="Fixture Tester",
        GIT_COMMITTER_EMAIL="tester@example.invalid",
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(home),
        PRE_COMMIT_COLOR="never",
        # the hook's console scripts are found in pre-commit's own env, not ours
        PATH=os.pathsep.join(p for p in env_path() if Path(p).resolve() != BIN.resolve()),
    )
    return env


def env_path() -> list[str]:
    return os.environ.get("PATH", "").split(os.pathsep)


def sh(
    *argv: str, cwd: Path, env: dict[str, str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def commit_all(repo: Path, env: dict[str, str], message: str) -> None:
    for argv in (("git", "add", "-A"), ("git", "commit", "-q", "--no-verify", "-m", message)):
        result = sh(*argv, cwd=repo, env=env)
        assert result.returncode == 0, result.stderr


def snapshot_of_this_repo(dest: Path, env: dict[str, str]) -> Path:
    """A git repository holding the working tree's package, rules and hook manifest."""
    dest.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in SHIPPED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, dest / name)
    assert sh("git", "init", "-q", cwd=dest, env=env).returncode == 0
    commit_all(dest, env, "snapshot of the cleaner for try-repo")
    return dest


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_hooks_in_a_users_repository(tmp_path: Path) -> None:
    env = git_env(tmp_path / "pre-commit-home")
    source = snapshot_of_this_repo(tmp_path / "cleaner-src", env)
    user = make_user_repo(tmp_path / "user")
    assert sh("git", "init", "-q", cwd=user, env=env).returncode == 0
    fixtures_tool = tool("cleaner-fixtures")

    def update() -> str:
        result = sh(fixtures_tool, "update", "--rules", "rules", cwd=user, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def try_repo() -> subprocess.CompletedProcess[str]:
        return sh(
            tool("pre-commit"),
            "try-repo",
            str(source),
            "--all-files",
            cwd=user,
            env=env,
            timeout=900,
        )

    assert "new     fixtures/gazette/council-park" in update()
    commit_all(user, env, "rules and fixtures")

    passing = try_repo()
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "cleaner fixtures" in passing.stdout and "cleaner rules" in passing.stdout
    assert "Failed" not in passing.stdout

    break_rule(user)
    commit_all(user, env, "a rule change that alters a fixture")
    failing = try_repo()
    assert failing.returncode == 1, failing.stdout + failing.stderr
    out = failing.stdout
    assert "FAIL fixtures/gazette/council-park: body, removed differ" in out
    assert "    +Look for the Riverside Gazette Daily Digest at every newsstand." in out
    assert "0 passed, 1 failed" in out
    assert out.count("Failed") == 1  # the rule's own examples still hold: only fixtures fail

    assert "updated fixtures/gazette/council-park: body, removed" in update()
    commit_all(user, env, "expectations updated after the deliberate change")
    again = try_repo()
    assert again.returncode == 0, again.stdout + again.stderr
    assert "1 passed, 0 failed" not in again.stdout  # pre-commit shows output only on failure
    assert "Failed" not in again.stdout


def test_the_manifest_publishes_both_hooks() -> None:
    import yaml

    result = subprocess.run(
        [tool("pre-commit"), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"cleaner-fixtures", "cleaner-rules"}
    fixtures = hooks["cleaner-fixtures"]
    assert fixtures["entry"] == "cleaner-fixtures check"
    assert (fixtures["pass_filenames"], fixtures["require_serial"]) == (False, True)
    assert fixtures["files"] == "^(fixtures|rules)/"
    assert hooks["cleaner-rules"]["entry"] == "cleaner-rules test"

"""`cleaner-fixtures check|update`: a user's folder of pages and expected Articles."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import cli, cli_fixtures
from cleaner.article import FIELD_ORDER
from cleaner.fixtures import discover, fixture_for

from .user_repo import BODY, PAGE, break_rule, make_user_repo

NAME = "fixtures/gazette/council-park"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_user_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli_fixtures.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_update_writes_a_deterministic_expectation_then_check_passes(repo, capsys) -> None:
    code, out, _ = run(capsys, "update", "--rules", "rules")
    assert code == 0
    assert out.splitlines() == [
        f"new     {NAME}: wrote council-park.json",
        "1 updated, 0 unchanged, 0 failed",
    ]
    path = repo / f"{NAME}.json"
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert list(data) == list(FIELD_ORDER)
    assert data["body"] == BODY.split("\n\n")  # one paragraph a line, for review diffs
    assert data["removed"] == [
        {
            "rule": "gazette.digest-promo",
            "text": "Look for the Riverside Gazette Daily Digest at every newsstand.",
        }
    ]
    assert text == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []

    code, out, _ = run(capsys, "check", "--rules", "rules")
    assert (code, out) == (0, "1 passed, 0 failed\n")
    code, out, _ = run(capsys, "update", "--rules", "rules", "-v")
    assert (code, out.splitlines()[-1]) == (0, "0 updated, 1 unchanged, 0 failed")


def test_a_rule_change_fails_with_a_readable_diff_and_update_accepts_it(repo, capsys) -> None:
    run(capsys, "update", "--rules", "rules")
    break_rule(repo)
    code, out, _ = run(capsys, "check", "--rules", "rules")
    assert code == 1
    assert out.splitlines() == [
        f"FAIL {NAME}: body, removed differ",
        "  body:",
        "    @@ -1,2 +1,3 @@",
        "     The city council approved a new park on Monday after a long debate about the "
        "riverside land and its future.",
        "    +Look for the Riverside Gazette Daily Digest at every newsstand.",
        "     The park will open next year, the mayor said.",
        "  removed:",
        "    @@ -1 +0,0 @@",
        '    -gazette.digest-promo: "Look for the Riverside Gazette Daily Digest at every newsstand."',
        "0 passed, 1 failed",
        "After a deliberate change, `cleaner-fixtures update` rewrites the expectations; "
        "`cleaner-fixtures check --accept` records fields still wrong as known failures.",
    ]
    code, out, _ = run(capsys, "update", "--rules", "rules")
    assert code == 0
    assert out.splitlines() == [
        f"updated {NAME}: body, removed",
        "1 updated, 0 unchanged, 0 failed",
    ]
    assert run(capsys, "check", "--rules", "rules")[0] == 0


def test_scalar_and_list_fields_diff_readably(repo, capsys) -> None:
    run(capsys, "update", "--rules", "rules")
    path = repo / f"{NAME}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["title"] = "Council approves a park"
    data["authors"] = ["Jane Doe"]
    data["dateline"] = {"place": "RIVERSIDE", "agency": None, "raw": "RIVERSIDE —"}
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run(capsys, "check", "--rules", "rules")
    assert code == 1
    assert out.splitlines()[:9] == [
        f"FAIL {NAME}: title, authors, dateline differ",
        "  title:",
        '    - expected "Council approves a park"',
        '    + got      "Council approves new park for the riverside"',
        "  authors:",
        "    @@ -1 +0,0 @@",
        '    -"Jane Doe"',
        "  dateline:",
        '    - expected {"place": "RIVERSIDE", "agency": null, "raw": "RIVERSIDE —"}',
    ]


def test_only_the_given_files_are_checked(repo, capsys) -> None:
    other = repo / "fixtures" / "other.txt"
    other.write_text(PAGE.replace("park", "pool"), encoding="utf-8")
    run(capsys, "update", "--rules", "rules")
    (repo / "fixtures" / "other.json").write_text('{"body": "wrong"}', encoding="utf-8")
    assert run(capsys, "check", "--rules", "rules")[0] == 1
    for given in (f"{NAME}.txt", f"{NAME}.json", f"{NAME}.url", "fixtures/README.md"):
        (repo / "fixtures" / "README.md").write_text("notes\n")
        if given.endswith(".url"):
            Path(given).write_text("https://gazette.example/park\n")
        code, out, _ = run(capsys, "check", "--rules", "rules", given)
        if given.endswith(".md"):  # no fixture in what was given: fails, as cleaner's inputs
            assert code == 1 and out == ""
        else:
            assert (code, out) == (0, "1 passed, 0 failed\n"), given


def test_check_names_each_broken_fixture(repo, capsys) -> None:
    folder = repo / "fixtures"
    (folder / "no-expectation.txt").write_text(PAGE, encoding="utf-8")
    (folder / "orphan.json").write_text('{"body": ""}', encoding="utf-8")
    (folder / "broken.txt").write_text(PAGE, encoding="utf-8")
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    (folder / "typo.txt").write_text(PAGE, encoding="utf-8")
    (folder / "typo.json").write_text('{"author": []}', encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "empty.json").write_text('{"body": ""}', encoding="utf-8")
    code, out, _ = run(capsys, "check", "--rules", "rules")
    assert code == 1
    lines = [line for line in out.splitlines() if line.startswith("FAIL")]
    assert lines == [
        "FAIL fixtures/broken: expectation is not valid JSON "
        "(Expecting property name enclosed in double quotes: line 1 column 2 (char 1))",
        "FAIL fixtures/empty: input is empty",
        "FAIL fixtures/gazette/council-park: no expectation yet (council-park.json); "
        "`cleaner-fixtures update` writes it from the current output",
        "FAIL fixtures/no-expectation: no expectation yet (no-expectation.json); "
        "`cleaner-fixtures update` writes it from the current output",
        "FAIL fixtures/orphan: expectation without an input (orphan.json needs a .txt or .html "
        "page beside it)",
        "FAIL fixtures/typo: unknown field 'author' (fields are: title, "
        "authors, byline, dateline, date, source, credits, copyright, captions, body, removed, "
        "warnings)",
    ]
    assert out.splitlines()[-2] == "0 passed, 6 failed"


def test_update_leaves_unreadable_fixtures_alone_and_fails(repo, capsys) -> None:
    (repo / "fixtures" / "empty.txt").write_text("", encoding="utf-8")
    code, out, _ = run(capsys, "update", "--rules", "rules")
    assert code == 1
    assert "FAIL    fixtures/empty: input is empty" in out.splitlines()
    assert not (repo / "fixtures" / "empty.json").exists()
    assert (repo / f"{NAME}.json").exists()
    # an expectation it cannot read is kept, and the way out said (it said only 'not valid JSON')
    (repo / "fixtures" / "empty.txt").unlink()
    expected = repo / f"{NAME}.json"
    expected.write_text("<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> theirs\n", encoding="utf-8")
    code, out, _ = run(capsys, "update", "--rules", "rules")
    assert code == 1 and expected.read_text(encoding="utf-8").startswith("<<<<<<< HEAD")
    assert out.splitlines()[0].endswith(
        f"(update keeps a file it cannot read: correct {expected.name}, or remove it to write "
        "it anew)"
    )


def test_removed_is_compared_only_when_the_expectation_holds_it(repo, capsys) -> None:
    run(capsys, "update", "--rules", "rules", "--without-removed")
    path = repo / f"{NAME}.json"
    assert "removed" not in json.loads(path.read_text(encoding="utf-8"))
    assert run(capsys, "check", "--rules", "rules")[0] == 0
    run(capsys, "update", "--rules", "rules")  # keeps the expectation's shape
    assert "removed" not in json.loads(path.read_text(encoding="utf-8"))
    code, out, _ = run(capsys, "update", "--rules", "rules", "--with-removed")
    assert (code, out.splitlines()[0]) == (0, f"updated {NAME}: removed")
    assert "removed" in json.loads(path.read_text(encoding="utf-8"))


def test_a_folder_per_fixture(repo, capsys) -> None:
    shutil.rmtree(repo / "fixtures" / "gazette")
    folder = repo / "fixtures" / "council-park"
    folder.mkdir()
    (folder / "input.txt").write_text(PAGE, encoding="utf-8")
    (folder / "input.url").write_text("https://gazette.example/park\n", encoding="utf-8")
    code, out, _ = run(capsys, "update", "--rules", "rules")
    assert (code, out.splitlines()[0]) == (0, "new     fixtures/council-park: wrote expected.json")
    assert json.loads((folder / "expected.json").read_text())["body"] == BODY.split("\n\n")
    fixture = fixture_for(folder / "input.url")
    assert fixture is not None and fixture.url == "https://gazette.example/park"
    assert [f.name for f in discover(["fixtures"])] == ["council-park"]
    assert run(capsys, "check", "--rules", "rules", str(folder / "expected.json"))[0] == 0
    assert [f.name for f in discover([folder])] == ["council-park"]
    assert run(capsys, "check", "--rules", "rules", str(folder)) == (0, "1 passed, 0 failed\n", "")


def test_file_permissions_survive_an_update(repo, capsys) -> None:
    run(capsys, "update", "--rules", "rules")
    path = repo / f"{NAME}.json"
    path.chmod(0o640)
    break_rule(repo)
    run(capsys, "update", "--rules", "rules")
    assert path.stat().st_mode & 0o777 == 0o640


def test_jobs_give_the_same_report(repo, capsys) -> None:
    for i in range(3):
        (repo / "fixtures" / f"copy{i}.txt").write_text(PAGE, encoding="utf-8")
    run(capsys, "update", "--rules", "rules")
    break_rule(repo)
    one = run(capsys, "check", "--rules", "rules")
    many = run(capsys, "check", "--rules", "rules", "-j", "2")
    assert one == many and one[0] == 1


def test_files_saved_with_a_byte_order_mark_are_read(repo, capsys) -> None:
    # an editor that saves UTF-8 with a BOM (Notepad): the expectation was 'not valid JSON
    # (Unexpected UTF-8 BOM …)' (and update kept it and failed), the known failures the same,
    # and the URL began with U+FEFF (no host: the site rules keyed by it did not apply)
    from cleaner.fixtures import Fixture

    assert run(capsys, "update", "--rules", "rules")[0] == 0
    bom = "\ufeff"
    expected = repo / f"{NAME}.json"
    expected.write_text(bom + expected.read_text(encoding="utf-8"), encoding="utf-8")
    (repo / f"{NAME}.known.json").write_text(bom + "{}", encoding="utf-8")
    assert run(capsys, "check", "--rules", "rules") == (0, "1 passed, 0 failed\n", "")
    url = repo / f"{NAME}.url"
    url.write_text(bom + "https://gazette.example/park\n", encoding="utf-8")
    fixture = Fixture(name="x", expected=expected, input=None, url_file=url)
    assert fixture.url == "https://gazette.example/park"


def test_an_interrupt_stops_a_parallel_check_quietly(tmp_path: Path) -> None:
    # ^C reaches every process of the terminal's group: a pool worker waiting for work printed
    # a KeyboardInterrupt traceback; one fixture, slow (its blocks run the rule's pattern to
    # its time limit), keeps one worker busy and the other waiting (the two in one chunk)
    import signal
    import time

    from .conftest import SLOW_RULE

    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "slow.toml").write_text(SLOW_RULE, encoding="utf-8")
    (tmp_path / "fixtures").mkdir()
    slow = "Headline here today\n\n" + ("word " * 1000 + "!\n\n") * 80  # 20 s or more
    (tmp_path / "fixtures" / "slow.txt").write_text(slow, encoding="utf-8")
    (tmp_path / "fixtures" / "quick.txt").write_text(PAGE, encoding="utf-8")
    program = str(Path(sys.executable).with_name("cleaner-fixtures"))
    with subprocess.Popen(
        [program, "check", "-j", "2", "--rules", "rules", "fixtures"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a group of its own, as a terminal's foreground job
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    ) as process:
        time.sleep(4)
        os.killpg(process.pid, signal.SIGINT)
        interrupted = time.monotonic()
        _, err = process.communicate(timeout=120)
    assert process.returncode == 130
    assert time.monotonic() - interrupted < 8  # the busy worker ends too, not at its end
    assert b"Traceback" not in err, err.decode(errors="replace")[-2000:]


def test_a_missing_path_or_no_fixture_fails_as_cleaners_inputs_do(repo, capsys) -> None:
    # both were usage errors (exit 2), where cleaner fails a missing page and a folder with
    # no page with exit 1 (SPEC: 1 when an input failed); the other paths are still checked
    for command in ("check", "update"):
        code, _, err = run(capsys, command, "missing-folder")
        assert (code, err) == (1, "cleaner-fixtures: missing-folder: no such file or folder\n")
        (repo / "empty").mkdir(exist_ok=True)
        code, _, err = run(capsys, command, "empty")
        assert (code, err) == (1, "cleaner-fixtures: no fixtures in empty\n")
    run(capsys, "update", "fixtures")
    code, out, err = run(capsys, "check", "missing-folder", "fixtures")
    assert (code, out.splitlines()[0]) == (1, "1 passed, 0 failed")
    assert err == "cleaner-fixtures: missing-folder: no such file or folder\n"


def test_usage_errors_exit_2(repo, capsys) -> None:
    code, _, err = run(capsys, "check", "--rules", "nowhere")
    assert (code, err) == (2, "cleaner-fixtures: nowhere: not a folder of rule files\n")
    (repo / "rules" / "bad.toml").write_text('[[rule]]\nid = "bad.x"\n', encoding="utf-8")
    code, _, err = run(capsys, "check", "--rules", "rules")
    assert code == 2 and err.startswith(f"cleaner-fixtures: {Path('rules') / 'bad.toml'} → ")
    os.chdir(repo / "rules")
    for argv in (["check"], [], ["check", "-j", "-1"], ["frobnicate"]):
        with pytest.raises(SystemExit) as caught:
            cli_fixtures.main(argv)
        assert caught.value.code == 2
    assert "no fixtures/ folder here" in capsys.readouterr().err


def test_the_filter_never_takes_a_file_name_for_a_subcommand(repo, capsys) -> None:
    Path("check").write_text(PAGE, encoding="utf-8")
    assert cli.main(["check"]) == 0
    assert "The city council approved a new park" in capsys.readouterr().out
    assert cli.main(["update"]) == 1
    assert "update: no such file" in capsys.readouterr().err


def test_console_script(repo) -> None:
    script = shutil.which("cleaner-fixtures") or str(
        Path(sys.executable).with_name("cleaner-fixtures")
    )
    result = subprocess.run(
        [script, "update", "--rules", "rules"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    result = subprocess.run(
        [script, "check", "--rules", "rules"], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout) == (0, "1 passed, 0 failed\n")

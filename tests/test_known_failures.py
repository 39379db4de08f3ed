"""Known failures field by field: a listed field must keep its recorded wrong output, so a
change for the worse fails, a fix is reported, and only `check --accept` writes entries."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cleaner import cli_fixtures

from .user_repo import BODY, break_rule, make_user_repo

NAME = "fixtures/gazette/council-park"
TITLE = "Council approves new park for the riverside"  # what the cleaner gives


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_user_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli_fixtures.main(["update", "--rules", "rules"]) == 0
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    code = cli_fixtures.main([*argv, "--rules", "rules"])
    return code, capsys.readouterr().out.splitlines()


def expect(repo: Path, **fields: object) -> None:
    path = repo / f"{NAME}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(fields)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def known(repo: Path) -> dict[str, object]:
    return json.loads((repo / f"{NAME}.known.json").read_text(encoding="utf-8"))


def test_accept_records_the_wrong_value_and_check_then_holds(repo, capsys) -> None:
    expect(repo, title="Council approves a park")
    code, out = run(capsys, "check")
    assert code == 1 and out[0] == f"FAIL {NAME}: title differs"
    assert not (repo / f"{NAME}.known.json").exists()  # check alone never writes an entry

    code, out = run(capsys, "check", "--accept")
    assert (code, out) == (0, [f"accepted {NAME}: new title", "1 accepted, 0 unchanged, 0 failed"])
    assert known(repo) == {"title": {"got": TITLE}}
    code, out = run(capsys, "check", "-v")
    assert (code, out) == (
        0,
        [f"ok   {NAME} (known failures: title)", "1 passed (1 with known failures), 0 failed"],
    )


def test_a_change_for_the_worse_elsewhere_still_fails(repo, capsys) -> None:
    expect(repo, title="Council approves a park")
    run(capsys, "check", "--accept")
    break_rule(repo)  # the promo stays in the body: not a listed field
    code, out = run(capsys, "check")
    assert code == 1 and out[0] == f"FAIL {NAME}: body, removed differ"


def test_a_listed_field_that_changes_fails_and_says_worse_or_better(repo, capsys) -> None:
    expect(repo, body=[*BODY.split("\n\n"), "A paragraph the page does not hold."])
    run(capsys, "check", "--accept")
    assert known(repo)["body"] == {"got": BODY.split("\n\n")}  # stored as paragraphs
    break_rule(repo)  # one paragraph more of chrome: further from the expectation
    code, out = run(capsys, "check")
    assert code == 1
    assert out[:4] == [
        f"FAIL {NAME}: removed differs; known failure body changed",
        "  removed:",
        "    @@ -1 +0,0 @@",
        '    -gazette.digest-promo: "Look for the Riverside Gazette Daily Digest at every newsstand."',
    ]
    assert "  body (known failure):" in out
    assert "    worse than recorded: 1 → 2 paragraph(s) differ from the expectation" in out
    assert (
        '    +"Look for the Riverside Gazette Daily Digest at every newsstand."' in out
    )  # the change from the record

    path = repo / f"{NAME}.known.json"
    data = known(repo)
    data["body"] = {"got": ["Chrome.", "More chrome."], "why": "the menu is kept"}
    path.write_text(json.dumps(data), encoding="utf-8")
    shutil.copy(repo / "rules" / "gazette.toml", repo / "gazette.bak")
    make_user_repo(repo)  # the rule as it was
    code, out = run(capsys, "check")
    assert code == 1
    assert "    better than recorded: 5 → 1 paragraph(s) differ from the expectation" in out
    code, out = run(capsys, "check", "--accept")
    assert out[0] == f"accepted {NAME}: changed body"
    assert known(repo)["body"] == {"got": BODY.split("\n\n"), "why": "the menu is kept"}


def test_a_fixed_field_fails_until_its_entry_is_dropped(repo, capsys) -> None:
    expect(repo, title="Council approves a park")
    run(capsys, "check", "--accept")
    expect(repo, title=TITLE)  # the expectation corrected: the listed field now holds
    code, out = run(capsys, "check")
    assert code == 1
    assert out[:2] == [
        f"FAIL {NAME}: known failure title fixed",
        "  title: fixed, now as expected; `cleaner-fixtures check --accept` drops its "
        "known-failure entry",
    ]
    code, out = run(capsys, "check", "--accept")
    assert out[0] == f"accepted {NAME}: fixed title"
    assert not (repo / f"{NAME}.known.json").exists()
    assert run(capsys, "check")[0] == 0


def test_update_keeps_the_expectation_of_a_listed_field(repo, capsys) -> None:
    expect(repo, title="Council approves a park")
    run(capsys, "check", "--accept")
    break_rule(repo)
    code, out = run(capsys, "update")
    assert (code, out[0]) == (0, f"updated {NAME}: body, removed")
    data = json.loads((repo / f"{NAME}.json").read_text(encoding="utf-8"))
    assert data["title"] == "Council approves a park"
    assert run(capsys, "check")[0] == 0


def test_the_older_one_string_body_is_read(repo, capsys) -> None:
    expect(repo, body=BODY)
    assert run(capsys, "check")[0] == 0
    code, out = run(capsys, "update")
    assert (code, out[0]) == (0, f"updated {NAME}: formatting")
    data = json.loads((repo / f"{NAME}.json").read_text(encoding="utf-8"))
    assert data["body"] == BODY.split("\n\n")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"titel": {"got": null}}', "unknown field 'titel'"),
        ('{"title": "x"}', 'title: an entry is {"got": …, "why": "…"}'),
        ('{"body": {"got": 3}}', "body: body must be a list of paragraphs"),
        ("[1", "known failures are not valid JSON"),
    ],
)
def test_a_broken_known_failure_file_is_named(repo, capsys, text: str, reason: str) -> None:
    (repo / f"{NAME}.known.json").write_text(text, encoding="utf-8")
    code, out = run(capsys, "check")
    assert code == 1
    assert out[0].startswith(f"FAIL {NAME}: ") and reason in out[0]

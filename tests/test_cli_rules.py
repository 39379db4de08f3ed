"""`cleaner-rules list|show|test|validate`, on the built-in packs and on a user's folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import cli_rules
from cleaner.engine import BUILTIN_RULES, load_rules
from cleaner.engine.selftest import run_all
from cleaner.passes import PASSES

from .conftest import SLOW_RULE
from .user_repo import RULE, make_user_repo

BAD = Path(__file__).with_name("bad_rules")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli_rules.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_user_repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_list_has_one_line_per_rule_then_per_pass(capsys) -> None:
    code, out, _ = run(capsys, "list")
    rules = load_rules().rules
    lines = out.splitlines()
    assert code == 0 and len(lines) == len(rules) + len(PASSES)
    for line, registered in zip(lines[len(rules) :], PASSES, strict=True):
        assert line.split()[0] == registered.id and "pass/" in line
    for line, rule in zip(lines[: len(rules)], rules, strict=True):
        rule_id, pack, action, description = line.split(maxsplit=3)
        assert rule_id == rule.id
        assert pack.endswith("/" + rule.pack)
        assert action.split(":")[0] == rule.action.value
        assert description == rule.description


def test_show_a_structural_pass(capsys) -> None:
    code, out, _ = run(capsys, "show", "core.standfirst")
    assert code == 0
    assert out.startswith("core.standfirst\n") and "cleaner/structure.py" in out


def test_show_an_unknown_id_is_a_usage_error(capsys) -> None:
    code, _, err = run(capsys, "show", "core.no-such-pass")
    assert code == 2 and "core.no-such-pass" in err


def test_list_with_a_user_folder(repo, capsys) -> None:
    code, out, _ = run(capsys, "list", "--rules", "rules", "--no-builtin")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split(maxsplit=3) == [
        "gazette.digest-promo",
        "rules/gazette",
        "drop",
        "The daily digest promo printed under every headline.",
    ]
    assert len(lines) == 1 + len(PASSES)  # the passes in code are not rule packs: always there


def test_show_one_rule(repo, capsys) -> None:
    code, out, _ = run(capsys, "show", "gazette.digest-promo", "--rules", "rules")
    assert code == 0
    assert out.splitlines()[:6] == [
        "gazette.digest-promo",
        "  The daily digest promo printed under every headline.",
        "",
        f"  file:     {Path('rules') / 'gazette.toml'}:5",
        "  pack:     rules/gazette",
        "  action:   drop",
    ]
    assert "  must match:" in out and "  must not match:" in out
    assert "    'Look for the Riverside Gazette Daily Digest at every newsstand.'" in out


def test_show_a_builtin_rule_and_an_unknown_id(capsys) -> None:
    rule = load_rules().rules[0]
    code, out, _ = run(capsys, "show", rule.id)
    assert code == 0 and out.startswith(f"{rule.id}\n  {rule.description}\n")
    assert f"{rule.path}:{rule.line}" in out
    code, _, err = run(capsys, "show", "no.such-rule")
    assert (code, err) == (
        2,
        "cleaner-rules: no rule or pass with id 'no.such-rule'; a rule of your own pack is "
        "read with --rules DIR\n",
    )


def test_show_a_users_rule_without_rules_names_the_way(repo, capsys) -> None:
    # a user's rule asked without --rules: 'no such rule' alone made them guess; the folder
    # rules/ here that defines it is named, and a misspelt id gets the close ones
    code, _, err = run(capsys, "show", "gazette.digest-promo")
    assert (code, err) == (
        2,
        "cleaner-rules: no rule or pass with id 'gazette.digest-promo': rules/ here defines "
        "it, read with --rules rules\n",
    )
    code, _, err = run(capsys, "show", "gazette.digest-promos", "--rules", "rules")
    assert (code, err) == (
        2,
        "cleaner-rules: no rule or pass with id 'gazette.digest-promos' (did you mean "
        "gazette.digest-promo?)\n",
    )


def test_test_runs_the_builtin_examples(capsys) -> None:
    rules = load_rules()
    failed = {r.check.rule.id for r in run_all(rules) if not r.ok}
    code, out, _ = run(capsys, "test")
    *_, summary, seen_in = out.splitlines()
    assert summary.startswith(
        f"{len(rules.rules) - len(failed)} rules passed, {len(failed)} failed ("
    )
    assert seen_in.startswith("seen_in: ") and " 0 of " not in seen_in
    assert code == (1 if failed else 0)  # the rules' own verdicts: see test_rule_examples.py


def test_test_a_user_folder(repo, capsys) -> None:
    code, out, _ = run(capsys, "test", "rules", "-v")
    assert code == 0
    assert out.splitlines() == [
        "ok   gazette.digest-promo (3 checks)",
        "1 rules passed, 0 failed (3 checks passed, 0 failed, 0 todo)",
    ]


def test_test_names_file_rule_and_example_of_each_failure(repo, capsys) -> None:
    path = repo / "rules" / "gazette.toml"
    text = RULE.replace(
        'no_match = ["Readers',
        'todo_match = ["Gazette digest"]\nno_match = ["Daily Digest", "Readers',
    ).replace(
        'phrases = ["Look for the Riverside Gazette Daily Digest at every newsstand."]',
        'phrases = ["Look for the Riverside Gazette Daily Digest at every newsstand.", "Daily Digest"]',
    )
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "test", "rules")
    assert code == 1
    where = f"{Path('rules') / 'gazette.toml'}:5"
    assert out.splitlines() == [
        f"{where}: gazette.digest-promo: no_match[0]: must not match but does: 'Daily Digest'",
        f"{where}: gazette.digest-promo: todo_match[0]: known miss: 'Gazette digest'",
        "0 rules passed, 1 failed (4 checks passed, 1 failed, 1 todo)",
    ]


def test_a_pattern_that_backtracks_is_failed(repo, capsys) -> None:
    (repo / "rules" / "slow.toml").write_text(SLOW_RULE + 'no_match = ["!"]\n', encoding="utf-8")
    code, out, _ = run(capsys, "test", "rules")
    assert code == 1
    assert "slow.nested-repeat: timeout: the pattern ran past its 0.25 s time limit on " in out
    assert out.splitlines()[-1].startswith("1 rules passed, 1 failed")


def test_validate_reports_every_error(capsys) -> None:
    code, out, _ = run(capsys, "validate", str(BAD), "--no-builtin")
    lines = out.splitlines()
    assert code == 1
    assert lines[-1] == f"19 errors in {BAD}"
    assert all(line.startswith(str(BAD)) for line in lines[:-1])
    assert f'{BAD / "bad-pattern.toml"} → rule "bad-pattern.share-bar" → key "match.regex": ' in out


def test_validate_good_folders(repo, capsys) -> None:
    assert run(capsys, "validate") == (0, "the built-in packs: valid\n", "")
    assert run(capsys, "validate", "rules") == (0, "rules: valid\n", "")


def test_a_rule_file_reached_twice_is_read_once(repo, capsys) -> None:
    # a folder and a file in it (a hook's `args` plus the files pre-commit passes), or one
    # folder named twice: each file was read twice, its errors reported twice and each of its
    # ids 'already defined' in itself ('2 errors in rules, rules/gazette.toml', exit 1)
    own = str(Path("rules") / "gazette.toml")
    for paths in (["rules", own], ["rules", "rules"], [own, "./rules"]):
        assert run(capsys, "validate", *paths) == (0, f"{', '.join(paths)}: valid\n", "")
        code, out, _ = run(capsys, "test", *paths, "--no-fixtures")
        assert (code, out.splitlines()[-1]) == (
            0,
            "1 rules passed, 0 failed (3 checks passed, 0 failed, 0 todo)",
        )
    (repo / "rules" / "bad.toml").write_text('[[rule]]\nid = "bad.x"\n', encoding="utf-8")
    code, out, _ = run(capsys, "validate", "rules", str(Path("rules") / "bad.toml"))
    assert code == 1 and out.splitlines()[-1].startswith("1 error in ")


def test_test_takes_a_rule_file_and_the_builtin_folder(repo, capsys) -> None:
    # the seen_in check loaded the given paths as folders: a rule file was 'not a folder of
    # rule files' (exit 2), and the built-in folder named by its path (this repository's
    # `cleaner-rules test rules`) defined each of its ids twice (exit 2)
    code, out, err = run(capsys, "test", str(Path("rules") / "gazette.toml"))
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "1 rules passed, 0 failed (3 checks passed, 0 failed, 0 todo)"
    code, out, err = run(capsys, "test", str(BUILTIN_RULES), "--fixtures", "fixtures")
    assert (code, err) == (0, "") and out.splitlines()[-1].startswith("seen_in: ")


@pytest.mark.parametrize("command", ["validate", "test"])
def test_a_missing_path_or_a_folder_without_rules_fails_as_cleaners_inputs_do(
    tmp_path: Path, capsys, command: str
) -> None:
    # before audit22: exit 1 ('1 error in …') for a missing path, and 'empty: valid' or '0
    # rules passed' with exit 0 for a folder holding no rule file (a pre-commit hook's wrong
    # args); audit22 made both usage errors (exit 2), where cleaner fails a missing page and a
    # folder with no page with exit 1 (SPEC: 1 when an input failed); the other paths are
    # still checked
    missing = tmp_path / "missing"
    assert run(capsys, command, str(missing)) == (
        1,
        "",
        f"cleaner-rules: {missing}: no such file or folder\n",
    )
    (tmp_path / "notes.md").write_text("no rules here")
    assert run(capsys, command, str(tmp_path)) == (
        1,
        "",
        f"cleaner-rules: no rule files (*.toml) in {tmp_path}\n",
    )
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "gazette.toml").write_text(RULE, encoding="utf-8")
    extra = ["--no-fixtures"] if command == "test" else []
    code, out, err = run(capsys, command, str(missing), str(tmp_path / "mine"), *extra)
    assert (code, err) == (1, f"cleaner-rules: {missing}: no such file or folder\n")
    assert out.splitlines()[-1] == (
        f"{tmp_path / 'mine'}: valid"
        if command == "validate"
        else "1 rules passed, 0 failed (3 checks passed, 0 failed, 0 todo)"
    )


def test_unused_fails_on_a_missing_or_empty_fixture_folder(tmp_path: Path, capsys) -> None:
    # before: a missing folder was a usage error (exit 2), an empty one listed every rule as
    # firing on 'none of 0 fixtures', exit 0
    assert run(capsys, "unused", str(tmp_path / "missing")) == (
        1,
        "",
        f"cleaner-rules: {tmp_path / 'missing'}: no such file or folder\n",
    )
    assert run(capsys, "unused", str(tmp_path)) == (
        1,
        "",
        f"cleaner-rules: no fixtures in {tmp_path}\n",
    )


def test_unused_with_no_folder_named_and_none_here_is_a_usage_error(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    # as 'cleaner-fixtures check' there: the default folder is missing, not a given input
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as caught:
        cli_rules.main(["unused"])
    assert caught.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "cleaner-rules: error: no fixtures/ folder here: name the fixture folders"
    )


def test_test_and_list_refuse_a_bad_folder(capsys) -> None:
    code, out, _ = run(capsys, "test", str(BAD / "bad-pattern.toml"), str(BAD / "bad-scope.toml"))
    assert code == 1
    assert out.splitlines()[0].startswith(f"{BAD / 'bad-pattern.toml'} → rule ")
    assert out.splitlines()[1].startswith(f"{BAD / 'bad-scope.toml'} → rule ")
    assert (
        out.splitlines()[2] == f"2 errors in {BAD / 'bad-pattern.toml'}, {BAD / 'bad-scope.toml'}"
    )
    code, _, err = run(capsys, "list", "--rules", "nowhere")
    assert (code, err) == (2, "cleaner-rules: nowhere: not a folder of rule files\n")
    with pytest.raises(SystemExit) as caught:
        cli_rules.main(["frobnicate"])
    assert caught.value.code == 2


def _with_seen_in(repo: Path, entries: list[str]) -> None:
    path = repo / "rules" / "gazette.toml"
    text = "".join(
        line for line in path.read_text("utf-8").splitlines(True) if not line.startswith("seen_in")
    )
    line = "seen_in = [" + ", ".join(f'"{e}"' for e in entries) + "]\n"
    path.write_text(text.replace('action = "drop"\n', 'action = "drop"\n' + line), "utf-8")


def test_seen_in_entries_must_see_their_rule_fire(repo: Path, capsys) -> None:
    (repo / "fixtures" / "gazette" / "no-promo.txt").write_text(
        "The park will open next year, the mayor said on Monday.\n", encoding="utf-8"
    )
    _with_seen_in(repo, ["gazette/council-park", "aggregators-dev/002-daily8"])
    code, out, _ = run(capsys, "test", "--no-builtin", "rules")
    assert code == 0, out
    assert out.splitlines()[-1] == (
        "seen_in: 1 of 1 entries fire on their fixture (fixtures), 1 not fixtures here "
        "(not checked)"
    )
    _with_seen_in(repo, ["gazette/no-promo", "gazette/council-prak"])
    code, out, _ = run(capsys, "test", "--no-builtin", "rules")
    assert code == 1
    failures = [line.split(": ", 1)[1] for line in out.splitlines() if "seen_in '" in line]
    assert failures == [
        "gazette.digest-promo: seen_in 'gazette/no-promo': the rule does not fire on it",
        "gazette.digest-promo: seen_in 'gazette/council-prak': no such fixture",
    ]
    assert run(capsys, "test", "--no-builtin", "--no-fixtures", "rules")[0] == 0


def test_unused_lists_the_rules_that_fire_on_no_fixture(repo: Path, capsys) -> None:
    code, out, err = run(capsys, "unused", "--no-builtin", "--rules", "rules")
    assert (code, out, err) == (0, "", "0 of 1 rules fire on none of 1 fixtures\n")
    (repo / "fixtures" / "gazette" / "council-park.txt").write_text(
        "The park will open next year, the mayor said on Monday.\n", encoding="utf-8"
    )
    code, out, err = run(capsys, "unused", "--no-builtin", "--rules", "rules", "fixtures")
    assert (code, out) == (0, "gazette.digest-promo\n")


def test_unused_with_a_rule_folder_lists_that_folders_rules_only(repo: Path, capsys) -> None:
    # the one fixture rewritten without the digest promo: the folder's one rule fires on none
    (repo / "fixtures" / "gazette" / "council-park.txt").write_text(
        "The park will open next year, the mayor said on Monday.\n", encoding="utf-8"
    )
    code, out, err = run(capsys, "unused", "--rules", "rules", "fixtures")
    assert (code, out, err) == (
        0,
        "gazette.digest-promo\n",
        "1 of 1 rules fire on none of 1 fixtures\n",
    )
    # with no folder given, the built-in packs' rules are the ones listed
    code, out, err = run(capsys, "unused", "fixtures")
    built_in = {rule.id for rule in load_rules().rules}
    assert code == 0 and out and set(out.split()) <= built_in
    assert err.startswith(f"{len(out.split())} of {len(built_in)} rules ")


def test_every_built_in_rule_fires_on_a_fixture_or_says_where_it_was_seen(capsys) -> None:
    """Rules that prove themselves: `cleaner-rules unused` on our fixtures lists the built-in
    rules that fire on none of them; each of those names the corpus pages where it fires
    (seen_in), or it is dead code and goes."""
    from .conftest import FIXTURES

    code, out, err = run(capsys, "unused", str(FIXTURES))
    assert code == 0 and err.endswith("fixtures\n"), err
    rules = {rule.id: rule for rule in load_rules().rules}
    idle = out.split()
    assert set(idle) <= set(rules)
    assert len(idle) < len(rules)  # the fixtures exercise the rules
    without = [rule_id for rule_id in idle if not rules[rule_id].seen_in]
    assert not without, f"fire on no fixture and record no seen_in: {without}"


def test_every_built_in_seen_in_fixture_sees_its_rule_fire() -> None:
    from cleaner.evidence import check_seen_in

    from .conftest import FIXTURES

    results = check_seen_in(load_rules(), [FIXTURES])
    failed = [f"{r.rule}: {r.entry}: {r.message}" for r in results if r.status == "fail"]
    assert not failed, "\n".join(failed)
    assert any(r.status == "ok" for r in results)  # seen_in is filled, not empty

"""A bad rule file is refused with its place: file → rule "id" → key "k": reason.

Each file in tests/bad_rules/ holds exactly one defect; each gets its exact message.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cleaner.cli_rules import validate
from cleaner.engine import BUILTIN_RULES, load_rules
from cleaner.engine.loader import load_file
from cleaner.engine.schema import _MATCH_KEYS, _RULE_KEYS
from cleaner.errors import RuleFileError

BAD = Path(__file__).with_name("bad_rules")
RULE_KEYS = ", ".join(sorted(_RULE_KEYS))
MATCH_KEYS = ", ".join(sorted(_MATCH_KEYS))
FIELDS = "title, byline, dateline, date, source, credits, copyright, captions"

EXPECTED = {
    "unknown-key": (
        f'rule "unknown-key.share-bar" → key "descripton": unknown key (allowed: {RULE_KEYS})'
    ),
    "unknown-match-key": (
        'rule "unknown-match-key.share-bar" → key "match.regexp": '
        f"unknown key (allowed: {MATCH_KEYS})"
    ),
    "unknown-example-key": (
        'rule "unknown-example-key.share-bar" → key "examples.no_matches": '
        "unknown key (allowed: cases, match, no_match, todo_match)"
    ),
    "unknown-top-key": 'key "rules": unknown top-level key (allowed: [pack], [[rule]])',
    "bad-pattern": (
        'rule "bad-pattern.share-bar" → key "match.regex": '
        "pattern does not compile: missing ) at position 26"
    ),
    "missing-examples": (
        'rule "missing-examples.share-bar" → key "examples": '
        "every rule needs [rule.examples] with at least one 'match'"
    ),
    "no-match-example": (
        'rule "no-match-example.share-bar" → key "examples.match": '
        "every rule needs at least one example it must match"
    ),
    "malformed-id": (
        "key \"id\": missing or malformed id 'Remove Share Bar' (want 'pack.name-in-kebab-case')"
    ),
    "wrong-prefix": (
        'rule "generic.share-bar" → key "id": '
        "id must start with 'wrong-prefix.' (the file) or 'bad_rules.' (the folder)"
    ),
    "unknown-action": (
        'rule "unknown-action.share-bar" → key "action": '
        "'delete' is not one of 'drop', 'drop-rest', 'cut', 'field'"
    ),
    "field-without-name": (
        'rule "field-without-name.photo-credit" → key "field": '
        f"action 'field' needs field = one of {FIELDS}"
    ),
    "phrases-and-regex": (
        'rule "phrases-and-regex.share-bar" → key "match": '
        "give exactly one of 'phrases' or 'regex'"
    ),
    "bad-scope": 'rule "bad-scope.share-bar" → key "match.top": must be a whole number of at least 1',
    "case-without-output": (
        'rule "case-without-output.jump-line" → key "examples.cases[0]": '
        "needs string 'input' and 'output'"
    ),
    "unknown-list": (
        'rule "unknown-list.month-line" → key "match.regex": pattern does not compile: '
        "undefined named list at position 11 (the lists: months, weekdays, byline_words, share_words, "
        "agencies, photo_agencies, copyright_marks, rights_reserved, date_labels)"
    ),
    "requires-unknown-list": (
        'rule "requires-unknown-list.notice" → key "match.requires": '
        "no lexicon list 'copyright_signs' (the lists: months, weekdays, byline_words, "
        "share_words, agencies, photo_agencies, copyright_marks, rights_reserved, date_labels)"
    ),
    "requires-not-in-example": (
        'rule "requires-not-in-example.share-bar" → key "match.requires": '
        "the example 'Share on Facebook' holds none of the required words, "
        "so the rule could never fire on it"
    ),
}


def test_every_bad_file_has_its_expected_message() -> None:
    names = {p.stem for p in BAD.glob("*.toml")}
    assert names == {*EXPECTED, "not-toml", "duplicate-id"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_rule_file_message(name: str) -> None:
    path = BAD / f"{name}.toml"
    with pytest.raises(RuleFileError) as caught:
        load_file(path)
    assert str(caught.value) == f"{path} → {EXPECTED[name]}"


def test_not_toml() -> None:
    path = BAD / "not-toml.toml"
    with pytest.raises(RuleFileError) as caught:
        load_file(path)
    assert str(caught.value).startswith(f"{path}: not valid TOML: ")
    assert "line 3" in str(caught.value)


def test_duplicate_id(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    path = folder / "duplicate-id.toml"
    shutil.copy(BAD / "duplicate-id.toml", path)
    with pytest.raises(RuleFileError) as caught:
        load_rules([folder], builtin=False)
    assert str(caught.value) == (
        f'{path} → rule "duplicate-id.share-bar" → key "id": id already defined in {path}:2'
    )
    errors = [str(e) for e in validate([str(folder)], builtin=False)]
    assert errors == [str(caught.value)]


def test_duplicate_of_a_builtin_id(tmp_path: Path) -> None:
    builtin = load_rules().rules[0]
    prefix = builtin.id.split(".", 1)[0]
    path = tmp_path / "mine" / f"{prefix}.toml"
    path.parent.mkdir()
    text = (BAD / "unknown-action.toml").read_text(encoding="utf-8")
    path.write_text(
        text.replace("unknown-action.share-bar", builtin.id).replace("delete", "drop"),
        encoding="utf-8",
    )
    errors = [str(e) for e in validate([str(path.parent)])]
    assert errors == [
        f'{path} → rule "{builtin.id}" → key "id": '
        f"id already defined in {builtin.path}:{builtin.line}"
    ]
    assert validate([str(path.parent)], builtin=False) == []
    # a Cleaner with the folder refuses it as validate does: the caller's file is named, not
    # the built-in pack (it said '…/rules/generic/….toml → rule … already defined in mine/…')
    with pytest.raises(RuleFileError) as caught:
        load_rules([path.parent])
    assert str(caught.value) == errors[0]


def test_a_folder_given_twice_is_read_once(tmp_path: Path) -> None:
    # 'cleaner --rules mine --rules ./mine' (a Makefile's folder and a user's), a folder and
    # one inside it, or the built-in folder named as the caller's: each file was read twice
    # and refused for defining its own ids again ('mine/x.toml → rule … already defined in
    # mine/x.toml:4'), exit 2
    from .user_repo import RULE

    folder = tmp_path / "gazette"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "gazette.toml").write_text(RULE, encoding="utf-8")
    once = load_rules([folder]).rules
    for folders in ([folder, folder], [folder, tmp_path / "gazette" / "sub"]):
        assert load_rules(folders).rules == once
    builtin = load_rules()
    assert load_rules([BUILTIN_RULES]).rules == builtin.rules


def test_the_built_in_folder_is_walked_once_a_process_a_callers_folder_each_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # engine/loader.py: the built-in packs are package data, listed once a process
    # (_builtin_files); a caller's folder is walked on every load_rules, so an edit shows
    from cleaner.engine import loader

    from .user_repo import RULE

    walked: list[Path] = []
    real = loader.rule_files
    monkeypatch.setattr(loader, "rule_files", lambda folder: walked.append(folder) or real(folder))
    load_rules()  # (listed by an earlier load, or now)
    walked.clear()
    builtin = load_rules().rules
    assert walked == [] and load_rules().rules == builtin and walked == []
    folder = tmp_path / "gazette"
    folder.mkdir()
    assert load_rules([folder]).rules == builtin and walked == [folder]
    (folder / "gazette.toml").write_text(RULE, encoding="utf-8")
    assert [r.id for r in load_rules([folder]).rules[:1]] == ["gazette.digest-promo"]
    assert walked == [folder, folder]


def test_the_built_in_paths_are_resolved_once_a_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # engine/loader.py: a caller's folder is told apart from the built-in files by their
    # resolved paths; those were resolved again on every load_rules given folders (17 paths,
    # about 0.2 ms each), though the files are listed once a process (_builtin_files)
    from .user_repo import RULE

    folder = tmp_path / "gazette"
    folder.mkdir()
    (folder / "gazette.toml").write_text(RULE, encoding="utf-8")
    first = load_rules([folder]).rules  # (resolved by an earlier load, or now)
    resolved: list[Path] = []
    real = Path.resolve
    monkeypatch.setattr(Path, "resolve", lambda self, *a: resolved.append(self) or real(self, *a))
    assert load_rules([folder]).rules == first
    assert resolved == [folder / "gazette.toml"]
    resolved.clear()
    assert load_rules([BUILTIN_RULES]).rules == load_rules().rules  # still read once
    assert resolved and all(path.is_relative_to(BUILTIN_RULES) for path in resolved)


def test_a_rule_file_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    # was 'not valid TOML: Invalid statement (at line 1, column 1)'
    from .user_repo import RULE

    (tmp_path / "gazette.toml").write_text("\ufeff" + RULE, encoding="utf-8")
    assert [rule.id for rule in load_file(tmp_path / "gazette.toml")] == ["gazette.digest-promo"]


def test_validate_reports_every_bad_file_not_only_the_first() -> None:
    errors = validate([str(BAD)], builtin=False)
    assert len(errors) == len(EXPECTED) + 2  # + not-toml and duplicate-id
    assert all(str(e).startswith(str(BAD)) for e in errors)


def test_a_rule_names_a_list_of_the_lexicon(tmp_path: Path) -> None:
    """``\\L<months>`` in a rule stands for the lexicon's month names, in every language."""
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[rule]]\nid = "mine.month-line"\ndescription = "A month alone."\naction = "drop"\n'
        "[rule.match]\nregex = '\\L<months>'\nignore_case = true\n"
        '[rule.examples]\nmatch = ["July"]\n',
        encoding="utf-8",
    )
    (rule,) = load_file(path)
    assert rule.matcher.pattern is not None
    found = [rule.matcher.pattern.fullmatch(w) is not None for w in ("Juillet", "MÄRZ", "Mayo")]
    assert found == [True, True, True]
    assert rule.matcher.pattern.fullmatch("Julio Cesar") is None


def test_a_rule_requires_a_list_of_the_lexicon(tmp_path: Path) -> None:
    """``requires = ['\\L<copyright_marks>']`` stands for the list's words: the block must
    hold one of them, as the pattern names them, with no copy of the list in the rule."""
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[rule]]\nid = "mine.notice"\ndescription = "A notice."\naction = "drop"\n'
        "[rule.match]\nregex = '\\L<copyright_marks> \\d{4}'\nignore_case = true\n"
        "requires = ['\\L<copyright_marks>', 'Copyright']\n"
        '[rule.examples]\nmatch = ["(C) 2025"]\n',
        encoding="utf-8",
    )
    (rule,) = load_file(path)
    assert rule.matcher.requires == ("©", "(c)", "copyright")  # lowered, each word once
    assert rule.matcher.find("(C) 2025") and not rule.matcher.find("2025")


def test_a_phrase_printed_in_brackets_is_the_phrase() -> None:
    from cleaner.engine.model import BlockView, line_key

    assert line_key("[Article continues below]") == "article continues below"
    assert line_key(" (ADVERTISEMENT) ") == "advertisement"
    assert line_key("[--- Advertisement ---]") == "advertisement"
    # only a pair holding the whole line: a wrapped line's tail keeps its parenthesis
    assert line_key("ads)") == "ads)"
    assert line_key("[a] and [b]") == "a] and [b"
    # the short key finds the phrase inside the brackets and its edge marks
    assert BlockView("[--- Advertisement ---]").short_key(13) == "advertisement"
    assert BlockView("[--- Advertisement ---]").short_key(12) is None

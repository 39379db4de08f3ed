"""The library surface: clean(), a shared Cleaner, the Article's shape."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import cleaner
from cleaner import Article, Cleaner, InputError, RuleFileError, clean

from .conftest import LONG_BLOCK_PAGE, SEED_APP, SEED_PAPER, SLOW_RULE


def test_public_names_are_pinned() -> None:
    assert sorted(cleaner.__all__) == sorted(
        [
            "Article",
            "Cleaner",
            "CleanerError",
            "Dateline",
            "FixtureError",
            "InputError",
            "Removal",
            "RuleFileError",
            "UnknownRuleError",
            "__version__",
            "clean",
        ]
    )


def test_to_dict_uses_contract_names_in_order() -> None:
    data = clean(SEED_PAPER.read_text(encoding="utf-8")).to_dict()
    assert list(data) == [
        "title",
        "authors",
        "byline",
        "dateline",
        "date",
        "source",
        "credits",
        "copyright",
        "captions",
        "body",
    ]
    assert Article.from_dict(json.loads(json.dumps(data))).to_dict() == data


def test_explain_records_rule_ids_and_costs_nothing_when_off() -> None:
    plain = clean(SEED_PAPER.read_bytes())
    explained = Cleaner(explain=True).clean(SEED_PAPER.read_bytes())
    assert plain.removed is None and "removed" not in plain.to_dict()
    rules = {r.rule for r in explained.removed or ()}
    assert {"print.column-marker", "print.column-rule"} <= rules
    assert explained.body == plain.body


def test_explain_is_a_flag_of_the_call_not_a_new_rule_set() -> None:
    data = SEED_PAPER.read_bytes()
    shared = Cleaner()
    explained = shared.clean(data, explain=True)
    assert explained.removed and shared.clean(data).removed is None
    assert clean(data, explain=True) == explained and clean(data).removed is None
    # The built-in packs are compiled once per process: a second Cleaner shares the rules.
    again = Cleaner(explain=True)
    assert all(a is b for a, b in zip(again.rules.rules, shared.rules.rules, strict=True))


def test_a_changed_rule_folder_is_read_again(tmp_path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    rule = """[[rule]]
id = "mine.promo"
description = "A promo line."
action = "drop"
[rule.match]
phrases = ["%s"]
[rule.examples]
match = ["%s"]
"""
    (folder / "mine.toml").write_text(rule % ("Buy now", "Buy now"), encoding="utf-8")
    assert Cleaner(rule_dirs=[folder]).rules.by_id("mine.promo") is not None
    (folder / "mine.toml").write_text(rule.replace("mine.promo", "mine.other") % ("X", "X"))
    assert Cleaner(rule_dirs=[folder]).rules.by_id("mine.promo") is None


def test_cleaner_is_safe_to_share_across_threads() -> None:
    shared = Cleaner()
    inputs = [SEED_PAPER.read_bytes(), SEED_APP.read_bytes()] * 8
    expected = [shared.clean(data) for data in inputs[:2]]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(shared.clean, inputs))
    assert results == expected * 8


def test_cleaners_made_per_page_share_a_threads_taggers_and_agree_across_threads() -> None:
    # passes/story.py: a thread's StoryModels of one file share its taggers; other threads
    # open their own (a crfsuite tagger holds the page last set in it)
    first, again = Cleaner(), Cleaner()
    assert first.story is not None and again.story is not None
    assert first.story._tagger() is again.story._tagger()
    assert first.story._headline_tagger() is not first.story._tagger()
    with ThreadPoolExecutor(max_workers=1) as pool:
        other = pool.submit(lambda: Cleaner().story._tagger()).result()  # type: ignore[union-attr]
    assert other is not first.story._tagger()
    inputs = [SEED_PAPER.read_bytes(), SEED_APP.read_bytes()] * 8
    expected = [Cleaner().clean(data) for data in inputs[:2]]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda data: Cleaner().clean(data), inputs))
    assert results == expected * 8


def test_bytes_in_other_encodings() -> None:
    text = "Café owners say the année was hard\n\nBy JOSÉ GARCÍA\n\nSales fell by half."
    # utf-16-le and -be: a text saved as UTF-16 with no byte-order mark (was refused, 'input
    # looks binary (NUL bytes)'); 'utf-16' writes one
    for encoding in ("utf-8", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"):
        article = clean(text.encode(encoding), kind="text")
        assert article.authors == ("José García",), encoding
        assert article.body == "Sales fell by half."
    # a page sniffed as text or HTML in UTF-16 with no mark, as in any other encoding
    assert clean(SEED_PAPER.read_text().encode("utf-16-le")) == clean(SEED_PAPER.read_bytes())


@pytest.mark.parametrize("declared", ["utf-16", "UTF-16LE", "utf-32"])
@pytest.mark.parametrize("tail", ["", " "])  # an even and an odd number of bytes
def test_a_page_whose_meta_declares_a_wide_encoding_is_read_as_utf8(declared, tail) -> None:
    # a declaration read as ASCII bytes is not in UTF-16 or -32: HTML's prescan takes the page
    # as UTF-8; it was decoded as UTF-16 (CJK characters) or failed over, 'no story found'
    from cleaner.decode import decode

    page = (
        f'<html><head><meta charset="{declared}"></head><body><article><p>The café council '
        "approved a new park on Monday after a long debate about the riverside land and its "
        f"future, the mayor said.</p></article></body></html>{tail}"
    ).encode()
    decoded = decode(page)
    assert (decoded.encoding, "The café council approved" in decoded.text) == ("utf-8", True)


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="iso-8859-1">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
    ],
)
def test_a_page_in_utf8_that_declares_a_single_byte_charset_is_read_as_utf8(meta) -> None:
    # saved as UTF-8, it kept its old meta (the server's header said UTF-8): read as the meta
    # says, every accent was garbled in title and body ('approuvÃ©'). A page truly in the
    # declared charset is not valid UTF-8 and is read as declared, as before
    from cleaner.decode import decode

    page = (
        f"<html><head>{meta}<title>Un parc approuvé</title></head><body><article><p>Le "
        "conseil municipal a approuvé lundi la création d'un nouveau parc après un long "
        "débat sur l'avenir des terrains, a déclaré le maire.</p></article></body></html>"
    )
    assert "approuvé lundi" in decode(page.encode("utf-8")).text
    assert "approuvé lundi" in decode(page.encode("cp1252")).text
    assert decode(page.encode("cp1252")).encoding != "utf-8"


def test_empty_input_is_an_input_error() -> None:
    with pytest.raises(InputError, match="empty"):
        clean("   \n ")


@pytest.mark.parametrize(
    ("source", "url", "name"),
    [
        ("   \n ", None, "<string>"),
        (b"", None, "<bytes>"),
        (b"%PDF-1.7 ...", "https://a.example/report.pdf", "https://a.example/report.pdf"),
    ],
)
def test_an_input_error_names_the_input_without_a_name_given(
    source: str | bytes, url: str | None, name: str
) -> None:
    with pytest.raises(InputError) as caught:
        clean(source, url=url)
    assert caught.value.name == name
    assert str(caught.value) == f"{name}: {caught.value.reason}"


@pytest.mark.parametrize(
    "url", ["https://[2001:db8::1/story", "http://[news.example/a", "https://", "/news/a"]
)
def test_a_url_with_no_host_cleans_as_one_with_none(url: str) -> None:
    # a malformed URL (an IPv6 host left open) raised 'ValueError: Invalid IPv6 URL' out of
    # clean(); the command failed the page as 'internal error (…); please report it', from
    # --url, a NAME.url file or the page's own canonical link. It names no host: no site rule
    page = SEED_PAPER.read_bytes()
    article = clean(page, url=url)
    assert article.body == clean(page).body
    html = (
        f'<html><head><link rel="canonical" href="{url}"></head><body><article>'
        "<h1>A park for the riverside</h1><p>The city council approved a new park on Monday "
        "after a long debate about the riverside land, the mayor said.</p><p>The park will "
        "open next year, and the council will pay for its upkeep, officials said.</p>"
        "</article></body></html>"
    )
    assert "new park on Monday" in clean(html).body


def test_binary_input_is_refused_by_name() -> None:
    with pytest.raises(InputError, match="PDF"):
        Cleaner().clean(b"%PDF-1.7 ...", name="report.pdf")


def test_a_stray_nul_is_dropped_wherever_it_is_and_many_refuse_the_input() -> None:
    # one NUL in the first 4,096 characters refused the page, 'input looks binary (NUL
    # characters)', bytes or str, where one after them was dropped in silence; NUL bytes
    # are counted by their share (a tenth) before decoding, and now the characters too
    text = SEED_PAPER.read_text()
    expected = clean(text).body
    for page in (text[:10] + "\x00" + text[10:], text[:5000] + "\x00" + text[5000:]):
        assert clean(page).body == expected
        assert clean(page.encode()).body == expected
    with pytest.raises(InputError, match="NUL characters"):
        clean("A page\x00\x00 of\x00\x00 mostly\x00\x00 NULs" * 20)


def _write_kicker_rule(folder: Path) -> str:
    """Write a one-rule pack dropping an 'EDITORS TAKE' kicker into FOLDER; give a page with one."""
    (folder / "mysite.toml").write_text(
        '[[rule]]\nid = "mysite.kicker"\ndescription = "The section kicker above stories."\n'
        'action = "drop"\n[rule.match]\nphrases = ["EDITORS TAKE"]\n'
        '[rule.examples]\nmatch = ["Editors take"]\n',
        encoding="utf-8",
    )
    return "Headline here today\n\nEDITORS TAKE\n\nThe story begins here and goes on."


def test_extra_rule_folder_runs_first(tmp_path) -> None:
    text = _write_kicker_rule(tmp_path)
    # The story model would take the kicker out as well: without it, only the rule does.
    assert "EDITORS TAKE" in Cleaner(disable=["model"]).clean(text).body
    with_rule = Cleaner(rule_dirs=[tmp_path], disable=["model"], explain=True).clean(text)
    assert with_rule.body == "The story begins here and goes on."
    assert [r.rule for r in with_rule.removed or ()] == ["mysite.kicker"]


def test_bad_rule_folder_is_refused_with_breadcrumbs(tmp_path) -> None:
    (tmp_path / "mysite.toml").write_text(
        '[[rule]]\nid = "mysite.bad"\ndescription = "x"\naction = "drop"\n'
        '[rule.match]\nregex = "(unclosed"\n[rule.examples]\nmatch = ["x"]\n',
        encoding="utf-8",
    )
    with pytest.raises(RuleFileError) as info:
        Cleaner(rule_dirs=[tmp_path])
    message = str(info.value)
    assert "mysite.toml" in message and 'rule "mysite.bad"' in message
    assert 'key "match.regex"' in message


def test_disable_leaves_a_rule_out() -> None:
    text = "Headline here today\n\nAdvertisement\n\nThe story begins here and goes on."
    assert "Advertisement" not in clean(text).body
    # (without the story model, which would take it out too)
    kept = Cleaner(disable=["generic.advertisement", "model"]).clean(text).body
    assert "Advertisement" in kept


def test_cleaners_of_the_same_rules_share_plans_and_others_do_not(tmp_path) -> None:
    # A Cleaner made per page builds no plan of its own (engine/apply.py, _PLANS): one of the
    # same rules shares the first one's; other rules never share it.
    from cleaner.engine import apply

    def plan(made: Cleaner, host: str | None = None) -> apply._Plan:
        return apply._plan_for(lambda limit, signatures: frozenset(), made.rules, host)

    first, again = Cleaner(), Cleaner(explain=True, disable="model")
    assert first.rules is not again.rules
    assert plan(first) is plan(again)
    assert plan(first, "daily8.ai") is plan(again, "daily8.ai") is not plan(first)
    assert any(r.pack == "daily8" for r in plan(first, "daily8.ai").rules)
    assert not any(r.pack == "daily8" for r in plan(first).rules)
    off = Cleaner(disable=["generic.advertisement", "model"])
    assert plan(off) is not plan(first)
    assert "generic.advertisement" not in {r.id for r in plan(off).rules}
    assert "generic.advertisement" in {r.id for r in plan(first).rules}
    text = "Headline here today\n\nAdvertisement\n\nThe story begins here and goes on."
    assert "Advertisement" not in Cleaner(disable="model").clean(text).body
    assert "Advertisement" in off.clean(text).body  # after a plan of all the rules was used
    assert "Advertisement" not in Cleaner(disable="model").clean(text).body
    kicker = _write_kicker_rule(tmp_path)
    mine = Cleaner(rule_dirs=tmp_path, disable="model")
    assert plan(mine).rules[0].id == "mysite.kicker"
    assert "mysite.kicker" not in {r.id for r in plan(first).rules}
    assert "EDITORS TAKE" in Cleaner(disable="model").clean(kicker).body
    assert mine.clean(kicker).body == "The story begins here and goes on."
    assert "EDITORS TAKE" in Cleaner(disable="model").clean(kicker).body
    bare = Cleaner(builtin=False)
    assert plan(bare) is not plan(first) and plan(bare).rules == ()


def test_an_unknown_disable_id_raises_the_error_the_package_exports() -> None:
    # the README names it cleaner.UnknownRuleError, with close matches
    with pytest.raises(cleaner.UnknownRuleError, match=r"generic\.advertisement"):
        Cleaner(disable=["generic.advertisment"])


def test_one_rule_folder_or_one_disabled_id_may_be_given_alone(tmp_path) -> None:
    # a str is an iterable of its letters: 'r: not a folder of rule files', "no rule has the
    # id 'g', 'e', 'n' …" before
    text = _write_kicker_rule(tmp_path)
    for folder in (str(tmp_path), tmp_path):
        alone = Cleaner(rule_dirs=folder, disable="model").clean(text)
        assert alone.body == "The story begins here and goes on."


def test_a_cleaners_rule_dirs_or_disable_of_a_wrong_type_is_named() -> None:
    # "'int' object is not iterable", naming neither; None (a setting left unset,
    # os.environ.get('RULES')) failed the same way, and now means none
    for kwargs, message in (
        ({"rule_dirs": 42}, "rule_dirs takes a str or PathLike or a list of them, not int"),
        ({"rule_dirs": b"rules"}, "rule_dirs takes a str or PathLike or a list of them, not bytes"),
        ({"disable": 42}, "disable takes a str or a list of them, not int"),
    ):
        with pytest.raises(TypeError) as caught:
            Cleaner(**kwargs)
        assert str(caught.value) == message
    assert Cleaner(rule_dirs=None, disable=None).rules == Cleaner().rules


@pytest.mark.parametrize(
    ("page", "kwargs", "error", "message"),
    [
        (None, {}, TypeError, "clean() takes the page as str or bytes, not NoneType"),
        (SEED_PAPER, {}, TypeError, "not PosixPath (a path: give its bytes"),
        (memoryview(b"A page."), {}, TypeError, "not memoryview"),
        ("A page.", {"url": 5}, TypeError, "url must be a str or None, not int"),
        ("A page.", {"kind": "pdf"}, ValueError, "kind must be 'html', 'text' or None, not 'pdf'"),
    ],
    ids=["none", "path", "memoryview", "url-int", "kind-pdf"],
)
def test_a_wrong_argument_is_named(page, kwargs, error, message) -> None:
    # before: "object of type 'NoneType' has no len()", "argument of type 'int' is not
    # iterable", and kind='pdf' cleaned as if it were not given
    with pytest.raises(error) as info:
        clean(page, **kwargs)
    assert message in str(info.value)


def test_caption_glued_under_a_paragraph_takes_no_story_with_it() -> None:
    text = (
        "Judge sworn in as the first of her kind on the state bench\n\n"
        "By JANE DOE\n\n"
        "The biggest hurdle is getting people to understand that we all bring\n"
        "biases to our decision-making, that it is across the board, she said in\n"
        "her remarks to the court and to the many guests who came for the day.\n"
        "Members of a tribe sing and play drums during the swearing-in ceremony\n"
        "in Olympia, Washington, on Monday. (AP Photo/Ted S. Warren)\n"
    )
    article = clean(text)
    assert article.body.startswith("The biggest hurdle is getting people")
    assert article.body.endswith("who came for the day.")
    assert article.captions == (
        "Members of a tribe sing and play drums during the swearing-in ceremony in Olympia, "
        "Washington, on Monday. (AP Photo/Ted S. Warren)",
    )


def test_a_pattern_past_its_time_limit_is_a_warning_not_silence(tmp_path) -> None:
    # before: the rule was passed over on that block and nothing said so
    (tmp_path / "slow.toml").write_text(SLOW_RULE, encoding="utf-8")
    cleaner_ = Cleaner(rule_dirs=tmp_path, disable="model")
    article = cleaner_.clean(LONG_BLOCK_PAGE)
    assert article.warnings == (
        "rule slow.nested-repeat: not applied to 1 block: its pattern ran past its 0.25 s "
        "time limit",
    )
    assert "word word" in article.body  # the block stays: a rule not applied removes nothing
    assert article.to_dict()["warnings"] == list(article.warnings)
    # a page whose blocks the pattern finishes on says nothing, and no warning carries over
    assert cleaner_.clean("Headline here today\n\nThe story begins here.").warnings == ()

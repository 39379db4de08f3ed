"""The HTML benchmark's scoring (benchmarks/html_metrics.py): the same rules for every system."""

import doctest
import json
from pathlib import Path

import pytest

from benchmarks import html_metrics as m


def test_doctests() -> None:
    failed, tried = doctest.testmod(m)
    assert tried >= 7 and failed == 0


def test_cjk_counted_by_character_and_nfc() -> None:
    assert m.tokens("東京都") == ["東", "京", "都"]
    decomposed = "Mu\u0308nchen"  # NFD, as a few fundus pages store it
    assert m.tokens(decomposed) == m.tokens("München") == ["münchen"]


def test_bag_f1() -> None:
    assert m.bag_prf("", "") == (1.0, 1.0, 1.0)
    assert m.bag_prf("", "some gold") == (0.0, 0.0, 0.0)
    assert m.bag_prf("extra words here", "") == (0.0, 0.0, 0.0)
    p, r, f1 = m.bag_prf("a a b", "a b b")  # bags: two of three tokens in common
    assert (p, r) == pytest.approx((2 / 3, 2 / 3)) and f1 == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("predicted", "gold", "right"),
    [
        (["Jane Roe"], "By JANE ROE", True),
        (["Jane Roe", "John Doe"], "Jane Roe and John Doe", True),
        (["Jane Roe"], "Jane Roe and John Doe", False),
        (["Genevieve Carlton"], "Genevieve Carlton, Ph.D.", True),
        (["Dylan Bailey"], "Dylan Bailey, MS, RD, FAND", True),
        (["Maria", "Katerina"], "Maria & Katerina", True),
        # a job after a comma is no person; a team beside people is
        (["Mike Marshall"], "Mike Marshall, Shipping Expert", True),
        (["Paul Frew"], "By Paul Frew, Home and Digital Security Expert", True),
        (["Ann Lee", "Tom Roe"], "Ann Lee, Tom Roe, and ACO Rankings Team", False),
        ([], None, True),
        (["Jane Roe"], "", False),
        ([], "Jane Roe", False),
        (["Birgit Baumann", "Anna Giulia Fink"], ["Anna Giulia Fink", "Birgit Baumann"], True),
    ],
)
def test_author_sets(predicted: list[str], gold: str | list[str] | None, right: bool) -> None:
    assert m.authors_match(predicted, gold) is right


def test_titles_site_name_either_side() -> None:
    assert m.titles_match("Council approves park | The Daily", "Council approves park")
    assert m.titles_match("Council approves park", "The Daily - Council approves park")
    assert m.titles_match("“Quoted” headline", '"Quoted" Headline')
    assert not m.titles_match("Council approves", "Council approves park")
    assert not m.titles_match(None, "Council approves park")


def test_titles_site_name_after_guillemet_or_dash() -> None:
    # '»' and '«' separate a site's name though quotes are evened out to '"' before comparing
    assert m.titles_match("The Daily » Council approves park", "Council approves park")
    assert m.titles_match("Council approves park « The Daily", "Council approves park")
    assert m.titles_match("Council approves park – The Daily", "Council approves park")
    assert m.titles_match("«Council» approves park", '"Council" approves park')
    assert not m.titles_match("The Daily » Council approves", "Council approves park")


def test_dates() -> None:
    assert m.dates_match("2024-05-03", "2024-05-03")
    assert not m.dates_match("2024-05-04", "2024-05-03")
    assert m.dates_match("2024-05-03", "2024-05")  # a month-only gold date
    assert not m.dates_match("May 3, 2024", "2024-05-03")  # not ISO: not read


def test_caption_containment() -> None:
    gold = "The mayor opens the new park on Saturday"
    assert m.contained(gold, ["The mayor opens the new park on Saturday. (Photo: J. Roe)"])
    assert not m.contained(gold, ["The mayor", "opens the new park on Saturday"])  # one caption
    assert not m.contained("", ["anything"])


def test_diff_lists_what_changed() -> None:
    from benchmarks.diff_html import changes

    old = {
        "authors_ok": False,
        "authors": [],
        "title_ok": True,
        "title": "T",
        "f1": 0.5,
        "p": 0.4,
        "r": 0.6,
        "empty": False,
        "cap": 1,
        "cap_n": 3,
    }
    new = {**old, "authors_ok": True, "authors": ["Jane Roe"], "f1": 0.52, "cap": 2}
    assert changes(old, new, min_f1=0.05) == [
        "authors fixed: [] -> ['Jane Roe']",
        "captions found 1 -> 2 of 3",
    ]
    assert changes(old, old, min_f1=0.0) == []


def test_diff_exact_lists_outputs_that_moved_no_figure() -> None:
    from benchmarks.diff_html import changes

    old = {"title_ok": False, "title": "Park opens", "f1": 0.9, "p": 0.9, "r": 0.9, "body": "A b"}
    new = {**old, "title": "Park opens!", "body": "A  b"}  # still wrong; F1 unmoved
    assert changes(old, new, min_f1=0.0) == []
    assert changes(old, new, min_f1=0.0, exact=True) == ["body differs", "title differs"]


@pytest.mark.parametrize(
    ("predicted", "gold"),
    [
        (
            ["Danielle DeSiato", "Donna Enzmann", "Natalie Nguyen"],
            "Danielle DeSiato, Donna Enzmann, and Natalie Nguyen",
        ),
        (["Marwan H Adwan"], "Marwan H. Adwan"),
        (["Rebecca Lake"], "Rebecca Lake, CEPF®"),
        (["Andrew Huberman"], "Dr. Andrew Huberman"),
    ],
)
def test_author_spelling_evened_out(predicted: list[str], gold: str) -> None:
    assert m.authors_match(predicted, gold)
    assert not m.authors_match(predicted[:-1] or ["Someone Else"], gold)


def test_caption_residue_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The benchmark tells what the caption text left in a body is, in counts only."""
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import bench_html
    from html_corpora import Caption, Gold, Page
    from html_systems import Output

    gold = Gold(
        body="The council met on Monday.",
        captions=(Caption("Storm clouds over the bay"), Caption("The mayor at the podium")),
    )
    page = Page("fundus-dev", "k", "<html></html>", None, gold)
    body = "The council met on Monday.\nStorm clouds over the bay\nHe said: The mayor at the podium"
    out = Output(body, captions=("The mayor at the podium, Monday",))
    rec = bench_html.score(page, out, frozenset({"captions"}))
    assert (rec["cap_left"], rec["cap_left_n"]) == (2, 2)
    assert rec["cap_left_line"] == 1  # the other is words inside a longer line
    assert rec["cap_left_found"] == 1
    tally = bench_html.Tally(recs=[rec])
    assert bench_html.caption_residue({"fundus-dev": {"cleaner": tally}}) == [
        "fundus-dev cleaner: 2 captions left in the body on 1 pages, 1 of them a body line of "
        "their own, 1 also among its captions"
    ]


def test_title_choice_rules_and_a_runs_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from html_corpora import CorpusMissing, run_values
    from title_sources import RULES

    found = {
        "og:title": "Big news today",
        "twitter:title": None,
        "json-ld": "Big News Today",
        "<title>": "Other words",
        "metadata": "Big news today",
        "h1": "Printed headline",
    }
    h1s = ["Printed headline"]
    assert RULES["2 of og:title, JSON-LD, h1 agree"](found, h1s, "ours") == "Big news today"
    assert RULES["3 of og, twitter, <title>, JSON-LD"](found, h1s, "ours") == "ours"
    assert RULES["first h1 first"](found, h1s, "ours") == "Printed headline"
    assert RULES["longest h1 og:title holds"](found, h1s, "ours") == "ours"
    run = tmp_path / "run.json"
    row = {"corpus": "c", "key": "k", "systems": {"trafilatura default": {"title": "T"}}}
    run.write_text(json.dumps([row]), encoding="utf-8")
    assert run_values(run) == {("c", "k"): {"title": "T"}}
    assert run_values(None) == {}
    with pytest.raises(CorpusMissing):
        run_values(tmp_path / "missing.json")


def test_title_situations_and_the_choosers_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from title_chooser import candidates, labels_of
    from title_sources import situations

    found = {
        "og:title": "Guide to taxes in 2024",
        "twitter:title": None,
        "json-ld": "Taxes: the guide",
        "<title>": "Guide to taxes in 2024",
        "metadata": "Guide to taxes in 2024 | Bureau",
        "h1": "Guide to taxes in 2025",
    }
    h1s = ["Guide to taxes in 2025", "Bureau"]
    assert situations(found, h1s, "Guide to taxes in 2025") == [
        ("h1 and metadata name different years", "h1"),
        ("several h1s", "first h1"),
        ("JSON-LD headline and og:title differ", "neither"),
    ]
    # two wordings, neither holding the other: counted apart, not when another class holds
    reworded = {**found, "og:title": "Filing made simple", "<title>": None, "json-ld": None}
    reworded["metadata"] = None
    assert situations(reworded, ["Guide to taxes in 2025"], "Filing made simple") == [
        ("h1 and metadata worded differently", "metadata")
    ]
    record = {"found": found, "h1s": h1s, "ours": "Guide to taxes in 2024"}
    listed = candidates(record)
    texts = [text for text, _ in listed]
    assert texts[0] == "Guide to taxes in 2024"  # the cleaner's first, each wording once
    assert len(texts) == len({t.casefold() for t in texts}) == 5
    ours = listed[0][1]
    assert ours["src=rules"] == ours["src=og:title"] == ours["src=<title>"] == 1.0
    assert "given=2" in ours and "src=h1" in listed[texts.index("Guide to taxes in 2025")][1]
    # the gold's own form over a form the benchmark also takes (its site segment)
    assert labels_of(listed, "Guide to taxes in 2024") == [True, False, False, False, False]
    assert labels_of([("Guide | Bureau", {})], "Guide") == [True]


def test_title_miss_kinds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import title_sources
    from title_sources import miss_kind

    failed, tried = doctest.testmod(title_sources)
    assert tried >= 3 and failed == 0
    found = dict.fromkeys(title_sources.SOURCES)
    found["og:title"] = "Brexit: Nervenkrieg geht in nächste Runde"
    printed = ["Der Nervenkrieg um den Brexit geht in die nächste Runde"]
    assert miss_kind(found["og:title"], printed[0], found, printed) == (
        "the wording split (another source's words)"
    )
    assert miss_kind("Other words", "Words nobody gives", found, printed) == (
        "a heading that is no title source taken"
    )
    assert miss_kind(found["og:title"], "Words nobody gives", found, printed) == (
        "a gold no source gives"
    )
    assert miss_kind("LIVE: Riots spread", "Riots spread", found, []) == (
        "a label glued before the headline (LIVE, Opinion …)"
    )
    assert miss_kind("Nachkriegszeit - Teil 49", "La Nachkriegszeit - Teil 49", found, []) == (
        "words dropped, no separator"
    )
    assert miss_kind("Teil 49", "Nachkriegszeit - Teil 49", found, []) == (
        "a segment or kicker cut that the gold keeps"
    )
    assert miss_kind("davidbau.com", "Vibe Coding", found, ["davidbau.com"], "davidbau") == (
        "an h1 that is the site's name or a label taken"
    )
    treatise = "*A Treatise on Coffee* (1792)"
    assert miss_kind(treatise, "A Treatise on Coffee (1792)", found, []) == (
        "case, quotes, markup or spacing"
    )
    assert miss_kind(None, "Anything", found, []) == "no title"


def test_title_split_cues(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import title_split

    failed, tried = doctest.testmod(title_split)
    assert tried >= 6 and failed == 0
    row = {"slug": title_split.slug_words("https://a.ch/der-nervenkrieg-um-den-brexit-geht-weiter")}

    def cand(text: str) -> dict[str, object]:
        return {"text": text, "words": title_split.words_of(text)}

    assert title_split.spelled(row, cand("Der Nervenkrieg um den Brexit geht weiter"))
    assert not title_split.spelled(row, cand("Brexit: Nervenkrieg geht weiter"))
    assert not title_split.spelled({"slug": []}, cand("Der Nervenkrieg"))


def test_title_split_halves_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import title_split

    off = dict.fromkeys(title_split.PAIR_CUES, False)
    # the cleaner took the metadata title; the gold is the h1, which JSON-LD words
    pair = {
        "cues": {**off, "JSON-LD words H": True},
        "ours": "M",
        "gold": "H",
        "row": {"site": "a"},
    }
    kept = {"cues": off, "ours": "M", "gold": "M", "row": {"site": "b"}}
    rules = dict(title_split._rules(over_ours=True))
    rule = rules["H when JSON-LD words H, else the cleaner's"]
    assert title_split._score([pair, kept], rule) == (1, 0, {"a"}, set())
    # in the cleaner's place the other side is taken where the cue does not hold
    placed = dict(title_split._rules(over_ours=False))["H when JSON-LD words H, else M"]
    assert (placed(pair), placed(kept)) == ("H", "M")
    assert title_split._score(
        [kept], rules["H when not (JSON-LD words H), else the cleaner's"]
    ) == (
        0,
        1,
        set(),
        {"b"},
    )


def test_title_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import title_forms
    from title_forms import form_of

    failed, tried = doctest.testmod(title_forms)
    assert tried >= 5 and failed == 0
    assert form_of("Corona: Autohäuser öffnen | MDR.DE", "Autohäuser öffnen")[0] == (
        "more before and after"
    )
    # the benchmark takes one site segment more or less: two are a form
    assert form_of("Teil 49", "Die Nachkriegszeit - Teil 49")[0] == "right"
    assert form_of("Teil 49", "Bos - Nachkriegszeit - Teil 49") == (
        "the gold goes on before: a segment and a separator",
        "Bos - Nachkriegszeit - ",
    )
    assert (
        form_of("Rezept", "Rezept: Kuchen")[0] == "the gold goes on after: a colon and a subtitle"
    )
    assert form_of("8 Trends", "Trends")[0] == "more before: bare words"
    assert form_of(None, "Anything")[0] == "another wording"
    assert all(form in title_forms.FORMS for form in ("right", title_forms.OTHER))


def test_title_witness(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import title_witness
    from title_witness import decided_by, relation

    failed, tried = doctest.testmod(title_witness)
    assert tried >= 6 and failed == 0
    assert relation("Headline", "Site - Headline") == "trafilatura longer before by a segment"
    assert relation("Kicker: Headline", "Headline") == "cleaner longer before by a segment"
    assert relation("8 Trends", "Trends") == "cleaner longer before by bare words"
    assert relation("Same words", "same words!") == "the same"
    assert relation(None, "Anything") == "one of them none"
    assert relation("Blue sky", "Green grass") == "reworded (no word shared)"
    # the rule that decided: the marked headline and the heading above the story come last
    chosen = ("choose_title", ("Title", ["Headline"], None), "Headline")
    assert decided_by([chosen, ("heading_above_story", (), "Above")]) == "heading above the story"
    assert decided_by([("_held_whole", (), True), ("_printed_kicker", (), False), chosen]) == (
        "printed h1: held whole"
    )
    # a kicker the page prints beside the h1 keeps the title: no rule of the printed h1 gave it
    guarded = [("_held_whole", (), True), ("_printed_kicker", (), True)]
    assert decided_by([*guarded, ("headline_title", (), "Title"), (*chosen[:2], "Title")]) == (
        "metadata title or the h1 it frames"
    )
    # the h1 setting the title's words with other marks, only where it gave another text
    printed = ("_as_printed", ("Big - news", ["Big: news"]), "Big: news")
    assert decided_by([printed]) == "printed h1: the same words, other marks"
    kept = ("_as_printed", ("Big news", ["BIG NEWS"]), "Big news")
    assert decided_by([kept]) == "metadata title or the h1 it frames"

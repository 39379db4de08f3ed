"""training.stability's pieces: the seeds' site shares and the figures over models (no corpus
needed)."""

from __future__ import annotations

from training.stability import VARIANTS, _in_share, summary


def test_a_seed_keeps_about_its_share_of_sites_and_seeds_differ() -> None:
    sites = [f"site{n}.example" for n in range(2000)]
    kept = [{s for s in sites if _in_share(s, seed, 0.9)} for seed in (0, 1)]
    assert all(1700 < len(k) < 1900 for k in kept)
    assert kept[0] != kept[1]
    assert kept[0] == {s for s in sites if _in_share(s, 0, 0.9)}  # fixed by the seed


def _run(starts: list[str], firsts: list[bool]) -> dict[str, object]:
    return {
        "agg": {},
        "rendered": {
            f"d{n}": {
                "first": first,
                "title": None,
                "chrome": (1, 2),
                "story": (2, 2),
                "start": start,
                "headline": "h",
            }
            for n, (start, first) in enumerate(zip(starts, firsts, strict=True))
        },
    }


def test_flip_rate_is_the_share_of_dumps_whose_start_differs_between_models() -> None:
    a = _run(["x", "y", "z", "w"], [True, True, False, False])
    b = _run(["x", "y", "q", "w"], [True, False, False, False])
    figures = summary([a, b])
    assert figures["flip_start"] == 0.25
    assert figures["flip_title"] == 0.0
    assert figures["first"] == 0.375  # 2/4 and 1/4, averaged over the models
    assert figures["leak"] == 0.5 and figures["ret"] == 1.0


def test_the_word_filters_drop_word_identity_only() -> None:
    feats = ["bias", "first:the", "-1:first:by", "last:~", "1:w:5", "2:first:x"]
    assert VARIANTS["noneighbour"] is not None and VARIANTS["nowords"] is not None
    assert VARIANTS["noneighbour"](feats) == ["bias", "first:the", "last:~", "1:w:5"]
    assert VARIANTS["nowords"](feats) == ["bias", "1:w:5"]

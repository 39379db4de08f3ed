"""What each compiled module follows: the Python code whose hash it names.

``_ctext.c`` and ``_cfeatures.c`` repeat some of the package's Python; each names the hash
(:mod:`cleaner.code_hash`) of the code it was written against, and that code is listed here:
per compiled module and hash attribute, the files (relative to the package folder) and the
top-level definitions of each (``None``: the whole module), in order.

Plain data that imports nothing: ``setup.py`` reads it, without importing the package, to
record at build time what the sources were (``BUILT_SOURCES``), so that a process whose
sources are still the build's does not hash their code again (:func:`.code_hash.compiled_module`).
"""

from __future__ import annotations

#: One file's part of the code: its path under ``cleaner/`` and the top-level names taken
#: (``None``: the whole module).
Part = tuple[str, tuple[str, ...] | None]

#: ``_ctext``'s ``SOURCE_HASH``: text_blocks.py, and the functions of other modules (with the
#: patterns they use) it computes too: the sentence end, and the normalization of an ASCII
#: paragraph (done in C when it is handed one of the two).
TEXT_BLOCKS: tuple[Part, ...] = (
    ("text_blocks.py", None),
    ("lexicon.py", ("ends_sentence",)),
    (
        "normalize.py",
        (
            "normalize_line",
            "normalize_printable_line",
            "collapse_spaces",
            "strip_invisible",
            "has_invisible",
            "_INVISIBLE",
            "_ODD_SPACES",
        ),
    ),
)

#: ``_cfeatures``'s ``SOURCE_HASH``: the story features' module and the topic cue's.
FEATURES: tuple[Part, ...] = (("passes/features.py", None), ("passes/topic.py", None))

#: ``_cfeatures``'s ``HEADLINE_HASH``: what ``content_words``, ``content_shares``,
#: ``first_words``, ``page_keys`` and ``candidate_features`` (each candidate's features, the loop of
#: ``python_features``) compute of headline.py's code, with :func:`cleaner.blocks.word_count`
#: and the sentence end.
HEADLINE: tuple[Part, ...] = (
    (
        "passes/headline.py",
        (
            "_WORD",
            "_CONTENT",
            "_HEADING_MARK",
            "_CJK",
            "_CJK_RUN",
            "_ASCII_WORD_BYTES",
            "_ASCII_LETTER_BYTES",
            "_HEAD_CHARS",
            "strip_heading_mark",
            "_key",
            "_first_word",
            "_first_words",
            "_content_words",
            "_content_shares",
            "_page_keys",
            "_SUFFIX",
            "words_of",
            "_fifths",
            "_words_bucket",
            "_Page",
            "python_features",
            "_shape_features",
            "_repeat_features",
        ),
    ),
    ("blocks.py", ("word_count",)),
    ("lexicon.py", ("ends_sentence",)),
)

#: ``engine._cengine``'s ``SOURCE_HASH``: what it computes of the rule engine's plan (each
#: block's candidate rules, the site packs' signature keys) and of the block keys and scopes.
ENGINE: tuple[Part, ...] = (
    ("engine/apply.py", ("_SIGNATURE_MAX", "_signature_keys", "_Plan", "_Bucket")),
    ("article.py", ("Removal",)),
    (
        "engine/model.py",
        (
            "_EDGE_PUNCT",
            "_ENCLOSERS",
            "_unenclosed",
            "line_key",
            "block_key",
            "BlockView",
            "Scope",
            "may_match",
        ),
    ),
)

#: ``_cfeatures``'s ``CRF_HASH``: what ``join_records``, ``weighted_records`` and
#: ``score_blocks`` follow of crf.py: the order of a block's records, the headline model's
#: records of valued attributes (their layout), and the model's state table they are summed from.
CRF: tuple[Part, ...] = (
    (
        "passes/crf.py",
        ("_ATTRIBUTE", "_NEIGHBOURS", "state_table", "joined_records", "weighted_records"),
    ),
)

#: ``_cfeatures``'s ``NEXT_STORY_HASH``: core.next-story's scan of the page (each block's
#: headline shape, the blocks a rule line may be) and of the kept blocks (where it looks
#: further), with the word count and the sentence end they ask.
NEXT_STORY: tuple[Part, ...] = (
    ("passes/next_story.py", ("python_page_scan", "python_candidates")),
    ("blocks.py", ("is_story_paragraph", "word_count")),
    ("lexicon.py", ("ends_sentence",)),
)

#: ``_cfeatures``'s ``PRINTED_TWICE_HASH``: core.caption-twice's walk of the kept blocks (the
#: story's paragraphs, the blocks printed twice in a row or doubled in one, the captions a rule
#: credited, whose copies it asks of its callback), with the word count and the sentence end.
PRINTED_TWICE: tuple[Part, ...] = (
    (
        "passes/story.py",
        (
            "python_printed_twice",
            "_TEXT",
            "_INDEX",
            "_FIRST",
            "_ODD",
            "_doubled",
            "_twice",
            "_sentence_like",
            "_credited_captions",
        ),
    ),
    ("blocks.py", ("is_story_paragraph", "word_count")),
    ("lexicon.py", ("ends_sentence",)),
)

#: ``_cfeatures``'s ``REPEATS_HASH``: what ``repeat_facts`` computes before drop_repeats' walk:
#: core.caption-repeat's test of the kept blocks (a length, a word count, the first long word,
#: the repeat key inside a caption's), with the key and the word count, and whether the blocks'
#: repeat keys are distinct.
REPEATS: tuple[Part, ...] = (
    (
        "passes/repeats.py",
        ("_shares_first_word", "_inside_caption", "caption_facts", "python_caption_hits"),
    ),
    ("lexicon.py", ("_NON_WORD", "_ASCII_NON_WORD", "text_key")),
    ("blocks.py", ("word_count",)),
    ("structure.py", ("repeat_keys", "keys_distinct", "_without_dateline")),
)

#: ``_cfeatures``'s ``SIGNOFF_HASH``: model.next-story's first look for a feed's sign-off
#: (the blocks of the page that hold its piece), which ``signoff_blocks`` computes.
SIGNOFF: tuple[Part, ...] = (("passes/story.py", ("_FEED_SIGNOFF_PIECE", "python_signoff_blocks")),)

#: ``_cfeatures``'s ``HOLDS_ANY_HASH``: core.caption-position's word test (whether one of some
#: words is in a text), which ``holds_any`` computes.
HOLDS_ANY: tuple[Part, ...] = (("passes/caption_position.py", ("python_holds_any",)),)

#: Per compiled module (its name under ``cleaner/``), its hash attributes and what each follows.
COMPILED: dict[str, dict[str, tuple[Part, ...]]] = {
    "_ctext": {"SOURCE_HASH": TEXT_BLOCKS},
    "passes._cfeatures": {
        "SOURCE_HASH": FEATURES,
        "HEADLINE_HASH": HEADLINE,
        "CRF_HASH": CRF,
        "NEXT_STORY_HASH": NEXT_STORY,
        "PRINTED_TWICE_HASH": PRINTED_TWICE,
        "REPEATS_HASH": REPEATS,
        "SIGNOFF_HASH": SIGNOFF,
        "HOLDS_ANY_HASH": HOLDS_ANY,
    },
    "engine._cengine": {"SOURCE_HASH": ENGINE},
}

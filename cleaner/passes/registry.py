"""The registry of passes that are code rather than rule files.

Rules (``rules/*.toml``) carry their own id, description and examples. The steps written in
code — the structural passes of :mod:`cleaner.structure` and the learned story labeller of
:mod:`cleaner.passes.story` — are registered here with the same three things, so that
``cleaner-rules list``/``show`` list them, ``--disable ID`` leaves them out, and every removal
they make names them in ``Article.removed``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..engine import RuleSet


@dataclass(frozen=True, slots=True)
class Pass:
    """One registered step: its id (as shown in ``removed``), what it does, where it lives,
    and examples of what it takes (input → what becomes of it)."""

    id: str
    description: str
    where: str
    examples: tuple[str, ...] = ()
    #: The paths it runs on: "text", "html" or both.
    paths: tuple[str, ...] = ("text",)


#: The labels of the story model that take a block out of the body, each a pass id of its own
#: (``model.chrome`` …). ``model`` disables them all.
MODEL_LABEL_IDS = (
    "model.title",
    "model.standfirst",
    "model.byline",
    "model.date",
    "model.caption",
    "model.credit",
    "model.contrib",
    "model.copyright",
    "model.teaser",
    "model.chrome",
    "model.header",
    "model.next-story",
)

PASSES: tuple[Pass, ...] = (
    Pass(
        "model",
        "The learned story labeller (a linear-chain CRF over a text dump's blocks): labels each "
        "block the rules kept as story, headline, standfirst, byline, date, caption, credit, "
        "contributor line, copyright, another story's teaser or chrome; removals are recorded "
        "as model.<label> with the model's probability. Disabling it brings back the "
        "hand-set structural passes (core.above-headline, core.standfirst, "
        "core.trailing-furniture).",
        "cleaner/passes/story.py",
        (
            "'Latest news with #SuHaijin' above the headline → removed (model.chrome)",
            "'Singapore PM Wong reminds PAP MPs …' before the byline → title",
            "'Read next: …' after the story → removed (model.teaser)",
        ),
    ),
    *(
        Pass(
            label_id,
            f"The story labeller's '{label_id.split('.', 1)[1]}' decisions "
            "(disable to keep such blocks in the body).",
            "cleaner/passes/story.py",
        )
        for label_id in MODEL_LABEL_IDS
        if label_id not in ("model.next-story", "model.header")
    ),
    Pass(
        "model.header",
        "Between the headline and the story's first paragraph, blocks the story model kept that "
        "read as no sentence (fewer than eight words or no sentence end: a date line, a name, "
        "a kicker, a photo credit) are the header's: removed.",
        "cleaner/passes/story.py:decide",
        ("'Updated: Sep 19' between the headline and the first paragraph → removed",),
    ),
    Pass(
        "model.headline",
        "The headline model (a second, small CRF over the short blocks above the story, seeing "
        "what the story model says of each and of its neighbours, its copies on the page, the "
        "lede's words, a byline or date under it): chooses a text dump's headline when no rule "
        "found one; the block it chooses leaves the body for the title field. Disabled (or "
        "with model.title), the hand-set headline finder's guess is the title.",
        "cleaner/passes/headline.py",
        ("'Rubio will meet Russian foreign minister …' above 'By MATTHEW LEE' → title",),
    ),
    Pass(
        "model.fallback",
        "When the story model keeps no story paragraph of a text dump, the likeliest run of "
        "two or more story paragraphs it took away (60 words or more, by their length and the "
        "model's probability of story) stays as the body: a story the model doubts as a whole "
        "is not lost.",
        "cleaner/passes/story.py:fallback_run",
        ("a Japanese story's paragraphs, each taken for chrome at 0.96-0.98 → the body",),
    ),
    Pass(
        "model.next-story",
        "After the story has run two paragraphs, a block the story model takes for a headline "
        "(probability 0.8 or more) starts the next story (feed and tag pages): it and all that "
        "follows go. So do a headline-like line over the page's first dateline (a story's own "
        "opens its lede) with all below it, the label lines above a rule's cut at another "
        "story's dateline, and all below a feed's sign-off ('The post … appeared first on …').",
        "cleaner/passes/story.py:decide",
        ("'Police name victim of Sunday's crash' after the story, then its text → removed",),
    ),
    Pass(
        "model.clean-story",
        "A text dump that is one clean story — no rule took any block, every block a story "
        "paragraph that ends a sentence or a subhead between two — keeps every block: the "
        "story model's labels are not asked (a story cleaned again comes back as it is).",
        "cleaner/passes/story.py:one_clean_story",
        ("three story paragraphs, a subhead between two of them → all kept, no title",),
    ),
    Pass(
        "core.above-headline",
        "Without the model: menus, labels and teaser headlines above a text dump's headline "
        "(the headline vouched for by a byline or date below it).",
        "cleaner/structure.py:drop_above",
        ("'Home', 'World', 'Sport' above 'Rubio visits Malaysia' / 'By MATTHEW LEE' → removed",),
    ),
    Pass(
        "core.standfirst",
        "Without the model: blocks between a text dump's headline and a byline or date printed "
        "before the story's first paragraph (dek, kicker, section label).",
        "cleaner/structure.py:drop_standfirst",
        ("'The minister spoke for an hour.' between the headline and 'By JANE DOE' → removed",),
    ),
    Pass(
        "core.trailing-furniture",
        "Without the model: after a text dump's last story sentence, short label lines and runs "
        "of three or more headline-long lines (lists of links), known by their shape. A named "
        "heading that opens the trailing chrome ('Related Articles', 'Comments') is the rule "
        "generic.trailing-section's, on every path: it drops what follows it.",
        "cleaner/structure.py:drop_tail",
        ("'Share this' / 'More from World' after the last paragraph → removed",),
    ),
    Pass(
        "core.repeated-title",
        "The headline wherever the page repeats it as a block of its own; on an HTML page, "
        "also the body's first block when it is the headline run in with a kicker, a label or "
        "the site's name (up to 12 words more, no full stop at its end).",
        "cleaner/structure.py:drop_title_repeats, drop_title_run_in",
        (
            "a headline printed twice above the story → the second copy removed",
            "HTML: 'Bridge vote Council votes for a bridge' opening the body under that "
            "headline → removed",
        ),
        ("text", "html"),
    ),
    Pass(
        "core.repeated-block",
        "A paragraph of six or more words printed twice appears once.",
        "cleaner/structure.py:drop_repeats",
        ("the same paragraph printed again under a photo → the second copy removed",),
        ("text", "html"),
    ),
    Pass(
        "core.caption-twice",
        "With the story model: inside a text dump's story (under the headline, above a story "
        "paragraph the model keeps), a block of five words or more printed twice in a row — "
        "the same, or the second with a photo credit of up to 60 characters added — is a "
        "caption: the copy that holds the other goes to the captions, the other is removed.",
        "cleaner/passes/story.py:printed_twice",
        (
            "'A Toronto Police Service cruiser.' / 'A Toronto Police Service cruiser. Nick "
            "Westoll / File / Global News' between headline and lede → the second a caption",
        ),
    ),
    Pass(
        "core.caption-position",
        "With the story model: a text dump's block of at most 40 words that places the people "
        "in a picture (', left,', '(left)', 'from left to right', '(links)', 'v. l. n. r.', "
        "'de gauche à droite' …) is a caption, whatever label the model gave it.",
        "cleaner/passes/caption_position.py:places_people",
        (
            "'Sir Tony Blair (left) being interviewed by Dylan Jones' between paragraphs → a "
            "caption",
        ),
    ),
    Pass(
        "core.caption-marker",
        "With the story model: a text dump's block of at most 40 words with a mark only a "
        "caption carries is a caption, whatever label the model gave it: the picture's kind in "
        "parentheses ('(Archivbild)', '(file photo)', '(stock image)', '(foto de archivo)' …), an "
        "open parenthesis before a block opening with a photo label ('Image:'), the Japanese "
        "'＝' before the place and date. A wire service's caption formula ('In this … photo/"
        "handout, …', 'This photo … shows/provided by …', 'FILE - …', 'FILE PHOTO: …', '… in "
        "this illustration taken …'; at most 120 words) or a parenthesised kind closing the "
        "block ('… (File).') is a caption even where the model keeps it as a story paragraph, "
        "and a photo credit line under it ('AP PHOTO/FILE') joins it; above the story's first "
        "paragraph, so is a block closing with a caption's date (', Germany, December 21, "
        "2024.') from which wire.agency-signoff cut an agency's sign-off, which becomes the "
        "caption's credit.",
        "cleaner/passes/caption_marker.py:marks_caption, caption_formula, dated_caption",
        (
            "'Annalena Baerbock bei einer Pressekonferenz (Archivbild)' between paragraphs → a "
            "caption",
            "'This photo combo shows from left, …' / 'AP PHOTO/FILE' over the lede → one caption "
            "with its credit",
        ),
    ),
    Pass(
        "core.credit-form",
        "With the story model: a text dump's block of at most 60 words that the model takes "
        "away as chrome, a teaser or a standfirst goes to the credits when its form is a "
        "contributor line ('(Reported by …; Editing by …)', '– additional reporting by …', "
        "'Edited by …') or names where the story was first published ('This article was first "
        "published in …', 'Originally published on …').",
        "cleaner/passes/credit_form.py:credit_form",
        (
            "'(Reported by Shinichi Saoshiro; Editing by Yoko Nishikawa)' under the story, taken "
            "for chrome → a credit",
        ),
    ),
    Pass(
        "core.unended-opener",
        "With the story model: the first block left in a text dump's body, when it has fewer "
        "than 60 words, ends no sentence (nor with a colon, comma or dash the next block goes "
        "on from), is no one-sentence dek of 20 words or more, and a story paragraph follows "
        "it, stands above the lede (a caption, a breadcrumb, another story's headline, a "
        "share row): removed, and so is the next block when the same holds of it.",
        "cleaner/passes/unended_opener.py:unended_opener",
        ("'You are here: Home / Blog / Oklahoma / …' over the first paragraph → removed",),
    ),
    Pass(
        "core.dek-over-byline",
        "With the story model: the first block left in a text dump's body, of 8 to 60 words, "
        "when the headline stands above it, a byline or date line the rules took at most 4 "
        "blocks under it, and a story paragraph follows, is the dek printed above the byline: "
        "removed.",
        "cleaner/passes/dek_byline.py:dek_over_byline",
        (
            "'Berlin. Die Ex-Außenministerin tritt heute ihren Job an …' over 'Von Christian "
            "Unger' → removed",
        ),
    ),
    Pass(
        "core.list-under-lead",
        "With the story model: a run of list items (printed with a bullet or a number) that "
        "the model took out, between two blocks the body keeps of which the first ends with a "
        "colon, is the list the story introduces: it stays in the body. Never a block routed "
        "to a field, nor the headline.",
        "cleaner/passes/list_lead.py:keep_list_runs",
        ("'Some common markers include:' over '* Clicker' '* A word' → the items stay",),
    ),
    Pass(
        "core.story-resumes",
        "With the story model: when the rules' last cut was a drop-rest heading "
        "(generic.trailing-section, generic.more-from) and the body runs to within 6 blocks "
        "of it, and the blocks between it and the first story paragraph that ends a sentence "
        "(within 20 blocks) are a box of teasers (3 headlines or more, no line ending with a "
        "full stop), the story paragraphs that end a sentence under the box come back (two "
        "among the first three; then every one until more than 2 other blocks stand in a "
        "row, or, where a box stands again, under it). Nothing else below the heading comes "
        "back.",
        "cleaner/passes/story_resumes.py:keep_resumed",
        (
            "'More on World' over teaser headlines, then the story's paragraphs → the "
            "paragraphs stay",
        ),
    ),
    Pass(
        "core.stray-below",
        "With the story model: the body's blocks in runs of page neighbours; a run below the "
        "story's (the run of most words) of fewer than 30 words, with at least 5 of the "
        "page's blocks taken out above it and as many below it (or nothing kept below it), "
        "is furniture kept among the page's chrome (a teaser's line, a login prompt, a "
        "reader's review): removed.",
        "cleaner/passes/stray_below.py:drop_stray_below",
        (
            "'Bitte logge dich ein, um diese Funktion nutzen zu können.' among the chrome under "
            "the story → removed",
        ),
    ),
    Pass(
        "core.date-line",
        "With the story model: a block the body kept that is only a date or time stamp "
        "(maybe labelled, with a weekday, a time zone, and a source's or writer's name after a "
        "separator), anywhere in a text dump: the dates under other stories' teasers on feed "
        "and tag pages, an archive's dates, a live page's times. Removed (the rules take the "
        "story's own date near the top to the date field).",
        "cleaner/passes/date_line.py:drop_date_lines",
        ("'12/19/2025 • Mises Wire • Ann Lee' under another story's teaser → removed",),
    ),
    Pass(
        "core.header-date",
        "With the story model, when no date was found: the first short block (16 words at "
        "most) between the headline and the body's first block that holds a date gives the "
        "date field (the block stays out of the body, under the id that took it out).",
        "cleaner/passes/header_date.py:header_date",
        ("'Published August 13, 2025' under the headline, the menus above it → date",),
    ),
    Pass(
        "core.doubted-opener",
        "With the story model: the first block left in a text dump's body, a story paragraph "
        "of fewer than 40 words that the model gives less than half of being story, over a "
        "story paragraph it gives half or more, stands above the lede (a dek, a caption, a "
        "notice, a one-line bio): removed with the model's probability that it is no story. "
        "Not the block the rules took the dateline from, nor one under a byline or date "
        "line the rules took below the headline.",
        "cleaner/passes/doubted_opener.py:doubted_opener",
        (
            "'If you get Global News from Instagram or Facebook - that will be changing.' over "
            "the lede → removed",
        ),
    ),
    Pass(
        "core.dek-over-header",
        "With the story model: the first block left in a text dump's body, a story paragraph "
        "of 8 to 59 words ending a sentence that the model gives less than 0.8 of being story, "
        "over a block the model labels a byline, a date or a credit (0.5 or more together) "
        "and then a story paragraph that does not go on from it (lower case, a pronoun or a "
        "connective), is the page's dek: removed with the model's probability that it is no "
        "story. Not the block the rules took the dateline from, nor one under a byline or "
        "date line the rules took below the headline.",
        "cleaner/passes/dek_header.py:dek_over_header",
        (
            "'Whether you're climbing peaks or taking the family to the local park, we've found "
            "the best …' over 'Photograph: …' over the lede → removed",
        ),
    ),
    Pass(
        "core.above-dateline",
        "With the story model: when the paragraph that opens with the page's dateline (the "
        "rules') is among the body's first three blocks, the blocks above it that each end a "
        "sentence (a note, a dek printed between headline and lede) leave the body.",
        "cleaner/passes/dateline_lede.py:drop_above_dateline",
        ("'The meeting begins at 7 p.m.' over 'BELCHERTOWN -- Whether the town …' → removed",),
    ),
    Pass(
        "core.place-dateline",
        "With the story model, when the rules took no dateline: the body's first paragraph "
        "opening with one to three capitalised words (a place, not a label such as 'Update' or "
        "'Video'), an optional ', Region', a spaced dash and a lede that reads as a story "
        "paragraph (18 words and a sentence end, or 35 words) gives its place to the dateline "
        "field ('Jakarta – Mob violence rocked …'); so does a place in capitals with a date "
        "before the dash ('SILVER SPRING, Md., March 4, 2025 --'), a date after it ('South San "
        "Francisco, CA -- March 3, 2025 --'), or a place and a colon when the lede or the two "
        "paragraphs below name the place again ('MAGDEBURG: German police …').",
        "cleaner/passes/place_dateline.py:take_place_dateline",
        ("'Vught - Camerabeelden van een brandstichter …' → dateline 'Vught -'",),
    ),
    Pass(
        "core.date-opener",
        "With the story model: the body's first paragraph opening with a date and a dash, no "
        "place ('THURSDAY, March 6, 2025 --', HealthDay's copy), and a lede that reads as a "
        "story paragraph: the date goes to the date field (after any found before it), the "
        "lede stays.",
        "cleaner/passes/date_opener.py:take_date_opener",
        ("'THURSDAY, March 6, 2025 -- The U.S. Food and Drug …' → date 2025-03-06",),
    ),
    Pass(
        "core.author-bio",
        "The bio of the page's author: a paragraph that opens with the author's name (or its "
        "given name) and 'is', 'was', 'writes', 'covers' … ('Ann Lee is a freelance writer "
        "living in Ohio.'); in HTML among the body's last four blocks, in a text dump (with the "
        "story model) anywhere after the story's first paragraph, where a person's name, 'is "
        "a' and a writer's role ('… is a reporter for …') need no byline.",
        "cleaner/html/closing.py:closing_chrome, cleaner/passes/author_bio.py:drop_author_bio",
        (
            "'Ann Lee is a freelance writer living in Ohio.' after the story by Ann Lee → removed",
            "'Sarah Schwartz is a reporter for Education Week …' after the story → removed",
        ),
        ("html", "text"),
    ),
    Pass(
        "core.comment-section",
        "With the story model: a text dump's comment section — a count heading ('36 "
        "Comments', '3 thoughts on “…”', '13 responses') after two story paragraphs, with a "
        "comment's mark within eight blocks below ('Name says:', 'Reply', '1 year ago', a time "
        "of day) — and all below it.",
        "cleaner/passes/comment_section.py:drop_comment_section",
        ("'36 Comments' / 'Diana says' / 'Hi Melissa …' / 'Reply' after the story → removed",),
    ),
    Pass(
        "core.next-story",
        "With the story model: on a text dump that prints one story after another (a feed, "
        "tag or digest page), the next story and all below it. After two story paragraphs, "
        "a line the rules took as a story's ending (its source or credit line, a copyright "
        "line, a rule line of dashes) stands before a kept block, and the kept blocks from "
        "there up to two story paragraphs, in the story's language, share at most 15% of "
        "their content words with the headline and the story above. Instead of the ending, "
        "the next story's header: a headline over its date line or byline (after three "
        "story paragraphs; over a date line, after two) or right under its date line, where "
        "the story does not go on below.",
        "cleaner/passes/next_story.py:drop_next_story",
        (
            "'Source: DPA' / 'Haselbach: Woman rolled over by tractor' / 'A woman was hit by a "
            "tractor …' after the story → removed",
        ),
    ),
    Pass(
        "core.call-to-action",
        "In HTML, among the body's last six blocks, a short line that asks the reader to act: "
        "'Follow me on …', 'Join our …', 'Sign up', 'Click here …', 'Thanks for reading!'.",
        "cleaner/html/closing.py:closing_chrome",
        ("'Want more DIY projects? Follow me on Pinterest.' after the story → removed",),
        ("html",),
    ),
    Pass(
        "core.overlay",
        "In HTML, a body line the page prints in a box that opens over it or beside a word and "
        "does not hold the story: a modal, a popup, a tooltip, a lightbox or a sign-up form "
        "(by class: 'modal', 'newsletter-signup', 'c-inlineSignup').",
        "cleaner/html/overlays.py:overlay_chrome",
        ("'Want to see your potential revenue?' in a div.modal inside the story's box → removed",),
        ("html",),
    ),
    Pass(
        "core.related-link",
        "In HTML, a line that sends the reader to another story: a read-also label ('Les også', "
        "'À lire aussi', 'Lesen Sie auch', 'Noticia relacionada' …) followed by the whole text "
        "of a link on the page, colon or not; or the label alone, with the body's next lines "
        "that are each a link's whole text.",
        "cleaner/html/related.py:related_links",
        ("'À lire aussi La natalité russe menacée' (the headline a link) → removed",),
        ("html",),
    ),
    Pass(
        "core.linked-teaser",
        "In HTML, a body line printed by a paragraph inside a link that reads as a story's "
        "paragraph: another story's excerpt on a teaser card (the whole card one link).",
        "cleaner/html/related.py:linked_teasers",
        ("a 130-word excerpt in <a href='/other-story'><p>…</p></a> after the story → removed",),
        ("html",),
    ),
    Pass(
        "core.embedded-post",
        "In HTML, a body line printed in a social network's embedded post (a blockquote of "
        "class 'twitter-tweet', 'instagram-media', 'tiktok-embed' …) that does not hold the "
        "story: the post's text and its sign-off '— Name (@handle) July 18, 2026'.",
        "cleaner/html/embeds.py:embedded_posts",
        ("'— RT (@RT_com) July 16, 2026' in a blockquote.twitter-tweet → removed",),
        ("html",),
    ),
    Pass(
        "core.caption-repeat",
        "A caption's text printed again beside it (alt text, a teaser of the caption). In "
        "HTML the reader marks a caption's copies itself (cleaner/html/captions.py).",
        "cleaner/structure.py:drop_repeats",
        ("'Police at the scene' (alt text) beside the caption 'Police at the scene. Photo: AP'",),
    ),
)

_BY_ID = {p.id: p for p in PASSES}


def pass_by_id(pass_id: str) -> Pass | None:
    """The registered pass with this id, if any."""
    return _BY_ID.get(pass_id)


def known_ids(rules: RuleSet) -> frozenset[str]:
    """Every id ``--disable`` accepts: the rules' ids and aliases, and the passes' ids."""
    ids = {p.id for p in PASSES}
    for rule in rules.rules:
        ids.add(rule.id)
        ids.update(rule.aliases)
    return frozenset(ids)


def split_disabled(disabled: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The ids to disable, as (rule ids, pass ids). ``model`` stands for all its labels."""
    rules: set[str] = set()
    passes: set[str] = set()
    for item in disabled:
        if item in _BY_ID:
            passes.add(item)
            if item == "model":
                passes.update(MODEL_LABEL_IDS)
        else:
            rules.add(item)
    return frozenset(rules), frozenset(passes)

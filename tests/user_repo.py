"""A user's repository in miniature: one rule folder and one fixture, for the CLI and hook tests."""

from __future__ import annotations

from pathlib import Path

RULE = """\
[pack]
description = "The Riverside Gazette's page chrome."

[[rule]]
id = "gazette.digest-promo"
description = "The daily digest promo printed under every headline."
action = "drop"
[rule.match]
phrases = ["Look for the Riverside Gazette Daily Digest at every newsstand."]
[rule.examples]
match = ["Look for the Riverside Gazette Daily Digest at every newsstand.", "LOOK FOR THE RIVERSIDE GAZETTE DAILY DIGEST AT EVERY NEWSSTAND:"]
no_match = ["Readers can get the Riverside Gazette Daily Digest by mail, the editor said."]
"""

# The promo stands inside the story and reads as a sentence: the story model leaves it to the
# rule (a fixture test must see the rule's change).
PAGE = """\
Council approves new park for the riverside

The city council approved a new park on Monday after a long debate about the
riverside land and its future.

Look for the Riverside Gazette Daily Digest at every newsstand.

The park will open next year, the mayor said.
"""

BODY = (
    "The city council approved a new park on Monday after a long debate about the riverside "
    "land and its future.\n\nThe park will open next year, the mayor said."
)


def make_user_repo(root: Path) -> Path:
    """Write rules/gazette.toml and fixtures/gazette/council-park.txt (no expectation yet)."""
    (root / "rules").mkdir(parents=True, exist_ok=True)
    (root / "fixtures" / "gazette").mkdir(parents=True, exist_ok=True)
    (root / "rules" / "gazette.toml").write_text(RULE, encoding="utf-8")
    (root / "fixtures" / "gazette" / "council-park.txt").write_text(PAGE, encoding="utf-8")
    return root


def break_rule(root: Path) -> None:
    """A rule change that alters the fixture: the promo is no longer recognised."""
    path = root / "rules" / "gazette.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "Look for the Riverside Gazette Daily Digest at every newsstand.", "Daily Digest"
        )
    )
    # keep the rule's own examples true to the new phrase
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            'match = ["Daily Digest", "LOOK FOR THE RIVERSIDE GAZETTE DAILY DIGEST AT EVERY NEWSSTAND:"]',
            'match = ["Daily Digest", "DAILY DIGEST:"]',
        ),
        encoding="utf-8",
    )

"""Differences between two lists of lines (paragraphs, list items), as a review shows them:
a unified diff without its file header, and the words that changed in a paragraph changed
only in part. Used by the fixture check and by the known-failure sidecars.
"""

from __future__ import annotations

import difflib


def unified(want: list[str], got: list[str], context: int = 1) -> list[str]:
    """A unified diff of two lists of lines (paragraphs), without the file header."""
    lines = difflib.unified_diff(want, got, "expected", "actual", n=context, lineterm="")
    return [line for i, line in enumerate(lines) if i >= 2]


def with_word_changes(lines: list[str]) -> list[str]:
    """After each run of removed then added paragraphs, a ``~`` line per pair that changed
    only in part, showing the change word by word: ``[-old-]{+new+}``.

    >>> with_word_changes(["-The park opens in May.", "+The park opens in June."])[-1]
    '~ The park opens in [-May.-] {+June.+}'
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].startswith("-"):
            j += 1
        k = j
        while k < len(lines) and lines[k].startswith("+"):
            k += 1
        if j == i:
            out.append(lines[i])
            i += 1
            continue
        out.extend(lines[i:k])
        for old, new in zip(lines[i:j], lines[j:k], strict=False):
            change = _word_change(old[1:], new[1:])
            if change:
                out.append("~ " + change)
        i = k
    return out


def _word_change(old: str, new: str, keep: int = 4) -> str | None:
    a, b = old.split(), new.split()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < 0.5:
        return None
    codes = matcher.get_opcodes()
    parts: list[str] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag == "equal":
            words = a[i1:i2]
            if n == 0 and len(words) > keep:
                words = ["…", *words[-keep:]]
            elif n == len(codes) - 1 and len(words) > keep:
                words = [*words[:keep], "…"]
            elif len(words) > 2 * keep:
                words = [*words[:keep], "…", *words[-keep:]]
            parts.append(" ".join(words))
            continue
        if i2 > i1:
            parts.append("[-" + _clip(a[i1:i2], keep) + "-]")
        if j2 > j1:
            parts.append("{+" + _clip(b[j1:j2], keep) + "+}")
    return " ".join(parts)


def _clip(words: list[str], keep: int) -> str:
    text = " ".join(words if len(words) <= 3 * keep else [*words[:keep], "…", *words[-keep:]])
    return text if len(text) <= 200 else text[:99] + "…" + text[-99:]

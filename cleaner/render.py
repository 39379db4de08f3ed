"""Article → the CLI's output formats: text (the body), json, jsonl, markdown."""

from __future__ import annotations

import json
from typing import Any

from .article import Article

FORMATS = ("text", "json", "jsonl", "markdown")


def to_json(article: Article, *, path: str | None = None, indent: int | None = 2) -> str:
    """JSON in contract field order; jsonl lines carry the input's ``path`` first."""
    data: dict[str, Any] = {"path": path} if path is not None else {}
    data.update(article.to_dict())
    return json.dumps(data, ensure_ascii=False, indent=indent)


def to_markdown(article: Article) -> str:
    """A readable Markdown page: headline, byline (else the authors' names: an HTML page's
    metadata names them where none is printed) and date, body, captions and credits."""
    parts: list[str] = []
    if article.title:
        parts.append(f"# {article.title}")
    meta = " · ".join(
        x
        for x in (
            article.byline or ", ".join(article.authors),
            article.dateline.raw.rstrip(" —–-") if article.dateline else None,
            article.date,
            article.source,
        )
        if x
    )
    if meta:
        parts.append(f"*{meta}*")
    if article.body:
        parts.append(article.body)
    parts.extend(f"> {caption}" for caption in article.captions)
    parts.extend(f"*{credit}*" for credit in article.credits)
    if article.copyright:
        parts.append(f"<small>{article.copyright}</small>")
    return "\n\n".join(parts)


def render(article: Article, fmt: str, *, path: str | None = None) -> str:
    """One Article in one of :data:`FORMATS`, without a trailing newline."""
    if fmt == "text":
        return article.body
    if fmt == "json":
        return to_json(article)
    if fmt == "jsonl":
        return to_json(article, path=path, indent=None)
    if fmt == "markdown":
        return to_markdown(article)
    raise ValueError(f"unknown format {fmt!r}")


def explain_lines(article: Article, limit: int = 80) -> list[str]:
    """``rule-id: "text…"`` for each removal, for the text and markdown formats' stderr."""
    lines = []
    for removal in article.removed or ():
        text = removal.text if len(removal.text) <= limit else removal.text[: limit - 1] + "…"
        lines.append(f"{removal.rule}: {json.dumps(text, ensure_ascii=False)}")
    return lines

"""The Article and its parts: the output contract. JSON field names live here and only here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Field order of an Article as JSON: the contract's order, used for every rendering.
FIELD_ORDER = (
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
    "removed",
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """A story's dateline: ``KUALA LUMPUR, Malaysia (AP) —`` → place, agency and the raw text."""

    place: str
    agency: str | None
    raw: str

    def to_dict(self) -> dict[str, Any]:
        return {"place": self.place, "agency": self.agency, "raw": self.raw}


@dataclass(frozen=True, slots=True)
class Removal:
    """One piece of text taken out of the story, and the id of the rule that took it."""

    rule: str
    text: str
    #: For a learned pass: the model's probability for its decision (SPEC: ``score``).
    score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"rule": self.rule, "text": self.text}
        if self.score is not None:
            data["score"] = self.score
        return data


@dataclass(frozen=True, slots=True)
class Article:
    """The story alone, with everything that is not the story moved to its own field.

    ``removed`` is ``None`` unless explanation was asked for; then it lists every removal.
    ``warnings`` says why an Article is empty or partial (never part of the JSON contract
    unless non-empty).
    """

    body: str = ""
    title: str | None = None
    authors: tuple[str, ...] = ()
    byline: str | None = None
    dateline: Dateline | None = None
    date: str | None = None
    source: str | None = None
    credits: tuple[str, ...] = ()
    copyright: str | None = None
    captions: tuple[str, ...] = ()
    removed: tuple[Removal, ...] | None = None
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def to_dict(self, *, with_removed: bool | None = None) -> dict[str, Any]:
        """The Article as plain JSON-ready data, keys in contract order.

        ``removed`` is included when explanation was on (or ``with_removed`` is true).
        """
        data: dict[str, Any] = {
            "title": self.title,
            "authors": list(self.authors),
            "byline": self.byline,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "date": self.date,
            "source": self.source,
            "credits": list(self.credits),
            "copyright": self.copyright,
            "captions": list(self.captions),
            "body": self.body,
        }
        include = self.removed is not None if with_removed is None else with_removed
        if include:
            data["removed"] = [r.to_dict() for r in self.removed or ()]
        if self.warnings:
            data["warnings"] = list(self.warnings)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Build an Article from its JSON form (as written by :meth:`to_dict`)."""
        dateline = data.get("dateline")
        removed = data.get("removed")
        return cls(
            title=data.get("title"),
            authors=tuple(data.get("authors") or ()),
            byline=data.get("byline"),
            dateline=Dateline(**dateline) if dateline else None,
            date=data.get("date"),
            source=data.get("source"),
            credits=tuple(data.get("credits") or ()),
            copyright=data.get("copyright"),
            captions=tuple(data.get("captions") or ()),
            body=data.get("body") or "",
            removed=tuple(Removal(**r) for r in removed) if removed is not None else None,
            warnings=tuple(data.get("warnings") or ()),
        )

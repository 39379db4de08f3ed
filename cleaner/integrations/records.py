"""An Article as a flat record for engines: the fields of the JSON contract less ``body``
(which goes where the engine keeps a document's text), and back."""

from __future__ import annotations

from typing import Any

from ..article import FIELD_ORDER, Article

#: The Article's fields other than ``body``, in contract order (``warnings`` last).
FIELDS = (*(name for name in FIELD_ORDER if name != "body"), "warnings")


def article_fields(article: Article) -> dict[str, Any]:
    """The Article's contract fields other than ``body`` (``removed`` and ``warnings`` only when
    there are some, as in its JSON)."""
    data = article.to_dict()
    data.pop("body")
    return data


def article_from(fields: dict[str, Any], body: str) -> Article:
    """An Article back from its fields and body (as :meth:`Article.from_dict` reads them)."""
    return Article.from_dict({**{k: v for k, v in fields.items() if k in FIELDS}, "body": body})

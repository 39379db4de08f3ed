"""cleaner.code_hash: what the hash a compiled module names counts, and what it does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.code_hash import code_hash, module_code

MODULE = '''"""A module."""

LIMIT = 3  # a comment


def shorten(text: str) -> str:
    """Cut a text."""
    return text[:LIMIT]
'''


def _code(tmp_path: Path, source: str, names: tuple[str, ...] | None = None) -> str:
    path = tmp_path / "followed.py"
    path.write_text(source, encoding="utf-8")
    return code_hash(module_code(path, names))


def test_docstrings_comments_and_layout_do_not_count(tmp_path: Path) -> None:
    reworded = MODULE.replace("Cut a text.", "Shorten it.").replace("# a comment", "")
    relaid = reworded.replace("return text[:LIMIT]", "return (\n        text[:LIMIT]\n    )")
    assert _code(tmp_path, relaid) == _code(tmp_path, MODULE)


def test_an_edit_of_the_code_counts(tmp_path: Path) -> None:
    assert _code(tmp_path, MODULE.replace("LIMIT = 3", "LIMIT = 4")) != _code(tmp_path, MODULE)


def test_named_definitions_alone_count(tmp_path: Path) -> None:
    other = MODULE + "\n\ndef unrelated() -> int:\n    return 1\n"
    names = ("LIMIT", "shorten")
    assert _code(tmp_path, other, names) == _code(tmp_path, MODULE, names)
    assert _code(tmp_path, MODULE.replace("[:LIMIT]", "[LIMIT:]"), names) != _code(
        tmp_path, MODULE, names
    )


def test_a_missing_definition_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no top-level absent"):
        _code(tmp_path, MODULE, ("shorten", "absent"))

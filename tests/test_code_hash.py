"""cleaner.code_hash: what the hash a compiled module names counts, and what it does not."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

from cleaner import code_hash as code_hash_module
from cleaner.code_hash import (
    built_record,
    code_hash,
    compiled_module,
    followed_digest,
    followed_hash,
    module_code,
    recorded_hash,
)
from cleaner.compiled_follows import COMPILED

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


# --- the build's record (BUILT_SOURCES) and the guard it speeds up ----------------------------

PARTS = (("followed.py", None),)


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[ModuleType, str]:
    """A stand-in for a compiled module built against :data:`MODULE` (written to
    ``tmp_path``): its hash attribute and the build's record, as setup.py makes them; and the
    name it is imported by."""
    (tmp_path / "followed.py").write_text(MODULE, encoding="utf-8")
    name = "_compiled_stand_in"
    module = ModuleType(name)
    module.SOURCE_HASH = followed_hash(PARTS, tmp_path)  # type: ignore[attr-defined]
    module.BUILT_SOURCES = built_record({"SOURCE_HASH": PARTS}, tmp_path)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, name, module)
    return module, name


def _guard(name: str, root: Path) -> ModuleType | None:
    return compiled_module(name, "SOURCE_HASH", PARTS, "CLEANER_TEST_PURE", root)


def test_the_record_is_taken_while_the_files_are_the_builds(
    built: tuple[ModuleType, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module, name = built
    assert _guard(name, tmp_path) is module

    def no_hashing(*args: object) -> str:
        raise AssertionError("the code was hashed again though the files are the build's")

    monkeypatch.setattr(code_hash_module, "followed_hash", no_hashing)
    assert recorded_hash(module.BUILT_SOURCES, "SOURCE_HASH", PARTS, tmp_path) == module.SOURCE_HASH
    assert _guard(name, tmp_path) is module


def test_an_edit_since_the_build_trips_the_guard(
    built: tuple[ModuleType, str], tmp_path: Path
) -> None:
    """The Python edited after the build (the C not brought level): the files' bytes are no
    longer the recorded ones, the code is hashed again, and the compiled module is refused."""
    _, name = built
    (tmp_path / "followed.py").write_text(MODULE.replace("LIMIT = 3", "LIMIT = 4"), "utf-8")
    assert _guard(name, tmp_path) is None


def test_an_edit_of_comments_since_the_build_keeps_the_compiled_module(
    built: tuple[ModuleType, str], tmp_path: Path
) -> None:
    module, name = built
    (tmp_path / "followed.py").write_text(MODULE.replace("# a comment", "# reworded"), "utf-8")
    assert followed_digest(PARTS, tmp_path) not in module.BUILT_SOURCES
    assert _guard(name, tmp_path) is module


def test_a_build_against_other_code_is_refused_by_its_own_record(
    built: tuple[ModuleType, str], tmp_path: Path
) -> None:
    """The record says what the code was at the build: a C left behind the Python it was
    built with (its hash not that code's) is refused with the files unchanged too."""
    module, name = built
    module.SOURCE_HASH = "0" * 16  # type: ignore[attr-defined]
    assert _guard(name, tmp_path) is None
    module.BUILT_SOURCES = ""  # type: ignore[attr-defined]  # no record: hashed now
    assert _guard(name, tmp_path) is None


@pytest.mark.parametrize(
    ("module_name", "hash_name"),
    [
        (f"cleaner.{module}", hash_name)
        for module, hashes in COMPILED.items()
        for hash_name in hashes
    ],
)
def test_the_packages_compiled_modules_record_the_code_truly(
    module_name: str, hash_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each built extension's record: where the files are still the build's, its hash is the
    one hashing the code gives now; and a record saying other code trips the real guard."""
    try:
        compiled = importlib.import_module(module_name)
    except ImportError:
        pytest.skip("the package was built without its C extension")
    parts = COMPILED[module_name.removeprefix("cleaner.")][hash_name]
    record = getattr(compiled, "BUILT_SOURCES", "")
    assert f"{hash_name}=" in record, "setup.py recorded nothing: the code is hashed each process"
    now = followed_hash(parts)
    assert recorded_hash(record, hash_name, parts) == now
    if now != getattr(compiled, hash_name):
        pytest.skip("the C is not level with this Python (tests/test_ctext.py, test_cfeatures.py)")
    assert compiled_module(module_name, hash_name, parts, "CLEANER_TEST_PURE") is compiled
    forged = f"{hash_name}={followed_digest(parts)}:{'0' * 16}"
    monkeypatch.setattr(compiled, "BUILT_SOURCES", forged)
    assert compiled_module(module_name, hash_name, parts, "CLEANER_TEST_PURE") is None

"""The hash of the Python code a compiled module follows.

The compiled modules (``_ctext.c``, ``_cfeatures.c``) repeat some of the package's Python; the
Python stays the definition. Each names the hash of the code it was written against
(:mod:`cleaner.compiled_follows` lists that code), and the Python module it stands in for runs
it only where that hash is the one of the code installed: an edit of the Python is never
silently left out, the Python runs until the C is brought level (``tests/test_ctext.py``,
``tests/test_cfeatures.py`` hold the two equal).

The hash is of the code's syntax trees unparsed (``ast.unparse``), so comments, docstrings and
layout do not count. Parsing and unparsing the followed modules costs tens of milliseconds, a
large part of a one-page process; so the build records, in each compiled module's
``BUILT_SOURCES``, the digest of the followed files' bytes as they were built and their code
hash then (:func:`built_record`, called by ``setup.py``): where the files' bytes are still
those, that hash is taken; where they differ (a file edited since the build), the code is
hashed again. Stdlib only: ``setup.py`` loads this file by path, without the package.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from types import ModuleType

#: What makes a code unreadable: no source file, a source that does not parse.
UNREADABLE = (OSError, SyntaxError, TypeError, ValueError)


def _without_docstrings(tree: ast.Module) -> ast.Module:
    """``tree`` with the docstrings of its module, classes and functions taken out."""
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            node.body = body[1:] or [ast.Pass()]
    return tree


def module_code(path: Path, names: Collection[str] | None = None) -> list[str]:
    """The code of the module at ``path``, docstrings aside: the whole module, or its top-level
    functions, classes and assignments called ``names`` (in that order; ``ValueError`` where
    one is missing)."""
    tree = _without_docstrings(ast.parse(path.read_text(encoding="utf-8")))
    if names is None:
        return [ast.unparse(tree)]
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            found[node.name] = ast.unparse(node)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    found[target.id] = ast.unparse(node)
    missing = [name for name in names if name not in found]
    if missing:
        raise ValueError(f"{path}: no top-level {', '.join(missing)}")
    return [found[name] for name in names]


def code_hash(parts: Iterable[str]) -> str:
    """The hash a compiled module names: of ``parts`` (codes from :func:`module_code` and
    :func:`function_code`, and any pattern texts the code uses) in order."""
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


#: The package folder, against which :mod:`cleaner.compiled_follows` names its files.
PACKAGE = Path(__file__).resolve().parent

#: One file's part of the followed code (as :data:`cleaner.compiled_follows.Part`).
Part = tuple[str, Collection[str] | None]


def followed_hash(parts: Sequence[Part], root: Path = PACKAGE) -> str:
    """The code hash of ``parts`` (files under ``root`` and their top-level names)."""
    return code_hash(code for path, names in parts for code in module_code(root / path, names))


def followed_digest(parts: Sequence[Part], root: Path = PACKAGE) -> str:
    """The digest of the bytes of the files of ``parts``, as they are: any change to them
    (a comment's included) changes it."""
    digest = hashlib.sha256()
    for path, _ in parts:
        data = (root / path).read_bytes()
        digest.update(f"{path}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:32]


def built_record(hashes: Mapping[str, Sequence[Part]], root: Path = PACKAGE) -> str:
    """What the build records in a compiled module's ``BUILT_SOURCES``: for each of its hash
    attributes, the digest of the followed files' bytes and their code hash
    (``SOURCE_HASH=digest:hash;…``)."""
    return ";".join(
        f"{name}={followed_digest(parts, root)}:{followed_hash(parts, root)}"
        for name, parts in hashes.items()
    )


def recorded_hash(record: str, name: str, parts: Sequence[Part], root: Path = PACKAGE) -> str:
    """The code hash of ``parts``: the one ``record`` (a ``BUILT_SOURCES``) holds for the hash
    attribute ``name`` where the files' bytes are still the ones it was taken of, else the
    code hashed now. Raises what reading or parsing a source raises (:data:`UNREADABLE`)."""
    entries = {}
    for entry in record.split(";"):
        key, _, value = entry.partition("=")
        entries[key] = value
    digest, _, code = entries.get(name, "").partition(":")
    if code and digest == followed_digest(parts, root):
        return code
    return followed_hash(parts, root)


def compiled_module(
    module: str, hash_name: str, parts: Sequence[Part], pure_switch: str, root: Path = PACKAGE
) -> ModuleType | None:
    """The compiled module called ``module``, where the package was built with it and the
    hash it names (its attribute ``hash_name``) is that of the code it follows (``parts``,
    files under ``root``: the build's record of it where they are unchanged since,
    :func:`recorded_hash`; where a source cannot be read, as in a build without it, the
    module is taken as it is).
    None where it was not built (no C compiler), where the code is not the one it follows (the
    Python runs until the C is brought level), or where the environment variable
    ``pure_switch`` is ``1`` (the Python asked for)."""
    if os.environ.get(pure_switch) == "1":
        return None
    try:
        compiled = importlib.import_module(module)
    except ImportError:
        return None
    try:
        record = getattr(compiled, "BUILT_SOURCES", "")
        source = recorded_hash(record if isinstance(record, str) else "", hash_name, parts, root)
    except UNREADABLE:
        return compiled
    if source != getattr(compiled, hash_name, None):
        return None
    return compiled

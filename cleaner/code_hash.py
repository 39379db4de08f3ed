"""The hash of the Python code a compiled module follows.

The compiled modules (``_ctext.c``, ``_cfeatures.c``) repeat some of the package's Python; the
Python stays the definition. Each names the hash of the code it was written against, and the
Python module it stands in for runs it only where that hash is the one of the code installed:
an edit of the Python is never silently left out, the Python runs until the C is brought
level (``tests/test_ctext.py``, ``tests/test_cfeatures.py`` hold the two equal).

The hash is of the code's syntax trees unparsed (``ast.unparse``), so comments, docstrings and
layout do not count.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import inspect
import os
import textwrap
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

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


def function_code(function: Callable[..., Any]) -> str:
    """The code of one function, docstrings aside."""
    source = textwrap.dedent(inspect.getsource(function))
    return ast.unparse(_without_docstrings(ast.parse(source)))


def code_hash(parts: Iterable[str]) -> str:
    """The hash a compiled module names: of ``parts`` (codes from :func:`module_code` and
    :func:`function_code`, and any pattern texts the code uses) in order."""
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def compiled_module(
    module: str, hash_name: str, code: Callable[[], str | None], pure_switch: str
) -> ModuleType | None:
    """The compiled module called ``module``, where the package was built with it and the
    hash it names (its attribute ``hash_name``) is that of the code it follows (``code()``;
    where the source cannot be read, as in a build without it, the module is taken as it is).
    None where it was not built (no C compiler), where the code is not the one it follows (the
    Python runs until the C is brought level), or where the environment variable
    ``pure_switch`` is ``1`` (the Python asked for)."""
    if os.environ.get(pure_switch) == "1":
        return None
    try:
        compiled = importlib.import_module(module)
    except ImportError:
        return None
    source = code()
    if source is not None and source != getattr(compiled, hash_name, None):
        return None
    return compiled

"""Rule outcomes and compiled-module checks shared by the tests of the passes after the rules."""

from __future__ import annotations

import importlib
import os

import pytest

from cleaner.engine import Outcome


def rules_outcome(**fields: list[int]) -> Outcome:
    """Fields the rules took at these block indices (a value and its rule for each)."""
    outcome = Outcome(kept=[], removed=[])
    for name, indices in fields.items():
        for index in indices:
            outcome.put(name, f"{name} line", "rule", index)
    return outcome


def require_extension(module: str) -> None:
    """Import a C extension of the package; where it was not built, skip — but fail in CI
    (``CI`` set, a compiler at hand, the package installed in place as the README says),
    where a skip would leave the compiled code every user runs untested."""
    try:
        importlib.import_module(module)
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("CI: the C extension was not built in this tree (pip install -e '.[test]')")
        pytest.skip("the package was built without its C extension")

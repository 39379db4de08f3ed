"""Rule outcomes and compiled-module checks shared by the tests of the passes after the rules."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Collection

import pytest

from cleaner.blocks import Block
from cleaner.code_hash import Part, followed_hash
from cleaner.engine import Outcome
from cleaner.engine.apply import Kept

#: A pass after the rules as its module's ``drop_…`` function reads: the kept blocks, the
#: page's blocks and the outcome in, the blocks it keeps out.
PassRun = Callable[[list[Kept], tuple[Block, ...], Outcome], list[Kept]]


def page_of(*texts: str) -> tuple[Block, ...]:
    """A page of blocks of these texts, in order."""
    return tuple(Block(text) for text in texts)


def rules_outcome(**fields: list[int]) -> Outcome:
    """Fields the rules took at these block indices (a value and its rule for each)."""
    outcome = Outcome(kept=[], removed=[])
    for name, indices in fields.items():
        for index in indices:
            outcome.put(name, f"{name} line", "rule", index)
    return outcome


def pass_kept_and_removed(
    texts: list[str],
    run: PassRun,
    pass_id: str,
    *,
    taken: Collection[int] = (),
    outcome: Outcome | None = None,
) -> tuple[list[str], list[str]]:
    """The texts a pass keeps of a page of ``texts`` and the ones it removes, each removal its
    own (``pass_id``); ``taken``: page indexes a rule took (never kept); ``outcome``: the rules'
    (an empty one when None)."""
    blocks = tuple(Block(text) for text in texts)
    kept = [Kept(block, index=n) for n, block in enumerate(blocks) if n not in taken]
    if outcome is None:
        outcome = Outcome(kept=[], removed=[])
    out = run(kept, blocks, outcome)
    assert outcome.removed is not None
    assert all(removal.rule == pass_id for removal in outcome.removed)
    return [item.block.text for item in out], [removal.text for removal in outcome.removed]


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


def assert_compiled_follows(hash_name: str, parts: tuple[Part, ...], compiled_in_use: bool) -> None:
    """``_cfeatures``'s ``hash_name`` is the hash of the code it follows (``parts``, of
    :mod:`cleaner.compiled_follows`), and the compiled code is in use (``compiled_in_use``)
    unless ``CLEANER_PURE_FEATURES=1`` asks for the Python. When the hash differs, that code
    changed and the Python runs everywhere: make the C compute the same (each test file's
    comparisons), then set the hash to the one printed and rebuild (``pip install -e .``)."""
    require_extension("cleaner.passes._cfeatures")
    from cleaner.passes import _cfeatures

    assert followed_hash(parts) == getattr(_cfeatures, hash_name)
    if os.environ.get("CLEANER_PURE_FEATURES") != "1":
        assert compiled_in_use

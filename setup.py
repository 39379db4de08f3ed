"""The package's C extensions, and the build's one option: ``CLEANER_COMPILE=1`` compiles
the text path with mypyc.

Everything else about the package is in ``pyproject.toml``. Every install (``pip install .``,
``pip install -e .``, CI's) builds ``cleaner/passes/_cfeatures.c``, the story features in C,
and ``cleaner/_ctext.c``, a text dump's blocks in C, where a C compiler and Python's headers are
found, and goes on without them where not: the same features and blocks are then computed in
Python (``cleaner/passes/features.py`` and ``cleaner/text_blocks.py``, which the C follows:
``tests/test_cfeatures.py``, ``tests/test_ctext.py``). With ``CLEANER_COMPILE=1``, the modules
below are compiled to C extensions (the same code: ``mypy --strict`` types it), which takes a
seed document's text path from 20.0 to 15.9 million instructions (benchmarks/README.md, "Text").
mypyc type-checks the modules as ``mypy --strict`` does, so the build environment needs a C
compiler, mypy, the type stubs and the package's own dependencies: it is built without isolation,
over a plain install::

    pip install . 'mypy>=1.10' 'setuptools>=77' lxml-stubs types-regex
    CLEANER_COMPILE=1 pip install --no-build-isolation --no-deps --force-reinstall .

Not with ``-e``: an editable install puts the compiled modules beside the sources, and they,
not an edited ``.py`` file, are then imported until the next build.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

from setuptools import Extension, setup

PACKAGE = Path(__file__).resolve().parent / "cleaner"


def _load(name: str) -> ModuleType:
    """A stdlib-only module of the package, loaded by path (the package's dependencies may be
    missing in the build environment)."""
    spec = importlib.util.spec_from_file_location(f"_cleaner_build_{name}", PACKAGE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def built_sources(extension: str) -> list[tuple[str, str]]:
    """The C macro ``BUILT_SOURCES`` of a compiled module (``_ctext``, ``passes._cfeatures``):
    the digest of the bytes of the Python it follows and that code's hash, as built
    (``cleaner.code_hash.built_record``). A process whose sources are still those bytes takes
    the hash from it instead of parsing and hashing the code again (tens of milliseconds a
    process). Where the sources cannot be read here, nothing is recorded: the code is hashed
    at run time, as without the record."""
    try:
        follows = _load("compiled_follows").COMPILED[extension]
        record = _load("code_hash").built_record(follows, PACKAGE)
    except (OSError, SyntaxError, ValueError, KeyError, ImportError):
        return []
    return [("BUILT_SOURCES", f'"{record}"')]


#: The modules a text dump's cleaning spends its time in (count_instructions.py --table).
COMPILED = [
    "cleaner/assemble.py",
    "cleaner/blocks.py",
    "cleaner/engine/apply.py",
    "cleaner/engine/model.py",
    "cleaner/lexicon.py",
    "cleaner/normalize.py",
    "cleaner/passes/features.py",
    "cleaner/passes/headline.py",
    "cleaner/passes/story.py",
    "cleaner/pipeline.py",
    "cleaner/structure.py",
    "cleaner/text_blocks.py",
]

#: The story features in C (``cleaner/passes/_cfeatures.c``), built by every install where a C
#: compiler and Python's headers are found; where not (``optional``), the install goes on and
#: ``features.py`` computes the same features in Python.
FEATURES = Extension(
    "cleaner.passes._cfeatures",
    ["cleaner/passes/_cfeatures.c"],
    define_macros=built_sources("passes._cfeatures"),
    optional=True,
)
#: A text dump's blocks in C (``cleaner/_ctext.c``), built the same way; where not,
#: ``text_blocks.py`` makes the same blocks in Python.
TEXT = Extension(
    "cleaner._ctext", ["cleaner/_ctext.c"], define_macros=built_sources("_ctext"), optional=True
)
#: The rule engine's per-page work in C (``cleaner/engine/_cengine.c``: each block's rules to
#: try), built the same way; where not, ``engine/apply.py`` chooses them in Python.
ENGINE = Extension(
    "cleaner.engine._cengine",
    ["cleaner/engine/_cengine.c"],
    define_macros=built_sources("engine._cengine"),
    optional=True,
)

if os.environ.get("CLEANER_COMPILE") == "1":
    from mypyc.build import mypycify

    setup(ext_modules=[*mypycify(COMPILED), FEATURES, TEXT, ENGINE])
else:
    setup(ext_modules=[FEATURES, TEXT, ENGINE])

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

import os

from setuptools import Extension, setup

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
FEATURES = Extension("cleaner.passes._cfeatures", ["cleaner/passes/_cfeatures.c"], optional=True)
#: A text dump's blocks in C (``cleaner/_ctext.c``), built the same way; where not,
#: ``text_blocks.py`` makes the same blocks in Python.
TEXT = Extension("cleaner._ctext", ["cleaner/_ctext.c"], optional=True)

if os.environ.get("CLEANER_COMPILE") == "1":
    from mypyc.build import mypycify

    setup(ext_modules=[*mypycify(COMPILED), FEATURES, TEXT])
else:
    setup(ext_modules=[FEATURES, TEXT])

"""The build's one option: ``CLEANER_COMPILE=1`` compiles the text path with mypyc.

Everything else about the package is in ``pyproject.toml``; without the variable this file
changes nothing (pure Python, as every contributor and CI install it). With it, the modules
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

from setuptools import setup

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

if os.environ.get("CLEANER_COMPILE") == "1":
    from mypyc.build import mypycify

    setup(ext_modules=mypycify(COMPILED))
else:
    setup()

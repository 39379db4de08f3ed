"""Data flows one way: decode → blocks → engine → pipeline → fields → assemble → render → cli."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "cleaner"

# Each module may import only from the modules listed for it (within the package).
ALLOWED = {
    "errors": set(),
    "article": set(),
    # the language knowledge (months, byline words, sentence ends, the text key): imports only
    # the pattern cache (its sentence break is compiled through it)
    "lexicon": {"pattern_cache"},
    "normalize": {"lexicon"},
    "blocks": {"lexicon"},
    "decode": {"errors"},
    # the hash of the Python a compiled module follows: a tool of the modules that have one;
    # and that code, listed as plain data (setup.py reads both without the package)
    "code_hash": set(),
    "compiled_follows": set(),
    # patterns compiled once and kept between processes: beneath every module that compiles
    "pattern_cache": set(),
    # (_ctext: its compiled twin, a C module that imports nothing of the package)
    "text_blocks": {"lexicon", "blocks", "normalize", "_ctext", "code_hash", "compiled_follows"},
    # (_ctext: the one-pass scan for characters XML cannot hold, before the parse)
    "html": {
        "lexicon",
        "blocks",
        "normalize",
        "errors",
        "fields",
        "page_url",
        "pattern_cache",
        "_ctext",
    },
    # (code_hash, compiled_follows: engine.compiled runs _cengine, the C of its per-page
    # work, while the code it follows is unchanged)
    "engine": {
        "lexicon",
        "article",
        "blocks",
        "normalize",
        "errors",
        "pattern_cache",
        "code_hash",
        "compiled_follows",
    },
    "fields": {"lexicon", "article", "pattern_cache"},
    # the page's metadata, as found, parsed into fields (once, for assemble)
    "page_fields": {"lexicon", "blocks", "fields", "page_url", "pattern_cache"},
    "structure": {"lexicon", "blocks", "engine", "normalize", "pattern_cache"},
    # the registry of passes and the story model: above the engine, below assemble
    # (fields: a byline's names, for a text dump's author bio; the HTML reader reads them too)
    "passes": {
        "lexicon",
        "blocks",
        "engine",
        "normalize",
        "fields",
        "pattern_cache",
        "code_hash",
        "compiled_follows",
    },
    "assemble": {"lexicon", "article", "blocks", "engine", "fields", "normalize", "page_fields"},
    # which passes run after the rules, in order, per kind of input
    "pipeline": {"lexicon", "blocks", "engine", "passes", "structure"},
    # batch inputs: beside the cleaning layers, not part of them
    "warc": set(),
    "page_url": {"pattern_cache"},
    "inputs": {"decode", "warc"},
    # the nothing-lost check over an Article: beside the layers, used by tests and tools
    "accounting": {"lexicon", "article", "normalize"},
    "batch": {"errors", "inputs"},
}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level > 0:
            # from .x import y / from ..x import y / from . import x
            if path.parent != PACKAGE and node.level == 1:
                continue  # a subpackage's own modules (engine, html)
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found - {""}


def test_lower_layers_do_not_import_upper_ones() -> None:
    for name, allowed in ALLOWED.items():
        files = (
            list((PACKAGE / name).glob("*.py"))
            if (PACKAGE / name).is_dir()
            else [PACKAGE / f"{name}.py"]
        )
        for path in files:
            if not path.exists():
                continue
            extra = imports_of(path) - allowed - {name}
            assert not extra, f"{path.name} imports {sorted(extra)}"


def libraries_imported(path: Path) -> set[str]:
    """The top-level packages ``path`` imports absolutely (its import statements, not its
    words: a docstring may say 'the date from htmldate')."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_only_html_extract_imports_the_extraction_libraries() -> None:
    for path in PACKAGE.rglob("*.py"):
        if libraries_imported(path) & {"trafilatura", "htmldate"}:
            assert path.relative_to(PACKAGE).as_posix() == "html/extract.py", path


def test_the_import_finder_reads_statements_not_words(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        '"""The date from htmldate."""\nimport trafilatura.core\nfrom lxml import etree\n'
    )
    assert libraries_imported(module) == {"trafilatura", "lxml"}

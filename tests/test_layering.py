"""Data flows one way: decode → blocks → engine → fields → assemble → render → cli."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "cleaner"

# Each module may import only from the modules listed for it (within the package).
ALLOWED = {
    "errors": set(),
    "article": set(),
    "normalize": set(),
    "blocks": set(),
    "decode": {"errors"},
    "text_blocks": {"blocks", "normalize"},
    "html_page": {"blocks", "normalize"},
    "html_meta": {"blocks", "normalize", "fields", "html_page"},
    "html_blocks": {"blocks", "normalize", "errors", "fields", "html_page", "html_meta"},
    "engine": {"article", "blocks", "normalize", "errors"},
    "fields": {"article"},
    "structure": {"blocks", "engine", "normalize"},
    "assemble": {"article", "blocks", "engine", "fields", "normalize", "structure"},
}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level > 0:
            # from .x import y / from ..x import y / from . import x
            inside_engine = path.parent.name == "engine" and node.level == 1
            if inside_engine:
                continue  # the engine's own modules
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


def test_only_html_blocks_imports_the_extraction_library() -> None:
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if "import trafilatura" in source or "from trafilatura" in source:
            assert path.name == "html_blocks.py", path

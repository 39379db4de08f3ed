"""Coverage-guided fuzzing of ``Cleaner.clean`` with atheris (libFuzzer), one leg per input kind.

Usage::

    python benchmarks/fuzz.py text [--runs 1000000] [--max-len 2048] [--timeout 10]
    python benchmarks/fuzz.py html [--runs 200000]  [--max-len 8192] [--timeout 10]

Each input is cleaned as the leg's kind (``text`` or ``html``). A run passes when no input
raises anything but :class:`cleaner.InputError`, none takes longer than ``--timeout`` seconds
(libFuzzer's hang detector), and each result is an Article whose body, cleaned again as text,
comes back unchanged (``--no-idempotence`` leaves that check out). The seed corpus is cut from
the fixtures in ``fixtures/`` (pieces of up to ``--max-len`` bytes), so mutation starts from
real pages; the working corpus lives in ``benchmarks/.fuzz/<leg>/`` (git-ignored), so a
second run continues where the first stopped. Coverage of every module of the package
guides the search by default; ``--instrument cleaner.decode,cleaner.text_blocks`` guides it by
the input-reading modules only, several times faster. Crashing inputs are written to
``benchmarks/.fuzz/crash-*`` by libFuzzer.

Needs the ``fuzz`` extra: ``pip install -e '.[fuzz]'`` (atheris). The count of inputs run and
the time are printed by libFuzzer at the end (``stat::number_of_executed_units``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / ".fuzz"


def seed_pieces(kind: str, max_len: int) -> list[bytes]:
    """Pieces of the fixtures' pages of the leg's kind, each at most ``max_len`` bytes."""
    suffix = ".txt" if kind == "text" else ".html"
    pieces: list[bytes] = []
    for path in sorted((ROOT / "fixtures").rglob(f"*{suffix}")):
        data = path.read_bytes()
        step = max(max_len // 2, 1)
        for start in range(0, min(len(data), 8 * step), step):
            pieces.append(data[start : start + max_len])
    return pieces


def write_seeds(corpus: Path, kind: str, max_len: int) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    if any(corpus.iterdir()):
        return  # continue from the corpus an earlier run left
    for n, piece in enumerate(seed_pieces(kind, max_len)):
        (corpus / f"seed-{n:04d}").write_bytes(piece)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=("text", "html"))
    parser.add_argument("--runs", type=int, default=1_000_000, help="inputs to run")
    parser.add_argument("--max-len", type=int, default=None, help="largest input in bytes")
    parser.add_argument("--timeout", type=int, default=10, help="seconds before an input hangs")
    parser.add_argument("--no-idempotence", action="store_true", help="crash and hang only")
    parser.add_argument("--seed", type=int, default=1, help="libFuzzer's random seed")
    parser.add_argument(
        "--corpus",
        default=None,
        help="working corpus folder under benchmarks/.fuzz/ "
        "(default: the leg's name; give each parallel run its own)",
    )
    parser.add_argument(
        "--instrument",
        default="cleaner",
        metavar="MODULES",
        help="comma-separated modules whose coverage guides the fuzzer (default: all of "
        "cleaner); e.g. cleaner.decode,cleaner.text_blocks keeps a varied corpus at a "
        "fraction of the cost",
    )
    args = parser.parse_args()
    try:
        import atheris  # type: ignore[import-untyped]
    except ImportError:
        sys.exit("fuzz.py needs atheris: pip install -e '.[fuzz]'")

    with atheris.instrument_imports(include=args.instrument.split(",")):
        from cleaner import Cleaner, InputError
        from cleaner.article import Article

    kind = args.kind
    max_len = args.max_len or (2048 if kind == "text" else 8192)
    cleaner, again = Cleaner(), Cleaner()
    idempotence = not args.no_idempotence

    def one_input(data: bytes) -> None:
        try:
            article = cleaner.clean(data, kind=kind, name="fuzz")
        except InputError:
            return
        if not isinstance(article, Article):
            raise TypeError(f"clean() returned {type(article).__name__}, not an Article")
        if idempotence and article.body.strip():
            body = again.clean(article.body, kind="text").body
            if body != article.body:
                raise AssertionError(f"cleaning the body again changes it:\n{article.body!r}")

    # One-time costs (language data the extraction libraries load on first use, seconds on a
    # loaded machine) are paid here, before the clock of the first input starts.
    for piece in seed_pieces(kind, 1 << 20)[:8]:
        one_input(piece)
    corpus = WORK / (args.corpus or kind)
    write_seeds(corpus, kind, max_len)
    argv = [
        sys.argv[0],
        str(corpus),
        f"-runs={args.runs}",
        f"-max_len={max_len}",
        f"-timeout={args.timeout}",
        f"-seed={args.seed}",
        "-rss_limit_mb=3072",
        f"-artifact_prefix={WORK}/crash-{kind}-",
        "-print_final_stats=1",
        "-print_pcs=0",
    ]
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

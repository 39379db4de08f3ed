"""What the three command-line programs share: exit codes and the entry-point wrapper."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def run_main(run: Callable[[Sequence[str] | None], int], argv: Sequence[str] | None) -> int:
    """Call ``run(argv)``; ^C exits 130, and a closed pipe (``| head``) ends quietly as the
    Python docs advise, never with a traceback."""
    try:
        return run(argv)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED

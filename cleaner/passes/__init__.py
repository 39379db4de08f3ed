"""Every step that removes or routes text, as registered units: the rule engine's rules, the
structural passes and the learned story labeller. See :mod:`cleaner.passes.registry`."""

from .registry import MODEL_LABEL_IDS, PASSES, Pass, known_ids, pass_by_id, split_disabled

__all__ = ["MODEL_LABEL_IDS", "PASSES", "Pass", "known_ids", "pass_by_id", "split_disabled"]

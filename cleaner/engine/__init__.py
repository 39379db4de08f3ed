"""The rule engine: rule files → a compiled RuleSet → applied to a Page's blocks."""

from .apply import Outcome, apply_rules
from .loader import BUILTIN_RULES, RuleSet, load_rules
from .model import Rule

__all__ = ["BUILTIN_RULES", "Outcome", "Rule", "RuleSet", "apply_rules", "load_rules"]

"""The emulation year's models, a module per concern; each is imported here so Django finds it."""

from emulation.models.awards import Award, AwardRule, authority_warning, deciding_authorities, may_decide
from emulation.models.criteria import CriteriaTable, Criterion
from emulation.models.scores import ReviewAssignment, Score, Scorecard, ScoreEvidence, ScoringChange

__all__ = [
    "Award",
    "AwardRule",
    "CriteriaTable",
    "Criterion",
    "ReviewAssignment",
    "Score",
    "ScoreEvidence",
    "Scorecard",
    "ScoringChange",
    "authority_warning",
    "deciding_authorities",
    "may_decide",
]

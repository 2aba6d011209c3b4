"""The emulation year's models, a module per concern; each is imported here so Django finds it."""

from emulation.models.awards import Award, AwardRule, authority_warning, deciding_authorities, may_decide
from emulation.models.compact import Compact, CompactSignatory
from emulation.models.criteria import CriteriaTable, Criterion
from emulation.models.registrations import CallReminder, Registration, RegistrationCall, RegistrationLine
from emulation.models.scores import ReviewAssignment, Score, Scorecard, ScoreEvidence, ScoringChange

__all__ = [
    "Award",
    "AwardRule",
    "CallReminder",
    "Compact",
    "CompactSignatory",
    "CriteriaTable",
    "Criterion",
    "Registration",
    "RegistrationCall",
    "RegistrationLine",
    "ReviewAssignment",
    "Score",
    "ScoreEvidence",
    "Scorecard",
    "ScoringChange",
    "authority_warning",
    "deciding_authorities",
    "may_decide",
]

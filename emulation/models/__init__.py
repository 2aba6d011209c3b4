"""The emulation year's models, a module per concern; each is imported here so Django finds it."""

from emulation.models.criteria import CriteriaTable, Criterion  # noqa: F401
from emulation.models.scores import (  # noqa: F401
    ReviewAssignment,
    Score,
    Scorecard,
    ScoreEvidence,
    ScoringChange,
)

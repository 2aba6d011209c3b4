"""The emulation year's models, a module per concern; each is imported here so Django finds it."""

from emulation.models.awards import Award, AwardRule, authority_warning, deciding_authorities, may_decide
from emulation.models.compact import Compact, CompactSignatory
from emulation.models.criteria import CriteriaTable, Criterion
from emulation.models.meetings import (
    DEFAULT_RULE,
    Attendee,
    BallotBasis,
    Candidate,
    CandidateKind,
    MeetingChange,
    MeetingStatus,
    ReviewMeeting,
    RuleTerms,
    VotingRule,
)
from emulation.models.proposals import Objection, ObjectionOutcome, Proposal, ProposedEntry
from emulation.models.registrations import (
    CallReminder,
    CallReopening,
    Registration,
    RegistrationCall,
    RegistrationLine,
)
from emulation.models.scores import ReviewAssignment, Score, Scorecard, ScoreEvidence, ScoringChange

__all__ = [
    "DEFAULT_RULE",
    "Attendee",
    "Award",
    "AwardRule",
    "BallotBasis",
    "CallReminder",
    "CallReopening",
    "Candidate",
    "CandidateKind",
    "Compact",
    "CompactSignatory",
    "CriteriaTable",
    "Criterion",
    "MeetingChange",
    "MeetingStatus",
    "Objection",
    "ObjectionOutcome",
    "Proposal",
    "ProposedEntry",
    "Registration",
    "RegistrationCall",
    "RegistrationLine",
    "ReviewAssignment",
    "ReviewMeeting",
    "RuleTerms",
    "Score",
    "ScoreEvidence",
    "Scorecard",
    "ScoringChange",
    "VotingRule",
    "authority_warning",
    "deciding_authorities",
    "may_decide",
]

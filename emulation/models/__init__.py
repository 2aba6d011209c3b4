"""The emulation year's models, a module per concern; each is imported here so Django finds it."""

from emulation.models.awards import Award, AwardRule, authority_warning, deciding_authorities, may_decide
from emulation.models.meetings import (
    DEFAULT_RULE,
    Attendee,
    BallotBasis,
    Candidate,
    CandidateKind,
    MeetingStatus,
    ReviewMeeting,
    RuleTerms,
    VotingRule,
)
from emulation.models.proposals import Objection, ObjectionOutcome, Proposal, ProposedEntry

__all__ = [
    "DEFAULT_RULE",
    "Attendee",
    "Award",
    "AwardRule",
    "BallotBasis",
    "Candidate",
    "CandidateKind",
    "MeetingStatus",
    "Objection",
    "ObjectionOutcome",
    "Proposal",
    "ProposedEntry",
    "ReviewMeeting",
    "RuleTerms",
    "VotingRule",
    "authority_warning",
    "deciding_authorities",
    "may_decide",
]

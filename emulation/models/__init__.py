"""The emulation year's models, a module per concern; each is imported here so Django finds it."""

from emulation.models.awards import Award, AwardRule, authority_warning, deciding_authorities, may_decide
from emulation.models.compact import Compact, CompactSignatory
from emulation.models.registrations import CallReminder, Registration, RegistrationCall, RegistrationLine

__all__ = [
    "Award",
    "AwardRule",
    "CallReminder",
    "Compact",
    "CompactSignatory",
    "Registration",
    "RegistrationCall",
    "RegistrationLine",
    "authority_warning",
    "deciding_authorities",
    "may_decide",
]

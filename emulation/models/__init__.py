"""The emulation year's models, a module per concern; each is imported here so Django finds it."""

from emulation.models.awards import Award, AwardRule, authority_warning, deciding_authorities, may_decide

__all__ = ["Award", "AwardRule", "authority_warning", "deciding_authorities", "may_decide"]

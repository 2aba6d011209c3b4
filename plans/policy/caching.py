"""What decides what a user sees and may do, as a part of a cache key: a page kept per user in the
shared cache is found again only while these rights are the same."""

import dataclasses
import hashlib

from plans.policy.scope import scope_of, visible_plans


def rights_key(user) -> str:
    """A digest of everything the user's rights are made of: their roles and the bodies they hold
    them for, what they oversee, administer and inherited, and what the rules read for their bodies
    once per request (the clusters they head or belong to each year, the plans giving them a quota),
    all kept on the user's `Scope` once `visible_plans` has read them."""
    visible_plans(user)  # builds no query of plans; reads (or finds) what the rules need, on the scope
    return hashlib.sha256(repr(_canonical(scope_of(user))).encode()).hexdigest()[:16]


def _canonical(value):
    """`value` with every set sorted and every dataclass as its fields, so that equal rights give the
    same text in any process."""
    if dataclasses.is_dataclass(value):
        return _canonical(vars(value))
    if isinstance(value, dict):
        return sorted((key, _canonical(item)) for key, item in value.items())
    if isinstance(value, set | frozenset):
        return sorted(_canonical(item) for item in value)
    if isinstance(value, list | tuple):
        return [_canonical(item) for item in value]
    return value

"""What decides what a user sees and may do, as a part of a cache key: a page kept per user in the
shared cache is found again only while these rights are the same."""

import hashlib

from plans.policy.scope import _reach, scope_of


def rights_key(user) -> str:
    """A digest of the user's rights (their roles and the bodies they hold them for, what they
    oversee, administer and inherited) and of what their bodies reach (the clusters they head or
    belong to each year, the plans that give them a quota): read once per request, and the same as
    long as none of them changes."""
    scope = scope_of(user)
    parts = [
        scope.is_admin,
        sorted((role, sorted(ids)) for role, ids in scope.bodies.items()),
        sorted(scope.overseen),
        sorted(scope.administered),
        sorted(scope.inherited),
    ]
    if scope.all_bodies and not scope.is_admin:
        reach = _reach(scope)
        parts += [
            sorted(reach.headed),
            sorted(reach.member_of),
            sorted(reach.quota_plans),
            sorted(reach.overseen_clusters),
        ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]

"""Fixtures shared by the tests of registration and personal data."""

import pytest

from clusters.choices import OrganizationLevel, StaffRole
from clusters.models import ClusterMembership, Organization, Staff


@pytest.fixture
def third(world):
    """A third district of the cluster, Cao Lãnh, with a staff member of its own."""
    unit = Organization.objects.create(
        name="Ủy ban nhân dân huyện Cao Lãnh",
        short_name="UBND huyện Cao Lãnh",
        level=OrganizationLevel.DISTRICT,
        parent=world.province,
    )
    ClusterMembership.objects.create(cluster=world.cluster, organization=unit, year=2024)
    user = type(world.users["member_staff"]).objects.create_user("caolanh", password="x")
    Staff.objects.create(user=user, organization=unit, role=StaffRole.MEMBER_STAFF)
    world.users["third_staff"] = user
    return unit

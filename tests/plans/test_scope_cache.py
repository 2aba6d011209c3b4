"""A user's rights are kept in the shared cache across requests (plans.policy.scope), and any change
of what they are read from (roles, cluster memberships, bodies and reorganisations) takes effect on
the very next request."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusters.choices import MembershipRole, OrganizationLevel, ReorganisationKind, StaffRole
from clusters.models import ClusterMembership, Organization, Staff
from clusters.reorganisation import reorganise
from plans.choices import PlanStatus
from tests.world import plan_of

pytestmark = pytest.mark.django_db


def status_of(client, user, plan) -> int:
    client.force_login(user)
    return client.get(plan.get_absolute_url()).status_code


def test_a_second_request_reads_the_rights_from_the_cache(client, world):
    client.force_login(world.users["approver"])
    client.get(world.own_plan.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        assert client.get(world.own_plan.get_absolute_url()).status_code == 200
    assert not [query for query in queries.captured_queries if '"clusters_staff"' in query["sql"]]


def test_a_removed_role_takes_effect_on_the_next_request(client, world):
    drafter = world.users["drafter"]
    Staff.objects.create(user=drafter, organization=world.other, role=StaffRole.DRAFTER)
    assert status_of(client, drafter, world.other_plan) == 200
    Staff.objects.get(user=drafter, organization=world.other).delete()
    assert status_of(client, drafter, world.other_plan) == 404
    assert status_of(client, drafter, world.own_plan) == 200  # the role kept still counts


def test_a_role_granted_takes_effect_on_the_next_request(client, world):
    outsider = world.users["outsider"]
    assert status_of(client, outsider, world.own_plan) == 404
    Staff.objects.create(user=outsider, organization=world.own, role=StaffRole.MEMBER_STAFF)
    assert status_of(client, outsider, world.own_plan) == 200


def test_a_changed_cluster_membership_takes_effect_on_the_next_request(client, world):
    """The head of the cluster's year reads its draft; once no longer head, it does not."""
    approver = world.users["approver"]
    assert world.cluster_plan.status == PlanStatus.DRAFT
    assert status_of(client, approver, world.cluster_plan) == 200
    head = ClusterMembership.objects.get(cluster=world.cluster, year=2024, organization=world.own)
    head.role = MembershipRole.MEMBER
    head.save()
    assert status_of(client, approver, world.cluster_plan) == 404


def test_a_body_moved_under_an_overseen_body_takes_effect_on_the_next_request(client, world):
    overseer = world.users["overseer"]
    assert status_of(client, overseer, world.other_plan) == 404
    world.other.parent = world.province
    world.other.save()
    assert status_of(client, overseer, world.other_plan) == 200
    world.other.parent = None
    world.other.save()
    assert status_of(client, overseer, world.other_plan) == 404


def test_a_reorganisation_takes_effect_on_the_next_request(client, world):
    """Once a commune is merged into Lai Vung, Lai Vung's staff read the commune's plans."""
    commune = Organization.objects.create(
        name="Ủy ban nhân dân xã Tân Phước", level=OrganizationLevel.COMMUNE, parent=world.province
    )
    commune_plan = plan_of(commune)
    reader = world.users["member_staff"]
    assert status_of(client, reader, commune_plan) == 404
    reorganise(
        kind=ReorganisationKind.MERGE,
        predecessors=[commune],
        successors=[world.member],
        date=datetime.date(2025, 7, 1),
        new_successors=False,
    )
    assert status_of(client, reader, commune_plan) == 200


def test_a_superuser_flag_and_a_locked_account_are_read_on_every_request(client, world):
    outsider = world.users["outsider"]
    assert status_of(client, outsider, world.own_plan) == 404
    outsider.is_superuser = True
    outsider.save()
    assert status_of(client, outsider, world.own_plan) == 200


def test_a_role_imported_from_a_file_takes_effect_on_the_next_request(client, world):
    """The import writes roles in bulk (no signal): it says itself that rights changed."""
    from staffing import imports
    from tests.staffing.test_imports import workbook

    admin = Staff.objects.create(
        user=world.users["admin"], organization=world.province, role=StaffRole.STAFF_ADMIN
    ).user
    reader = world.users["member_staff"]
    assert status_of(client, reader, world.own_plan) == 404
    row = (reader.username, "Cán bộ Lai Vung", "", world.own.name, "Cán bộ đơn vị thành viên")
    imports.province_import(user=admin, province=world.province, content=workbook(staff=[row]))
    assert status_of(client, reader, world.own_plan) == 200


def quota_plan(world):
    """The district's plan, submitted, with a group of participants (no unit yet)."""
    from activities.choices import GroupKind
    from activities.models import ParticipantGroup

    plan = world.own_plan
    plan.status = PlanStatus.SUBMITTED
    plan.save()
    return plan, ParticipantGroup.objects.create(plan=plan, order=1, kind=GroupKind.PER_UNIT, count=2)


def test_a_quota_given_to_a_unit_takes_effect_on_the_next_request(client, world):
    plan, group = quota_plan(world)
    outsider = world.users["outsider"]  # a drafter of Hà Quảng, another province
    assert status_of(client, outsider, plan) == 404
    group.units.set([world.other])
    assert status_of(client, outsider, plan) == 200


def test_a_quota_taken_away_takes_effect_on_the_next_request(client, world):
    plan, group = quota_plan(world)
    group.units.set([world.other])
    outsider = world.users["outsider"]
    assert status_of(client, outsider, plan) == 200
    group.units.clear()
    assert status_of(client, outsider, plan) == 404
    group.units.set([world.other])
    assert status_of(client, outsider, plan) == 200
    group.delete()
    assert status_of(client, outsider, plan) == 404

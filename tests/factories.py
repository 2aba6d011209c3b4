"""Factories of the rows most tests start from: bodies, clusters, people in a role, plans.

Rows that carry rules (a plan's parts, its workflow, registrations) are made through the services in
the tests themselves, so that test state is reached the way users reach it.
"""

import factory
from django.contrib.auth import get_user_model

from clusters.choices import OrganizationLevel, StaffRole
from clusters.models import Cluster, Organization, Staff
from plans.models import Plan

PASSWORD = "mật-khẩu-thử-nghiệm"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.invalid")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()


class OrganizationFactory(factory.django.DjangoModelFactory):
    """A People's Committee; pass `level`, `parent` and the names for other bodies."""

    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Ủy ban nhân dân xã Số {n}")
    short_name = factory.LazyAttribute(lambda org: org.name.replace("Ủy ban nhân dân", "UBND"))
    level = OrganizationLevel.COMMUNE
    abbreviation = "UBND"
    is_collective = True


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cluster

    name = factory.Sequence(lambda n: f"Cụm thi đua {n}")
    organization = factory.SubFactory(OrganizationFactory, level=OrganizationLevel.PROVINCE)
    abbreviation = "CTĐ"


class StaffFactory(factory.django.DjangoModelFactory):
    """A user's role in a body: `StaffFactory(organization=body, role=StaffRole.APPROVER).user`."""

    class Meta:
        model = Staff

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = StaffRole.DRAFTER


def staff_user(organization: Organization, role: str = StaffRole.DRAFTER, **user_fields):
    """A user who holds `role` in `organization`."""
    return StaffFactory(organization=organization, role=role, user=UserFactory(**user_fields)).user


class PlanFactory(factory.django.DjangoModelFactory):
    """A draft plan of an organisation with no parts yet; parts go through plans.services."""

    class Meta:
        model = Plan

    organization = factory.SubFactory(OrganizationFactory)
    kind = "training"
    year = 2024
    subject = factory.LazyAttribute(
        lambda plan: f"Tập huấn nghiệp vụ công tác thi đua, khen thưởng năm {plan.year}"
    )
    date_month = 3
    date_year = factory.SelfAttribute("year")

"""Shared fixtures: a province, a district, a cluster and a plan, a drafter, the demo and the `world`;
and the hypothesis profile of every property test.

Hypothesis: 200 examples per property, form or import, no deadline (the machine is shared),
the same examples on every run so that a failure in CI is reproducible; HYPOTHESIS_PROFILE=quick
runs 20 for a local try (and in the PostgreSQL lane of CI).
"""

import os

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from clusters.choices import OrganizationLevel, StaffRole
from tests.factories import ClusterFactory, OrganizationFactory, PlanFactory, staff_user

hypothesis_settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
    database=None,
)
hypothesis_settings.register_profile("quick", parent=hypothesis_settings.get_profile("ci"), max_examples=20)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and generated files go to a temporary folder, never into the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit budgets and other cached counters never leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def province(db):
    return OrganizationFactory(
        name="Ủy ban nhân dân tỉnh Đồng Tháp",
        short_name="UBND tỉnh Đồng Tháp",
        level=OrganizationLevel.PROVINCE,
        place_name="Đồng Tháp",
    )


@pytest.fixture
def district(province):
    return OrganizationFactory(
        name="Ủy ban nhân dân huyện Tháp Mười",
        short_name="UBND huyện Tháp Mười",
        parent=province,
        level=OrganizationLevel.DISTRICT,
        header_parent_line="UBND TỈNH ĐỒNG THÁP",
        place_name="Tháp Mười",
    )


@pytest.fixture
def cluster(province):
    return ClusterFactory(
        name="Cụm thi đua 2", organization=province, header_parent_line="UBND TỈNH ĐỒNG THÁP"
    )


@pytest.fixture
def plan(district):
    return PlanFactory(organization=district)


@pytest.fixture
def user(district):
    """A drafter of the district, who writes its plans (`plan` among them)."""
    return staff_user(district, StaffRole.DRAFTER, username="soanthao")


@pytest.fixture
def demo(db):
    """The demo: its bodies, clusters and users, and the five real plans by seed number."""
    from plans.management.demo.loader import load_demo

    return load_demo()


@pytest.fixture
def world(db):
    """Bodies, a rotating cluster, a user in every role and their plans (tests/world.py)."""
    from tests.world import build_world

    return build_world()

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


class _SharedDemo:
    """The demo loaded once per test process, in a transaction left open while the tests that ask
    for it run one after another, each in a savepoint of its own: loading it (about 3 s) for each
    of the 222 tests that ask for it was about a third of the suite's CPU time. A test that does
    not ask for it rolls it back first."""

    def __init__(self):
        self.atomic = None
        self.seeds = {}

    def open(self):
        from django.db import transaction

        from plans.management.demo.loader import load_demo

        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.seeds = {key: plan.pk for key, plan in load_demo().items()}

    def close(self):
        from django.db import transaction

        if self.atomic is not None:
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
            self.atomic = None


_shared_demo = _SharedDemo()


def _shares_demo(item) -> bool:
    """A test in a savepoint that asks for the demo; a transactional one loads its own."""
    names = getattr(item, "fixturenames", ())
    return "demo" in names and not {"transactional_db", "live_server"} & set(names)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # The tests that share the demo run together (each pytest-xdist worker gets them in runs), so
    # that it is loaded a few times per process rather than once per test. pytest-django's own
    # order, which runs after this one and keeps it, still puts the transactional tests last.
    items.sort(key=_shares_demo)
    # Its transaction is opened or closed before any other fixture: pytest-django's own autouse
    # fixture for the `django_db` mark would otherwise open the test's transaction first.
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names and "_shared_demo_state" in names:
            names.remove("_shared_demo_state")
            names.insert(0, "_shared_demo_state")


@pytest.fixture(scope="session")
def _shared_demo_closed_at_end(django_db_setup, django_db_blocker):
    """Rolled back before the test databases are dropped."""
    yield
    with django_db_blocker.unblock():
        _shared_demo.close()


@pytest.fixture(autouse=True)
def _shared_demo_state(request, django_db_blocker):
    from django.db import connection

    shares = _shares_demo(request.node)
    if _shared_demo.atomic is not None and not shares:
        with django_db_blocker.unblock():
            _shared_demo.close()
    elif shares and _shared_demo.atomic is None and not connection.in_atomic_block:
        request.getfixturevalue("_shared_demo_closed_at_end")
        with django_db_blocker.unblock():
            _shared_demo.open()


@pytest.fixture
def demo(db):
    """The demo: its bodies, clusters and users, and the five real plans by seed number (fresh
    instances: a test may change its own without the next one seeing it)."""
    from plans.management.demo.loader import load_demo
    from plans.models import Plan

    if _shared_demo.atomic is None:
        return load_demo()
    return {key: Plan.objects.get(pk=pk) for key, pk in _shared_demo.seeds.items()}


# The rows data migrations load, with a model that tells whether they are there.
MIGRATION_DATA = (
    ("plans.migrations.0012_load_legal_texts", "plans.LegalText"),
    ("emulation.migrations.0002_load_awards", "emulation.Award"),
)


@pytest.fixture
def migration_data(transactional_db):
    """What the data migrations load, put back for a test in real transactions: the test runner
    empties every table after each such test (the serialized rollback that would restore them is
    lost whenever a test resets the connections, and clashes with rows a savepoint test left)."""
    from importlib import import_module

    from django.apps import apps

    for module, model in MIGRATION_DATA:
        if not apps.get_model(model).objects.exists():
            import_module(module).load(apps, None)


@pytest.fixture
def world(db):
    """Bodies, a rotating cluster, a user in every role and their plans (tests/world.py)."""
    from tests.world import build_world

    return build_world()

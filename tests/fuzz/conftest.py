"""The fuzz suite's hypothesis profile: 200 examples per form or import, no deadline (the machine is
shared), the function-scoped `world` reused across one test's examples (what each example leaves
is checked by the test itself). HYPOTHESIS_PROFILE=quick runs 20 for a local try."""

import os

from hypothesis import HealthCheck, settings

from tests.activities.conftest import third  # noqa: F401 - the registration fixtures' third unit

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure in CI is reproducible
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
    database=None,
)
settings.register_profile("quick", parent=settings.get_profile("ci"), max_examples=20)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

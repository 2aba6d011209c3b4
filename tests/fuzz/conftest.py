"""The fuzz suite: the function-scoped `world` reused across one test's examples (what each example
leaves is checked by the test itself); its hypothesis profile is every test's (tests/conftest.py)."""

from tests.activities.conftest import third  # noqa: F401 - the registration fixtures' third unit

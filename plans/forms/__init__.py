"""Forms of the plan editor and of the create page.

The forms parse and check what was typed (with the models' own rules and Vietnamese messages);
`PlanEditor.service_input()` turns them into the plain values that `plans.services` saves, and
`PlanEditor.apply_errors()` puts the service's located errors back next to their fields. Choices
of organisations, clusters and plans come from a `Catalog` loaded once per request.
"""

from plans.forms.catalog import Catalog
from plans.forms.editor import PlanEditor
from plans.forms.plan import PlanCopyForm, PlanForm, PlanStartForm

__all__ = ["Catalog", "PlanCopyForm", "PlanEditor", "PlanForm", "PlanStartForm"]

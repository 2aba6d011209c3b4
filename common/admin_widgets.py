"""The admin's autocomplete fields render a tampered value without a server error.

Django's AutocompleteMixin.optgroups looks the posted value up in the database to show it again,
without checking that it fits the target field first: "\\x00", "abc" or a 30-digit number in a
foreign key field then raise inside the template (a 500) instead of giving the form's own message.
Values the target field refuses are left out of that lookup; the form still reports them.
"""

from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import ValidationError

_django_optgroups = AutocompleteMixin.optgroups


def _fits(field, value) -> bool:
    try:
        field.clean(value, None)
    except (ValidationError, TypeError, ValueError, OverflowError):
        return False
    return True


def _optgroups(self, name, value, attr=None):
    options = self.field.remote_field.model._meta
    target = options.get_field(getattr(self.field.remote_field, "field_name", options.pk.attname))
    value = [each for each in value if str(each) in self.choices.field.empty_values or _fits(target, each)]
    return _django_optgroups(self, name, value, attr)


def apply() -> None:
    AutocompleteMixin.optgroups = _optgroups

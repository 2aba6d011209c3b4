"""Every form of the project, fed generated hostile input (200 examples each): it never raises, it
renders, and every text typed is kept on the page."""

import pytest
from django import forms
from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

from tests.common.test_text_input import FORM_CLASSES, build
from tests.fuzz.strategies import hostile_text

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]


def bound(form_class, world, values: dict):
    form = build(form_class, world)
    data = QueryDict(mutable=True)
    for name, value in values.items():
        if isinstance(value, list):
            data.setlist(form.add_prefix(name), value)
        else:
            data[form.add_prefix(name)] = value
    form.data, form.is_bound = data, True
    return form


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda cls: cls.__qualname__)
def test_hostile_input_never_breaks_a_form_and_is_kept(world, form_class):
    names = {
        name: field
        for name, field in build(form_class, world).fields.items()
        if not isinstance(field, forms.FileField)
    }

    @given(st.fixed_dictionaries({name: hostile_text for name in names}), st.data())
    def check(values, data):
        for name, field in names.items():
            if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
                values[name] = data.draw(st.lists(hostile_text, max_size=3))
        form = bound(form_class, world, values)
        form.is_valid()
        assert str(form) or not names  # it renders
        for name, field in names.items():
            if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.HiddenInput):
                assert form[name].value() == values[name]  # what was typed is on the page again

    check()

"""The quick <select> renderer writes exactly what Django's templates write, only faster."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from common.forms import QuickFormRenderer


class Sample(forms.Form):
    one = forms.ChoiceField(choices=[("", "— Chọn —"), ("1", "Tháp Mười <UBND>"), ("2", 'Lai "Vung"')])
    many = forms.MultipleChoiceField(
        choices=[("Huyện", [("1", "Tháp Mười"), ("2", "Lai Vung")]), ("3", "Tỉnh")],
        widget=forms.SelectMultiple(attrs={"size": 4, "data-searchable": "true"}),
        required=False,
    )
    flag = forms.NullBooleanField()


@pytest.mark.parametrize("data", [None, {"one": "2", "many": ["1", "3"], "flag": "true"}])
def test_a_select_reads_the_same_from_either_renderer(data):
    quick = Sample(data, renderer=QuickFormRenderer())
    slow = Sample(data, renderer=DjangoTemplates())
    for name in ("one", "many", "flag"):
        assert str(quick[name]) == str(slow[name])
    assert "selected>Lai &quot;Vung&quot;</option>" in str(quick["one"]) if data else True
    assert "Tháp Mười &lt;UBND&gt;" in str(quick["one"])

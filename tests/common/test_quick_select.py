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


class Inputs(forms.Form):
    text = forms.CharField(
        max_length=20, widget=forms.TextInput(attrs={"placeholder": 'Ví dụ "A"', "disabled": True})
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    day = forms.DateField(widget=forms.DateInput(format="%d/%m/%Y"), required=False)
    count = forms.IntegerField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    tick = forms.BooleanField(required=False)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "text": "<b>Tháp & Mười</b>",
            "note": "Dòng 1\n<i>2</i>",
            "day": "08/08/2024",
            "count": "x",
            "tick": "on",
        },
    ],
)
def test_inputs_and_text_areas_read_the_same_from_either_renderer(data):
    quick = Inputs(data, renderer=QuickFormRenderer())
    slow = Inputs(data, renderer=DjangoTemplates())
    for name in quick.fields:
        assert str(quick[name]) == str(slow[name]), name


class Boxes(forms.Form):
    states = forms.MultipleChoiceField(
        choices=[("draft", "Dự thảo <mới>"), ("issued", 'Đã "ban hành"')],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    kind = forms.ChoiceField(choices=[("a", "Một"), ("b", "Hai")], widget=forms.RadioSelect, required=False)


@pytest.mark.parametrize("data", [None, {"states": ["issued"], "kind": "b"}])
def test_ticked_boxes_and_buttons_read_the_same_from_either_renderer(data):
    quick = Boxes(data, renderer=QuickFormRenderer())
    slow = Boxes(data, renderer=DjangoTemplates())
    for name in quick.fields:
        assert str(quick[name]) == str(slow[name]), name
        # One box at a time (a page that lays its boxes out itself), with and without its label.
        for fast_box, slow_box in zip(quick[name], slow[name], strict=True):
            assert (fast_box.tag(), str(fast_box)) == (slow_box.tag(), str(slow_box))

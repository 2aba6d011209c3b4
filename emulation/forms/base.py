"""What every form of the review meetings and proposals shares."""

from django import forms

from common.forms import DATE_INPUT_FORMATS, vietnamese_messages


class ReviewForm(forms.Form):
    """Day-first dates and the house's messages; `querysets` fill the choice fields first, and
    `choices` (read once for a whole formset) spare every row a query per select."""

    def __init__(self, *args, querysets: dict | None = None, choices: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, queryset in (querysets or {}).items():
            self.fields[name].queryset = queryset
        for name, listed in (choices or {}).items():
            self.fields[name].choices = listed  # shown as listed; still validated on the queryset
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.input_formats = DATE_INPUT_FORMATS
        vietnamese_messages(self)

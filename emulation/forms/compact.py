"""Who signs the compact for each member unit: one row per member."""

from django import forms

from common.forms import vietnamese_messages
from emulation.models import CompactSignatory


class SignatoryForm(forms.ModelForm):
    class Meta:
        model = CompactSignatory
        fields = ("on_behalf_of", "title", "name")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vietnamese_messages(self)


def signatory_forms(signatories, data=None) -> list[SignatoryForm]:
    return [SignatoryForm(data, instance=item, prefix=f"s{item.pk}") for item in signatories]

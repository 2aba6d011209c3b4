"""Forms of the criteria tables and scoring pages: they parse input; the services decide."""

from django import forms
from django.contrib.auth import get_user_model

from common.forms import DATE_INPUT_FORMATS, DateInput, LenientDecimalField, NumberInput, vietnamese_messages
from common.years import FIRST_YEAR, LAST_YEAR
from emulation.choices import CriterionKind
from emulation.criteria import CRITERION_FIELDS
from emulation.models.criteria import POINTS, Criterion
from plans.policy import scoring as policy

NO_OWNER_MESSAGE = "Bạn chưa quản lý cụm, khối hay cơ quan nào để lập bảng tiêu chí."
NO_USER_MESSAGE = "Không có tài khoản “{name}”."


def _points(label: str, *, required: bool = False, help_text: str = "") -> LenientDecimalField:
    return LenientDecimalField(
        label=label,
        required=required,
        min_value=0,
        max_digits=POINTS["max_digits"],
        decimal_places=POINTS["decimal_places"],
        widget=NumberInput(decimal=True),
        help_text=help_text,
    )


class TableCreateForm(forms.Form):
    owner = forms.ChoiceField(label="Của cụm, khối hoặc cơ quan")
    year = forms.IntegerField(label="Năm", min_value=FIRST_YEAR, max_value=LAST_YEAR, widget=NumberInput())
    title = forms.CharField(label="Tên bảng tiêu chí", max_length=300)
    self_scoring_deadline = forms.DateField(
        label="Hạn tự chấm điểm", required=False, input_formats=DATE_INPUT_FORMATS, widget=DateInput()
    )
    bonus_cap = _points("Tổng điểm thưởng tối đa", help_text="Để trống: không giới hạn chung")
    penalty_cap = _points("Tổng điểm trừ tối đa", help_text="Để trống: không giới hạn chung")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        clusters, bodies = policy.table_owners(user)
        self.owners = {f"c{cluster.pk}": ("cluster", cluster) for cluster in clusters}
        self.owners |= {f"o{body.pk}": ("organization", body) for body in bodies}
        self.fields["owner"].choices = [("", "— Chọn —")] + [
            (key, str(owner)) for key, (_, owner) in self.owners.items()
        ]
        vietnamese_messages(self)

    def clean(self):
        data = super().clean()
        if not self.owners:
            raise forms.ValidationError(NO_OWNER_MESSAGE)
        return data

    def service_arguments(self) -> dict:
        kind, owner = self.owners[self.cleaned_data["owner"]]
        names = ("year", "title", "self_scoring_deadline", "bonus_cap", "penalty_cap")
        data = {name: self.cleaned_data[name] for name in names}
        return {kind: owner, **data}


class CriterionForm(forms.ModelForm):
    max_points = _points(
        "Điểm tối đa", help_text="Nhóm tiêu chí: để trống (bằng tổng điểm các tiêu chí trong nhóm)"
    )
    target = _points("Chỉ tiêu")
    base_points = _points("Điểm khi đạt chỉ tiêu")
    points_per_unit = _points("Điểm mỗi lần (mỗi đơn vị vượt)")
    deduction_per_unit = _points("Điểm trừ mỗi đơn vị thiếu")

    class Meta:
        model = Criterion
        fields = (*CRITERION_FIELDS, "activities")
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "guidance": forms.Textarea(attrs={"rows": 2}),
            "order": NumberInput(),
            "activities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, table, **kwargs):
        super().__init__(*args, **kwargs)
        groups = table.criteria.filter(kind=CriterionKind.GROUP)
        if self.instance.pk:
            groups = groups.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = groups
        # Only the activities of the table's plan: a bounded list, never every activity.
        self.fields["activities"].queryset = (
            table.plan.activities.order_by("order")
            if table.plan_id
            else self.fields["activities"].queryset.none()
        )
        vietnamese_messages(self)

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("activities", None)
        if data.get("max_points") is None:
            data["max_points"] = 0
        if data.get("order") is None:
            data["order"] = 1
        return data

    def _post_clean(self):
        # The service validates the model (with its locked table); the form only parses.
        pass


class ScoreForm(forms.Form):
    result = forms.CharField(label="Kết quả đạt được", required=False, max_length=30)
    points = forms.CharField(label="Điểm", required=False, max_length=30)
    note = forms.CharField(
        label="Giải trình, lý do", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence = forms.MultipleChoiceField(
        label="Minh chứng của hoạt động", required=False, widget=forms.CheckboxSelectMultiple
    )
    file = forms.FileField(label="Tải thêm tài liệu kiểm chứng", required=False)

    def __init__(self, *args, offered=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].choices = [(str(item.pk), item.original_name) for item in offered]
        vietnamese_messages(self)


class AssignForm(forms.Form):
    unit = forms.TypedChoiceField(label="Đơn vị được chấm", coerce=int)
    reviewer_unit = forms.TypedChoiceField(
        label="Đơn vị chấm chéo", coerce=int, required=False, empty_value=None
    )
    reviewer = forms.CharField(label="Hoặc tên đăng nhập của người thẩm định", required=False, max_length=150)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(unit.pk), str(unit)) for unit in units]
        self.fields["unit"].choices = [("", "— Chọn —"), *choices]
        self.fields["reviewer_unit"].choices = [("", "— Không —"), *choices]
        vietnamese_messages(self)

    def clean_reviewer(self):
        name = self.cleaned_data["reviewer"]
        if not name:
            return None
        user = get_user_model().objects.filter(username=name, is_active=True).first()
        if user is None:
            raise forms.ValidationError(NO_USER_MESSAGE.format(name=name))
        return user


class CopyForm(forms.Form):
    year = forms.IntegerField(
        label="Sang năm", min_value=FIRST_YEAR, max_value=LAST_YEAR, widget=NumberInput()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vietnamese_messages(self)

"""The forms of the registration pages: they parse what was typed; the services check it and say
what is wrong where."""

from django import forms

from activities.registrations import xlsx_import
from activities.registrations.people import NAME_REQUIRED, PERSON_FIELDS, normalise_person, person_errors
from common.forms import DATE_INPUT_FORMATS, DateInput, vietnamese_messages
from common.xlsx_reading import FILE_EMPTY, XlsxFileField


class RegistrationForm(forms.Form):
    """One person. The phone and ID fields take what people type ("0912 345 678"); the service
    removes the separators and checks them."""

    unit = forms.TypedChoiceField(label="Đơn vị cử", coerce=int)
    group = forms.TypedChoiceField(label="Lớp, nhóm", coerce=int, required=False)
    full_name = forms.CharField(label="Họ và tên", max_length=120)
    position = forms.CharField(label="Chức vụ", max_length=200, required=False)
    phone = forms.CharField(label="Số điện thoại", required=False, help_text="Ví dụ: 0912345678")
    citizen_id = forms.CharField(label="Số CCCD", required=False, help_text="Đủ 12 chữ số")
    id_issue_date = forms.DateField(label="Ngày cấp", required=False, widget=DateInput())
    id_issue_place = forms.CharField(label="Nơi cấp", max_length=200, required=False)
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)

    def __init__(self, *args, units, quotas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(unit.pk, str(unit)) for unit in units]
        self.fields["unit"].widget = forms.HiddenInput()
        if len(quotas) > 1:
            self.fields["group"].required = True
            self.fields["group"].choices = [("", "— Chọn —")] + [
                (quota.group.pk, f"{quota.label} (định mức {quota.count:02d} người)") for quota in quotas
            ]
        else:
            del self.fields["group"]
        self.fields["id_issue_date"].input_formats = DATE_INPUT_FORMATS
        vietnamese_messages(self)
        self.fields["full_name"].error_messages["required"] = NAME_REQUIRED
        for name in ("phone", "citizen_id"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in PERSON_FIELDS}

    def clean(self):
        # A field that did not parse stops the service; the others are checked now so that every
        # message comes in one round (the phone and ID were only checked after the name was typed).
        if self.errors:
            for name, messages in person_errors(normalise_person(self.values())).items():
                if name not in self.errors and name in self.fields:
                    for message in messages:
                        self.add_error(name, message)
        return self.cleaned_data


class ImportForm(forms.Form):
    unit = forms.TypedChoiceField(label="Đơn vị cử", coerce=int)
    file = XlsxFileField(
        limit=xlsx_import.MAX_IMPORT_BYTES,
        label="Tệp danh sách (.xlsx)",
        help_text=(
            f"Bảng tính Excel .xlsx, tối đa {xlsx_import.MAX_IMPORT_BYTES // 1024 // 1024} MB, dòng đầu là "
            "tiêu đề các cột."
        ),
    )
    replace = forms.BooleanField(
        label="Thay cả danh sách hiện có của đơn vị bằng danh sách trong tệp",
        required=False,
        help_text="Không chọn: người trong tệp được thêm vào danh sách đã có.",
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(unit.pk, str(unit)) for unit in units]
        self.fields["unit"].widget = forms.HiddenInput()
        vietnamese_messages(self)
        # vietnamese_messages sets the generic "required"; an upload says what is missing.
        self.fields["file"].error_messages["required"] = FILE_EMPTY


class ReopenForm(forms.Form):
    until = forms.DateField(
        label="Mở lại việc đăng ký đến hết ngày",
        widget=DateInput(),
        help_text="Các đơn vị đăng ký, sửa danh sách được đến hết ngày này.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["until"].input_formats = DATE_INPUT_FORMATS
        vietnamese_messages(self)

"""The forms of the staff pages: they parse what was typed; the services check it."""

from django import forms

from clusters.choices import StaffRole
from common.forms import vietnamese_messages
from common.xlsx_reading import XlsxFileField
from staffing.imports import MAX_IMPORT_BYTES
from staffing.services import new_account_errors

PASSWORDS_DIFFER = "Hai lần nhập mật khẩu không giống nhau."
PASSWORD_HELP = "Ít nhất 10 ký tự, không quá giống tên đăng nhập, không phải mật khẩu phổ biến."  # noqa: S105  (a help text)


class _OrganizationRoleForm(forms.Form):
    organization = forms.TypedChoiceField(label="Cơ quan, đơn vị", coerce=int)
    role = forms.ChoiceField(label="Vai trò", choices=[("", "— Chọn —"), *StaffRole.choices])

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.organizations = {body.pk: body for body in organizations}
        self.fields["organization"].choices = [("", "— Chọn —")] + [
            (body.pk, body.name) for body in self.organizations.values()
        ]
        vietnamese_messages(self)

    def clean_organization(self):
        return self.organizations[self.cleaned_data["organization"]]


class _PasswordFields(forms.Form):
    password = forms.CharField(
        label="Mật khẩu", strip=False, widget=forms.PasswordInput(render_value=True), help_text=PASSWORD_HELP
    )
    password_again = forms.CharField(
        label="Nhập lại mật khẩu", strip=False, widget=forms.PasswordInput(render_value=True)
    )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", PASSWORDS_DIFFER)
        return data


class StaffCreateForm(_OrganizationRoleForm, _PasswordFields):
    """Account, body and role on one page: what creating a drafter takes."""

    username = forms.CharField(
        label="Tên đăng nhập", max_length=150, help_text="Chữ không dấu, chữ số và . @ + - _, ví dụ: myan.lan"
    )
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    email = forms.EmailField(
        label="Thư điện tử",
        required=False,
        help_text="Để nhận thông báo và tự đặt lại mật khẩu khi quên.",
    )

    field_order = ("username", "full_name", "email", "organization", "role", "password", "password_again")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)
        self.fields["email"].error_messages["invalid"] = (
            "Địa chỉ thư điện tử không hợp lệ, ví dụ: ten@example.vn."
        )

    def clean_username(self):
        # Checked here as well as in the service, so that every mistake shows at once.
        username = self.cleaned_data["username"]
        for message in new_account_errors(username=username).get("username", ()):
            self.add_error("username", message)
        return username


class RoleForm(_OrganizationRoleForm):
    pass


class PasswordForm(_PasswordFields):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "Mật khẩu mới"
        vietnamese_messages(self)


class ProvinceImportForm(forms.Form):
    province = forms.TypedChoiceField(label="Tỉnh", coerce=int)
    file = XlsxFileField(
        limit=MAX_IMPORT_BYTES,
        label="Tệp cơ quan, cụm và cán bộ (.xlsx)",
        help_text=(
            "Theo tệp mẫu: các trang “Cơ quan, đơn vị”, “Cụm, khối thi đua”, “Thành viên cụm”, “Cán bộ”."
        ),
    )

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.provinces = {body.pk: body for body in provinces}
        self.fields["province"].choices = [(body.pk, body.name) for body in self.provinces.values()]
        if len(self.provinces) == 1:
            self.fields["province"].widget = forms.HiddenInput()
            self.fields["province"].initial = next(iter(self.provinces))
        file_messages = dict(self.fields["file"].error_messages)
        vietnamese_messages(self)
        self.fields["file"].error_messages.update(file_messages)

    def clean_province(self):
        return self.provinces[self.cleaned_data["province"]]

"""Form pieces every app uses: plain Vietnamese messages, day-first dates, numbers as typed."""

import re
from decimal import InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html, format_html_join

from common.text import clean_text

# Django's own Vietnamese messages are sometimes awkward ("Nhập một số tổng thể"); ours are plain.
MESSAGES = {
    "required": "Không được để trống.",
    "invalid_choice": "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách.",
    "invalid_list": "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách.",
    "invalid_pk_value": "Lựa chọn không hợp lệ; hãy chọn lại trong danh sách.",
    "max_length": "Dài quá: tối đa %(limit_value)d ký tự (đang có %(show_value)d).",
    "min_value": "Không được nhỏ hơn %(limit_value)s.",
    "max_value": "Không được lớn hơn %(limit_value)s.",
    "max_digits": "Số quá lớn: tối đa %(max)s chữ số.",
    "max_decimal_places": "Tối đa %(max)s chữ số sau dấu phẩy.",
    "max_whole_digits": "Số quá lớn: phần nguyên tối đa %(max)s chữ số.",
}
INVALID_MESSAGES = {
    forms.IntegerField: "Nhập một số nguyên, ví dụ 15.",
    forms.DecimalField: "Nhập một số, ví dụ 1500000 hoặc 2,5.",
    forms.DateField: "Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 31/08/2024.",
}
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y"]
BLANK_LABELS = {"---------", str(BLANK_CHOICE_LABEL)}


def is_single_line(field: forms.Field) -> bool:
    """A text field is one line unless it is a text area with no length limit (a model TextField)."""
    return field.max_length is not None or not isinstance(field.widget, forms.Textarea)


def clean_text_input(field: forms.CharField) -> None:
    """The field tidies what is typed into it by `common.text.clean_text` before any check."""
    if getattr(field, "cleans_text", False):
        return
    parse, single_line = field.to_python, is_single_line(field)

    def to_python(value):
        if isinstance(value, str):
            value = clean_text(value, single_line=single_line)
        return parse(value)

    field.to_python, field.cleans_text = to_python, True


def vietnamese_messages(form: forms.BaseForm) -> None:
    """The house rules of every form of the app: plain Vietnamese error messages on every field,
    "— Chọn —" for a blank choice, and text typed or pasted tidied by the one rule for text coming
    in (`clean_text_input`)."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput):
            clean_text_input(field)
        field.error_messages.update(MESSAGES)
        for field_class, message in INVALID_MESSAGES.items():
            if isinstance(field, field_class):
                field.error_messages["invalid"] = message
        if getattr(field, "keeps_blank_label", False):
            continue
        if isinstance(field, forms.ModelChoiceField):
            # Only the blank label changes: reading the rows here read them twice (a count and a
            # cursor) before the page read them again to draw the options.
            if field.empty_label is not None and str(field.empty_label) in BLANK_LABELS:
                field.empty_label = "— Chọn —"
        elif isinstance(field, forms.ChoiceField):
            choices = list(field.choices)
            if choices and choices[0][0] in ("", None) and str(choices[0][1]) in BLANK_LABELS:
                field.choices = [("", "— Chọn —"), *choices[1:]]


# The largest key a database integer column holds (SQLite and PostgreSQL bigint alike).
LARGEST_KEY = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, except that a key no database column could hold is an invalid choice: Django's
    `pk__in` lookup sends it to the database, where SQLite overflows and PostgreSQL refuses it (a
    server error), while a single `pk=` lookup already treats it as no match."""

    def _check_values(self, value):
        for item in value:
            text = str(item).strip()
            if text.lstrip("+-").isdigit() and abs(int(text)) > LARGEST_KEY:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text}
                )
        return super()._check_values(value)


class PlainModelChoiceIterator(ModelChoiceIterator):
    """A model select's options read in one plain query: Django's iterator opens a server-side
    cursor on PostgreSQL (three round trips) to read a few hundred bodies."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class NumberInput(forms.TextInput):
    """A text box for numbers: nothing typed is thrown away by the browser, the server says what is wrong."""

    def __init__(self, attrs=None, *, decimal=False):
        base = {"inputmode": "decimal" if decimal else "numeric", "class": "number"}
        super().__init__({**base, **(attrs or {})})


class DateInput(forms.DateInput):
    """A date typed as Vietnamese write it, day first, whatever the language of the browser."""

    def __init__(self, attrs=None):
        base = {"placeholder": "ngày/tháng/năm", "size": 10, "class": "date"}
        super().__init__({**base, **(attrs or {})}, format="%d/%m/%Y")


class LenientDecimalField(forms.DecimalField):
    """Accepts "1.500.000" (dots between thousands), "1 500 000" and "2,5" as Vietnamese write them."""

    _THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace("\u00a0", "")
            if self._THOUSANDS.match(value):
                value = value.replace(".", "")
            value = value.replace(",", ".")
        try:
            return super().to_python(value)
        except (InvalidOperation, OverflowError) as error:  # pragma: no cover - Decimal edge cases
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _html_attrs(attrs: dict) -> str:
    """What django/forms/widgets/attrs.html writes: `True` as a bare name, `False` left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


# Django's input widgets whose template is only "django/forms/widgets/input.html".
INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "hidden",
        "checkbox",
        "number",
        "date",
        "email",
        "url",
        "search",
        "password",
    )
}
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
# A box or button of a CheckboxSelectMultiple or a RadioSelect: its <input>, in its <label> when asked.
OPTION_TEMPLATES = {
    f"django/forms/widgets/{name}.html" for name in ("checkbox_option", "radio_option", "input_option")
}


def _input(widget: dict) -> str:
    value = widget["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget["type"],
        widget["name"],
        format_html(' value="{}"', f"{value}") if value is not None else "",
        _html_attrs(widget["attrs"]),
    )


class QuickFormRenderer(DjangoTemplates):
    """Django's form renderer, except that a <select>, an <input> and a <textarea> are written in
    Python, byte for byte as Django's templates write them: a template per <option> made a list of a
    few hundred bodies cost tens of milliseconds, and a template per field made the editor of a long
    plan (hundreds of fields) cost seconds (bench/pages.py)."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget", {})
        if template_name in INPUT_TEMPLATES:
            return _input(widget)
        if template_name in OPTION_TEMPLATES:
            if not widget.get("wrap_label"):
                return _input(widget)
            label_for = widget["attrs"].get("id")
            return format_html(
                "<label{}>{}\n {}</label>",
                format_html(' for="{}"', label_for) if label_for else "",
                _input(widget),
                widget["label"],
            )
        if template_name == TEXTAREA_TEMPLATE:
            return format_html(
                '<textarea name="{}"{}>\n{}</textarea>',
                widget["name"],
                _html_attrs(widget["attrs"]),
                widget["value"] if widget["value"] else "",
            )
        if template_name != SELECT_TEMPLATE or any(
            option["template_name"] != OPTION_TEMPLATE
            for _, options, _ in widget["optgroups"]
            for option in options
        ):
            return super().render(template_name, context, request)
        parts = [format_html('<select name="{}"{}>', widget["name"], _html_attrs(widget["attrs"]))]
        for group_name, options, _ in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            parts.extend(
                format_html(
                    '\n  <option value="{}"{}>{}</option>\n',
                    str(option["value"]),
                    _html_attrs(option["attrs"]),
                    option["label"],
                )
                for option in options
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return "".join(parts)

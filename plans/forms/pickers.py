"""The pickers of the edit and create pages: selects over a catalog (plans.forms.catalog), the unit
picker with its ticked boxes, their fields, and the mixin that binds a form's fields to the catalog."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from clusters.models import Cluster, Organization
from common.forms import _html_attrs, vietnamese_messages
from plans.forms.catalog import Catalog, issuer_key

PICK_BUTTON = "pick"  # the no-JavaScript search of a picker: the page comes back with what it found
QUERY_SUFFIX = "__q"


class SharedOptionsMixin:
    """A select whose options' HTML is written once per request and shared by every row that shows
    the same choices (`options_key` in the request's `options_cache`, set by the form)."""

    labels: dict[str, str] = {}  # values in use not among the choices, added by a picker
    options_cache: dict | None = None
    options_key: tuple | None = None
    selects_blank = True  # the blank option is marked selected for no value, as Django writes it

    def _shared_select(self, name, value, attrs) -> str | None:
        """The select as Django writes it (common.forms.QuickFormRenderer), from options written
        once per request: a page of many rows repeats the same options in every row."""
        if self.options_cache is None or self.options_key is None or self.allow_multiple_selected:
            return None
        options = self.options_cache.get(self.options_key)
        if options is None:
            options = self.options_cache[self.options_key] = list(_option_html(self.choices))
        chosen = [key for key in self.format_value(value) if key or self.selects_blank]
        shown = {key for key, _, _ in options}
        parts = [format_html('<select name="{}"{}>', name, _html_attrs(self.build_attrs(self.attrs, attrs)))]
        missing = [
            format_html('\n  <option value="{}" selected>{}</option>\n', key, self.labels[key])
            for key in dict.fromkeys(chosen)
            if key not in shown and key in self.labels
        ]
        at = 1 if options and options[0][0] == "" else 0
        for index, (key, plain, selected) in enumerate(options):
            if index == at:
                parts += missing
            parts.append(selected if key is not None and key in chosen else plain)
        if at >= len(options):
            parts += missing
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped by format_html


class SharedSelect(SharedOptionsMixin, forms.Select):
    """A select of a row's field, its options shared by the rows of the part (plans.forms.rows)."""

    def render(self, name, value, attrs=None, renderer=None):
        return self._shared_select(name, value, attrs) or super().render(name, value, attrs, renderer)


class PickerMixin(SharedOptionsMixin):
    """A select over a catalog: the suggestions, plus the values in use that are not among them
    (read from `labels`), and without JavaScript a search box under it; the script replaces that box
    by a search as one types (static/plans/plan_form.js)."""

    source = ""
    selects_blank = False

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        shown = {str(option["value"]) for _, options, _ in groups for option in options}
        missing = [
            key
            for key in value
            if key not in ("", None) and str(key) not in shown and str(key) in self.labels
        ]
        if missing:
            options = [
                self.create_option(name, key, self.labels[str(key)], True, index)
                for index, key in enumerate(missing)
            ]
            groups.insert(
                1 if groups and groups[0][1] and groups[0][1][0]["value"] == "" else 0, (None, options, 0)
            )
        return groups

    def render(self, name, value, attrs=None, renderer=None):
        html = self._shared_select(name, value, attrs) or super().render(name, value, attrs, renderer)
        if not self.source:
            return html
        field_id = (attrs or {}).get("id") or self.attrs.get("id") or name
        return html + format_html(
            '<details class="picker-search" data-picker-search><summary>Tìm trong cả danh mục</summary>'
            '<input type="search" name="{}" aria-label="Từ cần tìm cho ô này" maxlength="100"> '
            '<button type="submit" class="button small" name="{}" value="{}" formaction="#{}">Tìm</button>'
            "</details>",
            name + QUERY_SUFFIX,
            PICK_BUTTON,
            name,
            field_id,
        )


def _option_html(choices):
    """(key, HTML, HTML when selected) of each option and group tag (key None), as
    common.forms.QuickFormRenderer writes them."""
    for key, label in choices:
        if isinstance(label, (list, tuple)):
            tag = format_html('\n  <optgroup label="{}">', key)
            yield None, tag, tag
            yield from _option_html(label)
            yield None, "\n  </optgroup>", "\n  </optgroup>"
            continue
        key = "" if key is None else str(key)
        yield (
            key,
            format_html('\n  <option value="{}">{}</option>\n', key, label),
            format_html('\n  <option value="{}" selected>{}</option>\n', key, label),
        )


class PickerSelect(PickerMixin, forms.Select):
    pass


class UnitPicker(forms.SelectMultiple):
    """Several bodies: the chosen ones as ticked boxes, a short list of suggestions to tick (the
    cluster's members and the issuer's province first) and a search field. Without JavaScript the
    search is a button that shows the page again with what it found; static/plans/plan_form.js
    turns the chosen boxes into removable chips and the field into a search as one types.

    The field's label points to the search field (the boxes are labelled by their own text)."""

    labels: dict[str, str] = {}
    source = "organizations"
    suggestions: list[tuple[str, str]] = []  # (key, label) offered to tick
    heading = "Gợi ý (đánh dấu để chọn)"
    options_cache: dict | None = None
    options_key: tuple | None = None

    def use_required_attribute(self, initial):
        return False

    def _boxes(self, items) -> list[tuple[str, str]]:
        """(key, label) escaped once per request when the list is shared by every row."""
        if self.options_cache is None or self.options_key is None:
            return [(escape(key), escape(label)) for key, label in items]
        found = self.options_cache.get(self.options_key)
        if found is None:
            found = [(escape(key), escape(label)) for key, label in items]
            self.options_cache[self.options_key] = found
        return found

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        field_id = final.get("id") or name
        chosen = [key for key in dict.fromkeys(self.format_value(value)) if key]
        box = '<li><label><input type="checkbox" name="%s" value="%s"%s> %s</label></li>'
        safe_name = escape(name)
        ticked = "".join(
            box % (safe_name, escape(key), " checked", escape(self.labels.get(key, key))) for key in chosen
        )
        offered = "".join(
            box % (safe_name, key, "", label)
            for key, label in self._boxes(self.suggestions)
            if key not in chosen
        )
        described = {key: final[key] for key in ("aria-describedby", "aria-invalid") if key in final}
        search = format_html(
            '<input type="search" name="{}" id="{}" maxlength="100" autocomplete="off" '
            'placeholder="Tìm đơn vị khác (có dấu hoặc không dấu)"{}> '
            '<button type="submit" class="button small" name="{}" value="{}" formaction="#{}" '
            "data-picker-button>Tìm</button>",
            name + QUERY_SUFFIX,
            field_id,
            _html_attrs(described),
            PICK_BUTTON,
            name,
            field_id,
        )
        return mark_safe(  # noqa: S308 - every piece is escaped above
            f'<div class="unit-picker" data-unit-picker="{escape(self.source)}" data-name="{safe_name}">'
            f'<ul class="unit-chosen" data-chosen aria-label="Đơn vị đã chọn">{ticked}</ul>'
            + (f'<p class="help" data-suggested-title>{escape(self.heading)}:</p>' if offered else "")
            + f'<ul class="unit-suggested" data-suggested aria-label="{escape(self.heading)}">{offered}</ul>'
            f'<div class="unit-search" data-picker-search>{search}</div></div>'
        )


class CatalogChoiceField(forms.ChoiceField):
    """A select over a catalog: options come from a list, the cleaned value is the object."""

    keeps_blank_label = True  # its own empty label ("— Không chọn —"), not "— Chọn —"
    widget = PickerSelect

    def __init__(self, *, empty_label="— Không chọn —", **kwargs):
        self.empty_label = empty_label
        self.objects: dict[str, Any] = {}
        super().__init__(**kwargs)

    def bind(self, objects: dict[str, Any], choices: list, labels: dict[str, str] | None = None) -> None:
        self.objects = objects
        if not choices or choices[0][0] != "":
            choices = [("", self.empty_label), *choices]
        self.choices = choices
        if isinstance(self.widget, PickerMixin):
            self.widget.labels = labels or {}

    def prepare_value(self, value):
        if isinstance(value, Model):
            return str(value.pk)
        return "" if value is None else str(value)

    def to_python(self, value):
        return "" if value in self.empty_values else str(value)

    def validate(self, value):
        if not value and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        if value and value not in self.objects:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")

    def clean(self, value):
        value = self.to_python(value)
        self.validate(value)
        return self.objects[value] if value else None

    def has_changed(self, initial, data):
        return self.prepare_value(initial) != self.to_python(data)


class IssuerField(CatalogChoiceField):
    def prepare_value(self, value):
        if isinstance(value, (Organization, Cluster)):
            return issuer_key(value)
        return "" if value is None else str(value)


class CatalogMultipleChoiceField(forms.MultipleChoiceField):
    """A multiple select over a catalog; the cleaned value is a list of objects."""

    widget = UnitPicker

    def __init__(self, **kwargs):
        self.objects: dict[str, Any] = {}
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def bind(self, objects: dict[str, Any], choices: list, labels: dict[str, str] | None = None) -> None:
        self.objects = objects
        self.choices = choices
        if isinstance(self.widget, PickerMixin):
            self.widget.labels = labels or {}

    def prepare_value(self, value):
        if value is None:
            return []
        return [str(item.pk) if isinstance(item, Model) else str(item) for item in value]

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, (list, tuple)):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        return [str(item) for item in value]

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        if any(item not in self.objects for item in value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")

    def clean(self, value):
        value = self.to_python(value)
        self.validate(value)
        return [self.objects[item] for item in dict.fromkeys(value)]

    def has_changed(self, initial, data):
        return set(self.prepare_value(initial)) != set(self.to_python(data) if isinstance(data, list) else [])


def organization_field(label: str, *, multiple: bool = False):
    attrs = {"data-searchable": "true"}
    if multiple:
        return CatalogMultipleChoiceField(label=label, widget=UnitPicker(), required=False)
    return CatalogChoiceField(label=label, widget=PickerSelect(attrs=attrs), required=False)


class CatalogFormMixin:
    """Binds the catalog fields of a form to the request's catalog; Vietnamese messages."""

    catalog_fields: dict[str, str] = {}

    def setup_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        if getattr(self, "is_bound", False) and hasattr(self.data, "getlist"):
            # The values sent are valid choices once loaded (found by a search, say): asked for
            # before the catalog first loads (the editor asks for every form's at once).
            for name, source in self.catalog_fields.items():
                catalog.want(source, self.data.getlist(self.add_prefix(name)))
        for name, source in self.catalog_fields.items():
            if name not in self.fields:
                continue
            field = self.fields[name]
            if source == "organizations":
                objects, choices = catalog.organizations, catalog.organization_choices
            elif source == "plans":
                objects, choices = catalog.plans, catalog.plan_choices
            elif source == "legal_texts":
                objects, choices = catalog.legal_texts, catalog.legal_text_choices
            else:
                objects, choices = catalog.issuers, catalog.issuer_choices
            query = self._picker_query(name) if source != "legal_texts" else ""
            if isinstance(field.widget, UnitPicker):
                self._setup_unit_picker(field, catalog, query)
                continue
            if query:
                found = catalog.search(source, query)
                group = f"Kết quả tìm “{query}”" if found else f"Không tìm thấy “{query}”"
                rest = choices[1:] if choices and choices[0][0] == "" else choices
                head = choices[:1] if choices and choices[0][0] == "" else []
                choices = [*head, (group, found or [("", "—")]), *rest]
            if isinstance(field.widget, PickerMixin):
                field.widget.source = source if source != "legal_texts" else ""
                field.widget.attrs["data-picker"] = field.widget.source
            if isinstance(field.widget, SharedOptionsMixin) and not query:
                field.widget.options_cache = catalog.rendered
                field.widget.options_key = (source, getattr(field, "empty_label", None))
            field.bind(objects, choices, catalog.labels(source))
        vietnamese_messages(self)

    @staticmethod
    def _setup_unit_picker(field, catalog: Catalog, query: str) -> None:
        """Its suggestions, or what a search without JavaScript found; no option list to build."""
        widget = field.widget
        if query:
            widget.suggestions = catalog.search("organizations", query)
            widget.heading = f"Kết quả tìm “{query}”" if widget.suggestions else f"Không tìm thấy “{query}”"
        else:
            widget.suggestions = catalog.unit_suggestions
            widget.options_cache, widget.options_key = catalog.rendered, ("units",)
        field.objects = catalog.organizations
        widget.labels = catalog.organization_paths

    def _picker_query(self, name: str) -> str:
        if not getattr(self, "is_bound", False):
            return ""
        return str(self.data.get(self.add_prefix(name) + QUERY_SUFFIX) or "").strip()[:100]

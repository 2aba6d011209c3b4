"""The edit page: the plan form and one formset per part, built once and validated together."""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import prefetch_related_objects

from activities.models import participant_total
from common.errors import ServiceError, add_to_form
from plans.documents.amounts import format_vnd
from plans.documents.outline import NUMBERING_BLOCKS, section_numbers
from plans.forms.catalog import Catalog, issuer_key
from plans.forms.formsets import EDITOR_PARTS, EditorPart
from plans.forms.page import page_cards
from plans.forms.pickers import PICK_BUTTON
from plans.forms.plan import PlanForm
from plans.models import Plan, Section

# A part with more saved rows than this is loaded when the drafter opens it (the page stays light).
LAZY_ROWS = 10
UNLOADED = "unloaded"  # the name of the marker a part not loaded sends instead of its rows

ROWS_MISMATCH_MESSAGE = (
    "Số dòng trang gửi lên không khớp với các dòng đã lưu của phần “{parts}” (trang có thể đã bị "
    "sửa hoặc chưa tải hết), nên chưa lưu gì để khỏi xoá nhầm dòng. Hãy tải lại trang soạn thảo rồi "
    "nhập lại; nội dung bạn vừa nhập vẫn còn dưới đây."
)


def _section_numbers(sections: list[Section]) -> tuple[list[Section], dict[int, int], dict[int, int | None]]:
    """Sections in reading order (depth first), their numbers 1, 2, 3… and their parents' numbers."""
    children: dict[int | None, list[Section]] = {}
    for section in sections:
        children.setdefault(section.parent_id, []).append(section)
    ordered: list[Section] = []

    def walk(parent_id):
        for section in children.get(parent_id, []):
            ordered.append(section)
            walk(section.pk)

    walk(None)
    ordered += [section for section in sections if section not in ordered]  # never lose an orphan
    numbers = {section.pk: number for number, section in enumerate(ordered, start=1)}
    parents = {section.pk: numbers.get(section.parent_id) for section in sections}
    return ordered, numbers, parents


class SortedFormSetMixin:
    """A formset whose saved rows come in an order given as a list (sections: depth first)."""

    sorted_rows: list | None = None

    def get_queryset(self):
        if self.sorted_rows is not None:
            return self.sorted_rows
        return super().get_queryset()


def _listed_forms(formset):
    """Rows that other rows may refer to: saved or typed rows, not those marked for deletion."""
    for index, form in enumerate(formset.forms):
        if not form.is_bound:
            if index < formset.initial_form_count():
                yield form
            continue
        if formset.can_delete and form["DELETE"].value():
            continue
        if index >= formset.initial_form_count() and not form.has_changed():
            continue
        yield form


class PlanEditor:
    """The plan form and every formset of the edit page, built once, validated together."""

    def __init__(
        self,
        *,
        plan: Plan,
        user=None,
        data=None,
        add_row: str | None = None,
        redisplay: bool = False,
        opened: tuple[str, ...] | None = None,
    ):
        self.plan = plan
        # Parts the page did not load (a long part is loaded when opened): neither read from the
        # data nor saved, so the service leaves their rows as they are.
        self.unloaded: set[str] = set()
        if data is not None and hasattr(data, "getlist"):
            self.unloaded = {name for name in data.getlist(UNLOADED) if name in EDITOR_PARTS}
        self.catalog = Catalog(user=user, exclude_plan=plan)
        self.adding_row = add_row if data is not None and add_row in EDITOR_PARTS else None
        # The units of the rows (m2m) are read below, for the parts on the page only.
        self.rows = {
            name: list(part.part.rows(plan).prefetch_related(None)) for name, part in EDITOR_PARTS.items()
        }
        if self.adding_row in self.unloaded and not self.rows[self.adding_row]:
            # "Thêm dòng" of a folded part with no rows, not loaded: shown with its blank row.
            self.unloaded.discard(self.adding_row)
        # Parts shown without their blank row (see `_formset`).
        self.blank_later: set[str] = set()
        if data is None:
            # On a fresh page a long part is left out until opened, and so is a folded part with no
            # rows; `opened`: the parts to show anyway.
            shut = {name for name in self.rows if opened is None or name not in opened}
            self.unloaded = {
                name
                for name in shut
                if len(self.rows[name]) > LAZY_ROWS
                or (EDITOR_PARTS[name].collapsible and not self.rows[name])
            }
            # Another part with no rows comes without a blank row: the script adds one from the
            # blank-row templates fetched after the page; without it, "Thêm dòng" does.
            self.blank_later = {name for name in shut - self.unloaded if not self.rows[name]}
        for name, part in EDITOR_PARTS.items():
            # The participant totals count the units of every group, shown or not.
            if part.part.m2m and (name not in self.unloaded or name == "groups"):
                prefetch_related_objects(self.rows[name], *part.part.m2m)
        self._numbers()
        self._want_in_use(data)
        self.miscounted: list[str] = []
        if data is not None:
            data = self._counted(data)
        if self.adding_row:
            data = self._with_extra_row(data, self.adding_row)
        self.data = data
        self.plan_form = PlanForm(data, instance=plan, catalog=self.catalog)
        self.formsets = {
            name: self._formset(part, None if name in self.unloaded else data)
            for name, part in EDITOR_PARTS.items()
        }
        self._ref_choices()
        self._printed_numbers()
        # Shown again as typed (a row added, the subject recased, a picker searched without
        # JavaScript): nothing saved, no error yet.
        self.searching = data is not None and bool(data.get(PICK_BUTTON))
        self.redisplaying = bool(self.adding_row) or self.searching or (redisplay and data is not None)
        if self.redisplaying:
            self._hide_errors()

    # -- values of the pickers in use ------------------------------------------
    def _want_in_use(self, data) -> None:
        """Tell the catalog every body or plan the page shows or receives, before any form reads
        it: the saved rows' (already loaded) and the sent ones, so they load in one query."""
        catalog, plan = self.catalog, self.plan
        catalog.want("issuers", [issuer_key(plan.issuer)])
        sources = dict(PlanForm.catalog_fields)
        for name, source in PlanForm.catalog_fields.items():
            if name != "issuer":
                catalog.want(source, [getattr(plan, f"{name}_id", None)])
        for name, part in EDITOR_PARTS.items():
            sources.update(part.form.catalog_fields)
            if name in self.unloaded:
                continue  # its rows are not on the page, and it sends none
            for field, source in part.form.catalog_fields.items():
                for row in self.rows[name]:
                    if field in part.part.m2m:
                        catalog.want(source, getattr(row, field).all())  # prefetched with the rows
                    else:
                        catalog.want(source, [getattr(row, f"{field}_id", None)])
        for key in data or ():
            source = sources.get(key.rsplit("-", 1)[-1])
            if source is not None:
                values = data.getlist(key) if hasattr(data, "getlist") else data[key]
                catalog.want(source, values if isinstance(values, (list, tuple)) else [values])

    # -- numbers of the saved rows ---------------------------------------------
    def _numbers(self) -> None:
        self.ordinals: dict[str, dict[int, int]] = {}
        self.refs: dict[str, dict[int, int | None]] = {}
        sections, numbers, parents = _section_numbers(self.rows["sections"])
        self.rows["sections"] = sections
        self.ordinals["sections"], self.refs["sections"] = numbers, parents
        for name in EDITOR_PARTS:
            if name not in self.ordinals:
                self.ordinals[name] = {row.pk: number for number, row in enumerate(self.rows[name], start=1)}
        sessions = self.ordinals["sessions"]
        self.refs["groups"] = {group.pk: sessions.get(group.session_id) for group in self.rows["groups"]}
        waves = self.ordinals["waves"]
        self.refs["activities"] = {row.pk: waves.get(row.wave_id) for row in self.rows["activities"]}
        groups = self.ordinals["groups"]
        self.refs["breakdowns"] = {part.pk: groups.get(part.group_id) for part in self.rows["breakdowns"]}

    def _printed_numbers(self) -> None:
        """Beside each saved section, the number the document prints for it (as last saved)."""
        counts = {block: len(self.rows[part]) for block, part in NUMBERING_BLOCKS.items()}
        if "sections" in self.unloaded:
            return  # no row on the page to put them beside
        places = section_numbers(self.plan, self.rows["sections"], counts=counts)
        for form in self.formsets["sections"].forms:
            if form.instance.pk in places:
                form.printed_number = places[form.instance.pk].number

    def _formset(self, part: EditorPart, data):
        count = len(self.rows[part.name])
        formset_class = type(part.formset.__name__, (SortedFormSetMixin, part.formset), {})
        formset_class.sorted_rows = self.rows[part.name]
        formset_class.ordinals = self.ordinals[part.name]
        formset_class.ref_initial = self.refs.get(part.name, {})
        if part.name in self.blank_later:
            formset_class.extra = 0
        extra_initial = [{"ordinal": count + 1 + index} for index in range(formset_class.extra)]
        return formset_class(
            data,
            instance=self.plan,
            prefix=part.name,
            initial=extra_initial,
            form_kwargs={"catalog": self.catalog},
        )

    def _counted(self, data):
        """The data with each TOTAL_FORMS equal to the rows it holds; parts whose counts do not
        match the rows sent go to `miscounted`, and the save is refused (see `is_valid`).

        A forged high count (say 10^8) would make the page build up to the formset's maximum of
        blank rows: it is lowered, harmlessly. A count lower than the rows sent, or a saved row sent
        without its id, would make the save delete rows no one deleted: the count is raised so
        that every row sent is shown again, and nothing is saved.
        """
        highest: dict[str, int] = {}
        for key in data:
            part, _, rest = key.partition("-")
            index = rest.partition("-")[0]
            if part in EDITOR_PARTS and index.isdigit():
                highest[part] = max(highest.get(part, -1), int(index))
        counted = data.copy()
        for name, part in EDITOR_PARTS.items():
            if name in self.unloaded:
                continue
            key, sent = f"{name}-TOTAL_FORMS", highest.get(name, -1) + 1
            value = data.get(key, "")
            if value.isdigit() and int(value) > sent:
                counted[key] = str(sent)
            elif value.isdigit() and int(value) < sent:
                counted[key] = str(sent)
                self.miscounted.append(part.title)
                continue
            # Saved rows come first, each with its id; a saved row sent without its id, or counted
            # among the new ones, would be taken for a new row and the saved one deleted.
            pk_name = part.part.model._meta.pk.name
            initial = data.get(f"{name}-INITIAL_FORMS", "")
            if value.isdigit() and (
                not initial.isdigit()
                or int(initial) > int(value)
                or any(
                    bool(data.get(f"{name}-{index}-{pk_name}")) != (index < int(initial))
                    for index in range(sent)
                )
            ):
                self.miscounted.append(part.title)
        return counted

    def _with_extra_row(self, data, name: str):
        """The submitted data with one more blank row in `name` (the "Thêm dòng" button without JS)."""
        data = data.copy()
        key = f"{name}-TOTAL_FORMS"
        if key not in data and not self.rows[name]:
            data[key], data[f"{name}-INITIAL_FORMS"] = "0", "0"  # a part the page had not loaded
        try:
            total = int(data.get(key, ""))
        except ValueError:
            return data
        if total >= 1000:
            return data
        data[key] = str(total + 1)
        numbers = []
        for index in range(total):
            try:
                numbers.append(int(data.get(f"{name}-{index}-ordinal", "")))
            except ValueError:
                continue
        data[f"{name}-{total}-ordinal"] = str(max(numbers, default=0) + 1)
        # The new row starts with the same defaults as a blank row (quantity 1, "người"…).
        part = EDITOR_PARTS[name]
        empty = part.formset(
            instance=self.plan, prefix=name, form_kwargs={"catalog": self.catalog}
        ).empty_form
        for field_name, field in empty.fields.items():
            if field_name in ("ordinal", "DELETE", "id", "plan") or isinstance(
                field, forms.MultipleChoiceField
            ):
                continue
            value = empty[field_name].value()
            if value not in (None, ""):
                data[f"{name}-{total}-{field_name}"] = str(value)
        return data

    def _hide_errors(self) -> None:
        """Adding a row only re-shows the page: no row is checked yet, so no error is shown."""
        from django.forms.utils import ErrorDict, ErrorList

        for form in self.all_forms():
            form._errors = ErrorDict()
        for name, formset in self.formsets.items():
            if name in self.unloaded:
                continue
            formset._non_form_errors = ErrorList()
            formset._errors = [ErrorDict() for _ in formset.forms]

    # -- selects of rows that refer to other rows -----------------------------------
    def _ref_choices(self) -> None:
        targets = {"sections": "sections", "activities": "waves", "groups": "sessions"}
        targets["breakdowns"] = "groups"
        labels = {"sections": "Mục số", "waves": "Đợt số", "sessions": "Lớp số", "groups": "Nhóm số"}
        for name, target in targets.items():
            if name in self.unloaded:
                continue  # its rows are not on the page
            options = []
            for number, text in self._listed(target):
                text = " ".join(str(text or "").split())
                if len(text) > 70:
                    text = text[:69] + "…"
                options.append((str(number), f"{labels[target]} {number}: {text or '(chưa có tên)'}"))
            # Not the blank-row template (`empty_form` is built anew on each read): the script fills
            # its select as rows are typed.
            for form in self.formsets[name].forms:
                ref_name = form.ref_fields[0]
                field = form.fields[ref_name]
                choices = [("", field.empty_label), *options]
                current = form[ref_name].value()
                # The options' HTML is written once for the rows of the part, unless this row's
                # number is not among them.
                field.widget.options_cache, field.widget.options_key = self.catalog.rendered, ("refs", name)
                if current not in (None, "") and str(current) not in {value for value, _ in choices}:
                    choices.append((str(current), f"{labels[target]} {current} (không có trong danh sách)"))
                    field.widget.options_key = None
                field.widget.choices = choices

    def _listed(self, name: str):
        """(number, name) of each row of `name` that other rows may refer to: its saved rows when
        the part is not on the page (no form built), else the rows as shown or typed."""
        label_field = EDITOR_PARTS[name].form.label_field
        if name in self.unloaded:
            for row in self.rows[name]:
                text = getattr(row, label_field, "") if label_field else ""
                yield self.ordinals[name][row.pk], text or getattr(row, "full_name", "")
            return
        for form in _listed_forms(self.formsets[name]):
            number = form["ordinal"].value()
            if number in (None, ""):
                continue
            text = form[label_field].value() if label_field else ""
            if not text and "full_name" in form.fields:  # a named guest has no description
                text = form["full_name"].value()
            yield number, text

    # -- validation and saving -------------------------------------------------------
    def all_forms(self):
        """The plan form and the rows on the page (those of a part not loaded are never built)."""
        yield self.plan_form
        for name, formset in self.formsets.items():
            if name not in self.unloaded:
                yield from formset.forms

    def is_valid(self) -> bool:
        valid = self.plan_form.is_valid()
        if self.miscounted:
            self.plan_form.add_error(None, ROWS_MISMATCH_MESSAGE.format(parts="”, “".join(self.miscounted)))
            valid = False
        for name, formset in self.formsets.items():
            if name not in self.unloaded:
                valid = formset.is_valid() and valid
        return valid

    def service_input(self) -> dict[str, Any]:
        return {
            "fields": self.plan_form.service_fields(),
            "parts": {
                name: [form.row_input() for form in formset.live_forms()]
                for name, formset in self.formsets.items()
                if name not in self.unloaded
            },
        }

    def version(self) -> int | None:
        """The plan's version when the page was opened; None if the page did not send one."""
        value = (self.data or {}).get("version", "")
        return int(value) if str(value).isdigit() else None

    def data_with_version(self, version: int):
        """The submitted data, as the user typed it, over the plan's current version."""
        data = self.data.copy()
        data["version"] = str(version)
        return data

    def apply_errors(self, error: ServiceError) -> None:
        """The service's messages next to the field (or at the top of the row) they are about."""
        add_to_form(error, self.plan_form, aliases={"organization": "issuer", "cluster": "issuer"})
        forms_by_key = {form.prefix: form for form in self.all_forms() if form is not self.plan_form}
        for key, fields in error.rows.items():
            add_to_form(error, forms_by_key.get(key, self.plan_form), errors=fields)

    # -- what the template shows ---------------------------------------------------------
    @property
    def has_errors(self) -> bool:
        if self.redisplaying or self.data is None:
            return False
        return bool(self.plan_form.errors) or any(
            formset.total_error_count() for formset in self.formsets.values()
        )

    def error_summary(self) -> list[dict]:
        """Every message with a link to its field, for the box at the top of the page."""
        found = []
        for form in self.all_forms():
            if not form.is_bound or not form.errors:
                continue
            if getattr(form, "cleaned_data", None) and form.cleaned_data.get("DELETE"):
                continue
            is_plan = form is self.plan_form
            row = "" if is_plan else self.row_label(form)
            for name, messages in form.errors.items():
                if name == "__all__":
                    anchor = "plan-fields" if is_plan else f"row-{form.prefix}"
                    label = row
                else:
                    anchor = form[name].auto_id
                    label = form.fields[name].label if is_plan else f"{row} – {form.fields[name].label}"
                for message in messages:
                    found.append({"anchor": anchor, "label": label, "message": message})
        for name, formset in self.formsets.items():
            for message in formset.non_form_errors():
                found.append({"anchor": f"part-{name}", "label": self.part(name).title, "message": message})
        return found

    def blank_rows(self) -> list[dict]:
        """Each part with its formset, for the blank-row templates fetched after the page loads."""
        return [{"def": part, "formset": self.formsets[name]} for name, part in EDITOR_PARTS.items()]

    def part(self, name: str) -> EditorPart:
        return EDITOR_PARTS[name]

    def row_label(self, form) -> str:
        for part in EDITOR_PARTS.values():
            if (form.prefix or "").startswith(f"{part.name}-"):
                number = form["ordinal"].value()
                return f"{part.legend} {number}" if number not in (None, "") else part.legend
        return ""

    def part_map(self) -> dict[str, dict]:
        return {
            part.name: {
                "def": part,
                "formset": self.formsets[part.name],
                "open": self._is_open(part),
                "count": self._row_count(part.name),
                "loaded": part.name not in self.unloaded,
                "blank_later": part.name in self.blank_later,
                "errors": self.formsets[part.name].total_error_count() if self.has_errors else 0,
            }
            for part in EDITOR_PARTS.values()
        }

    def cards(self) -> list[dict]:
        """The page's cards (plans.forms.page), each part with its rows' count and errors."""
        return page_cards(self.plan_form, self.part_map())

    def _row_count(self, name: str) -> int:
        """The rows the part will have once saved: saved ones not marked for deletion, typed ones."""
        formset = self.formsets[name]
        if name in self.unloaded or not formset.is_bound:
            return len(self.rows[name])  # without building the forms of a part not shown
        initial = formset.initial_form_count()
        count = 0
        for index, form in enumerate(formset.forms):
            if form.is_bound and formset.can_delete and form["DELETE"].value():
                continue
            if index < initial or (form.is_bound and form.has_changed()):
                count += 1
        return count

    def _is_open(self, part: EditorPart) -> bool:
        """A folded part opens when the plan has such rows, or some were typed."""
        formset = self.formsets[part.name]
        if part.name in self.unloaded:
            return False
        if not part.collapsible or self.rows[part.name]:
            return True
        return formset.is_bound and any(form.has_changed() for form in formset.forms)

    def totals(self) -> dict:
        """Participants per class and the budget, from the saved rows (the page updates them live)."""
        groups = self.rows["groups"]
        classes = []
        for session in self.rows["sessions"]:
            members = [group for group in groups if group.session_id == session.pk]
            classes.append({"name": session.name, "total": participant_total(members) if members else 0})
        loose = [group for group in groups if group.session_id is None]
        budget = sum((line.amount for line in self.rows["budget_lines"]), Decimal(0))
        return {
            "classes": classes,
            "loose": {"total": participant_total(loose)} if loose else None,
            "budget": budget,
            "budget_text": format_vnd(budget),
        }

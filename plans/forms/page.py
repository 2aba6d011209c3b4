"""How the edit page lays out the plan's fields and parts in cards, in the order of the document.

Only the place of each field or part is said here; which fields and parts exist is read from
plans.parts (PLAN_FIELDS, PARTS). A field or part this layout does not place is still shown: a field
at the end of the first card, a part in a card of its own, so a new one never goes missing.
"""

from dataclasses import dataclass

from django.forms.boundfield import BoundField
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

from plans.parts import PART_NAMES

# Items that are not a field or a part: pieces of the page built around them.
DATE_LINE = ("date_day", "date_month", "date_year")
WIDGETS = {"subject_case", "participant_totals", "budget_total"}


@dataclass(frozen=True)
class Card:
    """One card of the edit page: its anchor, its title and its items, top to bottom.

    An item is a plan field's name, a part's name, a tuple of field names shown side by side, the
    date line (DATE_LINE) or a widget of WIDGETS.
    """

    id: str
    title: str
    items: tuple


CARDS: tuple[Card, ...] = (
    Card(
        "plan-fields",
        "Thông tin chung",
        (
            ("issuer",),
            ("document_type", "kind", "year"),
            ("subject",),
            "subject_case",
            ("addressee",),
            ("symbol", "place_name"),
            DATE_LINE,
        ),
    ),
    Card("s-bases", "Căn cứ và lời mở đầu", ("legal_bases", "preamble", "opening")),
    Card("s-sections", "Nội dung kế hoạch", (("heading_numbering", "clause_numbering"), "sections")),
    Card(
        "s-activities",
        "Hoạt động",
        (
            ("activity_layout", "activity_numbering", "period_label_style"),
            ("first_month", "activity_time_column", "venue"),
            "waves",
            "activities",
        ),
    ),
    Card(
        "s-participants",
        "Lớp, thành phần và số lượng",
        ("participant_totals", "sessions", "groups", "breakdowns", ("registration_deadline",)),
    ),
    Card(
        "s-budget",
        "Kinh phí",
        (
            "budget_source",
            ("budget_payer", "budget_payer_duty"),
            "budget_lines",
            "budget_total",
            "contributions",
        ),
    ),
    Card("s-duties", "Tổ chức thực hiện", ("duties", "closing")),
    Card(
        "s-signature",
        "Người ký và nơi nhận",
        (
            (
                "signer_on_behalf_of",
                "signer_authority",
                "signer_authority_of",
                "signer_title",
                "signer_position",
                "signer_name",
            ),
            "recipients",
            "archive_note",
        ),
    ),
)


def _placed(cards: tuple[Card, ...]) -> set[str]:
    names: set[str] = set()
    for card in cards:
        for item in card.items:
            names.update(item if isinstance(item, tuple) else (item,))
    return names


def page_cards(form, parts: dict[str, dict]) -> list[dict]:
    """The cards with each item resolved: {"kind": "grid"|"field"|"part"|"date_line"|widget, …},
    fields as the plan form's bound fields.

    `parts` maps a part's name to what the template shows of it.
    """
    placed = _placed(CARDS)
    field_names = [field.name for field in form.visible_fields()]
    cards = []
    for card in CARDS:
        items = []
        for item in card.items:
            if item == DATE_LINE:
                items.append(
                    {"kind": "date_line", "fields": [form[name] for name in item if name in field_names]}
                )
            elif isinstance(item, tuple):
                fields = [form[name] for name in item if name in field_names]
                if fields:
                    items.append({"kind": "grid", "fields": fields, "wide": len(item) == 1})
            elif item in WIDGETS:
                items.append({"kind": item})
            elif item in parts:
                items.append({"kind": "part", "part": parts[item]})
            elif item in field_names:
                items.append({"kind": "field", "field": form[item]})
        cards.append({"id": card.id, "title": card.title, "items": items, "parts": []})
    loose = [name for name in field_names if name not in placed]
    if loose:
        cards[0]["items"].append({"kind": "grid", "fields": [form[name] for name in loose], "wide": False})
    for name in PART_NAMES:
        if name not in placed and name in parts:
            part = parts[name]
            cards.append(
                {"id": f"s-{name}", "title": part["def"].title, "items": [{"kind": "part", "part": part}]}
            )
    for card in cards:
        card["parts"] = [item["part"] for item in card["items"] if item["kind"] == "part"]
    return cards


class EditorBoundField(BoundField):
    """A field of the edit page with its `block`: the label, the widget, the help and the errors in
    their box, written in Python: a template per field made a page of a few hundred fields cost
    more than everything else together (bench/pages.py)."""

    @property
    def block(self) -> str:
        # Pieces escaped one by one and joined: format_html per piece cost more than the widget
        # itself on a long part.
        checkbox = self.widget_type == "checkbox"
        errors = self.errors
        classes = "field f-" + self.name
        classes += " has-error" if errors else ""
        classes += " required" if self.field.required else ""
        classes += " checkbox" if checkbox else ""
        label = f'<label for="{escape(self.id_for_label)}">{conditional_escape(self.label)}</label>'
        widget = conditional_escape(self)
        control = f"{widget} {label}" if checkbox else f"{label}\n  {widget}"
        auto_id = escape(self.auto_id)
        help_text = (
            f'<p class="help" id="{auto_id}_helptext">{conditional_escape(self.help_text)}</p>'
            if self.help_text
            else ""
        )
        messages = "".join(
            f'<p class="error" id="{auto_id}_error">{conditional_escape(error)}</p>' for error in errors
        )
        return mark_safe(  # noqa: S308 - every piece is escaped above
            f'<div class="{escape(classes)}" data-field="{escape(self.name)}">\n  {control}\n  '
            f"{help_text}{messages}\n</div>"
        )

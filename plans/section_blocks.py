"""Section blocks that other apps print inside a document, registered by the apps that own the data.

As with the plan page's panels (plans/panels.py), an app registers its blocks in `AppConfig.ready()`
and the document context (plans.documents.context) asks this registry for any block that is not one
of the plan's own, so plans imports no other app. The block's value and Vietnamese label are those
of `plans.choices.SectionBlock` (named there so that the database's check accepts them); an app
registers only how it is printed.

A builder is `build(plan, *, level, parent_number)` and returns the printed elements (the
vocabulary both renderers read: "paragraph", "heading", "table", "note", "signatures", see
plans/documents/html.py and docx.py). It numbers no items under its section (the plan's outline,
plans.documents.outline, counts only the plan's own classes and duties). It runs when the document
is built, and an issued document keeps what it returned in its frozen context, so it prints the
same forever.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from plans.choices import SectionBlock
from plans.models import Plan

# Printed by plans.documents.blocks, not registered.
OWN_BLOCKS = frozenset(
    {
        SectionBlock.NONE,
        SectionBlock.ACTIVITIES,
        SectionBlock.PARTICIPANTS,
        SectionBlock.SESSIONS,
        SectionBlock.BUDGET,
        SectionBlock.DUTIES,
    }
)

Builder = Callable[..., list[dict]]


@dataclass(frozen=True)
class RegisteredBlock:
    name: str
    build: Builder
    # The document types (plans.document_types codes) whose editor offers it; empty: every type.
    document_types: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return SectionBlock(self.name).label

    def offered_for(self, document_type: str) -> bool:
        return not self.document_types or document_type in self.document_types


class BlockRegistry:
    def __init__(self):
        self._blocks: dict[str, RegisteredBlock] = {}

    def register(self, name: str, build: Builder, *, document_types: tuple[str, ...] = ()) -> Builder:
        """Print `build`'s elements where a section's block is `name`. Registering it again replaces
        it (Django may run an app's `ready()` more than once)."""
        if name not in SectionBlock.values or name in OWN_BLOCKS:
            raise ImproperlyConfigured(
                f"Section block {name!r} must be a SectionBlock value, not one of the plan's own."
            )
        self._blocks[name] = RegisteredBlock(name, build, tuple(document_types))
        return build

    def get(self, name: str) -> RegisteredBlock | None:
        return self._blocks.get(name)

    def build(self, name: str, plan: Plan, *, level: int, parent_number: str) -> list[dict]:
        block = self._blocks.get(name)
        if block is None:
            return []
        return block.build(plan, level=level, parent_number=parent_number)

    def choices(self, document_type: str) -> list[tuple[str, str]]:
        """The blocks a section of this type of document may show: the plan's own, then those
        registered for the type, in SectionBlock's order."""
        return [
            (value, label)
            for value, label in SectionBlock.choices
            if value in OWN_BLOCKS
            or ((block := self._blocks.get(value)) and block.offered_for(document_type))
        ]


registry = BlockRegistry()
register = registry.register

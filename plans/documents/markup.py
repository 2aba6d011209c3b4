"""The light markup users type in plan texts, parsed into plain blocks that every renderer can use.

One paragraph per line (blank lines are ignored); "- " starts a bullet and "+ " a nested bullet;
"1. " or "a) " lines are ordinary paragraphs printed as typed; **bold**, *italic* and ***both***
mark runs inside a line; "\\*" is a literal asterisk. The result is made of plain dicts and lists,
so it can be stored as JSON and escaped by whatever renders it: no HTML ever passes through.
"""

import re
from typing import Literal, TypedDict

BlockKind = Literal["paragraph", "bullet", "sub_bullet"]


class Run(TypedDict):
    text: str
    bold: bool
    italic: bool


class Block(TypedDict):
    kind: BlockKind
    marker: str  # "-" or "+" for bullets, "" for paragraphs
    runs: list[Run]


# Stand-ins for escaped asterisks while the emphasis is resolved (private-use characters).
_LITERAL_STAR = "\ue000"
BULLET_KINDS: dict[str, BlockKind] = {"-": "bullet", "+": "sub_bullet"}
_LEADING_MARKER = re.compile(r"^([-+])\s+(?=\S)")

# Bold: "**text**"; italic: "*text*" where the single stars are not part of a pair and the text
# neither starts nor ends with a space, so "2 * 3 * 4" stays as typed.
_EMPHASIS = re.compile(
    r"\*\*\*(?!\s)(?P<both>.+?)(?<!\s)\*\*\*"
    r"|\*\*(?!\s)(?P<bold>.+?)(?<!\s)\*\*"
    r"|(?<!\*)\*(?![\s*])(?P<italic>(?:\*\*.+?\*\*|[^*])+?)(?<!\s)\*(?!\*)"
)


def run(text: str, *, bold: bool = False, italic: bool = False) -> Run:
    return {"text": text, "bold": bold, "italic": italic}


def block(kind: BlockKind, runs: list[Run], marker: str = "") -> Block:
    return {"kind": kind, "marker": marker, "runs": runs}


def paragraph(text: str, *, bold: bool = False, italic: bool = False) -> Block:
    """A one-run paragraph of plain text (no markup parsed)."""
    return block("paragraph", [run(text, bold=bold, italic=italic)])


def parse_inline(text: str, *, bold: bool = False, italic: bool = False) -> list[Run]:
    """Split one line into runs with bold/italic flags; unmatched stars are kept as typed."""
    protected = text.replace("\\*", _LITERAL_STAR)
    return _merge(_parse(protected, bold, italic))


def _parse(text: str, bold: bool, italic: bool) -> list[Run]:
    runs: list[Run] = []
    position = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > position:
            runs.append(run(_restore(text[position : match.start()]), bold=bold, italic=italic))
        if match.group("both") is not None:
            runs += _parse(match.group("both"), True, True)
        elif match.group("bold") is not None:
            runs += _parse(match.group("bold"), True, italic)
        else:
            runs += _parse(match.group("italic"), bold, True)
        position = match.end()
    if position < len(text):
        runs.append(run(_restore(text[position:]), bold=bold, italic=italic))
    return runs


def _restore(text: str) -> str:
    return text.replace(_LITERAL_STAR, "*")


def _merge(runs: list[Run]) -> list[Run]:
    """Join neighbouring runs of the same style and drop empty ones."""
    merged: list[Run] = []
    for item in runs:
        if not item["text"]:
            continue
        if merged and (merged[-1]["bold"], merged[-1]["italic"]) == (item["bold"], item["italic"]):
            merged[-1] = run(merged[-1]["text"] + item["text"], bold=item["bold"], italic=item["italic"])
        else:
            merged.append(item)
    return merged


def parse_line(line: str) -> Block | None:
    """One typed line as a block; None for a blank line."""
    # Collapse runs of spaces and tabs only: a non-breaking space typed on purpose is kept.
    text = re.sub(r"[ \t]+", " ", line).strip(" \t")
    if not text:
        return None
    marker_match = _LEADING_MARKER.match(text)
    if marker_match:
        marker = marker_match.group(1)
        return block(BULLET_KINDS[marker], parse_inline(text[marker_match.end() :]), marker)
    return block("paragraph", parse_inline(text))


def parse_markup(text: str) -> list[Block]:
    """All the blocks of a text typed in the light markup."""
    blocks = []
    for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        parsed = parse_line(line)
        if parsed is not None:
            blocks.append(parsed)
    return blocks


def plain_text(runs: list[Run]) -> str:
    return "".join(item["text"] for item in runs)

"""The printed elements of a document's body, as plain dicts: headings, paragraphs, the end mark."""

from plans.documents.markup import BULLET_KINDS, Block, Run, block, paragraph, run
from plans.documents.wording import sentence

END_MARK = "./."


def heading(level: int, number: str, text: str, *, bold: bool, italic: bool = False) -> dict:
    return {
        "type": "heading",
        "level": level,
        "number": number,
        "text": text,
        "bold": bold,
        "italic": italic,
        "runs": [],
    }


def as_element(item: Block) -> dict:
    return {"type": "paragraph", **item}


def section_heading(level: int, number: str, text: str, *, upper: bool | None = None) -> dict:
    """Level 1 "I. MỤC ĐÍCH, YÊU CẦU" bold upper case (or as typed when not `upper`); level 2
    "1. Mục đích" bold; deeper italic."""
    text = text.strip()
    if level <= 1:
        return heading(level, number, text.upper() if upper is not False else text, bold=True)
    if level == 2:
        return heading(level, number, text, bold=True)
    return heading(level, number, text, bold=False, italic=True)


def attach(title: dict, body: list[Block]) -> list[dict]:
    """The heading then its paragraphs; a heading ending with ":" runs into a first plain paragraph."""
    if title["text"].endswith(":") and body and body[0]["kind"] == "paragraph":
        title["runs"] = [run(" "), *body[0]["runs"]]
        body = body[1:]
    return [title, *(as_element(item) for item in body)]


def numbered_paragraph(number: str, body: list[Block]) -> list[dict]:
    """An untitled clause: the number leads the first paragraph ("1. Các tổ đoàn thể …")."""
    if not body:
        return []
    first = body[0]
    if number in BULLET_KINDS:  # a clause on a "-" or "+" level is a bullet
        lead = block(BULLET_KINDS[number], first["runs"], number)
    else:
        lead = block("paragraph", [run(f"{number} "), *first["runs"]] if number else first["runs"])
    return [as_element(lead), *(as_element(item) for item in body[1:])]


def ended(item: Block) -> Block:
    """The block with a final full stop when the user typed none."""
    runs = list(item["runs"])
    if runs:
        last = runs[-1]
        runs[-1] = run(sentence(last["text"].rstrip()), bold=last["bold"], italic=last["italic"])
    return block(item["kind"], runs, item["marker"])


def end_mark(runs: list[Run]) -> list[Run]:
    """Append "./." to the last run: "… thực hiện./."; a typed "./." is not doubled."""
    if not runs:
        return [run(END_MARK)]
    last = dict(runs[-1])
    text = last["text"].rstrip()
    if text.endswith(END_MARK):
        pass
    elif text.endswith("."):
        text += "/."
    else:
        text = text.rstrip(";:,") + END_MARK
    last["text"] = text
    return [*runs[:-1], last]


# Printed after the text it closes: signature blocks of several signers (a compact) end a body.
AFTER_END_MARK = ("signatures",)


def close_document(body: list[dict], closing: list[Block]) -> None:
    """The body ends with "./.": on the closing paragraph, else on the last paragraph of the body
    (before the signature blocks that may end it)."""
    target = next((item for item in reversed(closing) if item["kind"] == "paragraph"), None)
    if target is None and closing:
        target = closing[-1]
    text = body
    while text and text[-1]["type"] in AFTER_END_MARK:
        text = text[:-1]
    if target is None and text and text[-1]["type"] in ("paragraph", "heading"):
        target = text[-1]
        if target["type"] == "heading" and not target["runs"]:
            target["text"] = end_mark([run(target["text"])])[0]["text"]
            return
    if target is None:
        closing.append(paragraph(END_MARK))
        return
    target["runs"] = end_mark(target["runs"])

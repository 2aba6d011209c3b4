"""A document context as one HTML page (plans/document.html): the PDF's source and the preview.

Every text is escaped here, once, and handed to the template as ready HTML.
"""

import base64
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from plans.documents.glue import glued_html
from plans.documents.layout import (
    appendix_heading,
    cell_text,
    fit,
    footer_rows,
    header_columns,
    issuer_lines,
    item_kind,
    kept_phrases,
    percentages,
    standalone_svg,
    subject_lines,
    table_alignments,
    table_columns,
    table_widths_mm,
)

TEMPLATE_NAME = "plans/document.html"
STYLESHEET_PATH = Path(settings.BASE_DIR) / "static" / "plans" / "document.css"

_BLOCK_CSS = {"paragraph": "p", "bullet": "bullet", "sub_bullet": "sub-bullet"}
_HEADING_TAGS = {1: "h2", 2: "h3"}


def runs_html(runs: list[dict], phrases=()) -> str:
    """The runs escaped, bold and italic, glued where no line may break (plans.documents.glue)."""
    parts = []
    for item in runs:
        text = glued_html(item["text"], phrases)
        if item["bold"]:
            text = f"<strong>{text}</strong>"
        if item["italic"]:
            text = f"<em>{text}</em>"
        parts.append(text)
    return "".join(parts)


def block_view(item: dict, phrases=()) -> dict:
    marker = f"{escape(item['marker'])} " if item["marker"] else ""
    return {
        "kind": "paragraph",
        "tag": "p",
        "css": _BLOCK_CSS[item["kind"]],
        "html": mark_safe(marker + runs_html(item["runs"], phrases)),  # noqa: S308 - every piece is escaped
    }


def heading_view(item: dict, phrases=()) -> dict:
    classes = ["h", f"h{min(item['level'], 4)}"]
    title_classes = [name for name, flag in (("bold", item["bold"]), ("italic", item["italic"])) if flag]
    title = " ".join(part for part in (item["number"], item["text"]) if part)
    html = (
        f'<span class="{" ".join(title_classes)}">{glued_html(title, phrases)}</span>'
        f"{runs_html(item['runs'], phrases)}"
    )
    return {
        "kind": "heading",
        "tag": _HEADING_TAGS.get(item["level"], "h4"),
        "css": " ".join(classes),
        "html": mark_safe(html),  # noqa: S308 - every piece is escaped
    }


def _lines_html(value, phrases=()) -> list[str]:
    """A cell's lines as HTML, escaped and glued."""
    return [mark_safe(glued_html(line, phrases)) for line in cell_text(value).split("\n")]  # noqa: S308


def _cell_view(value, align: str, phrases=()) -> dict:
    return {"css": f"al-{align}", "lines": _lines_html(value, phrases)}


def table_view(table: dict, phrases=()) -> dict | None:
    count = table_columns(table)
    if not count:
        return None
    alignments = table_alignments(table)
    total = table.get("total")
    return {
        "kind": "table",
        "caption": cell_text(table.get("caption")).strip(),
        "widths": [f"w{value}" for value in percentages(table_widths_mm(table))],
        "columns": [cell_text(text).split("\n") for text in fit(table.get("columns"), count)]
        if table.get("columns")
        else [],
        "rows": [
            [
                _cell_view(value, align, phrases)
                for value, align in zip(fit(row, count), alignments, strict=True)
            ]
            for row in table.get("rows") or []
        ],
        "total": [
            _cell_view(value, align, phrases)
            for value, align in zip(fit(total, count), alignments, strict=True)
        ]
        if total
        else None,
    }


def svg_data_uri(svg) -> str | None:
    """The figure's SVG as a data: URI for an <img>, or None when it is not an SVG document.

    In an <img> an SVG runs no script and cannot reach the page around it (CSP allows data:
    images), and WeasyPrint draws it as vectors; what it might link to is refused by the fetcher.
    """
    svg = standalone_svg(svg)
    if svg is None:
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def figure_views(item: dict, phrases=()) -> list[dict]:
    """The picture with its caption; without a usable SVG, its table (under the same caption)."""
    caption = cell_text(item.get("caption")).strip()
    src = svg_data_uri(item.get("svg"))
    if src:
        return [{"kind": "figure", "caption": caption, "src": src}]
    fallback = item.get("table")
    table = table_view({**fallback, "caption": caption}, phrases) if isinstance(fallback, dict) else None
    return [table] if table else note_view({"text": caption}, phrases)


def note_view(item: dict, phrases=()) -> list[dict]:
    """A note of an appendix or report: plain text, one paragraph per line."""
    lines = [line.strip() for line in cell_text(item.get("text")).split("\n")]
    return [
        {"kind": "paragraph", "tag": "p", "css": "p", "html": mark_safe(glued_html(line, phrases))}  # noqa: S308
        for line in lines
        if line
    ]


def element_views(item: dict, phrases=()) -> list[dict]:
    """The printed pieces of one body item (a note of several lines gives several paragraphs);
    `phrases`: the compounds the administrator marks as unbreakable."""
    kind = item_kind(item)
    if kind == "heading":
        return [heading_view(item, phrases)]
    if kind == "paragraph":
        return [block_view(item, phrases)]
    if kind == "note":
        return note_view(item, phrases)
    if kind == "table":
        view = table_view(item, phrases)
        return [view] if view else []
    if kind == "figure":
        return figure_views(item, phrases)
    if kind == "activities":
        return [activities_view(item, phrases)]
    if kind == "signatures":
        return [signatures_view(item)]
    return [{**item, "kind": kind}]


def signatures_view(item: dict) -> dict:
    """Signature blocks two by two (a compact signed by every member unit); an odd last one alone."""
    signers = [
        {
            "lines": [cell_text(line) for line in signer.get("lines") or []],
            "position": cell_text(signer.get("position")),
            "name": cell_text(signer.get("name")),
        }
        for signer in item.get("signers") or []
    ]
    return {"kind": "signatures", "rows": [signers[index : index + 2] for index in range(0, len(signers), 2)]}


def activities_view(item: dict, phrases=()) -> dict:
    groups = [
        {
            "label": mark_safe(glued_html(group["label"], phrases)),  # noqa: S308 - escaped there
            "rows": [
                {
                    "number": row["number"],
                    "content": [block_view(line, phrases) for line in row["content"]],
                    "units": [block_view(line, phrases) for line in row["units"]],
                    "time": mark_safe(glued_html(row.get("time", ""), phrases)),  # noqa: S308 - escaped there
                }
                for row in group["rows"]
            ],
        }
        for group in item["groups"]
    ]
    # Contexts frozen before the time column existed have no "time" key.
    time = item.get("time", False)
    return {"kind": "activities", "columns": item["columns"], "time": time, "groups": groups}


def body_views(items: list[dict], phrases=()) -> list[dict]:
    return [view for item in items for view in element_views(item, phrases)]


def split_ending(context: dict) -> tuple[list[dict], list[dict]]:
    """(body, tail): the last paragraph goes with the signature so that it is never alone on a page."""
    phrases = kept_phrases(context)
    body = body_views(context["body"], phrases)
    tail = [block_view(item, phrases) for item in context["closing"]]
    if not tail and body and body[-1]["kind"] in ("paragraph", "heading"):
        tail = [body.pop()]
    return body, tail


def document_view(context: dict) -> dict:
    body, tail = split_ending(context)
    closing_keep = tail[-1:]
    body += tail[:-1]
    phrases = kept_phrases(context)
    return {
        "doc": context,
        "bases": [
            {
                "css": f"basis basis-{basis['form']}",
                "html": mark_safe(glued_html(basis["text"], phrases)),  # noqa: S308 - escaped there
            }
            for basis in context["legal_bases"]
        ],
        "preamble": [block_view(item, phrases) for item in context["preamble"]],
        "body": body,
        "tail": closing_keep,
        "footer": footer_rows(context),
        "columns": header_columns(context["header"], phrases),
        "issuer_lines": issuer_lines(context["header"], phrases),
        "subject_lines": subject_lines(context),
    }


def render_plan_html(
    context: dict, *, preview: bool = False, stylesheet_url: str | None = None, **extra
) -> str:
    """The document as one HTML page; `preview` adds the findings bar, `stylesheet_url` a stylesheet
    link (the sheet on screen: the preview page, and the editor's live preview beside the form)."""
    view = document_view(context)
    if stylesheet_url:
        view["stylesheet_url"] = stylesheet_url
    if preview:
        view.update(preview=True, **extra)
    return render_to_string(TEMPLATE_NAME, view)


def render_appendix_html(appendix: dict, *, stylesheet_url: str | None = None) -> str:
    """The appendix as one HTML page; with `stylesheet_url` it shows as a sheet on screen."""
    view = {"appendix": appendix_heading(appendix), "body": body_views(appendix.get("body") or [])}
    if stylesheet_url:
        view["stylesheet_url"] = stylesheet_url
    return render_to_string(TEMPLATE_NAME, view)

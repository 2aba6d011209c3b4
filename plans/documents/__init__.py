"""The plan's document (Nghị định 30/2020/NĐ-CP) in two steps: a plain context, then a layout.

- context: what the printed plan says (context, blocks, elements, wording, markup, amounts), as
  plain JSON-ready data that an issued plan keeps forever;
- layout: that value as HTML, PDF or DOCX (layout, fonts, html, pdf, docx_layout, docx), cached
  by render;
- format_check: what the data can get wrong on paper; filenames: what the files are called.

Other apps use the names below; modules of this package import from each other directly.
"""

from plans.documents.context import (
    block_prefetches,
    build_plan_context,
    document_prefetches,
    document_queryset,
    legal_bases,
)
from plans.documents.filenames import appendix_filename, document_filename
from plans.documents.pdf import render_plan_pdf
from plans.documents.render import render_appendix
from plans.documents.wording import month_text, two_digits

__all__ = [
    "appendix_filename",
    "block_prefetches",
    "build_plan_context",
    "document_filename",
    "document_prefetches",
    "document_queryset",
    "legal_bases",
    "month_text",
    "render_appendix",
    "render_plan_pdf",
    "two_digits",
]

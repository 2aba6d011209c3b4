"""A document's HTML printed to PDF by WeasyPrint, which loads nothing from outside the document."""

import functools

from plans.documents.html import STYLESHEET_PATH, render_plan_html


@functools.cache
def stylesheet():
    """The document stylesheet, parsed once per process."""
    from weasyprint import CSS

    return CSS(filename=str(STYLESHEET_PATH))


def _offline_fetcher():
    """A URL fetcher that fetches nothing: a document never loads anything from outside.

    Only data: images pass (a figure's SVG is one); they come from the document itself.
    """
    from weasyprint.urls import URLFetcher

    class OfflineFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:image/"):
                return super().fetch(url, headers)
            raise ValueError(f"Văn bản không được tải tài nguyên bên ngoài: {url[:80]}")

    return OfflineFetcher()


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(STYLESHEET_PATH.parent), url_fetcher=_offline_fetcher())
    return document.write_pdf(stylesheets=[stylesheet()])


def render_plan_pdf(context: dict) -> bytes:
    return html_to_pdf(render_plan_html(context))

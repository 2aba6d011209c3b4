"""A document's HTML printed to PDF by WeasyPrint, which loads nothing from outside the document
but the fonts the project carries; a PDF whose text font is not that one is refused."""

import atexit
import functools

from plans.documents.fonts import FONT_DIRECTORY, check_document_fonts
from plans.documents.html import STYLESHEET_PATH, render_plan_html


@functools.cache
def stylesheet():
    """The document stylesheet and the font configuration holding its @font-face fonts, parsed once
    per process."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    css = CSS(filename=str(STYLESHEET_PATH), font_config=font_config, url_fetcher=_offline_fetcher())
    return css, font_config


# WeasyPrint's font configuration cleans up after itself, which fails at interpreter exit.
atexit.register(stylesheet.cache_clear)


def _offline_fetcher():
    """A URL fetcher that fetches nothing: a document never loads anything from outside.

    Only data: images pass (a figure's SVG is one); they come from the document itself; and the
    project's own font files.
    """
    from weasyprint.urls import URLFetcher

    fonts = FONT_DIRECTORY.as_uri() + "/"

    class OfflineFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:image/") or (url.startswith(fonts) and ".." not in url):
                return super().fetch(url, headers)
            raise ValueError(f"Văn bản không được tải tài nguyên bên ngoài: {url[:80]}")

    return OfflineFetcher()


def html_to_pdf(html: str) -> bytes:
    return htmls_to_pdf([html])


def htmls_to_pdf(htmls: list[str]) -> bytes:
    """Several documents as one PDF, one after another, each keeping its own page numbers (a paper
    followed by its attachments: a dossier)."""
    from weasyprint import HTML

    fetcher = _offline_fetcher()
    css, font_config = stylesheet()
    rendered = [
        HTML(string=html, base_url=str(STYLESHEET_PATH.parent), url_fetcher=fetcher).render(
            stylesheets=[css], font_config=font_config
        )
        for html in htmls
    ]
    combined = rendered[0].copy([page for document in rendered for page in document.pages])
    pdf = combined.write_pdf()  # fills `fonts` with the fonts that reached the PDF
    check_document_fonts(font.family for font in combined.fonts.values())
    return pdf


def render_plan_pdf(context: dict) -> bytes:
    return html_to_pdf(render_plan_html(context))


PROBE_HTML = (
    '<div class="nd30"><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p>'
    "<p>Độc lập - Tự do - Hạnh phúc</p><p><i>Tháp Mười, ngày 05 tháng 3 năm 2024</i></p></div>"
)


@functools.cache
def probe_document_font() -> None:
    """Refuse (DocumentFontError) unless this process prints in the document font; checked before
    a plan is issued, so a server or worker without it never numbers nor freezes a plan. Only a
    success is remembered."""
    html_to_pdf(PROBE_HTML)

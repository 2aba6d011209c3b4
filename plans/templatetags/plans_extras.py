"""Template filters for plan pages: amounts written the Vietnamese way, texts typed in the light markup."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from plans.documents.amounts import format_vnd, vnd_in_words
from plans.documents.html import block_view
from plans.documents.markup import parse_markup

register = template.Library()


@register.filter
def vnd(amount) -> str:
    """1250000 -> "1.250.000 đồng"."""
    return format_vnd(amount)


@register.filter
def vnd_words(amount) -> str:
    """1250000 -> "Một triệu hai trăm năm mươi nghìn đồng"."""
    return vnd_in_words(amount)


@register.filter
def markup(text) -> SafeString:
    """A text typed in the light markup as the document prints it: **bold**, *italic*, "- " bullets,
    "+ " sub-items, one paragraph a line; every character typed is escaped (plans.documents.html)."""
    views = [block_view(item) for item in parse_markup(text)]
    blocks = format_html_join("", '<p class="{}">{}</p>', ((view["css"], view["html"]) for view in views))
    return format_html('<div class="markup">{}</div>', blocks) if blocks else SafeString("")

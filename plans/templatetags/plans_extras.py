"""Template filters for plan pages: amounts written the Vietnamese way."""

from django import template

from plans.documents.amounts import format_vnd, vnd_in_words

register = template.Library()


@register.filter
def vnd(amount) -> str:
    """1250000 -> "1.250.000 đồng"."""
    return format_vnd(amount)


@register.filter
def vnd_words(amount) -> str:
    """1250000 -> "Một triệu hai trăm năm mươi nghìn đồng"."""
    return vnd_in_words(amount)

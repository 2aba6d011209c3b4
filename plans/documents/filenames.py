"""The names of the files a plan, its appendices and its reports are downloaded as.

Every name is built from common.downloads.filename_slug: no diacritics, words joined by "-", the
symbol in upper case ("05-KH-UBND-2024-tap-huan-nghiep-vu.pdf").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from common.downloads import filename_slug
from common.text import fold
from plans.documents.layout import cell_text
from plans.models import Plan

if TYPE_CHECKING:
    from plans.reports.tallies import Report

SUBJECT_WORDS = 4
SYMBOL_WORDS = 10


def _join(parts: list[str], ext: str) -> str:
    return f"{'-'.join(part for part in parts if part)}.{ext.lstrip('.')}"


def _number(number) -> str:
    return f"{number:02d}" if isinstance(number, int) and number > 0 else ""


def document_filename(source: Plan | dict, ext: str) -> str:
    """ "KH-CTD-2024-giao-luu-hoc-tap.pdf"; an issued plan starts with its number: "05-KH-UBND-…"."""
    if isinstance(source, Plan):
        number, symbol, year, subject = (
            source.number,
            source.effective_symbol,
            source.date_year,
            source.subject,
        )
    else:
        meta = source["meta"]
        number, symbol, year, subject = meta["number"], meta["symbol"], meta["date_year"], source["subject"]
    parts = [
        _number(number),
        filename_slug(symbol, words=SYMBOL_WORDS).upper(),
        str(year),
        filename_slug(subject, words=SUBJECT_WORDS),
    ]
    if not any(parts):
        return _join(["ke-hoach"], ext)
    return _join(parts, ext)


def appendix_filename(appendix: dict, ext: str) -> str:
    """ "PL-KH-CTD-2024-danh-sach-nguoi-tham.pdf"; "Phụ lục II" gives "PL-II-…", an issued plan "PL-05-…"."""
    meta = appendix.get("meta") or {}
    label_words = cell_text(appendix.get("label")).split()
    numeral = " ".join(label_words[2:]) if fold(" ".join(label_words[:2])) == "phu luc" else ""
    parts = [
        "-".join(part for part in ("PL", filename_slug(numeral, words=SUBJECT_WORDS).upper()) if part),
        _number(meta.get("number")),
        filename_slug(cell_text(meta.get("symbol")), words=SYMBOL_WORDS).upper(),
        str(meta.get("year") or ""),
        filename_slug(cell_text(appendix.get("title")), words=SUBJECT_WORDS),
    ]
    return _join(parts, ext)


def report_filename(report: Report, ext: str) -> str:
    """ "BC-CTD-2022-so-ket-6-thang-KH-01.pdf": symbol, year, the period's first words, the plan."""
    parts = [
        filename_slug(report.symbol).upper(),
        str(report.year),
        filename_slug(report.period.name, words=4),  # "so-ket-6-thang", "tong-ket-nam"
    ]
    if report.plan is not None and report.plan.number:
        parts.append(f"KH-{report.plan.number:02d}")
    return _join(parts, ext)

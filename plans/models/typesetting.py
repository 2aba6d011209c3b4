"""Typesetting data an administrator keeps: phrases a printed line may never break inside."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower

PHRASE_MESSAGE = (
    "Cụm từ phải có ít nhất hai chữ, hoặc là phần đầu của một từ ghép, kết thúc bằng dấu gạch nối "
    "hoặc gạch chéo (ví dụ: TĐKT-)."
)
AUTOMATIC_MESSAGE = (
    "Số, ký hiệu và ngày tháng (như 17/NQ-HĐND, 15/3/2026, TĐKT-VP) đã tự động không bị ngắt dòng; "
    "không cần thêm vào danh sách."
)
_PREFIX = re.compile(r"\w+(?:[/-]\w+)*[/-]")


class KeptPhrase(models.Model):
    """A compound the documents never break over two lines ("Ban Thi đua - Khen thưởng", "TĐKT-").

    Numbers, symbols and dates ("17/NQ-HĐND", "15/3/2026") are kept whole without being listed
    (plans.documents.glue); a plan's document freezes the list in force when it is built.
    """

    text = models.CharField(
        "cụm từ",
        max_length=80,
        help_text=(
            "In đúng như gõ, không phân biệt chữ hoa, chữ thường. Kết thúc bằng dấu gạch nối hoặc gạch "
            "chéo (ví dụ: TĐKT-) thì giữ liền cả chữ đi sau (TĐKT-VP)."
        ),
    )
    note = models.CharField("ghi chú", max_length=200, blank=True)

    class Meta:
        ordering = ("text",)
        verbose_name = "cụm từ không ngắt dòng"
        verbose_name_plural = "cụm từ không ngắt dòng"
        constraints = [
            models.UniqueConstraint(
                Lower("text"),
                name="plans_keptphrase_unique_text",
                violation_error_message="Cụm từ này đã có trong danh sách.",
            )
        ]

    def __str__(self):
        return self.text

    def clean(self):
        # Imported here: the documents package imports the models.
        from plans.documents.glue import pieces

        self.text = " ".join(self.text.split())
        if len(self.text.split()) >= 2 or _PREFIX.fullmatch(self.text):
            return
        if self.text and pieces(self.text) == [(self.text, True)]:
            raise ValidationError({"text": AUTOMATIC_MESSAGE})
        raise ValidationError({"text": PHRASE_MESSAGE})

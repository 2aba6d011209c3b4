"""Abstract models shared by the apps."""

from django.db import models
from django_tasks_db.models import DBTaskResult

from common.text import fold


class SearchableModel(models.Model):
    """A model that keeps a diacritics-free copy of its searchable text.

    Both SQLite and PostgreSQL then search it with a plain LIKE, so "tap huan" finds
    "Tập huấn" on either database without extensions.
    """

    search_text = models.TextField("chuỗi tìm kiếm", editable=False, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Derived on every save so that no write path can leave it stale.
        self.search_text = fold(" ".join(part for part in self.search_parts() if part))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def search_parts(self) -> list[str]:
        raise NotImplementedError


class BackgroundTask(DBTaskResult):
    """A task of the database queue as administrators see it: what it is, where it stands, why it failed."""

    class Meta:
        proxy = True
        ordering = ("-enqueued_at",)
        verbose_name = "tác vụ nền"
        verbose_name_plural = "tác vụ nền"

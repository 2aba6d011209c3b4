"""The admin speaks Vietnamese everywhere: Django's, django-axes' and the admin's own strings included.

One walk over every admin page (index, lists, add, change, history, delete, password pages, sign-in)
collects the text a user reads (text and the title, aria-label, placeholder and button labels) and
fails on any string of a list of English ones that upstream leaves untranslated in Vietnamese.
"""

import json
import re
from html.parser import HTMLParser

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import NoReverseMatch, reverse

pytestmark = pytest.mark.django_db

# Phrases: found anywhere in a text. Words: only as a whole text (a button, a link, a heading).
ENGLISH_PHRASES = (
    "Password-based authentication",
    "password-based authentication",
    "Skip to main content",
    "Access attempt",
    "Access log",
    "Access failure",
    "Attempted Access",
    "Failed access",
    "Toggle theme",
    "Toggle navigation",
    "Model name",
    "Add link",
    "Change or view list link",
    "Set password",
    "Reset password",
    "If disabled, the current password",
    "Raw passwords are not stored",
    "Filter by",
    "Hide counts",
    "Show counts",
    "Forgotten your",
    "Select this object",
    "Select all objects",
    "Filter navigation items",
    "Recent actions",
    "Save and add another",
    "Save and continue",
    "Change password",
    "Log out",
    "View site",
    "Welcome,",
    "Authentication and Authorization",
    "IP Address",
    "User Agent",
    "Attempt Time",
    "Failed Logins",
    "Form Data",
    "Meta Data",
    "Are you sure",
    "Please correct",
    "This field is required",
)
ENGLISH_WORDS = (
    "Axes",
    "Sessions",
    "Home",
    "Add",
    "Change",
    "Delete",
    "History",
    "Save",
    "Search",
    "Run",
    "Logout",
    "Sidebar",
    "Breadcrumbs",
    "Enabled",
    "Disabled",
    "Username",
    "Password",
    "Yes",
    "No",
    "Unknown",
    "All",
    "Any date",
    "Today",
    "Past 7 days",
    "Groups",
    "Users",
    "Action:",
    "Go",
    "Error:",
)


class VisibleText(HTMLParser):
    """The text of a page a user reads, and the labels screen readers and tooltips show."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        found = dict(attrs)
        for name in ("title", "aria-label", "placeholder"):
            if found.get(name):
                self.texts.append(found[name].strip())
        if tag == "input" and found.get("type") in ("submit", "button") and found.get("value"):
            self.texts.append(found["value"].strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def english_in(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    found = [phrase for phrase in ENGLISH_PHRASES if any(phrase in text for text in parser.texts)]
    found += [word for word in ENGLISH_WORDS if word in parser.texts]
    return found


def admin_urls(client: Client) -> list[str]:
    user = get_user_model().objects.get(username="admin")
    urls = [
        reverse("admin:index"),
        reverse("admin:password_change"),
        reverse("admin:auth_user_password_change", args=[user.pk]),
        reverse("admin:app_list", args=["axes"]),
        reverse("admin:app_list", args=["auth"]),
    ]
    for model in admin.site._registry:
        info = f"{model._meta.app_label}_{model._meta.model_name}"
        urls += [reverse(f"admin:{info}_changelist"), reverse(f"admin:{info}_add")]
        obj = model.objects.order_by("pk").first()
        if obj is not None:
            for page in ("change", "history", "delete"):
                try:
                    urls.append(reverse(f"admin:{info}_{page}", args=[obj.pk]))
                except NoReverseMatch:
                    continue
    return urls


@pytest.fixture
def signed_in_admin(client, demo):
    AccessAttempt.objects.create(
        username="soanthao", ip_address="10.0.0.1", user_agent="Firefox", failures_since_start=3,
        get_data="", post_data="", http_accept="*/*", path_info="/login/",
    )  # fmt: skip
    AccessFailureLog.objects.create(
        username="soanthao", ip_address="10.0.0.1", user_agent="Firefox", locked_out=True
    )
    AccessLog.objects.create(username="admin", ip_address="10.0.0.2", user_agent="Firefox")
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def test_every_admin_page_is_in_vietnamese(signed_in_admin):
    pages = {}
    for url in admin_urls(signed_in_admin):
        response = signed_in_admin.get(url)
        if response.status_code == 403:  # a read-only model's add or delete page
            continue
        assert response.status_code == 200, url
        pages[url] = english_in(response.content.decode())
    assert len(pages) > 50
    assert {url: found for url, found in pages.items() if found} == {}


def test_the_sign_in_page_and_a_refused_save_are_in_vietnamese(client, demo):
    assert english_in(client.get(reverse("admin:login")).content.decode()) == []
    client.force_login(get_user_model().objects.get(username="admin"))
    response = client.post(reverse("admin:auth_user_add"), {"username": "x y", "usable_password": "true"})
    assert response.status_code == 200
    page = response.content.decode()
    assert english_in(page) == []
    assert "Tên đăng nhập" in page


def test_the_admins_javascript_speaks_vietnamese(client, demo):
    """Calendar, clock and the two-box select of the admin take their words from this catalog."""
    client.force_login(get_user_model().objects.get(username="admin"))
    script = client.get(reverse("admin:jsi18n")).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.DOTALL).group(1))
    assert catalog["Choose all %s"] == "Chọn tất cả %s"
    assert catalog["Monday"] == "Thứ hai"
    assert catalog["Today"] == "Hôm nay"


def test_the_walk_would_see_english(client):
    """The check itself finds what it looks for (a test that cannot fail is a defect)."""
    assert english_in('<a href="#main" class="skip">Skip to main content</a><button>Run</button>') == [
        "Skip to main content",
        "Run",
    ]
    assert english_in("<p>Bỏ qua, đến nội dung chính</p><p>Running text</p>") == []

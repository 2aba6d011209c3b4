"""The one rule for text coming in: every form and every import tidies what is typed or pasted
(NFC, line ends, control and invisible characters, odd spaces; single-line fields fold line breaks
into a space), so documents, pages, emails and exports never see a control character."""

import importlib
import inspect
import pkgutil
import unicodedata

import pytest
from django import forms
from django.urls import reverse

from clusters.models import Cluster, Organization
from common.text import clean_text
from plans.forms.catalog import Catalog
from plans.models import Plan

APPS = ("common", "clusters", "plans", "activities")


@pytest.mark.parametrize(
    ("typed", "single", "multi"),
    [
        ("Kế hoạch\r\nTập huấn", "Kế hoạch Tập huấn", "Kế hoạch\nTập huấn"),
        ("Dòng một\rDòng hai", "Dòng một Dòng hai", "Dòng một\nDòng hai"),
        ("Shift+Enter\x0bcủa Word", "Shift+Enter của Word", "Shift+Enter\ncủa Word"),
        ("ESC\x1b, NUL\x00, BEL\x07, DEL\x7f", "ESC, NUL, BEL, DEL", "ESC, NUL, BEL, DEL"),
        ("khen\u00a0thưởng\u202fnăm\u20032024", "khen thưởng năm 2024", "khen thưởng năm 2024"),
        ("thi\u00adđua\u200b", "thiđua", "thiđua"),
        ("\ufeffđầu tệp", "đầu tệp", "đầu tệp"),
        ("\u202eabc\u202c \u200fx", "abc x", "abc x"),
        (unicodedata.normalize("NFD", "Tháp Mười"), "Tháp Mười", "Tháp Mười"),
        ("  cách   nhau\t ", "cách nhau", "  cách   nhau"),
        ("gia đình 👨\u200d👩\u200d👧", "gia đình 👨\u200d👩\u200d👧", "gia đình 👨\u200d👩\u200d👧"),
        ("chữ\u200dthường", "chữthường", "chữthường"),
        ("đoạn\u2029mới", "đoạn mới", "đoạn\nmới"),
    ],
)
def test_text_is_tidied_one_way(typed, single, multi):
    assert clean_text(typed, single_line=True) == single
    assert clean_text(typed, single_line=False) == multi


def test_clean_text_leaves_no_control_character_and_is_stable():
    hostile = "".join(chr(code) for code in range(0x250)) + "\u2028\u2029\u200b\u202e\ufeff\ufffe"
    for single_line in (True, False):
        once = clean_text(hostile, single_line=single_line)
        assert clean_text(once, single_line=single_line) == once
        assert all(ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs") for ch in once)
        assert ("\n" in once) is (not single_line)


# ---------------------------------------------------------------------------
# Every form class of the project gets the rule
# ---------------------------------------------------------------------------
def project_form_classes() -> list[type[forms.BaseForm]]:
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" not in module.name and ".management" not in module.name:
                importlib.import_module(module.name)

    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    found = {
        cls
        for cls in below(forms.BaseForm)
        if cls.__module__.split(".")[0] in APPS
        # an abstract model form (a base of the editor's row forms) is checked through its children
        and not (issubclass(cls, forms.BaseModelForm) and cls._meta.model is None)
    }
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def build(form_class, world):
    """An instance of `form_class`, with whatever its constructor needs."""
    available = {
        "catalog": Catalog(user=world.users["admin"]),
        "units": [world.member],
        "quotas": [],
        "plan": world.own_plan,
        "organizations": Organization.objects.all(),
        "clusters": Cluster.objects.all(),
        "user": world.users["admin"],
    }
    wanted = {
        name
        for cls in form_class.__mro__
        if "__init__" in vars(cls)
        for name, parameter in inspect.signature(cls.__init__).parameters.items()
        if parameter.kind == inspect.Parameter.KEYWORD_ONLY
    }
    kwargs = {name: value for name, value in available.items() if name in wanted}
    if issubclass(form_class, forms.ModelForm) and "instance" not in kwargs:
        model = form_class._meta.model
        if model is Plan:
            kwargs["instance"] = world.own_plan
    return form_class(**kwargs)


FORM_CLASSES = project_form_classes()


def test_the_project_has_the_forms_this_test_walks():
    assert len(FORM_CLASSES) >= 25


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda cls: cls.__qualname__)
def test_every_text_field_of_every_form_tidies_its_input(world, form_class):
    form = build(form_class, world)
    text_fields = {
        name: field
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput)
    }
    for name, field in text_fields.items():
        assert getattr(field, "cleans_text", False), f"{form_class.__qualname__}.{name}"
        cleaned = field.clean("Kế\x1bhoạch\u200b\u00a0") if not field.required else field.clean("Kế\x1bhoạch")
        assert "\x1b" not in cleaned


# ---------------------------------------------------------------------------
# Through the pages
# ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_subject_pasted_from_word_is_saved_on_one_line_and_without_control_characters(client, world):
    from tests.plans.test_editing_views import edit_url, form_data

    client.force_login(world.users["drafter"])
    data = form_data(client.get(edit_url(world.own_plan)))
    data["subject"] = ["Kế hoạch tổ chức\r\nHội nghị\x0bsơ kết\x1b\u00a0năm 2024\u200b"]
    data["preamble"] = ["Căn cứ\r\nKế hoạch số 5\x07"]

    response = client.post(edit_url(world.own_plan), data)

    assert response.status_code == 302
    plan = Plan.objects.get(pk=world.own_plan.pk)
    assert plan.subject == "Kế hoạch tổ chức Hội nghị sơ kết năm 2024"
    assert plan.preamble == "Căn cứ\nKế hoạch số 5"


@pytest.mark.django_db
def test_a_refused_entry_keeps_what_was_typed_tidied(client, world):
    client.force_login(world.users["approver"])
    world.own_plan.status = "submitted"
    world.own_plan.save(update_fields=["status"])
    response = client.post(reverse("plans:return", args=[world.own_plan.pk]), {"reason": "\x1b\u200b \r\n"})
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors  # nothing left once tidied: still required


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["99999999999999999999999", "-99999999999999999999999"])
def test_a_choice_of_several_rows_with_a_key_no_column_holds_is_refused_not_a_server_error(key):
    from plans.forms.legal import LegalTextForm

    form = LegalTextForm(data={"replaced_by": [key]})
    assert not form.is_valid()
    assert form.errors["replaced_by"] == ["Lựa chọn không hợp lệ; hãy chọn lại trong danh sách."]

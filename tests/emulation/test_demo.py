"""The demo's cluster of communes has its year's registration call, the head commune's draft
registration and the cluster's compact with its members' signers; loading again adds nothing."""

import pytest
from django.urls import reverse

from emulation.models import Compact, Registration, RegistrationCall
from plans.management.demo.loader import load_demo

pytestmark = pytest.mark.django_db

CLUSTER = "Cụm thi đua các xã, phường số 1"


def test_the_demo_cluster_has_a_registration_call_and_a_compact(demo, client):
    call = RegistrationCall.objects.get(cluster__name=CLUSTER)
    registration = Registration.objects.get(call=call)
    assert registration.unit.name == "Ủy ban nhân dân xã Tháp Mười"
    assert registration.lines.count() == 3
    compact = Compact.objects.get(cluster__name=CLUSTER)
    assert compact.document.document_type == "compact"
    assert all(signatory.name for signatory in compact.signatories.all())

    client.force_login(registration.document.organization.staff.get(role="approver").user)
    page = client.get(reverse("emulation:call_detail", args=[call.pk])).content.decode()
    assert "Mỹ Quý" in page

    load_demo()
    assert RegistrationCall.objects.count() == 1
    assert Registration.objects.count() == 1
    assert Compact.objects.count() == 1

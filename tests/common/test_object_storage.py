"""Media on S3-compatible object storage (django-storages) against moto's server: issued PDFs are
written there, served after their hash is checked, and a changed object is refused."""

import hashlib

import boto3
import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.urls import reverse

from clusters.choices import StaffRole
from clusters.models import Staff
from plans.issuing import attach_pdf, freeze_context

moto_server = pytest.importorskip("moto.server")
pytestmark = pytest.mark.django_db
BUCKET = "kehoach-media"
CREDENTIALS = {"aws_access_key_id": "test", "aws_secret_access_key": "test", "region_name": "us-east-1"}


@pytest.fixture(scope="module")
def endpoint():
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(endpoint, settings):
    client = boto3.client("s3", endpoint_url=endpoint, **CREDENTIALS)
    client.create_bucket(Bucket=BUCKET)
    settings.MEDIA_S3_BUCKET = BUCKET
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "access_key": "test",
                "secret_key": "test",
                "region_name": "us-east-1",
                "default_acl": "private",
                "file_overwrite": False,
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


@pytest.fixture
def clerk(district):
    user = get_user_model().objects.create_user("vanthu")
    Staff.objects.create(user=user, organization=district, role=StaffRole.CLERK)
    return user


def test_an_issued_pdf_lives_in_the_bucket_and_is_served_verified(s3, plan, clerk, client, settings):
    plan.number, plan.date_day, plan.status = 7, 10, "issued"
    plan.save()
    document = attach_pdf(freeze_context(plan=plan, user=clerk))
    stored = s3.get_object(Bucket=BUCKET, Key=document.pdf.name)["Body"].read()
    assert hashlib.sha256(stored).hexdigest() == document.sha256
    assert not (settings.MEDIA_ROOT / document.pdf.name).exists()  # nothing on the local disk

    client.force_login(clerk)
    served = client.get(reverse("plans:document_pdf", args=[plan.pk]))
    assert served.status_code == 200
    assert hashlib.sha256(served.content).hexdigest() == document.sha256

    middle = len(stored) // 2
    changed = stored[:middle] + bytes([stored[middle] ^ 1]) + stored[middle + 1 :]
    s3.put_object(Bucket=BUCKET, Key=document.pdf.name, Body=changed)
    refused = client.get(reverse("plans:document_pdf", args=[plan.pk]))
    assert refused.status_code == 409


def test_health_checks_the_bucket(s3, client):
    assert default_storage.__class__.__name__ == "S3Storage"
    assert client.get(reverse("health")).json()["checks"]["storage"] == "ok"
    assert s3.list_objects_v2(Bucket=BUCKET).get("KeyCount", 0) == 0  # the probe cleans up after itself

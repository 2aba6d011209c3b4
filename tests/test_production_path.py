"""The production path, for real: PostgreSQL and Redis, migrate, collectstatic, gunicorn with the
production settings behind the proxy header, the task worker (db_worker); then people sign in, draft,
approve, issue, the worker attaches the issued PDF, and they fetch it over HTTP.

Needs a PostgreSQL server at 127.0.0.1:5432 (trust auth, user postgres, or PRODUCTION_TEST_PG) and
Debian's `redis-server`; skipped when either is missing. Its own database and Redis, dropped and
stopped at the end. About 30 s on a quiet machine.
"""

import hashlib
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("PRODUCTION_TEST_PG", "postgres://postgres@127.0.0.1:5432")
pytestmark = pytest.mark.production


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, what: str, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (OSError, requests.RequestException):
            pass
        time.sleep(0.3)
    pytest.fail(f"{what} did not start within {seconds} s")


@pytest.fixture(scope="module")
def database():
    name = f"kehoach_prod_{os.getpid()}_{secrets.token_hex(3)}"
    try:
        admin = psycopg.connect(f"{PG}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL server at " + PG)
    admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{PG}/{name}"
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path_factory.mktemp("redis"),
        stdout=subprocess.DEVNULL,
    )
    wait_for(lambda: socket.create_connection(("127.0.0.1", port), timeout=1).close() is None, "redis")
    yield f"redis://127.0.0.1:{port}/1"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(database, redis_url, tmp_path_factory):
    """gunicorn with the production settings, on a prepared database; yields its base URL."""
    folder = tmp_path_factory.mktemp("production")
    port = free_port()
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "CACHE_URL")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="kehoach.example.gov.vn",
        DATABASE_URL=database,
        CACHE_URL=redis_url,
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"),
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(free_port()),  # nothing listens: mail fails at once and is only logged
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        LOG_LEVEL="WARNING",
    )

    def manage(*args):
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    manage("migrate", "--noinput")
    manage("collectstatic", "--noinput")
    manage("loaddemo", "--force")
    log = (folder / "gunicorn.log").open("w")
    process = subprocess.Popen(  # noqa: S603
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    worker_log = (folder / "worker.log").open("w")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker"],
        cwd=ROOT,
        env=environment,
        stdout=worker_log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(lambda: requests.get(f"{base}/health/", timeout=5).status_code == 200, "gunicorn")
    yield base, folder / "gunicorn.log"
    for running in (process, worker):
        running.terminate()
        running.wait(timeout=30)
    log.close()
    worker_log.close()


class Browser:
    """A signed-in person behind the HTTPS proxy: every request says it came over HTTPS."""

    def __init__(self, base: str):
        self.base = base
        self.session = requests.Session()
        self.cookies: dict[str, str] = {}
        self.session.headers.update(
            {
                "Host": "kehoach.example.gov.vn",
                "X-Forwarded-Proto": "https",
                "Origin": "https://kehoach.example.gov.vn",
            }
        )

    def _keep_cookies(self, response):
        # The cookies are Secure (HTTPS only); the proxy would carry them, so we carry them here.
        self.cookies.update({cookie.name: cookie.value for cookie in response.cookies})
        self.session.cookies.clear()
        return response

    def get(self, path: str) -> requests.Response:
        response = self.session.get(self.base + path, cookies=self.cookies, allow_redirects=False, timeout=60)
        return self._keep_cookies(response)

    def post(self, path: str, data: dict) -> requests.Response:
        token = self.cookies.get("csrftoken") or self.csrf(path)
        response = self.session.post(
            self.base + path,
            data={"csrfmiddlewaretoken": token, **data},
            cookies=self.cookies,
            headers={"Referer": "https://kehoach.example.gov.vn" + path},
            allow_redirects=False,
            timeout=120,
        )
        return self._keep_cookies(response)

    def csrf(self, path: str) -> str:
        self.get(path)
        return self.cookies["csrftoken"]

    def sign_in(self, username: str) -> "Browser":
        self.csrf("/login/")
        response = self.post("/login/", {"username": username, "password": "demo"})
        assert response.status_code == 302, response.text[:500]
        return self


def test_sign_in_draft_issue_and_fetch_the_pdf_through_gunicorn(server):
    base, log = server
    # Plain HTTP is sent to HTTPS; the health check is exempt.
    insecure = requests.get(
        base + "/", headers={"Host": "kehoach.example.gov.vn"}, allow_redirects=False, timeout=30
    )
    assert insecure.status_code == 301
    assert insecure.headers["Location"].startswith("https://")
    health = requests.get(base + "/health/", timeout=10).json()
    assert health["checks"] == {
        "database": "ok",
        "cache": "ok",
        "storage": "ok",
        "queue": health["checks"]["queue"],
    }

    drafter = Browser(base).sign_in("soanthao")
    page = drafter.get("/plans/new/")
    assert page.status_code == 200
    assert re.search(r'/static/[^"]+\.[0-9a-f]{12}\.css', page.text)  # collected, with hashed names
    # She drafts this year's cluster study trip again from the issued one (a copy carries its signer,
    # so the format check lets it be issued), submits it; the chairman approves, the clerk issues.
    year = time.strftime("%Y")
    listing = drafter.get(f"/plans/?status=issued&kind=study_trip&year={year}")
    source = re.search(r'href="/plans/(\d+)/"', listing.text).group(1)
    created = drafter.post(f"/plans/{source}/copy/", {})
    assert created.status_code == 302, created.text[:500]
    plan = re.search(r"/plans/(\d+)/edit/", created.headers["Location"]).group(1)
    assert plan != source
    assert drafter.post(f"/plans/{plan}/submit/", {}).status_code == 302

    approver = Browser(base).sign_in("pheduyet")
    assert approver.post(f"/plans/{plan}/approve/", {"note": ""}).status_code == 302

    clerk = Browser(base).sign_in("vanthu")
    # The copy's own findings (its dates are last run's) are warnings the clerk confirms.
    issued = clerk.post(
        f"/plans/{plan}/issue/",
        {"issue_date": time.strftime("%d/%m/%Y"), "confirm_warnings": "on", "confirm_date": "on"},
    )
    assert issued.status_code == 302, issued.text[:1000]
    assert "Đã ban hành" in clerk.get(f"/plans/{plan}/").text
    # The worker renders and attaches the frozen PDF; the plan page stops saying it is on its way.
    wait_for(lambda: "Đang tạo bản PDF" not in clerk.get(f"/plans/{plan}/").text, "the worker's PDF", 300)

    pdf = clerk.get(f"/plans/{plan}/document.pdf")
    assert pdf.status_code == 200, pdf.text[:500]
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    again = approver.get(f"/plans/{plan}/document.pdf")  # another worker, perhaps: the same file
    assert hashlib.sha256(again.content).hexdigest() == hashlib.sha256(pdf.content).hexdigest()

    # Every request is in gunicorn's access log with its request id; no server error anywhere.
    lines = log.read_text()
    assert re.search(r'"GET /plans/\d+/document.pdf HTTP/1.1" 200 \d+ \d+ms \[[0-9a-f]{32}\]', lines)
    assert '" 500 ' not in lines

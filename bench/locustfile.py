"""30 signed-in users doing a mixed round of the app through gunicorn (run by bench/load.py).

Each simulated user signs in through the login form as one of the demo accounts, then, with 1–3 s
of thought between requests, opens the plan list, searches, opens a plan page, its preview and
its PDF, and the edit page of a draft its account may edit. The plan ids come from bench/load.py
through the environment (BENCH_PLAN, BENCH_CLUSTER_PLAN, BENCH_PDF_PLAN, BENCH_EDIT_PLAN).
"""

import itertools
import os
import random

from locust import HttpUser, between, task

ACCOUNTS = itertools.cycle(["soanthao", "pheduyet", "vanthu", "giamsat", "admin"])
SEARCHES = ["tap huan", "thi dua", "khen thuong 2024", "so ket", "giao luu"]


class Official(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        self.username = next(ACCOUNTS)
        self.client.get("/login/", name="login form")
        token = self.client.cookies.get("csrftoken")
        response = self.client.post(
            "/login/",
            {"username": self.username, "password": "demo", "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/login/"},
            name="sign in",
            allow_redirects=False,
        )
        assert response.status_code == 302, f"{self.username} could not sign in ({response.status_code})"

    @task(4)
    def plan_list(self):
        self.client.get("/plans/", name="list")

    @task(2)
    def filtered(self):
        self.client.get("/plans/", params={"year": 2024, "kind": "training"}, name="list filtered")

    @task(3)
    def search(self):
        self.client.get("/plans/", params={"q": random.choice(SEARCHES)}, name="list searched")

    @task(3)
    def plan_page(self):
        self.client.get(f"/plans/{os.environ['BENCH_PLAN']}/", name="plan page")

    @task(1)
    def cluster_plan_page(self):
        if self.username == "admin":  # the bench's clusters are not the demo accounts' own
            self.client.get(f"/plans/{os.environ['BENCH_CLUSTER_PLAN']}/", name="plan page (cluster)")

    @task(1)
    def preview(self):
        self.client.get(f"/plans/{os.environ['BENCH_PDF_PLAN']}/document/", name="preview")

    @task(1)
    def pdf(self):
        self.client.get(f"/plans/{os.environ['BENCH_PDF_PLAN']}/document.pdf", name="pdf")

    @task(1)
    def dashboard(self):
        self.client.get("/", name="dashboard")

    @task(1)
    def edit_page(self):
        if self.username in ("soanthao", "admin"):
            self.client.get(f"/plans/{os.environ['BENCH_EDIT_PLAN']}/edit/", name="edit page (30 act.)")

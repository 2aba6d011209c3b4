"""gunicorn for the app: `gunicorn -c gunicorn.conf.py` (settings: config.settings.production).

Every value can be changed through the environment, so the systemd unit and the container share
this one file.
"""

import multiprocessing
import os

wsgi_app = "config.wsgi:application"
# Behind the HTTPS proxy on the same host (deploy/Caddyfile); the container listens on 0.0.0.0.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Processes for the CPU (pages are mostly Python), threads for the waits (database, cache, files):
# with three sync workers a mixed round of 30 users (bench/load.py) queued behind the edit page
# and the PDFs; with two processes per core and four threads each a request finds a free thread.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Each thread keeps its database connection (CONN_MAX_AGE): workers × threads of them at most,
# well under PostgreSQL's default 100 on such a machine.
# A long plan's PDF renders in seconds; the proxy waits up to this long too.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
# An idle kept-alive connection is closed after this long: longer than a client's pause (Caddy keeps
# its idle connections to the app two minutes, nginx 60 s; locust's users think 1-3 s), else a
# request sent as the app closes the connection is reset (one in 800 was, with 5 s, under load).
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "150"))
# WeasyPrint's memory grows with the documents it lays out: recycle workers now and then.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = 100
# The proxy is the only client: trust its X-Forwarded-* from these addresses only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Standard output, one line per request with the id the app logs under (header X-Request-ID).
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms [%({x-request-id}o)s] "%(a)s"'

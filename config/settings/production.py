"""Production: refuses to start without a real secret key; passes `check --deploy` cleanly."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, smtp_mailer

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure") or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production."
    )
# The host's own health checks (container engine, monitoring) ask by the loopback name.
ALLOWED_HOSTS = [*env.list("ALLOWED_HOSTS"), "localhost", "127.0.0.1"]

# Behind the HTTPS proxy (deploy/Caddyfile), which sets X-Forwarded-Proto and strips any sent by
# the client; gunicorn listens on 127.0.0.1 (or the compose network) only.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The app runs behind one reverse proxy (nginx) that appends the client's address to
# X-Forwarded-For; sign-in locks key on that address (common/client_address.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The container engine and monitoring ask for /health/ over plain HTTP inside the host.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Notifications leave by SMTP; without EMAIL_HOST, through the server's own mail transfer agent.
MAILERS = {"default": smtp_mailer(env("EMAIL_HOST", default="localhost"))}

# One connection per worker kept for a minute: a new PostgreSQL connection costs 10-15 ms a request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)  # noqa: F405

"""The production settings as the load bench runs them: plain HTTP on the loopback, no TLS proxy.

Only what HTTPS needs differs (secure cookies, the redirect, HSTS); everything else, persistent
connections included, is production's.
"""

import os

from config.settings.production import *  # noqa: F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0

# The bench collects the static files into its own temporary folder.
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]

# The bench's users were made under the test settings' fast hasher; kept first so that signing in
# (not part of the timed round) does not upgrade each hash with seconds of PBKDF2 under load.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

#!/usr/bin/env bash
# Sets up a fresh clone and runs every check and test. Extra arguments go to pytest,
# e.g. `bash scripts/test.sh -m "not browser"`. DATABASE_URL selects the database (SQLite by default).
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
bootstrap --test
export DJANGO_SETTINGS_MODULE=config.settings.test
log "ruff"
"${UV[@]}" run ruff check .
"${UV[@]}" run ruff format --check .
log "manage.py check và makemigrations --check"
"${UV[@]}" run python manage.py check --fail-level WARNING
"${UV[@]}" run python manage.py makemigrations --check --dry-run
log "pytest (${DATABASE_URL:-SQLite})"
# One worker per core (pytest-xdist); `-n 0` among the arguments runs in one process.
"${UV[@]}" run pytest -n "${PYTEST_WORKERS:-auto}" "$@"

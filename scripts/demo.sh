#!/usr/bin/env bash
# From a fresh clone to the app at http://127.0.0.1:8000 with the demo data, on SQLite.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
bootstrap
"${UV[@]}" run python manage.py migrate --noinput
"${UV[@]}" run python manage.py loaddemo
log "Mở http://127.0.0.1:8000 — đăng nhập admin / demo (các tài khoản khác: xem README.md)"
exec "${UV[@]}" run python manage.py runserver 127.0.0.1:8000

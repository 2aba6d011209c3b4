#!/usr/bin/env bash
# The daily work of a production server (systemd timer deploy/systemd/kehoach-daily.timer, or cron):
# a backup (kept 30 days), the purge of expired personal data, deadline reminders when the
# installed version has them, and the verification of every issued PDF.
# Usage: scripts/daily.sh BACKUP_FOLDER   (the environment holds the production settings)
set -euo pipefail
cd "$(dirname "$0")/.."
backups="${1:?Cần thư mục sao lưu, ví dụ /var/backups/kehoach}"
python=".venv/bin/python"
status=0

"$python" manage.py backup_data --output "$backups" || status=1
find "$backups" -name 'kehoach-*.tar' -mtime +"${BACKUP_KEEP_DAYS:-30}" -delete || status=1
# Logged as done by PURGE_USER (an administrator), else by the first superuser.
"$python" manage.py purge_personal_data ${PURGE_USER:+--user "$PURGE_USER"} || status=1
commands=$("$python" manage.py help --commands)
if grep -qx send_reminders <<<"$commands"; then
    "$python" manage.py send_reminders || status=1
fi
"$python" manage.py verify_documents || status=1
exit "$status"

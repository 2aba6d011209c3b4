#!/usr/bin/env bash
# The daily work of a production server (systemd timer deploy/systemd/kehoach-daily.timer, or cron):
# a backup (kept 30 days), deadline reminders and the purge of expired personal data (queued for
# the worker), and the verification of every issued PDF.
# Usage: scripts/daily.sh BACKUP_FOLDER   (the environment holds the production settings)
set -euo pipefail
cd "$(dirname "$0")/.."
backups="${1:?Cần thư mục sao lưu, ví dụ /var/backups/kehoach}"
python=".venv/bin/python"
status=0

"$python" manage.py backup_data --output "$backups" || status=1
find "$backups" -name 'kehoach-*.tar' -mtime +"${BACKUP_KEEP_DAYS:-30}" -delete || status=1
# Deadline reminders and the purge of expired personal data, queued for the worker (which retries
# them); without a worker (TASKS_BACKEND=immediate) they run here.
"$python" manage.py daily_tasks || status=1
"$python" manage.py verify_documents || status=1
exit "$status"

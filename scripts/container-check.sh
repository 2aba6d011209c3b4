#!/usr/bin/env bash
# Builds the image and runs it against this host's PostgreSQL and Redis (host network): migrate,
# gunicorn, the worker; then /health/, the image's own health check, a page, a static file and a
# PDF over HTTP or inside the container. CI's container step (.ci/run); also by hand.
#
#   scripts/container-check.sh            exit 0 also when there is no container engine (it says so)
#
# Base image: BASE_IMAGE if set; python:3.12-slim-bookworm when present or pullable; otherwise
# the local one from Debian's archive (scripts/container-base.sh, built once, kept by its tag).
# Root with dockerd installed but not running: it starts dockerd for the run (with no firewall
# rules, forwarding or bridge of its own) and stops it after.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'LỖI: %s\n' "$*" >&2; exit 1; }

tag="${IMAGE_TAG:-kehoach:ci}"
pg="${CONTAINER_PG:-postgres://postgres@127.0.0.1:5432}"
redis_url="${CONTAINER_REDIS:-redis://127.0.0.1:6379/11}"
run_id="$(date +%s)_$$"
db="kehoach_container_${run_id}"
work="$(mktemp -d)"
dockerd_pid=""
containers=()
db_made=0

cleanup() {
    local name
    for name in "${containers[@]}"; do docker rm -f -v "$name" >/dev/null 2>&1 || true; done
    if [ "$db_made" -eq 1 ]; then
        psql -q "$pg/postgres" -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
    fi
    if [ -n "$dockerd_pid" ]; then
        kill "$dockerd_pid" 2>/dev/null || true
        for _ in $(seq 1 20); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.5; done
    fi
    rm -rf "$work"
}
trap cleanup EXIT

if ! docker info >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v dockerd >/dev/null 2>&1 && ! pgrep -x dockerd >/dev/null; then
        log "Khởi động dockerd cho lượt kiểm tra này"
        # Leaves the host's firewall, forwarding and bridges as they are: every build and run
        # here uses the host's network.
        dockerd --iptables=false --ip-forward=false --bridge=none >"$work/dockerd.log" 2>&1 &
        dockerd_pid=$!
        for _ in $(seq 1 30); do docker info >/dev/null 2>&1 && break; sleep 1; done
    fi
    if ! docker info >/dev/null 2>&1; then
        echo "Không có container engine (docker info không trả lời): bỏ qua bước dựng và chạy ảnh."
        exit 0
    fi
fi

base="${BASE_IMAGE:-}"
if [ -z "$base" ]; then
    base=python:3.12-slim-bookworm
    if ! docker image inspect "$base" >/dev/null 2>&1 && ! timeout 300 docker pull -q "$base" >/dev/null 2>&1; then
        log "Không tải được $base (Docker Hub không tới được): dùng ảnh nền dựng từ kho Debian"
        base=kehoach-base:bookworm-py3.12
        bash scripts/container-base.sh "$base"
    fi
fi

log "docker build (nền $base) → $tag"
start=$(date +%s)
docker build -q --network host --build-arg BASE_IMAGE="$base" -t "$tag" . >/dev/null
log "Dựng xong sau $(($(date +%s) - start)) s; ảnh $(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%d MB", $1 / 1e6}')"

psql -q "$pg/postgres" -c "CREATE DATABASE \"$db\"" >/dev/null
db_made=1
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Without Redis the app's default cache (the database's) serves.
cache=""
redis-cli -u "$redis_url" ping >/dev/null 2>&1 && cache="CACHE_URL=$redis_url"
{
    echo "SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(60))')"
    echo "ALLOWED_HOSTS=localhost"
    echo "DATABASE_URL=$pg/$db"
    echo "$cache"
    echo "GUNICORN_BIND=127.0.0.1:$port"
    echo "WEB_CONCURRENCY=2"
} >"$work/env"
run() { docker run --network host --env-file "$work/env" "$@"; }

log "migrate"
run --rm "$tag" python manage.py migrate --noinput -v 0
web="kehoach-ci-web-$run_id"
worker="kehoach-ci-worker-$run_id"
containers+=("$web" "$worker")
run -d --name "$web" "$tag" >/dev/null
run -d --name "$worker" --no-healthcheck "$tag" python manage.py db_worker >/dev/null

fail() {
    docker logs --tail 30 "$web" >&2 || true
    docker logs --tail 30 "$worker" >&2 || true
    die "$*"
}
get() { curl -s -H 'Host: localhost' -H 'X-Forwarded-Proto: https' "$@"; }
health=""
for _ in $(seq 1 60); do
    health=$(get "http://127.0.0.1:$port/health/" || true)
    [ -n "$health" ] && break
    sleep 1
done
echo "/health/: $health"
[[ "$health" == *'"status": "ok"'* ]] || fail "/health/ không trả \"ok\""
# The HEALTHCHECK the engine runs, run now rather than after its 30 s interval.
docker exec "$web" python -c "$(docker image inspect -f '{{index .Config.Healthcheck.Test 3}}' "$tag")" \
    || fail "HEALTHCHECK của ảnh báo lỗi"
code=$(get -o "$work/login.html" -w '%{http_code}' "http://127.0.0.1:$port/login/")
[ "$code" = 200 ] || fail "/login/ trả mã $code"
css=$(grep -o '/static/[^"]*\.css' "$work/login.html" | head -n 1)
code=$(get -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$css")
[ -n "$css" ] && [ "$code" = 200 ] || fail "tệp tĩnh $css trả mã $code"
docker exec "$web" python -c "import weasyprint; pdf = weasyprint.HTML(string='<p style=\"font-family: Times New Roman\">Cộng hoà xã hội chủ nghĩa Việt Nam</p>').write_pdf(); assert pdf.startswith(b'%PDF')" \
    || fail "WeasyPrint không tạo được PDF trong ảnh"
sleep 2
[ "$(docker inspect -f '{{.State.Running}}' "$worker")" = true ] || fail "tiến trình chạy nền đã dừng"
echo "Ảnh $tag (nền $base): /health/ ok, trang đăng nhập 200, tệp tĩnh $css 200, PDF ok, worker đang chạy."

#!/usr/bin/env bash
# Prepares this checkout on a fresh machine: uv, Python 3.12, the locked dependencies and the
# system packages that PDF rendering (and, with --test, the test suite) needs.
# Sourced by scripts/demo.sh and scripts/test.sh; safe to run again (it only adds what is missing).
set -euo pipefail

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'LỖI: %s\n' "$*" >&2; exit 1; }

APT_UPDATED=0
apt_install() {
    # Installs Debian packages when we may; otherwise says exactly what to install.
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null && sudo="sudo -n"
    fi
    if ! command -v apt-get >/dev/null 2>&1 || { [ "$(id -u)" -ne 0 ] && [ -z "$sudo" ]; }; then
        die "Cần cài các gói hệ thống: $* (ví dụ: sudo apt-get install $*)"
    fi
    if [ "$APT_UPDATED" -eq 0 ]; then
        log "apt-get update"
        $sudo apt-get update -q >/dev/null
        APT_UPDATED=1
    fi
    log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$@" >/dev/null
}

ensure_uv() {
    export PATH="$HOME/.local/bin:$HOME/.cargo/bin:$PATH"
    if command -v uv >/dev/null 2>&1 && uv --version >/dev/null 2>&1; then
        UV=(uv)
        return
    fi
    if python3 -m uv --version >/dev/null 2>&1; then
        UV=(python3 -m uv)
        return
    fi
    # Debian 12 refuses `pip install --user` (PEP 668, externally managed): uv goes into a venv of
    # its own, linked from ~/.local/bin.
    local venv="$HOME/.local/share/uv-venv"
    log "Cài uv vào $venv"
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
        rm -rf "$venv"
        apt_install python3-venv
        python3 -m venv "$venv" || die "Không tạo được môi trường ảo cho uv (python3 -m venv)."
    fi
    "$venv/bin/pip" install --quiet --disable-pip-version-check uv \
        || die "Không cài được uv: xem https://docs.astral.sh/uv/ để cài thủ công."
    mkdir -p "$HOME/.local/bin"
    ln -sf "$venv/bin/uv" "$HOME/.local/bin/uv"
    UV=(uv)
}

ensure_python() {
    # uv downloads Python 3.12 on a connected machine; offline, use a pyenv-installed 3.12.
    [ -n "${UV_PYTHON:-}" ] && return
    "${UV[@]}" python find 3.12 >/dev/null 2>&1 && return
    if command -v pyenv >/dev/null 2>&1; then
        local version
        version=$(pyenv versions --bare 2>/dev/null | grep -E '^3\.12(\.[0-9]+)?$' | tail -n 1 || true)
        if [ -n "$version" ]; then
            export UV_PYTHON="$(pyenv root)/versions/$version/bin/python3.12"
            log "Dùng Python $version của pyenv"
            return
        fi
    fi
    log "Tải Python 3.12 qua uv"
    "${UV[@]}" python install 3.12 || die "Cần Python 3.12 (uv không tải được và pyenv không có bản 3.12)."
}

ensure_pdf_system_packages() {
    local missing=() libraries fonts
    # Read each listing whole before searching it: `cmd | grep -q` under pipefail fails with 141
    # (SIGPIPE) whenever grep finds its line before cmd has finished writing.
    libraries=$(ldconfig -p 2>/dev/null || true)
    [[ "$libraries" == *libpango-1.0.so* ]] || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
    command -v fc-list >/dev/null 2>&1 || missing+=(fontconfig)
    fonts=$(fc-list : family 2>/dev/null || true)
    if ! grep -qiE 'Times New Roman|Liberation Serif' <<<"$fonts"; then
        missing+=(fonts-liberation2)
    fi
    if [ "${#missing[@]}" -gt 0 ]; then
        log "Văn bản PDF cần phông Times New Roman (hoặc Liberation Serif cùng kích thước chữ)"
        apt_install "${missing[@]}"
    fi
}

ensure_test_system_packages() {
    local missing=()
    command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
    # The production-path test starts its own Redis; the backup test on PostgreSQL runs pg_dump.
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
    command -v pg_dump >/dev/null 2>&1 || missing+=(postgresql-client)
    command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)  # the Nu HTML checker
    if [ "${#missing[@]}" -gt 0 ]; then
        apt_install "${missing[@]}"
    fi
    # axe-core, injected into pages by the browser tests to check accessibility; the Nu HTML checker.
    if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
        log "npm ci (axe-core)"
        npm ci --no-audit --no-fund --silent
    fi
}

bootstrap() {
    cd "$(dirname "${BASH_SOURCE[0]}")/.."
    ensure_uv
    ensure_python
    ensure_pdf_system_packages
    if [ "${1:-}" = "--test" ]; then
        ensure_test_system_packages
    fi
    log "Cài thư viện Python theo uv.lock"
    "${UV[@]}" sync --frozen --quiet
}

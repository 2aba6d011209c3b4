#!/usr/bin/env bash
# Builds a local stand-in for the image python:3.12-slim-bookworm, for hosts that cannot reach
# Docker Hub: Debian 12 (bookworm, minbase) from Debian's archive with mmdebstrap (debootstrap
# when only that is installed), plus a CPython 3.12 built for bookworm, loaded with `docker import`.
#
#   scripts/container-base.sh [--force] [TAG]          (TAG: kehoach-base:bookworm-py3.12)
#   docker build --build-arg BASE_IMAGE=kehoach-base:bookworm-py3.12 -t kehoach .
#
# An image already under TAG is kept (--force builds it again). Environment:
#   PYTHON_HOME     prefix of a CPython 3.12 built for Debian 12 (a pyenv version, for example);
#                   unset: a Python 3.12 managed by uv, else the one under .venv, else uv downloads
#                   one (`uv python install 3.12`)
#   DEBIAN_MIRROR   Debian archive (http://deb.debian.org/debian)
#   BOOTSTRAP       mmdebstrap or debootstrap (default: mmdebstrap when installed)
#   HOST_CA_BUNDLE  CA bundle the image trusts for pip and uv, so that a build behind a proxy that
#                   inspects TLS works as it does on the host (/etc/ssl/certs/ca-certificates.crt;
#                   empty: Debian's own bundle only)
# Root can use either tool; a plain user needs mmdebstrap (unshare mode: uidmap and entries in
# /etc/subuid) and access to the Docker daemon.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'LỖI: %s\n' "$*" >&2; exit 1; }

force=0
if [ "${1:-}" = "--force" ]; then force=1; shift; fi
tag="${1:-kehoach-base:bookworm-py3.12}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
security="${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
ca_bundle="${HOST_CA_BUNDLE-/etc/ssl/certs/ca-certificates.crt}"

docker info >/dev/null 2>&1 || die "Không kết nối được Docker daemon (docker info)."
if [ "$force" -eq 0 ] && docker image inspect "$tag" >/dev/null 2>&1; then
    log "Đã có ảnh nền $tag (dựng lại: --force)"
    exit 0
fi

# What python:3.12-slim-bookworm holds: certificates, time zones, and the libraries that
# CPython's own extension modules link to (ssl, ctypes, sqlite3, bz2, lzma, readline, uuid...).
packages=ca-certificates,netbase,tzdata,libssl3,libffi8,libsqlite3-0,libbz2-1.0,liblzma5,zlib1g,
packages+=libreadline8,libncursesw6,libuuid1,libgdbm6,libexpat1,libtirpc3,libnsl2,libcrypt1

work="$(mktemp -d "${TMPDIR:-/var/tmp}/kehoach-base.XXXXXX")"
# mmdebstrap's hooks run as the namespace's root under unshare: another uid, which must read here.
chmod 755 "$work"
cleanup() { rm -rf "$work" 2>/dev/null || true; }
trap cleanup EXIT

# The Python: a self-contained prefix (bin/python3.12, lib/...) copied to /usr/local, as the
# official image has it. Unless PYTHON_HOME names one: a Python uv already manages, else the one
# this checkout's .venv runs on (a pyenv build here), else uv downloads one.
base_prefix() { "$1" -c 'import sys; print(sys.base_prefix)' 2>/dev/null; }
self_contained() { [ -n "$1" ] && [ "$1" != /usr ] && [ -x "$1/bin/python3.12" ]; }
if [ -z "${PYTHON_HOME:-}" ] && command -v uv >/dev/null 2>&1; then
    found="$(uv python find --managed-python 3.12 2>/dev/null || true)"
    [ -z "$found" ] || PYTHON_HOME="$(base_prefix "$found")"
fi
if ! self_contained "${PYTHON_HOME:-}" && [ -x .venv/bin/python ]; then
    PYTHON_HOME="$(base_prefix .venv/bin/python)"
fi
if ! self_contained "${PYTHON_HOME:-}"; then
    command -v uv >/dev/null 2>&1 || die "Đặt PYTHON_HOME (một CPython 3.12 dựng cho Debian 12) hoặc cài uv."
    log "Tải CPython 3.12 bằng uv"
    uv python install 3.12 >&2 || die "uv không tải được Python 3.12: đặt PYTHON_HOME."
    PYTHON_HOME="$(base_prefix "$(uv python find --managed-python 3.12)")"
fi
py="$PYTHON_HOME/bin/python3.12"
[ -x "$py" ] || die "Không thấy $py (PYTHON_HOME phải là thư mục gốc của một Python 3.12)."
# Its own lib/ first: a copied prefix may not find libpython where it was built.
py_version="$(LD_LIBRARY_PATH="$PYTHON_HOME/lib" "$py" -c 'import platform; print(platform.python_version())')"
log "Python $py_version từ $PYTHON_HOME"
# Left out as the official image leaves them out: the test suite, static library, Tk and IDLE,
# optimised bytecode twins, and site-packages (the host's; pip comes from ensurepip instead).
tar -C "$PYTHON_HOME" --owner=0 --group=0 --numeric-owner -cf "$work/python.tar" \
    --exclude='lib/python3.12/test' --exclude='*/tests' --exclude='*/idle_test' \
    --exclude='lib/python3.12/idlelib' --exclude='lib/python3.12/tkinter' \
    --exclude='lib/python3.12/turtledemo' --exclude='lib-dynload/_tkinter*' \
    --exclude='libpython3.12.a' --exclude='*.opt-1.pyc' --exclude='*.opt-2.pyc' \
    --exclude='lib/python3.12/site-packages/*' \
    --exclude='bin/idle*' --exclude='bin/pip*' --exclude='bin/pydoc*' --exclude='bin/2to3*' \
    --exclude='bin/*.py' \
    bin include lib

[ -z "$ca_bundle" ] || [ -r "$ca_bundle" ] || die "Không đọc được HOST_CA_BUNDLE=$ca_bundle"
# Run on the new tree (ROOT PYTHON_TAR CA_BUNDLE): put the Python in place, check that it loads
# every extension module it has, add pip, trust the host's CA bundle, leave apt's cache empty.
cat >"$work/setup.sh" <<'EOF_SETUP'
set -eu
root="$1"
tar -C "$root/usr/local" -xf "$2"
# Debug symbols: 25 MB of libpython alone.
if command -v strip >/dev/null 2>&1; then
    strip --strip-unneeded "$root"/usr/local/lib/libpython3.12.so.1.0 \
        "$root"/usr/local/lib/python3.12/lib-dynload/*.so "$root"/usr/local/bin/python3.12
fi
chroot "$root" /sbin/ldconfig
for name in python3 python; do ln -sf python3.12 "$root/usr/local/bin/$name"; done
chroot "$root" /usr/local/bin/python3.12 -c 'import ssl, ctypes, sqlite3, bz2, lzma, uuid, zlib, readline, hashlib, decimal; ssl.create_default_context()'
missing=$(chroot "$root" sh -c 'ldd /usr/local/bin/python3.12 /usr/local/lib/python3.12/lib-dynload/*.so' | grep 'not found' || true)
[ -z "$missing" ] || { echo "thiếu thư viện: $missing" >&2; exit 1; }
PIP_ROOT_USER_ACTION=ignore chroot "$root" /usr/local/bin/python3.12 -m ensurepip --default-pip >/dev/null
if [ -n "$3" ]; then
    mkdir -p "$root/usr/local/share/ca-bundle"
    cp "$3" "$root/usr/local/share/ca-bundle/host.crt"
fi
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb
EOF_SETUP

sources="deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main"
tarball="$work/rootfs.tar"
bootstrap="${BOOTSTRAP:-}"
if [ -z "$bootstrap" ]; then
    bootstrap=debootstrap
    command -v mmdebstrap >/dev/null 2>&1 && bootstrap=mmdebstrap
fi
if [ "$bootstrap" = mmdebstrap ]; then
    mode=auto
    [ "$(id -u)" -eq 0 ] || mode=unshare
    log "mmdebstrap ($mode): Debian 12 minbase"
    # Security updates from the start, written straight to a tarball; /usr merged by symlinks (as
    # debootstrap does, not with the usrmerge package and its Perl); docs, manuals and message
    # catalogues left out, and the setting stays in the image, as in Debian's slim images.
    mmdebstrap --mode="$mode" --variant=minbase --include="$packages" \
        --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
        --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
        --dpkgopt='path-exclude=/usr/share/locale/*' \
        --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
        --customize-hook="bash $work/setup.sh \"\$1\" $work/python.tar '$ca_bundle'" \
        bookworm "$tarball" - <<<"$sources" >&2
else
    [ "$(id -u)" -eq 0 ] || die "Người dùng thường cần mmdebstrap (sudo apt-get install mmdebstrap uidmap)."
    command -v debootstrap >/dev/null 2>&1 || die "Cần mmdebstrap hoặc debootstrap (apt-get install mmdebstrap)."
    log "debootstrap: Debian 12 minbase"
    debootstrap --variant=minbase --include="$packages" bookworm "$work/rootfs" "$mirror" >&2
    printf '%s\n' "$sources" >"$work/rootfs/etc/apt/sources.list"
    chroot "$work/rootfs" apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive chroot "$work/rootfs" apt-get upgrade -y -q >&2
    bash "$work/setup.sh" "$work/rootfs" "$work/python.tar" "$ca_bundle"
    tar -C "$work/rootfs" --numeric-owner -cf "$tarball" .
    rm -rf "$work/rootfs"
fi

log "docker import → $tag"
changes=(
    --change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin'
    --change 'ENV LANG=C.UTF-8'
    --change "ENV PYTHON_VERSION=$py_version"
    --change 'CMD ["python3"]'
)
if [ -n "$ca_bundle" ]; then
    changes+=(
        --change 'ENV SSL_CERT_FILE=/usr/local/share/ca-bundle/host.crt'
        --change 'ENV PIP_CERT=/usr/local/share/ca-bundle/host.crt'
    )
fi
docker import "${changes[@]}" \
    --message "Debian 12 minbase + CPython $py_version (scripts/container-base.sh)" \
    "$tarball" "$tag" >/dev/null
docker run --rm --network none "$tag" python3 -c 'import sys; print("Ảnh nền sẵn sàng:", sys.version.split()[0])'

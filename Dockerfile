# The app's image: gunicorn (web) by default, the task worker with `python manage.py db_worker`.
#   docker build -t kehoach .
# Without Docker Hub, on a base built from Debian's archive (scripts/container-base.sh):
#   docker build --build-arg BASE_IMAGE=kehoach-base:bookworm-py3.12 -t kehoach .
ARG BASE_IMAGE=python:3.12-slim-bookworm
FROM ${BASE_IMAGE} AS runtime

# Pango for WeasyPrint, cairo for CairoSVG (the emblem in .docx exports), Liberation Serif (Times
# New Roman's metric twin) for the documents, the PostgreSQL client for backup_data/restore_data.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libcairo2 fontconfig fonts-liberation2 postgresql-client \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONUNBUFFERED=1 PATH="/app/.venv/bin:$PATH" \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    GUNICORN_BIND=0.0.0.0:8000 FORWARDED_ALLOW_IPS=* \
    MEDIA_ROOT=/data/media STATIC_ROOT=/app/staticfiles
WORKDIR /app

# The build stage: uv, the locked dependencies, the collected static files; only /app leaves it.
FROM runtime AS build
# uv from PyPI (reachable wherever the dependencies are), pinned: a rebuild gets the same one.
ARG UV_VERSION=0.13.9
RUN python -m pip install --no-cache-dir --disable-pip-version-check --root-user-action=ignore \
        "uv==${UV_VERSION}"
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_NO_CACHE=1 UV_PYTHON_DOWNLOADS=never \
    UV_PYTHON=/usr/local/bin/python3.12
# The dependencies first, in a layer of their own: a change to the code alone does not redo it.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
RUN uv sync --frozen --no-dev
# Static files are collected into the image (hashed names, compressed); WhiteNoise serves them.
RUN SECRET_KEY=build-only-key-never-used-to-serve-0123456789abcdefghijklmnop ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput -v 0

FROM runtime
# The environment in a layer of its own, reused while uv.lock stays the same; then the code.
COPY --from=build /app/.venv /app/.venv
COPY . .
COPY --from=build /app/staticfiles /app/staticfiles
# The code stays root's and read-only to the app; it writes under /data, and its home holds
# gunicorn's control socket (~/.gunicorn).
RUN useradd --system --uid 1000 --user-group --create-home --home-dir /home/kehoach kehoach \
    && mkdir -p /data/media /data/backups && chown -R kehoach:kehoach /data
USER kehoach
VOLUME ["/data/media", "/data/backups"]
EXPOSE 8000
# Asks gunicorn on its own port (GUNICORN_BIND) over loopback; 503 (database, cache, storage or
# queue down) or no answer marks the container unhealthy.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as r; port = os.environ['GUNICORN_BIND'].rsplit(':', 1)[1]; r.urlopen(r.Request(f'http://127.0.0.1:{port}/health/', headers={'Host': 'localhost'}), timeout=8)"]
CMD ["gunicorn", "-c", "gunicorn.conf.py"]

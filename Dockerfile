# The app's image: gunicorn (web) or the task worker, same image. Build: docker build -t kehoach .
FROM python:3.12-slim-bookworm

# Pango for WeasyPrint, Liberation Serif (Times New Roman's metric twin) for the documents,
# the PostgreSQL client for backup_data/restore_data.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fontconfig fonts-liberation2 postgresql-client \
    && rm -rf /var/lib/apt/lists/*

COPY --from=ghcr.io/astral-sh/uv:0.13 /uv /usr/local/bin/uv
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never \
    PYTHONUNBUFFERED=1 PATH="/app/.venv/bin:$PATH" \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    GUNICORN_BIND=0.0.0.0:8000 FORWARDED_ALLOW_IPS=* \
    MEDIA_ROOT=/data/media STATIC_ROOT=/app/staticfiles

WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
# Static files are collected into the image (hashed names, compressed); WhiteNoise serves them.
RUN SECRET_KEY=build-only-key-never-used-to-serve-0123456789abcdefghijklmnop ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput

RUN useradd --system --uid 1000 --home /app kehoach && mkdir -p /data/media /data/backups && chown -R kehoach /data
USER kehoach
VOLUME ["/data/media", "/data/backups"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s \
    CMD python -c "import urllib.request; urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:8000/health/', headers={'Host': 'localhost'}), timeout=8)"
CMD ["gunicorn", "-c", "gunicorn.conf.py"]

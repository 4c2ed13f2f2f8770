# Cocreate's image: one build for web (gunicorn), worker and beat. Mirrors the Makefile's install:
# uv pinned to the Makefile's UV_VERSION, exactly what uv.lock says (without the dev tools).
FROM python:3.12-slim

ARG UV_VERSION=0.13.9

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_NO_CACHE=1 \
    DJANGO_SETTINGS_MODULE=cocreate.settings.production \
    PATH=/app/.venv/bin:$PATH

WORKDIR /app

RUN pip install "uv==${UV_VERSION}"

# Dependencies first, so that a change of code alone does not reinstall them.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project --python /usr/local/bin/python3.12

COPY . .

# Static files are collected into the image (whitenoise serves them, with hashed names). This step needs
# settings but no secret: the dummy key and hosts below exist for this RUN only, never at run time.
RUN SECRET_KEY=build-time-only-collectstatic-dummy-key-not-used-at-run-time \
    ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput \
 && useradd --system --create-home --home-dir /home/cocreate --uid 10001 cocreate \
 && mkdir -p /app/var/media /app/var/mail \
 && chown -R cocreate:cocreate /app/var/media /app/var/mail

USER cocreate

EXPOSE 8000

CMD ["gunicorn", "cocreate.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]

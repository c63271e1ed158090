# The LCN directory as one image: gunicorn serves it, `manage.py db_worker` runs its tasks.
# Build: docker build -t lcn .   Run everything: docker compose up (see compose.yaml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /home/lcn lcn

WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
# The same steps as scripts/install, without the development tools.
RUN pip install -c constraints.txt pip setuptools wheel \
    && pip install -c constraints.txt --no-build-isolation xstatic-bootstrap \
    && pip install -c constraints.txt .

COPY . .
# Static files are collected and compressed into the image; whitenoise serves them.
# (The key below exists only during this build step; the running container needs its own.)
RUN export DEBUG=0 SECRET_KEY=build-time-only-key-for-collectstatic-0123456789abcdefghijklmnop \
    && python manage.py collectstatic --noinput \
    && python manage.py compilemessages \
    && mkdir -p /app/media /app/var && chown lcn /app/media /app/var

USER lcn
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"
CMD ["gunicorn", "-c", "gunicorn.conf.py", "lcn.wsgi"]

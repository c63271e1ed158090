"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py lcn.wsgi`.

Every value can be overridden with GUNICORN_* variables or on the command line.
"""

import os

from gunicorn.http import wsgi

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Restart workers now and then, so that a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200
# The proxy in front terminates TLS and sets X-Forwarded-For/-Proto.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
# Limits on the request line and headers; the body's limit is the proxy's (see the README).
limit_request_line = 8190
limit_request_fields = 100

_default_headers = wsgi.Response.default_headers


def _default_headers_without_server(self):
    # No "Server: gunicorn" banner: it tells an attacker which exploits to try.
    return [header for header in _default_headers(self) if not header.lower().startswith("server:")]


wsgi.Response.default_headers = _default_headers_without_server

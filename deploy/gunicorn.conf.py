"""Gunicorn for one app server (deploy/systemd/samlaichau.service, compose.yaml).

Synchronous workers: the site renders pages in Python and waits on PostgreSQL, one
request at a time per worker. Settings come from the environment (GUNICORN_*)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A worker that takes longer than this is killed and restarted (the load balancer gives
# up at the same time: deploy/nginx.conf proxy_read_timeout).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak never grows unbounded.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# The load balancer in front sets X-Forwarded-For / -Proto (Django trusts them through
# SECURE_PROXY_SSL_HEADER and TRUSTED_PROXY_COUNT).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Access lines carry nginx's request id; application logs are JSON (production settings).
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms id=%({x-request-id}i)s'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

"""Two app servers behind a load balancer, on loopback, for `make scale-check`
(tests/shop/checkout/test_two_servers.py).

Starts two gunicorn instances of the site with its production settings, sharing one
PostgreSQL database and one Redis, and nginx in front of them balancing round-robin
(a configuration written to a temporary folder; no root needed). ``Browser`` is a small
HTTP client that keeps its cookies whatever their Secure flag (the stack speaks plain
HTTP on loopback) and sends Django's CSRF token back as a header.

Nothing here is imported by the site."""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)

NGINX_CONF = """\
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log {tmp}/nginx-access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream app {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://app;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Request-ID $request_id;
            proxy_next_upstream off;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process on port {port} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


class Stack:
    """``with Stack(database_url, redis_url) as stack: stack.url`` (nginx's address)."""

    def __init__(self, database_url, redis_url, *, servers=2, workers=2, cache_prefix="scale"):
        self.database_url = database_url
        self.redis_url = redis_url
        self.servers = servers
        self.workers = workers
        self.cache_prefix = cache_prefix
        self.processes = []

    def env(self):
        from provenance.signing import generate_key

        key = self.tmp / "signing-key.pem"
        if not key.exists():
            generate_key(key)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SEARCH_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.production",
            DJANGO_SECRET_KEY="scale-check-" + "k" * 48,
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            CACHE_KEY_PREFIX=self.cache_prefix,
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            SITE_URL=f"http://127.0.0.1:{self.port}",
            DJANGO_SECURE_SSL_REDIRECT="0",
            TRUSTED_PROXY_COUNT="1",
            PROVENANCE_SIGNING_KEY=str(key),
            STATIC_ROOT=str(self.tmp / "static"),
            MEDIA_ROOT=str(self.tmp / "media"),
            TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            LOG_LEVEL="WARNING",
        )
        return env

    def __enter__(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="slc-scale-"))
        self.port = free_port()
        env = self.env()
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        self.app_ports = [free_port() for _ in range(self.servers)]
        try:
            for port in self.app_ports:
                log = open(self.tmp / f"gunicorn-{port}.log", "wb")  # noqa: SIM115
                self.processes.append(
                    subprocess.Popen(
                        [
                            sys.executable,
                            "-m",
                            "gunicorn",
                            "--config",
                            str(ROOT / "deploy" / "gunicorn.conf.py"),
                            "--bind",
                            f"127.0.0.1:{port}",
                            "--workers",
                            str(self.workers),
                            "config.wsgi",
                        ],
                        cwd=ROOT,
                        env=env,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    )
                )
            servers = "\n".join(f"        server 127.0.0.1:{p};" for p in self.app_ports)
            conf = self.tmp / "nginx.conf"
            conf.write_text(NGINX_CONF.format(tmp=self.tmp, servers=servers, port=self.port))
            self.processes.append(
                subprocess.Popen(
                    [NGINX, "-e", str(self.tmp / "nginx-error.log"), "-p", str(self.tmp)]
                    + ["-c", str(conf), "-g", "daemon off;"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
            for port, process in zip(self.app_ports, self.processes, strict=False):
                wait_for_port(port, process)
            wait_for_port(self.port, self.processes[-1])
        except BaseException:
            self.__exit__(None, None, None)
            raise
        self.url = f"http://127.0.0.1:{self.port}"
        return self

    def logs(self):
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
            for path in sorted(self.tmp.glob("*.log"))
        )

    def __exit__(self, *exc):
        for process in self.processes:
            if process.poll() is None:
                # gunicorn: SIGINT is its quick shutdown; nginx: SIGTERM is its fast one.
                process.send_signal(
                    signal.SIGINT if process.args[1:3] == ["-m", "gunicorn"] else signal.SIGTERM
                )
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes = []
        return False


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def header(self, name):
        return self.headers.get(name.lower())


class Browser:
    """One visitor: their own cookies (session, basket, CSRF) on every request."""

    def __init__(self, base_url):
        parsed = urllib.parse.urlsplit(base_url)
        self.host, self.port = parsed.hostname, parsed.port
        self.cookies = {}
        self.upstreams = []

    def request(self, method, path, data=None, follow=False):
        headers = {"Host": f"{self.host}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            payload = raw.read()
            response_headers = {}
            for name, value in raw.getheaders():
                if name.lower() == "set-cookie":
                    for morsel in SimpleCookie(value).values():
                        if morsel["max-age"] == "0" or morsel.value == "":
                            self.cookies.pop(morsel.key, None)
                        else:
                            self.cookies[morsel.key] = morsel.value
                response_headers[name.lower()] = value
        finally:
            connection.close()
        response = Response(raw.status, response_headers, payload)
        self.upstreams.append(response.header("x-upstream"))
        if follow and response.status in (301, 302, 303) and response.header("location"):
            location = urllib.parse.urlsplit(response.header("location"))
            target = location.path + (f"?{location.query}" if location.query else "")
            return self.request("GET", target, follow=True)
        return response

    def get(self, path, follow=False):
        return self.request("GET", path, follow=follow)

    def post(self, path, data, follow=False):
        return self.request("POST", path, data=data, follow=follow)

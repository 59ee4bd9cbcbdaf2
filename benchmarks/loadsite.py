"""A live gongkai site and the people who use it, for the load test and the concurrency test.

`Site` starts `gongkai serve` (gunicorn, the production server) on a loopback port with its
own data directory, SQLite or PostgreSQL, and stops it by its process id. `Browser` is one
person's browser (cookies, CSRF token, no redirect following, a client address sent as
X-Forwarded-For through the trusted loopback proxy). `Recorder` keeps every answer's
status and time per page. Only the standard library: the harness must not need the
packages it measures.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

PASSWORD = "Pingluo-Demo-2024"  # gongkai.web.demo.PASSWORD


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(data_dir: Path, database_url: str | None, today: str | None) -> dict[str, str]:
    # Nothing of the calling test run's environment (DJANGO_ALLOW_ASYNC_UNSAFE of the
    # browser tests, its GONGKAI_* and DATABASE_URL) leaks into the served site.
    skip = ("GONGKAI_", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
    env.update(
        {
            "GONGKAI_DATA_DIR": str(data_dir),
            "GONGKAI_TRUSTED_PROXIES": "127.0.0.1",  # the "proxy" names each applicant
            "GONGKAI_EMAIL": "locmem",
        }
    )
    if today:
        env["GONGKAI_TODAY"] = today
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def run_python(code: str, env: dict[str, str], *args: str, timeout: int = 600) -> str:
    """Run `code` with Django set up in a fresh process; return its last output line."""
    prelude = (
        "import os, django\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'gongkai.web.settings'\n"
        "django.setup()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", prelude + code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    lines = done.stdout.strip().splitlines()
    return lines[-1] if lines else ""


class Site:
    """`with Site(data_dir, workers=4) as site:` serves until the block ends."""

    def __init__(
        self,
        data_dir: Path,
        *,
        database_url: str | None = None,
        workers: int = 4,
        demo: bool = False,
        today: str | None = None,
        ready_timeout: float = 600,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.database_url = database_url
        self.workers = workers
        self.demo = demo
        self.today = today
        self.ready_timeout = ready_timeout
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = site_env(self.data_dir, database_url, today)
        self.process: subprocess.Popen | None = None
        self.log_path = self.data_dir / "server.log"

    def __enter__(self) -> Site:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        command = [
            sys.executable,
            "-c",
            "from gongkai.cli import run; run()",
            "serve",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
        ]
        if self.demo:
            command.append("--demo")
        if self.today:
            command += ["--today", self.today]
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            command, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        deadline = time.monotonic() + self.ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.base + "/", timeout=5) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"server not ready:\n{self.log()}")

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        pgid = self.process.pid  # its own session: the master and its workers
        os.killpg(pgid, signal.SIGTERM)
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(pgid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def python(self, code: str, *args: str) -> str:
        return run_python(code, self.env, *args)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Answer:
    status: int
    body: str
    location: str
    seconds: float


@dataclass
class Recorder:
    """Every answer by page: (status, seconds). Thread-safe."""

    pages: dict[str, list[tuple[int, float]]] = field(default_factory=lambda: defaultdict(list))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, page: str, status: int, seconds: float) -> None:
        with self.lock:
            self.pages[page].append((status, seconds))

    def statuses(self) -> dict[int, int]:
        out: dict[int, int] = defaultdict(int)
        for rows in self.pages.values():
            for status, _ in rows:
                out[status] += 1
        return dict(out)

    def bad(self, allowed=(200, 302)) -> dict[str, dict[int, int]]:
        """Per page, the statuses outside `allowed` and how often."""
        out: dict[str, dict[int, int]] = {}
        for page, rows in self.pages.items():
            for status, _ in rows:
                if status not in allowed:
                    out.setdefault(page, {}).setdefault(status, 0)
                    out[page][status] += 1
        return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


class Browser:
    """One person's browser against `site`; `address` is the client address the proxy names."""

    def __init__(self, base: str, recorder: Recorder | None = None, address: str | None = None):
        self.base = base
        self.recorder = recorder
        self.address = address
        self.jar = http.cookiejar.CookieJar()
        self.applied: list[tuple[str, str]] = []  # (tracking number, query code)
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def csrf(self) -> str:
        for cookie in self.jar:
            if cookie.name == "csrftoken":
                return cookie.value
        return ""

    def request(self, method: str, path: str, page: str, data=None, headers=None) -> Answer:
        headers = dict(headers or {})
        if self.address:
            headers["X-Forwarded-For"] = self.address
        if method == "POST":
            headers["X-CSRFToken"] = self.csrf()
            headers["Referer"] = self.base + path
        req = urllib.request.Request(self.base + path, data=data, headers=headers, method=method)
        start = time.perf_counter()
        try:
            with self.opener.open(req, timeout=120) as response:
                status, body = response.status, response.read()
                location = response.headers.get("Location", "")
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
            location = error.headers.get("Location", "")
        seconds = time.perf_counter() - start
        if self.recorder is not None:
            self.recorder.add(page, status, seconds)
        return Answer(status, body.decode("utf-8", errors="replace"), location, seconds)

    def get(self, path: str, page: str | None = None) -> Answer:
        return self.request("GET", path, page or f"GET {path}")

    def post(self, path: str, fields: dict, page: str | None = None, files=None) -> Answer:
        if files:
            body, ctype = _multipart(fields, files)
        else:
            body = urllib.parse.urlencode(fields, doseq=True).encode()
            ctype = "application/x-www-form-urlencoded"
        return self.request("POST", path, page or f"POST {path}", body, {"Content-Type": ctype})

    def login(self, username: str, password: str = PASSWORD) -> None:
        self.get("/accounts/login/", "GET /accounts/login/")
        answer = self.post(
            "/accounts/login/",
            {"username": username, "password": password},
            "POST /accounts/login/",
        )
        if answer.status != 302:
            raise RuntimeError(f"login of {username} failed: {answer.status}")


def _multipart(fields: dict, files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, content) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


APPLICATION = {
    "applicant_type": "natural_person",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13912345678",
    "address": "宁夏回族自治区石嘴山市平罗县城关镇民族北街1号",
    "delivery_form": "electronic",
    "delivery_method": "email",
    "email": "applicant@example.com",
    "confirm": "on",
}
NAMES = ["王建国", "李秀英", "张伟", "刘洋", "陈静", "杨磊", "黄敏", "赵军", "吴芳", "周强"]
TOPICS = [
    "2025年城乡居民基本医疗保险基金收支情况",
    "本县义务教育阶段学校布局调整规划文件",
    "某地块国有建设用地使用权出让的批准文件",
    "2024年度农村危房改造补助资金分配表",
    "本县公立医院药品集中采购的执行情况",
]


def apply_once(browser: Browser, agency_id: str, seq: int) -> Answer:
    """An applicant fills in /apply/ and reads the page with the query code."""
    browser.get("/apply/", "GET /apply/")
    fields = {
        **APPLICATION,
        "agency": agency_id,
        "applicant_name": NAMES[seq % len(NAMES)],
        "description": f"申请公开{TOPICS[seq % len(TOPICS)]}（编号{seq}）。",
    }
    answer = browser.post("/apply/", fields, "POST /apply/")
    if answer.status == 302:
        done = browser.get("/apply/done/", "GET /apply/done/").body
        number, code = NUMBER_RE.search(done), CODE_RE.search(done)
        if number and code:
            browser.applied.append((number.group(1), code.group(1)))
    return answer


NUMBER_RE = re.compile(r'id="tracking-number">([^<]+)<')
CODE_RE = re.compile(r'id="query-code">([^<]+)<')


def track(browser: Browser, number: str, code: str) -> None:
    """The applicant looks the request up with its number and query code."""
    browser.get("/track/", "GET /track/")
    answer = browser.post(
        "/track/", {"tracking_number": number, "query_code": code}, "POST /track/"
    )
    if answer.status == 302 and answer.location:
        browser.get(urllib.parse.urlsplit(answer.location).path, "GET /track/<id>/")


ACT_RE = re.compile(r'action="/desk/(\d+)/act/(confirm|start)/"')
DETAIL_RE = re.compile(r'href="/desk/(\d+)/"')


def agency_options(browser: Browser) -> list[str]:
    page = browser.get("/apply/", "GET /apply/").body
    return re.findall(r'<option value="(\d+)"', page)


def act_on(browser: Browser, pk: str, today: str) -> str | None:
    """Open a request; confirm or start it when the page offers that. Returns the action."""
    page = browser.get(f"/desk/{pk}/", "GET /desk/<id>/").body
    match = ACT_RE.search(page)
    if not match:
        return None
    action = match.group(2)
    browser.post(
        f"/desk/{pk}/act/{action}/",
        {f"{action}-on": today, f"{action}-note": ""},
        f"POST /desk/<id>/act/{action}/",
    )
    return action


def read_desk(browser: Browser, state: str = "") -> list[str]:
    """The queue (of one state, if given): the ids of the requests it links to."""
    if state:
        page = browser.get(f"/desk/?state={state}", "GET /desk/?state=…").body
    else:
        page = browser.get("/desk/", "GET /desk/").body
    return list(dict.fromkeys(DETAIL_RE.findall(page)))


def dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)

"""Shared pieces of scripts/load-test and scripts/crash-test (issue 8): a server on a fresh temporary
database on loopback, a small keep-alive HTTP/1.1 client on asyncio streams, tokens, direct database
queries (sqlite3 module / psql) and percentiles. Python standard library only.

Settings (environment):
  NASTAVNIK_BIN          the server binary (default .build/debug/nastavnik; built when missing)
  NASTAVNIK_RELEASE=1    use (and build when missing) .build/release/nastavnik instead
  RELIABILITY_PG_URL     an existing, disposable PostgreSQL database for --postgres (its public schema
                         is dropped and recreated); without it a fresh database is created with
                         `createdb -O nastavnik` as the postgres superuser (runuser when root) on
                         RELIABILITY_PG_HOST:RELIABILITY_PG_PORT (127.0.0.1:5432) and dropped afterwards
  RELIABILITY_KEEP=1     keep the temporary folder (database, server logs)
"""

import asyncio
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "nastavnik2026"
UUID_TEXT = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def log(*parts):
    print(*parts, flush=True)


# MARK: the server binary


def server_binary():
    explicit = os.environ.get("NASTAVNIK_BIN")
    if explicit:
        return explicit
    config = "release" if os.environ.get("NASTAVNIK_RELEASE") == "1" else "debug"
    path = os.path.join(ROOT, ".build", config, "nastavnik")
    if not os.path.exists(path):
        log(f"building {config} nastavnik …")
        subprocess.run(["swift", "build", "-c", config, "--product", "nastavnik"], cwd=ROOT, check=True)
    return path


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# MARK: databases


class SQLiteDB:
    engine = "sqlite"

    def __init__(self, folder):
        self.path = os.path.join(folder, "nastavnik.sqlite")

    def env(self):
        return {"SQLITE_PATH": self.path}

    def describe(self):
        return f"SQLite {self.path}"

    def query(self, sql):
        """Rows of a read-only query, UUIDs as lower-case text whatever their storage."""
        con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30)
        try:
            return [tuple(_text(v) for v in row) for row in con.execute(sql)]
        finally:
            con.close()

    def integrity(self):
        return self.query("PRAGMA integrity_check")[0][0]

    def write_locked(self):
        """True while a connection holds SQLite's write lock, i.e. a write transaction has begun to write.
        Read from /proc/locks (Linux), so the probe takes no lock itself: in WAL mode the write lock is byte
        120 of the -shm file, with a rollback journal the RESERVED byte 0x40000001 of the database file."""
        wanted = set()
        for suffix, offset in (("-shm", 120), ("", 0x40000001)):
            try:
                st = os.stat(self.path + suffix)
            except FileNotFoundError:
                continue
            wanted.add((os.major(st.st_dev), os.minor(st.st_dev), st.st_ino, offset))
        with open("/proc/locks") as f:
            for line in f:
                parts = line.split()
                if "->" in parts:  # a waiter, not a holder
                    continue
                if len(parts) < 8 or parts[1] != "POSIX" or parts[3] != "WRITE":
                    continue
                major, minor, inode = parts[5].split(":")
                start, end = int(parts[6]), (int(parts[7]) if parts[7] != "EOF" else 1 << 62)
                for w in wanted:
                    if (int(major, 16), int(minor, 16), int(inode)) == w[:3] and start <= w[3] <= end:
                        return True
        return False

    def drop(self):
        pass


class PostgresDB:
    engine = "postgres"

    def __init__(self):
        self.host = os.environ.get("RELIABILITY_PG_HOST", "127.0.0.1")
        self.port = os.environ.get("RELIABILITY_PG_PORT", "5432")
        given = os.environ.get("RELIABILITY_PG_URL")
        self.created = None
        if given:
            self.url = given
            self.psql_url = given.split("?")[0]
            self._psql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        else:
            self.created = f"nastavnik_rel_{os.getpid()}_{uuid.uuid4().hex[:6]}"
            _as_postgres(["createdb", "-w", "-p", self.port, "-O", "nastavnik", self.created], self.host)
            self.psql_url = f"postgres://nastavnik:nastavnik@{self.host}:{self.port}/{self.created}"
            self.url = self.psql_url + "?sslmode=disable"

    @staticmethod
    def available():
        if shutil.which("psql") is None or shutil.which("pg_isready") is None:
            return False
        host = os.environ.get("RELIABILITY_PG_HOST", "127.0.0.1")
        port = os.environ.get("RELIABILITY_PG_PORT", "5432")
        return subprocess.run(["pg_isready", "-q", "-h", host, "-p", port]).returncode == 0

    def env(self):
        return {"DATABASE_URL": self.url}

    def describe(self):
        return f"PostgreSQL {self.psql_url.rsplit('@', 1)[-1]}"

    def _psql(self, sql):
        out = subprocess.run(
            ["psql", self.psql_url, "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-f", "-"],
            input=sql, capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise RuntimeError(f"psql: {out.stderr.strip()}")
        return out.stdout

    def query(self, sql):
        return [tuple(None if v == "" else _text(v) for v in line.split("\t")) for line in self._psql(sql).splitlines()]

    def integrity(self):
        return "ok" if self.query("SELECT 1") == [("1",)] else "unreachable"

    def writing_transactions(self):
        """Server sessions inside a transaction that has already written (has a transaction id)."""
        rows = self.query(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL")
        return int(rows[0][0])

    def drop(self):
        if self.created:
            _as_postgres(["dropdb", "-w", "-p", self.port, "--if-exists", "--force", self.created], self.host)


def _as_postgres(command, host):
    """As root: the postgres superuser over the local socket (peer authentication); otherwise the caller's
    own PostgreSQL settings (PGUSER, PGPASSWORD…) on `host`. Never prompts for a password."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--"] + command
    else:
        command = command + ["-h", host]
    subprocess.run(command, check=True, capture_output=True, stdin=subprocess.DEVNULL, timeout=60)


def _text(v):
    if isinstance(v, bytes) and len(v) == 16:
        return str(uuid.UUID(bytes=v))
    if isinstance(v, str) and len(v) == 36 and UUID_TEXT.fullmatch(v):
        return v.lower()
    return v


def sql_text(value):
    """A string literal for the queries these scripts build from values they generated themselves."""
    return "'" + str(value).replace("'", "''") + "'"


def make_database(postgres, folder):
    return PostgresDB() if postgres else SQLiteDB(folder)


# MARK: the server process


class Server:
    """`nastavnik serve` on loopback; the first start on an empty database loads the demo data."""

    def __init__(self, db, folder):
        self.db = db
        self.folder = folder
        self.port = free_port()
        self.process = None
        self.starts = 0

    @property
    def base(self):
        return ("127.0.0.1", self.port)

    def start(self):
        self.starts += 1
        env = dict(os.environ, LOG_LEVEL=os.environ.get("LOG_LEVEL", "warning"), HOST="127.0.0.1", PORT=str(self.port))
        env.pop("DATABASE_URL", None)
        env.pop("SQLITE_PATH", None)
        env.update(self.db.env())
        self.log_path = os.path.join(self.folder, f"server-{self.starts}.log")
        with open(self.log_path, "wb") as out:
            self.process = subprocess.Popen([server_binary(), "serve"], env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)

    async def wait_ready(self, timeout=600):
        """Seconds until GET /ready answers 200; fails when the process exits or the time runs out."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                r = await Http(self).request("GET", "/ready", timeout=10, close=True)
                if r.status == 200:
                    return time.monotonic() - started
            except (OSError, asyncio.TimeoutError, ConnectionError):
                pass
            await asyncio.sleep(0.2)
        raise RuntimeError(f"server not ready after {timeout} s:\n{self.log_tail()}")

    def kill(self):
        """SIGKILL: no shutdown code runs, as in a power cut of the process."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_tail(self, lines=30):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""


class Workspace:
    """A temporary folder, its database and a server; everything is stopped and removed on exit."""

    def __init__(self, postgres, name):
        self.folder = tempfile.mkdtemp(prefix=f"nastavnik-{name}.")
        self.db = make_database(postgres, self.folder)
        self.server = Server(self.db, self.folder)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.server.stop()
        self.db.drop()
        if os.environ.get("RELIABILITY_KEEP") == "1":
            log(f"kept {self.folder}")
        else:
            shutil.rmtree(self.folder, ignore_errors=True)


# MARK: HTTP


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body)


class Http:
    """One keep-alive HTTP/1.1 connection (not shared between tasks). No retries: a failure is reported."""

    def __init__(self, server, token=None):
        self.host, self.port = server.base
        self.token = token
        self.reader = self.writer = None

    async def request(self, method, path, json_body=None, body=None, content_type=None, timeout=60, close=False):
        if json_body is not None:
            body = json.dumps(json_body).encode()
            content_type = "application/json"
        body = body or b""
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", f"Content-Length: {len(body)}"]
        if content_type:
            head.append(f"Content-Type: {content_type}")
        if self.token:
            head.append(f"Authorization: Bearer {self.token}")
        if close:
            head.append("Connection: close")
        data = ("\r\n".join(head) + "\r\n\r\n").encode() + body
        try:
            return await asyncio.wait_for(self._exchange(data, close), timeout)
        except BaseException:
            self.close()
            raise

    async def _exchange(self, data, close):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(data)
        await self.writer.drain()
        line = await self.reader.readline()
        if not line:
            raise ConnectionError("connection closed by the server")
        status = int(line.split()[1])
        headers = {}
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            k, _, v = line.decode("latin-1").partition(":")
            headers[k.strip().lower()] = v.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await self.reader.readline()).split(b";")[0], 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                chunks.append(chunk[:-2])
            payload = b"".join(chunks)
        elif "content-length" in headers:
            payload = await self.reader.readexactly(int(headers["content-length"]))
        else:
            payload = await self.reader.read()
            close = True
        if close or headers.get("connection", "").lower() == "close":
            self.close()
        return Response(status, headers, payload)

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def token(server, login, password=PASSWORD):
    r = await Http(server).request("POST", "/api/v1/auth/token", {"login": login, "password": password}, close=True)
    if r.status != 200:
        raise RuntimeError(f"token for {login}: {r.status} {r.body[:200]!r}")
    return r.json()["token"]


async def api(server, token_value, method, path, json_body=None, expect=(200, 201), **kw):
    """One setup call on a fresh connection; anything but the expected status stops the script."""
    conn = Http(server, token_value)
    r = await conn.request(method, path, json_body, close=True, **kw)
    if r.status not in expect:
        raise RuntimeError(f"{method} {path}: {r.status} {r.body[:300]!r}")
    return r.json() if r.body else None


# MARK: figures


def percentile(sorted_values, q):
    """Nearest-rank percentile of an already sorted list (None when empty)."""
    if not sorted_values:
        return None
    k = max(0, min(len(sorted_values) - 1, int(round(q / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def ms(seconds):
    return "—" if seconds is None else f"{seconds * 1000:.1f} ms"


class Check:
    """Named pass/fail lines; the script exits non-zero when any failed."""

    def __init__(self):
        self.failed = []

    def __call__(self, ok, text):
        log(f"  [{'ok' if ok else 'FAIL'}] {text}")
        if not ok:
            self.failed.append(text)
        return ok

    def exit(self):
        if self.failed:
            log(f"\nFAILED: {len(self.failed)} check(s)")
            sys.exit(1)
        log("\nall checks passed")

"""The README's quick start, as a new user follows it: `make run` serves the archive
with nothing else set, with the embedded PostgreSQL or with ``DATABASE_URL``, and
Ctrl-C stops it, the embedded PostgreSQL it started included.

`make run` runs here in a session of its own, on a free port, and is stopped as a
terminal's Ctrl-C stops it: SIGINT to its whole process group. The embedded run uses a
data directory of its own (``PGDATA_DIR``) so that the test suite's server, which
may live in .pgdata/, is left alone; the ``DATABASE_URL`` run uses a database created
on the suite's server and dropped after.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import psutil
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from psycopg import sql

from archive.ops.postgres import connect
from config.database import check_data_dir

ROOT = Path(__file__).resolve().parent.parent
# What a new user has not set: the suite's own variables (SECRET_KEY, DEV_TOOLS and
# DJANGO_SETTINGS_MODULE above all), the archive's settings, and make's.
NOT_SET = [
    "DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DEV_TOOLS",
    "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "DATABASE_POOL",
    "DATABASE_REPLICA_URLS", "PGDATA_DIR", "PORT", "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS", "HTTPS", "PAGE_SIZE", "STATIC_MANIFEST", "STATIC_URL",
    "CACHE_DIR", "AXES_FAILURE_LIMIT", "MAKEFLAGS", "MFLAGS", "MAKELEVEL",
]  # fmt: skip
# `make run` with SIGINT set back to its default: a test run started in the background
# of a script inherits SIGINT ignored, and so would make and the shell under it.
MAKE_RUN = [
    sys.executable,
    "-c",
    "import os, signal; signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "os.execvp('make', ['make', '--no-print-directory', 'run'])",
]
START_TIMEOUT = 120  # seconds: a first run creates the database and imports seeds/
STOP_TIMEOUT = 60
RTL_HTML = '<html lang="ar" dir="rtl">'
QUERY = "روسيا"


def new_user_env(**variables: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in NOT_SET}
    return {**env, **variables}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


@contextmanager
def make_run(env: dict[str, str], log: Path):
    """`make run` in a session of its own, killed with its group if it outlives the
    test."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            MAKE_RUN,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_for_home(process: subprocess.Popen, port: int, log: Path) -> str:
    """The home page once the server answers 200, within START_TIMEOUT."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if process.poll() is not None:
            pytest.fail(f"make run exited ({process.returncode}):\n{log.read_text()}")
        try:
            status, body = fetch(f"http://127.0.0.1:{port}/")
            if status == 200:
                return body
        except OSError:
            pass  # not listening yet
        if time.monotonic() > deadline:
            pytest.fail(
                f"no page on port {port} in {START_TIMEOUT} s:\n{log.read_text()}"
            )
        time.sleep(0.5)


def serve_and_stop(env: dict[str, str], log: Path) -> None:
    """Run `make run`, check the home page and a search, then stop it with Ctrl-C."""
    port = free_port()
    with make_run({**env, "PORT": str(port)}, log) as process:
        home = wait_for_home(process, port, log)
        assert RTL_HTML in home
        assert "أرشيف" in home

        status, results = fetch(f"http://127.0.0.1:{port}/search/?q={quote(QUERY)}")
        assert status == 200
        assert QUERY in results
        assert "<article" in results, "no seed article found for the search"

        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C in the terminal
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            pytest.fail(
                f"make run outlived Ctrl-C by {STOP_TIMEOUT} s:\n{log.read_text()}"
            )
    with pytest.raises(OSError):
        fetch(f"http://127.0.0.1:{port}/")


def server_settings() -> dict:
    """The test suite's own database server, reached as a superuser would."""
    return {**connection.settings_dict, "NAME": "postgres"}


def postgres_processes(data_dir: Path) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["name", "cmdline"]):
        cmdline = process.info["cmdline"] or []
        if process.info["name"] == "postgres" and str(data_dir) in cmdline:
            found.append(process)
    return found


@pytest.mark.slow
def test_make_run_with_the_embedded_postgresql_stops_it_with_the_server(tmp_path):
    data_dir = tmp_path / "pgdata"
    log = tmp_path / "make-run.log"
    try:
        serve_and_stop(new_user_env(PGDATA_DIR=str(data_dir)), log)

        assert (data_dir / "PG_VERSION").exists(), "the embedded server was not here"
        assert not (data_dir / "postmaster.pid").exists(), log.read_text()
        assert not postgres_processes(data_dir)
        assert f"embedded PostgreSQL in {data_dir} stopped" in log.read_text()
        # The suite's own server, in .pgdata/ or DATABASE_URL's, still answers.
        with connect(server_settings()) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    finally:
        for process in postgres_processes(data_dir):  # never leave one behind
            process.kill()


def database_url_for(name: str) -> str:
    """A URL for database ``name`` on the suite's server: its DATABASE_URL with
    another path, or, for the embedded server, one naming its socket directory."""
    if url := os.environ.get("DATABASE_URL", "").strip():
        return urlsplit(url)._replace(path="/" + quote(name)).geturl()
    source = connection.settings_dict
    user = quote(source["USER"] or "", safe="")
    password = quote(source["PASSWORD"] or "", safe="")
    userinfo = f"{user}:{password}@" if password else f"{user}@"
    query = {"host": source["HOST"], "port": source["PORT"]}
    query = urlencode({key: value for key, value in query.items() if value})
    return f"postgres://{userinfo}/{quote(name)}?{query}"


@pytest.fixture
def fresh_database_url():
    """An empty database on the suite's server, dropped after: its URL."""
    name = f"quickstart_{uuid.uuid4().hex[:8]}"
    with connect(server_settings(), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield database_url_for(name)
    finally:
        with connect(server_settings(), autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(name)
                )
            )


@pytest.mark.slow
def test_make_run_with_database_url_needs_no_other_variable(
    tmp_path, fresh_database_url
):
    log = tmp_path / "make-run.log"
    serve_and_stop(new_user_env(DATABASE_URL=fresh_database_url), log)
    assert "embedded PostgreSQL" not in log.read_text()


def test_pgdata_dir_must_be_a_postgresql_data_directory(tmp_path):
    check_data_dir(tmp_path / "new")  # created by initdb
    check_data_dir(tmp_path)  # empty: initdb fills it
    (tmp_path / "notes.txt").write_text("")
    with pytest.raises(ImproperlyConfigured, match="neither empty nor"):
        check_data_dir(tmp_path)
    with pytest.raises(ImproperlyConfigured, match="not a directory"):
        check_data_dir(tmp_path / "notes.txt")
    with pytest.raises(ImproperlyConfigured, match="parent directory does not exist"):
        check_data_dir(tmp_path / "missing" / "pgdata")
    (tmp_path / "PG_VERSION").write_text("16\n")
    check_data_dir(tmp_path)

#!/usr/bin/env bash
# `make run`: migrate, import seeds/ and serve on 127.0.0.1:PORT, all with DEBUG=1 unless
# DEBUG says otherwise, so `DATABASE_URL=postgres://... make run` needs no other variable.
#
#   scripts/run.sh [PYTHON [PORT]]
#
# Without DATABASE_URL the first command starts the embedded PostgreSQL (config/database.py,
# in $PGDATA_DIR or .pgdata/). When the server stops (Ctrl-C, SIGTERM to make, an error),
# this stops that PostgreSQL too, if this run started it; one that already ran (another
# `make run`, `make test`) is left alone, and `make stop` stops it.
#
# Each command runs in the background and the script waits for it: bash runs a trap at
# once only while in `wait`, so a SIGTERM sent to make alone (make passes it on to this
# script) still stops the server. A background command ignores SIGINT; the trap sends
# it SIGTERM instead.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON_BIN=${1:-.venv/bin/python}
PORT=${2:-${PORT:-8000}}
export PYTHON_BIN
export DEBUG=${DEBUG:-1}

child=
started=0  # this run started the embedded PostgreSQL: stop it at the end
kept=0     # it was running already: leave it
database_url=${DATABASE_URL:-}
if [ -z "${database_url//[[:space:]]/}" ]; then
    rc=0
    bash scripts/embedded-postgres.sh status >/dev/null || rc=$?
    # 3: not running, so whatever starts it now is ours to stop.
    case $rc in
    0) kept=1 ;;
    3) started=1 ;;
    esac
fi

finish() {
    trap - EXIT INT TERM HUP
    if [ -n "$child" ]; then
        kill -TERM "$child" 2>/dev/null || true
        wait "$child" 2>/dev/null || true
        child=
    fi
    if [ "$started" = 1 ]; then
        bash scripts/embedded-postgres.sh stop || true
    elif [ "$kept" = 1 ]; then
        echo "embedded PostgreSQL: it ran before make run and is left running (make stop)"
    fi
}

trap 'rc=$?; finish; exit "$rc"' EXIT
for signal in INT TERM HUP; do
    # Die of the signal itself, so make reports the interruption as such.
    trap "finish; kill -$signal \$\$; exit 1" "$signal"
done

step() {
    "$@" &
    child=$!
    wait "$child"
    child=
}

step "$PYTHON_BIN" manage.py migrate --noinput
step "$PYTHON_BIN" manage.py import_articles seeds/
step "$PYTHON_BIN" manage.py runserver "127.0.0.1:$PORT"

#!/usr/bin/env bash
# The embedded PostgreSQL (config/database.py) of this checkout, in $PGDATA_DIR or .pgdata/:
#
#   scripts/embedded-postgres.sh status   exit 0 if it runs, 3 if not
#   scripts/embedded-postgres.sh stop     stop it if it runs (`make stop`)
#
# pg_ctl comes from the pgserver wheel in the venv. pg_ctl refuses to run as root;
# under root pgserver runs the server as its own user (pgserver), the owner of the
# data directory, and pg_ctl runs as that user here too.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON_BIN=${PYTHON_BIN:-$ROOT/.venv/bin/python}

# The same directory config/settings.py takes: relative paths are from the project.
data_dir=${PGDATA_DIR:-}
data_dir=${data_dir#"${data_dir%%[![:space:]]*}"}
data_dir=${data_dir%"${data_dir##*[![:space:]]}"}
data_dir=${data_dir:-.pgdata}
case $data_dir in
/*) ;;
*) data_dir=$ROOT/$data_dir ;;
esac

pg_ctl() {
    local bin
    if ! bin=$("$PYTHON_BIN" -c 'import importlib.util, pathlib
spec = importlib.util.find_spec("pgserver")
print(pathlib.Path(spec.origin).parent / "pginstall" / "bin")'); then
        echo "embedded PostgreSQL: no pgserver wheel for $PYTHON_BIN (make install)" >&2
        return 4
    fi
    if [ "$(id -u)" = 0 ]; then
        local owner
        owner=$(stat -c %U "$data_dir")
        if [ "$owner" = root ]; then
            echo "embedded PostgreSQL: $data_dir belongs to root; pg_ctl cannot run as root" >&2
            return 4
        fi
        runuser -u "$owner" -- "$bin/pg_ctl" -D "$data_dir" "$@"
    else
        "$bin/pg_ctl" -D "$data_dir" "$@"
    fi
}

# 0 if a server runs on the data directory, 3 if not (a stale postmaster.pid included).
status() {
    [ -f "$data_dir/postmaster.pid" ] || return 3
    local rc=0
    pg_ctl status >/dev/null || rc=$?
    return "$rc"
}

case ${1:-} in
status)
    rc=0
    status || rc=$?
    if [ "$rc" = 0 ]; then
        echo "embedded PostgreSQL runs in $data_dir"
    else
        echo "embedded PostgreSQL does not run in $data_dir"
    fi
    exit "$rc"
    ;;
stop)
    rc=0
    status || rc=$?
    if [ "$rc" = 3 ]; then
        echo "embedded PostgreSQL does not run in $data_dir"
        exit 0
    fi
    [ "$rc" = 0 ] || exit "$rc"
    # fast: open sessions are ended, as they are when the machine shuts down.
    pg_ctl stop --mode=fast --wait --timeout=60 >/dev/null
    echo "embedded PostgreSQL in $data_dir stopped"
    ;;
*)
    echo "usage: $0 status|stop" >&2
    exit 2
    ;;
esac

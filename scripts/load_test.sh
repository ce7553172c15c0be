#!/usr/bin/env bash
# Load test of the real server: gunicorn (WORKERS sync workers, whitenoise for static
# files) on loopback, driven by wrk with a realistic mix of search, browse and
# article requests (python manage.py load_mix). Prints requests/s, latency
# percentiles, errors, and the most database connections seen during the run.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_bench_1000000 \
#     bash scripts/load_test.sh
# BURST=1: instead, a burst of BURST_CLIENTS (64) clients sending searches only.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to the database to serve (e.g. a search_bench --keep one)}"
WORKERS=${WORKERS:-4}
CONNECTIONS=${CONNECTIONS:-"1 4 16 64"}  # concurrent clients, one run each
DURATION=${DURATION:-20s}
PORT=${PORT:-8765}
BIN=.venv/bin

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "wrk is missing: apt-get install wrk" >&2; exit 1
  fi
fi
make --no-print-directory install >/dev/null

work=$(mktemp -d)
# The workers may still be writing to the cache as they stop: wait for them.
trap 'kill $(cat "$work/gunicorn.pid" 2>/dev/null) 2>/dev/null || true; sleep 1; rm -rf "$work" || true' EXIT
export SECRET_KEY=${SECRET_KEY:-load-test-only-secret} DEBUG=0 STATIC_MANIFEST=1
export DEV_TOOLS=1  # for load_mix; the served site is the same with or without it
export ALLOWED_HOSTS=127.0.0.1
# One cache of counts and pages for every worker, as deployed (CACHE_URL=redis://...
# to measure with Redis instead).
[ -n "${CACHE_URL:-}" ] || export CACHE_DIR="$work/cache"
$BIN/python manage.py collectstatic --noinput -v0
if [ "${BURST:-0}" = "1" ]; then
  $BIN/python manage.py load_mix --n 3000 --searches-only > "$work/urls.txt"
  CONNECTIONS=${BURST_CLIENTS:-64}
  DURATION=${DURATION_BURST:-20s}
  TIMEOUT=30s  # a browser waits minutes; count only what would really fail
else
  # Searches by a Zipf law over 3,000 distinct ones (load_mix), long enough that no
  # run walks the list twice.
  $BIN/python manage.py load_mix --n 20000 > "$work/urls.txt"
fi
export LOAD_URLS="$work/urls.txt"

$BIN/gunicorn config.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --timeout 30 --pid "$work/gunicorn.pid" --access-logfile /dev/null --daemon
for _ in $(seq 50); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break
  sleep 0.2
done

db=$($BIN/python -c "import os, urllib.parse as u; print(u.urlparse(os.environ['DATABASE_URL']).path.lstrip('/'))")
( while sleep 0.5; do
    psql "$DATABASE_URL" -Atc \
      "SELECT count(*) FROM pg_stat_activity WHERE datname = '$db' AND backend_type = 'client backend' AND pid <> pg_backend_pid()" \
      2>/dev/null || true
  done ) > "$work/connections.txt" &
sampler=$!

echo "== warm-up (20 s): the workers fill their counts caches, as a running site has"
wrk -t1 -c2 -d20s -s scripts/load/mix.lua "http://127.0.0.1:$PORT" >/dev/null
echo "== $WORKERS gunicorn workers, $(wc -l < "$work/urls.txt") URLs in the mix, $DURATION per run"
for clients in $CONNECTIONS; do
  echo "-- $clients concurrent clients"
  wrk -t1 -c"$clients" -d"$DURATION" --timeout "${TIMEOUT:-10s}" -s scripts/load/mix.lua \
    "http://127.0.0.1:$PORT" | grep -E "^(requests|latency|failing)"
  curl -fs -o /dev/null -w "after the run: / answers %{http_code} in %{time_total} s\n" \
    "http://127.0.0.1:$PORT/"
done
kill "$sampler" 2>/dev/null || true
echo "database connections during the runs: at most $(sort -n "$work/connections.txt" | tail -1)" \
  "(gunicorn workers: $WORKERS; the server allows $(psql "$DATABASE_URL" -Atc 'SHOW max_connections'))"

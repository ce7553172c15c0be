#!/bin/sh
# Web container start: migrate, import the seed pages (idempotent), serve with gunicorn.
set -e
python manage.py migrate --noinput
python manage.py import_articles seeds/
exec gunicorn config.wsgi:application \
  --bind 0.0.0.0:8000 \
  --workers "${WEB_WORKERS:-3}" \
  --access-logfile - \
  --timeout 30

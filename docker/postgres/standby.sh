#!/bin/bash
# The `replica` profile's hot standby: on first start, a base backup of the primary taken with pg_basebackup -R
# (which writes primary_conninfo and standby.signal), then PostgreSQL streams WAL from the primary and serves reads.
set -euo pipefail
DATA=/var/lib/postgresql/data/standby
if [ ! -s "$DATA/PG_VERSION" ]; then
  until pg_isready -h postgres -U brandportal -d brandportal; do sleep 1; done
  mkdir -p "$DATA"
  chmod 700 "$DATA"
  pg_basebackup -h postgres -U brandportal -D "$DATA" -R -X stream -c fast
fi
exec postgres -D "$DATA" -c hot_standby=on

#!/usr/bin/env bash
# Runs one benchmark script: DB=pg scripts/bench.sh bench/p5_signup_burst.py [args]
# Like ./test: SQLite by default; DB=pg starts (or reuses) the private PostgreSQL cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh dev
if [ "${DB:-sqlite}" = pg ]; then
  # shellcheck source=scripts/pg-test-cluster.sh
  source scripts/pg-test-cluster.sh
else
  unset DATABASE_URL
fi
script="$1"; shift
exec .venv/bin/python "$script" "$@"

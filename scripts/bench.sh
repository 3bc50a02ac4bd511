#!/usr/bin/env bash
# Runs one benchmark of bench/ (see shared performance.md and docs/benchmarks.md), e.g.
#   DB=pg scripts/bench.sh bench/p1_roster_import.py --rows 100000
# DB=pg (the default) starts the private PostgreSQL cluster like ./test does; the script makes its own database.
set -euo pipefail
cd "$(dirname "$0")/.."
export UNIONHOME_PG_PORT="${UNIONHOME_PG_PORT:-55432}"
if [ "${DB:-pg}" = pg ]; then
  # shellcheck source=scripts/pg-test-cluster.sh
  source scripts/pg-test-cluster.sh
else
  unset DATABASE_URL
fi
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
exec .venv/bin/python "$@"

#!/usr/bin/env bash
# Runs one benchmark script: DB=pg scripts/bench.sh bench/p6_ballots.py (PostgreSQL cluster as ./test uses it).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${DB:-sqlite}" = pg ]; then
  # shellcheck source=scripts/pg-test-cluster.sh
  source scripts/pg-test-cluster.sh
else
  unset DATABASE_URL
fi
exec .venv/bin/python "$@"

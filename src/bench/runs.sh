#!/usr/bin/env bash
# `anvil runs` end to end on a year of synthetic history (2,190 runs, 876,000 results; target
# <= 0.6 s), next to the start-up floor `anvil --version` as the anchor. Needs hyperfine
# (apt-get install -y hyperfine). BENCH_DB overrides where the year of history is kept.
set -euo pipefail
cd "$(dirname "$0")/../.."
db="${BENCH_DB:-target/bench/year.db}"
command -v hyperfine >/dev/null || { echo "src/bench/runs.sh: install hyperfine (apt-get install -y hyperfine)" >&2; exit 2; }
./anvil --version >/dev/null                       # builds the jar and its class-data archive if needed
if [ ! -f "$db" ]; then
  mkdir -p "$(dirname "$db")"
  ./anvil --db "$db" generate --year
fi
./anvil --db "$db" db info
mkdir -p target/bench
hyperfine -N --warmup 3 --runs "${RUNS:-20}" --export-markdown target/bench/runs.md \
  "./anvil --db $db runs" \
  "java -jar target/anvil.jar --db $db runs" \
  "./anvil --version"

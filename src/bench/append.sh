#!/usr/bin/env bash
# JMH benchmark: append 100,000 story results to a fresh history in batches (target <= 2 s).
# Usage: src/bench/append.sh [extra JMH options, e.g. -p batch=400]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/test.classpath)" org.openjdk.jmh.Main \
    -jvmArgsAppend -Dorg.slf4j.simpleLogger.defaultLogLevel=error 'dev.anvil.bench.AppendBenchmark' "$@"

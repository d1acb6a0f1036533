#!/usr/bin/env bash
# Anvil's own overhead per story of `anvil record` (README "Numbers: recording"): 1,000 stories
# with a no-op agent (`true`) and one file_exists each, against the anchor of 1,000 agent spawns
# and file_exists checks in the same JVM. Usage: src/bench/record-overhead.sh [STORIES] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o -DskipTests package test-compile >/dev/null
exec java -XX:+UseSerialGC -cp target/test-classes:target/anvil.jar dev.anvil.record.RecordOverheadBench "${1:-1000}" "${2:-3}"

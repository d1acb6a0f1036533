#!/usr/bin/env bash
# XChart charts (dev.anvil.chart) against the hand-written Java2D ones they replaced (shell/plot at
# commit 88614da), on the same trend table, interleaved in one JVM: prints medians and new/old ratios.
# Usage: src/bench/chart-bench/run.sh HISTORY.db [DAY|WEEK|RUN] [REPS]
#   e.g. ./anvil --db /tmp/year.db generate --year && src/bench/chart-bench/run.sh /tmp/year.db DAY 5
set -euo pipefail
cd "$(dirname "$0")/../../.."
db=${1:?a history file}; every=${2:-DAY}; reps=${3:-5}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/dev/anvil/shell/plot" "$work/classes"
for f in Canvas Charts PngCanvas SvgCanvas; do
  git show "88614da:src/main/java/dev/anvil/shell/plot/$f.java" > "$work/src/dev/anvil/shell/plot/$f.java"
done
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp="target/classes:$work/classes:$(cat "$work/cp.txt")"
javac -d "$work/classes" -cp "$cp" "$work"/src/dev/anvil/shell/plot/*.java
java -Djava.awt.headless=true -cp "$cp" src/bench/chart-bench/ChartBench.java "$db" "$every" "$reps" 2>&1 | grep -v ' INFO '

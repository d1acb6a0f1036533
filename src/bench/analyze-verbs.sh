#!/usr/bin/env bash
# Every `anvil analyze` verb end to end on one history, in turns with an anchor measured in the same
# round (so a shared, loaded machine affects both alike), and optionally with an older jar on the same
# file. Prints the median wall time of each over ROUNDS rounds and its ratio to the anchor.
#   src/bench/analyze-verbs.sh DB [ROUNDS] [OLD_JAR]
# The JVM options are the launcher's for analyses (serial GC, C1 only), without class-data sharing.
set -euo pipefail
db="$1"; rounds="${2:-5}"; old="${3:-}"
here="$(cd "$(dirname "$0")/../.." && pwd)"
new="$here/target/anvil.jar"
java=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
story="$(sqlite3 "$db" 'SELECT StoryId FROM StoryResults LIMIT 1' 2>/dev/null || echo rest-api-001)"
verbs=("regressions" "regressions --all" "fixed" "flaky" "trend" "durations" "durations --slower"
       "compare" "failures" "story $story")
ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A times
for r in $(seq "$rounds"); do
  times[anchor]+="$(ms "${java[@]}" -jar "$new" --version) "
  for v in "${verbs[@]}"; do
    # shellcheck disable=SC2086
    times["new $v"]+="$(ms "${java[@]}" -jar "$new" --db "$db" analyze $v) "
    if [ -n "$old" ]; then
      # shellcheck disable=SC2086
      times["old $v"]+="$(ms "${java[@]}" -jar "$old" --db "$db" analyze $v) "
    fi
  done
done
anchor=$(echo ${times[anchor]} | tr ' ' '\n' | median)
printf '%-28s %8s %8s %8s %8s\n' "analyze VERB" "new ms" "x anchor" "old ms" "new/old"
for v in "${verbs[@]}"; do
  n=$(echo ${times["new $v"]} | tr ' ' '\n' | median)
  o=""; ratio=""
  if [ -n "$old" ]; then
    o=$(echo ${times["old $v"]} | tr ' ' '\n' | median)
    ratio=$(awk -v a="$n" -v b="$o" 'BEGIN {printf "%.2f", a / b}')
  fi
  printf '%-28s %8s %8s %8s %8s\n' "$v" "$n" "$(awk -v a="$n" -v b="$anchor" 'BEGIN {printf "%.2f", a / b}')" "$o" "$ratio"
done
printf '%-28s %8s\n' "anchor: anvil --version" "$anchor"

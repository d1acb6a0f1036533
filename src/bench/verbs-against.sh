#!/usr/bin/env bash
# Every `anvil analyze` verb and `anvil report` end to end with this build's launcher, each beside the
# same command of an older checkout, and `anvil --version` as the anchor, in one hyperfine run (so a
# shared, loaded machine affects all alike). The older build needs its own copy of the history when
# this build has migrated it further (it refuses a newer schema).
#   src/bench/verbs-against.sh OLD_CHECKOUT DB OLD_DB [ROUNDS]
# e.g. git worktree add /tmp/old 8c8df94; cp year.db year-old.db; src/bench/verbs-against.sh /tmp/old year.db year-old.db 5
set -euo pipefail
old="$1"; db="$2"; old_db="$3"; rounds="${4:-5}"
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.."
command -v hyperfine >/dev/null || { echo "verbs-against: hyperfine is needed (apt-get install -y hyperfine)" >&2; exit 2; }
story="$(sqlite3 "$db" 'SELECT StoryId FROM StoryResults LIMIT 1')"
report_new="$(mktemp --suffix=.html)"; report_old="$(mktemp --suffix=.html)"
trap 'rm -f "$report_new" "$report_old"' EXIT
# first runs build the jars and their class-data sharing archives
./anvil --db "$db" analyze trend >/dev/null; "$old/anvil" --db "$old_db" analyze trend >/dev/null
cmds=("./anvil --version")
for v in regressions "regressions --all" fixed flaky trend durations "durations --slower" failures compare "story $story"; do
  cmds+=("./anvil --db $db analyze $v" "$old/anvil --db $old_db analyze $v")
done
cmds+=("./anvil --db $db report --output $report_new" "$old/anvil --db $old_db report --output $report_old")
hyperfine -N -w 1 -r "$rounds" "${cmds[@]}"

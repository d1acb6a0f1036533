#!/usr/bin/env bash
# Start-up of saved queries against bare JShell, in one hyperfine run, then the console's first prompt.
# Usage (from the project folder): src/bench/shell.sh   (needs hyperfine and python3; makes g.db and one.* in a temp folder)
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
"$here/anvil" --db g.db generate --seed 7 --stories 30 --days 20 >/dev/null
echo '1 + 1' > one.jsh
echo 'SELECT COUNT(*) AS n FROM TestRuns WHERE Mode = :mode' > one.sql
# first runs make the CDS archives
"$here/anvil" --db g.db query one.jsh >/dev/null
"$here/anvil" --db g.db query one.sql -p mode=x >/dev/null
echo /exit | "$here/anvil" --db g.db console >/dev/null
hyperfine -w 1 -r 10 'jshell --execution local one.jsh < /dev/null' \
  "$here/anvil --db g.db query one.jsh" "$here/anvil --db g.db query one.sql -p mode=x"
cd "$here" && python3 src/bench/console-prompt.py 5 "$work/g.db"

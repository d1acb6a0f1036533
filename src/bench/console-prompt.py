#!/usr/bin/env python3
# Time to the first prompt of anvil console against bare "jshell --execution local", interleaved runs.
# Usage (from the project folder): python3 src/bench/console-prompt.py RUNS [DB]   e.g. python3 src/bench/console-prompt.py 5 g.db
import subprocess, time, sys, statistics
def first_prompt(cmd):
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    buf = b""
    while b"jshell>" not in buf:
        b = p.stdout.read1(4096)
        if not b: break
        buf += b
    t = time.monotonic() - t0
    p.stdin.write(b"/exit\n"); p.stdin.flush(); p.wait()
    return t
cmds = {"anvil console": ["./anvil", "--db", sys.argv[2] if len(sys.argv) > 2 else "g.db", "console"],
        "jshell --execution local": ["jshell", "--execution", "local"]}
res = {k: [] for k in cmds}
for i in range(int(sys.argv[1]) if len(sys.argv) > 1 else 5):
    for k, c in cmds.items():
        res[k].append(first_prompt(c))
for k, v in res.items():
    print(f"{k}: median {statistics.median(v):.2f} s, min {min(v):.2f} s, runs {len(v)}")

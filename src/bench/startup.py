#!/usr/bin/env python3
# Start-up of a one-line saved query and of the console against bare JShell, interleaved in one run
# so both see the same machine load; prints each median and the ratio to the anchor.
# Usage (from the project folder): python3 src/bench/startup.py RUNS DB
#   e.g. ./anvil --db /tmp/g.db generate --seed 7 --stories 30 --days 20; python3 src/bench/startup.py 10 /tmp/g.db
import os, resource, subprocess, sys, tempfile, time, statistics

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
db = sys.argv[2] if len(sys.argv) > 2 else "g.db"
work = tempfile.mkdtemp()
one = os.path.join(work, "one.jsh")
with open(one, "w") as f:
    f.write("1 + 1\n")

cpu = {}

def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime

def timed(cmd):
    t0 = time.monotonic()
    subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.monotonic() - t0

def first_prompt(cmd):
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    buf = b""
    while b"jshell>" not in buf:
        b = p.stdout.read1(4096)
        if not b:
            break
        buf += b
    t = time.monotonic() - t0
    p.stdin.write(b"/exit\n"); p.stdin.flush(); p.wait()
    return t

query = {"jshell --execution local one.jsh": lambda: timed(["jshell", "--execution", "local", one]),
         "anvil query one.jsh": lambda: timed(["./anvil", "--db", db, "query", one])}
prompt = {"jshell --execution local (prompt)": lambda: first_prompt(["jshell", "--execution", "local"]),
          "anvil console (prompt)": lambda: first_prompt(["./anvil", "--db", db, "console"])}
for group in (query, prompt):
    for f in group.values():
        f()  # warm-up: page cache, CDS archives
res = {k: [] for k in list(query) + list(prompt)}
for i in range(runs):
    for group in (query, prompt):
        for k, f in group.items():
            c0 = children_cpu()
            res[k].append(f())
            cpu.setdefault(k, []).append(children_cpu() - c0)
load = os.getloadavg()[0]
print(f"{runs} interleaved runs, load average {load:.1f}")
for k, v in res.items():
    print(f"  {k:40s} median {statistics.median(v):.3f} s  min {min(v):.3f} s  CPU median {statistics.median(cpu[k]):.3f} s")
def ratio(a, b):
    return statistics.median(res[a]) / statistics.median(res[b])
print(f"  query ratio   anvil/jshell: {ratio('anvil query one.jsh', 'jshell --execution local one.jsh'):.2f}"
      f" (CPU {statistics.median(cpu['anvil query one.jsh']) / statistics.median(cpu['jshell --execution local one.jsh']):.2f})")
print(f"  console ratio anvil/jshell: {ratio('anvil console (prompt)', 'jshell --execution local (prompt)'):.2f}")

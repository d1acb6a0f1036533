"""Times the Anvil kernel as a Jupyter user meets it (the numbers in the README).

    JUPYTER_DATA_DIR=/tmp/jd ANVIL_DB=/tmp/h.db /usr/bin/python3 kernel_timing.py [KERNEL] [STARTS] [CELLS]

Kernel start = start_kernel() until the kernel answers kernel_info (JVM, JShell and preloads up);
cells = round trip of an execute_request until its reply, for a trivial cell, a 50-row table and a
trend table over the whole history. Medians and 90th percentiles in milliseconds.
"""
import statistics
import sys
import time

from jupyter_client.manager import KernelManager


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def run(kc, code):
    t = time.perf_counter()
    reply = kc.execute_interactive(code, timeout=600, output_hook=lambda msg: None)
    assert reply["content"]["status"] == "ok", reply["content"]
    return (time.perf_counter() - t) * 1000


def main():
    name = sys.argv[1] if len(sys.argv) > 1 else "anvil"
    starts = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    cells = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    start_ms, trivial, table, trend = [], [], [], []
    for i in range(starts):
        t = time.perf_counter()
        km = KernelManager(kernel_name=name)
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=600)
        start_ms.append((time.perf_counter() - t) * 1000)
        if i == 0:
            run(kc, "1 + 1")  # warm the JIT for the cell timings
            for _ in range(cells):
                trivial.append(run(kc, "1 + 1"))
                table.append(run(kc, 'sql("SELECT * FROM StoryResults LIMIT 50")'))
            for _ in range(max(3, cells // 10)):
                trend.append(run(kc, "refresh(); trend()"))
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    for label, values in (("kernel start to ready", start_ms), ("cell 1 + 1", trivial),
                          ("cell sql(50 rows) as html", table), ("cell trend() whole history", trend)):
        print(f"{label:28s} n={len(values):3d} median={statistics.median(values):8.1f} ms  p90={pct(values, 0.9):8.1f} ms")


if __name__ == "__main__":
    main()

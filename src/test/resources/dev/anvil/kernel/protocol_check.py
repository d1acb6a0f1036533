"""Drives the Anvil kernel with Jupyter's own client (jupyter_client) and prints what it answered.

Run by KernelProtocolIT: python3 protocol_check.py KERNEL_NAME MARKER_DIR. The kernelspec is found the
way Jupyter finds it (JUPYTER_DATA_DIR / JUPYTER_PATH); the history comes from ANVIL_DB. Prints one JSON
object with each scenario's replies and IOPub messages; the Java test judges them.
"""
import ipaddress
import json
import signal
import os
import sys
import time

from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

TIMEOUT = 120


def collect(kc, msg_id, timeout=TIMEOUT):
    """IOPub messages of one request until its kernel goes idle, then its shell reply."""
    iopub = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
        if msg["msg_type"] != "status":
            iopub.append({"msg_type": msg["msg_type"], "content": msg["content"], "t": time.time()})
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    return {"reply": reply["content"], "reply_type": reply["msg_type"], "iopub": iopub}


def execute(kc, code, timeout=TIMEOUT):
    return collect(kc, kc.execute(code), timeout)


def listening_sockets(pid):
    """(address, port) of the TCP sockets the process listens on, from /proc (Linux)."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = []
    for table, v6 in (("/proc/net/tcp", False), ("/proc/net/tcp6", True)):
        if not os.path.exists(table):
            continue
        with open(table) as f:
            next(f)
            for line in f:
                parts = line.split()
                local, state, inode = parts[1], parts[3], parts[9]
                if state != "0A" or inode not in inodes:
                    continue
                addr_hex, port_hex = local.split(":")
                if v6:
                    # four 32-bit words, each in host (little-endian) order; ::ffff:a.b.c.d is IPv4
                    raw = b"".join(bytes.fromhex(addr_hex[i:i + 8])[::-1] for i in range(0, 32, 8))
                    ip6 = ipaddress.IPv6Address(raw)
                    addr = str(ip6.ipv4_mapped) if ip6.ipv4_mapped else str(ip6)
                else:
                    addr = ".".join(str(int(addr_hex[i:i + 2], 16)) for i in (6, 4, 2, 0))
                found.append([addr, int(port_hex, 16)])
    return found


def forged(km, marker, key):
    """Sends an execute_request signed with KEY (b'' = unsigned) straight to the shell socket."""
    import zmq
    session = Session(key=key, signature_scheme="hmac-sha256")
    ctx = zmq.Context.instance()
    sock = ctx.socket(zmq.DEALER)
    sock.linger = 0
    sock.connect(f"tcp://{km.ip}:{km.shell_port}")
    code = f'java.nio.file.Files.writeString(java.nio.file.Path.of("{marker}"), "executed")'
    session.send(sock, "execute_request", {"code": code, "silent": False, "store_history": True,
                                           "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
    replied = sock.poll(3000) != 0
    sock.close()
    return {"replied": replied, "marker_exists": os.path.exists(marker)}


def main():
    kernel_name, marker_dir = sys.argv[1], sys.argv[2]
    out = {}
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        out["pid"] = km.provisioner.process.pid if getattr(km, "provisioner", None) else km.kernel.pid
        out["ports"] = {"shell": km.shell_port, "iopub": km.iopub_port, "stdin": km.stdin_port,
                        "control": km.control_port, "hb": km.hb_port}
        out["ip"] = km.ip
        out["listening"] = listening_sockets(out["pid"])

        out["kernel_info"] = collect(kc, kc.kernel_info())
        out["streams"] = execute(kc, 'System.out.println("hello from a cell");\n'
                                     'System.err.println("a warning");\n'
                                     '6 * 7')
        out["compile_error"] = execute(kc, "int a = 1;\nint b = undefinedThing + 1;")
        out["exception"] = execute(kc, "int a = 1;\nint b = a / 0;")
        out["complete"] = collect(kc, kc.complete('"abc".toUpp', 11))
        out["inspect"] = collect(kc, kc.inspect("Math.max(1, 2)", 6, detail_level=0))
        out["is_complete"] = {
            "complete": collect(kc, kc.is_complete("int x = 1;")),
            "incomplete": collect(kc, kc.is_complete("for (int i = 0; i < 3; i++) {")),
            "invalid": collect(kc, kc.is_complete("int x = ;)")),
        }
        out["table"] = execute(kc, 'sql("SELECT 1 AS one, \'a<b\' AS two")')
        # Charts drawn by plot(...) (an empty history's trend still draws: it says so), shown inline.
        out["image"] = execute(kc, f'plot(trend(), "{os.path.join(marker_dir, "trend.png")}")')
        out["svg"] = execute(kc, f'plot(trend(), "{os.path.join(marker_dir, "trend.svg")}")')
        other_db = os.path.join(marker_dir, "other.db")
        out["use"] = execute(kc, f'use("{other_db}");\ndb()')
        out["use_db"] = other_db
        out["show"] = execute(kc, 'show("Two rows", sql("SELECT 1 AS n UNION ALL SELECT 2"));\n"done"')

        # Interrupt: a cell that would run forever, stopped by an interrupt_request on the control channel.
        msg_id = kc.execute("long spins = 0;\nwhile (true) { spins++; }")
        time.sleep(3)
        started = time.time()
        km.interrupt_kernel()
        out["interrupt"] = collect(kc, msg_id, timeout=60)
        out["interrupt"]["seconds"] = time.time() - started
        out["after_interrupt"] = execute(kc, "1 + 1")

        # SIGINT (what a client without interrupt_mode "message" sends) stops the cell, not the kernel.
        msg_id = kc.execute("long spins = 0;\nwhile (true) { spins++; }")
        time.sleep(3)
        os.kill(out["pid"], signal.SIGINT)
        out["sigint"] = collect(kc, msg_id, timeout=60)
        out["after_sigint"] = execute(kc, "2 + 2")

        # Output streams while the cell runs, not all at its end.
        out["streaming"] = execute(kc, 'System.out.println("first");\nThread.sleep(2000);\nSystem.out.println("second");')

        # Security: messages signed with another key, or not at all, are dropped; the kernel keeps serving.
        out["bad_signature"] = forged(km, os.path.join(marker_dir, "bad-signature"), b"not-the-key")
        out["unsigned"] = forged(km, os.path.join(marker_dir, "unsigned"), b"")
        out["after_bad_signature"] = execute(kc, '"still serving"')

        kc.shutdown()
        reply = kc.get_control_msg(timeout=TIMEOUT) if hasattr(kc, "get_control_msg") else None
        out["shutdown_reply"] = reply["content"] if reply else None
        deadline = time.time() + 30
        while km.is_alive() and time.time() < deadline:
            time.sleep(0.2)
        out["alive_after_shutdown"] = km.is_alive()
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=True)
    print(json.dumps(out))


if __name__ == "__main__":
    main()

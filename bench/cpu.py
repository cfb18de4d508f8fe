#!/usr/bin/env python3
"""CPU seconds used so far by each part of a running Tidings, for the bench scripts.

Usage: bench/cpu.py DATA_DIR  ->  one line "name=seconds ..." (user + system time of each part's
processes and their live children: PostgreSQL counts its backends).
"""
import os
import sys

TICK = os.sysconf("SC_CLK_TCK")
data_dir = sys.argv[1]
parts = {"gateway": "jars/gateway-", "environment": "jars/environment-service-", "template": "jars/template-service-",
         "subscriber": "jars/subscriber-service-", "promotion": "jars/promotion-service-", "kafka": "kafka.Kafka",
         "postgres": "postgres"}


def procs():
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                yield int(pid), int(fields[1]), cmd, (int(fields[11]) + int(fields[12])) / TICK
            except (FileNotFoundError, ProcessLookupError, IndexError):
                pass


table = list(procs())
children = {}
for pid, ppid, _, _ in table:
    children.setdefault(ppid, []).append(pid)
cpu = {pid: seconds for pid, _, _, seconds in table}


def tree(pid):
    total = cpu.get(pid, 0)
    for child in children.get(pid, []):
        total += tree(child)
    return total


out = []
for name, marker in parts.items():
    roots = [pid for pid, ppid, cmd, _ in table if marker in cmd and data_dir in cmd
             and not any(marker in c and data_dir in c for p, _, c, _ in table if p == ppid)]
    out.append(f"{name}={sum(tree(r) for r in roots):.2f}")
print(" ".join(out))

#!/usr/bin/env python3
"""GC figures of a Shenandoah -Xlog:gc* log over a wall-clock window (bench/loadgen.md, "GC work on the
receive path"): cycles, their concurrent phases' wall time, pauses, heap after cleanup, and the
allocation the allocation-threshold triggers report (a lower bound: a cycle triggered by low free
memory reports none). The log needs the time decorator:
  LOADGEN_JAVA_OPTS="-Xlog:gc*:file=/tmp/gc-<tag>.log:time,uptime,level,tags" bench/loadgen/run.sh
usage: gc-stats.py LOG FROM_EPOCH_SECONDS TO_EPOCH_SECONDS [SENT_PER_SECOND]
The measured window is the plan's startAt plus the warm-up, for MEASURE_SECONDS."""
import re, sys, datetime
log, t0, t1 = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
rate = float(sys.argv[4]) if len(sys.argv) > 4 else None
cycles = {}; pauses = []; conc = 0.0; after = []; alloc_trig = 0; trig = {"alloc": 0, "free": 0, "other": 0}
degen = full = 0
for line in open(log):
    m = re.match(r"\[([^\]]+)\]\[([\d.]+)s\]\[\w+\s*\]\[([^\]]+)\] (.*)", line)
    if not m: continue
    ts = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp()
    if ts < t0 or ts > t1: continue
    tags, msg = m.group(3).strip(), m.group(4)
    if tags != "gc": continue
    if msg.startswith("Trigger:"):
        a = re.search(r"Allocated since last cycle \((\d+)K\)", msg)
        if a: trig["alloc"] += 1; alloc_trig += int(a.group(1))
        elif "Free" in msg: trig["free"] += 1
        else: trig["other"] += 1
        continue
    g = re.match(r"GC\((\d+)\) (.*) ([\d.]+)ms$", msg)
    if not g: continue
    n, what, ms = int(g.group(1)), g.group(2), float(g.group(3))
    cycles.setdefault(n, 0)
    if what.startswith("Pause"):
        pauses.append(ms)
        if "Degenerated" in what: degen += 1
        if "Full" in what: full += 1
    elif what.startswith("Concurrent"):
        conc += ms; cycles[n] += ms
        c = re.match(r"Concurrent cleanup (\d+)M->(\d+)M\((\d+)M\)", what)
        if c: after.append(int(c.group(2)))
mins = (t1 - t0) / 60
pauses.sort()
after_sorted = sorted(after)
print(f"window {t1-t0:.0f} s: cycles {len(cycles)} ({len(cycles)/mins:.1f}/min), triggers {trig}")
print(f"concurrent GC time {conc/1000:.2f} s ({conc/1000/(t1-t0)*100:.1f}% of one core), per cycle {conc/max(1,len(cycles)):.0f} ms")
if pauses:
    print(f"pauses {len(pauses)}: total {sum(pauses):.1f} ms, max {pauses[-1]:.2f} ms, p99 {pauses[int(0.99*(len(pauses)-1))]:.2f} ms; degenerated {degen}, full {full}")
if after:
    print(f"heap after cleanup MiB: min {after_sorted[0]}, median {after_sorted[len(after)//2]}, max {after_sorted[-1]}")
alloc_mb = alloc_trig / 1024
print(f"allocated (sum of allocation triggers, a lower bound) {alloc_mb:.0f} MiB = {alloc_mb/(t1-t0):.1f} MiB/s" + (f", {alloc_mb*1024*1024/(rate*(t1-t0)):.0f} B per sent message" if rate else ""))

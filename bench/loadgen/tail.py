#!/usr/bin/env python3
"""What the overhead's tail is made of, from one bench/loadgen/run.sh run with the control receiver
(CONTROL=1): per message present in the deliveries, receipts and control CSVs of the run's work
directory, the overhead (load generator receipt minus the stand-in's stamp), the control's delay
(control receipt minus stamp: the machine's floor) and the excess (load generator receipt minus
control receipt).
  - the late receipts (overhead over 1 ms) split by who was late: the control too (the machine
    delayed any reader), or only the load generator (its excess over 1 ms);
  - the worst 10-ms intervals (by the stamp) by late receipts, with the control's and the excess's
    maxima in each;
  - with PAUSE_LOADGEN's log (pauses-RATE.tsv in the work directory), how many late excesses and
    late control delays spanned a stop of the load generator;
  - with the load generator's GC log (-Xlog:gc*,safepoint:file=<log>:time,uptime), how many of
    the receipts whose excess is over 1 ms waited across a safepoint pause or a concurrent GC phase
    (the interval from the control's receipt to the load generator's overlaps it).
usage: tail.py WORK_DIR RATE [GC_LOG] [WORST]"""
import datetime
import re
import sys

from receipts import first

work, rate = sys.argv[1], sys.argv[2]
gc_log = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] != "-" else None
worst_n = int(sys.argv[4]) if len(sys.argv) > 4 else 10
LATE = 1000  # microseconds


stamp = first(f"{work}/deliveries-{rate}.csv")
lg = first(f"{work}/receipts-{rate}.csv")
ctl = first(f"{work}/control-{rate}.csv")
rows = [(stamp[k], ctl[k] - stamp[k], lg[k] - ctl[k], lg[k] - stamp[k], ctl[k], lg[k])
        for k in stamp if k in lg and k in ctl]
rows.sort()
n = len(rows)
late = [r for r in rows if r[3] > LATE]
both = sum(1 for r in late if r[1] > LATE)
lg_only = sum(1 for r in late if r[1] <= LATE and r[2] > LATE)
neither = len(late) - both - lg_only
print(f"joined {n}; overhead over 1 ms: {len(late)} ({100.0 * len(late) / n:.2f}%)")
print(f"  control also over 1 ms (the machine): {both}; control under 1 ms and excess over 1 ms"
      f" (the load generator's own): {lg_only}; each under 1 ms, their sum over: {neither}")
exc_late = [r for r in rows if r[2] > LATE]
ctl_late = [r for r in rows if r[1] > LATE]
print(f"control delay over 1 ms: {len(ctl_late)} ({100.0 * len(ctl_late) / n:.2f}%);"
      f" excess over 1 ms: {len(exc_late)} ({100.0 * len(exc_late) / n:.2f}%)")


def when(us):
    return datetime.datetime.fromtimestamp(us / 1e6, datetime.timezone.utc).strftime("%H:%M:%S.%f")[:-3]


# 10-ms intervals by the stand-in's stamp
bins = {}
for r in rows:
    bins.setdefault(r[0] // 10000, []).append(r)
with_late = [b for b, rs in bins.items() if any(r[3] > LATE for r in rs)]
ctl_seen = sum(1 for b in with_late if any(r[1] > LATE for r in bins[b]))
print(f"10-ms intervals: {len(bins)}; holding a late receipt: {len(with_late)}, of which the control"
      f" was also late in {ctl_seen}")
worst = sorted(with_late, key=lambda b: -sum(1 for r in bins[b] if r[3] > LATE))[:worst_n]
print("worst intervals (stamp time UTC, messages, late, max overhead / control / excess ms,"
      " late with the control late too):")
for b in worst:
    rs = bins[b]
    lt = [r for r in rs if r[3] > LATE]
    print(f"  {when(b * 10000)} n={len(rs)} late={len(lt)} max {max(r[3] for r in rs) / 1000:.2f} /"
          f" {max(r[1] for r in rs) / 1000:.2f} / {max(r[2] for r in rs) / 1000:.2f}"
          f" ctl-late {sum(1 for r in lt if r[1] > LATE)}")

try:
    # PAUSE_LOADGEN's stops of the load generator (from, to: epoch microseconds)
    stops = [tuple(map(int, l.split())) for l in open(f"{work}/pauses-{rate}.tsv") if l.strip()]
except FileNotFoundError:
    stops = None
if stops:
    stops.sort()
    import bisect
    st = [a for a, b in stops]
    longest_stop = max(b - a for a, b in stops)

    def stopped(a, b):
        i, j = bisect.bisect_left(st, a - longest_stop), bisect.bisect_left(st, b)
        return any(z > a for _, z in stops[i:j])

    span = [x for x in stops if rows[0][0] <= x[0] <= rows[-1][5]]
    lens = sorted(b - a for a, b in span)
    print(f"PAUSE_LOADGEN stops over the joined span: {len(span)}, {sum(lens) / 1000:.0f} ms in all,"
          f" each {lens[0] / 1000:.2f} to {lens[-1] / 1000:.2f} ms (median {lens[len(lens) // 2] / 1000:.2f})")
    e_in = sum(1 for r in exc_late if stopped(r[4], r[5]))
    c_in = sum(1 for r in ctl_late if stopped(r[0], r[4]))
    print(f"  excess over 1 ms across a stop: {e_in} of {len(exc_late)};"
          f" control delay over 1 ms across a stop: {c_in} of {len(ctl_late)}")

if gc_log:
    # [2026-12-02T14:06:00.123+0000][12.345s] ... <what> 1.234ms ; safepoint lines: Total: <ns> ns
    spans = []
    for line in open(gc_log):
        m = re.match(r"\[([^\]]+)\]\[[\d.]+s\](?:\[[^\]]*\])* (.*)$", line.rstrip("\n"))
        if not m:
            continue
        end = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp() * 1e6
        msg = m.group(2)
        s = re.search(r"Safepoint \"([^\"]+)\".*Total: (\d+) ns", msg)
        if s:
            spans.append((end - int(s.group(2)) / 1000, end, "safepoint " + s.group(1)))
            continue
        g = re.match(r"GC\(\d+\) (Concurrent [^0-9]*?|Pause [^0-9]*?)\s*(?:\d+M->\d+M\(\d+M\)\s*)?([\d.]+)ms$", msg)
        if g:
            spans.append((end - float(g.group(2)) * 1000, end, g.group(1).strip()))
    spans.sort()
    lo, hi = rows[0][0], rows[-1][5]
    spans_in = [s for s in spans if s[1] >= lo and s[0] <= hi]
    kinds = {}
    for s in spans_in:
        k = "pause/safepoint" if s[2].startswith(("safepoint", "Pause")) else "concurrent"
        kinds.setdefault(k, [0, 0.0])
        kinds[k][0] += 1
        kinds[k][1] += (s[1] - s[0]) / 1000
    covered, reach = 0.0, lo
    for a, b, w in spans_in:
        if w.startswith("Concurrent") and b > reach:
            covered += b - max(a, reach)
            reach = b
    print("GC log over the joined messages' span: " +
          ", ".join(f"{k} {c} spans, {t:.0f} ms" for k, (c, t) in sorted(kinds.items())) +
          f"; concurrent phases cover {covered / 1000:.0f} of its {(hi - lo) / 1000:.0f} ms"
          f" ({sum(1 for a, b, w in spans_in if w in ('Concurrent marking', 'Concurrent marking (unload classes)'))}"
          " concurrent markings)")

    import bisect
    starts = [s[0] for s in spans_in]
    longest = max((s[1] - s[0] for s in spans_in), default=0)

    def overlaps(a, b, which):
        # the spans starting before b and late enough to reach a (none is longer than `longest`)
        i, j = bisect.bisect_left(starts, a - longest), bisect.bisect_left(starts, b)
        return [s for s in spans_in[i:j] if s[1] > a and which(s[2])]

    stw = lambda w: w.startswith(("safepoint", "Pause"))
    conc = lambda w: w.startswith("Concurrent")
    in_stw = sum(1 for r in exc_late if overlaps(r[4], r[5], stw))
    in_conc = sum(1 for r in exc_late if not overlaps(r[4], r[5], stw) and overlaps(r[4], r[5], conc))
    print(f"excess over 1 ms: {len(exc_late)}; waiting across a safepoint/pause: {in_stw};"
          f" across a concurrent phase only: {in_conc}; across neither: {len(exc_late) - in_stw - in_conc}")
    # the same for all receipts, to compare: how much of the window the concurrent phases cover
    all_conc = sum(1 for r in rows if overlaps(r[4], r[5], conc))
    print(f"all joined receipts waiting across a concurrent phase: {all_conc} ({100.0 * all_conc / n:.1f}%)")
    exc_conc = sum(1 for r in exc_late if overlaps(r[4], r[5], conc))
    outside = sorted(r[2] for r in rows if not overlaps(r[4], r[5], lambda w: True))
    if outside:
        print(f"excess of the receipts that waited across no GC phase or safepoint ({len(outside)}):"
              f" p99 {outside[max(0, -(-99 * len(outside) // 100) - 1)] / 1000:.2f} ms,"
              f" over 1 ms {100.0 * sum(1 for x in outside if x > LATE) / len(outside):.2f}%")
    if all_conc and n > all_conc:
        print(f"share of receipts with an excess over 1 ms: {100.0 * exc_conc / all_conc:.2f}% of those"
              f" waiting across a concurrent phase, {100.0 * (len(exc_late) - exc_conc) / (n - all_conc):.2f}%"
              f" of the others")
    for b in worst:
        rs = bins[b]
        a, z = min(r[4] for r in rs), max(r[5] for r in rs)
        near = overlaps(a, z, lambda w: True)
        print(f"  {when(b * 10000)}: " + (", ".join(f"{s[2]} {(s[1] - s[0]) / 1000:.2f} ms" for s in near[:4])
                                        or "no GC phase or safepoint"))

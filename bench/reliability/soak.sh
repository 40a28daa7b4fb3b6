#!/usr/bin/env bash
# The soak (issue 15, item 1): SoakIT (operator/src/test/.../reliability/) runs the packaged operator
# as its own process on the local cluster with SOAK_NETWORKS networks of SOAK_NODES pods and an
# experiment loop on each for SOAK_MINUTES, sampling the operator every SOAK_SAMPLE_SECONDS: resident
# memory, heap after a forced full GC, chatnet_operator_memo_entries, the objects each informer
# holds, its writes by family (audit log). Then it deletes everything and samples until the memos
# are empty. This script rewrites its own section of bench/reliability.md (between the soak markers)
# with the run's curve (table and bench/reliability-soak.svg) and the verdict; the rest is kept.
# Environment (defaults are the issue's soak; a 2-core machine shared with other work may not fit it):
#   SOAK_NETWORKS (10), SOAK_NODES (1000) pods a network (the smoke shape, relays scaled),
#   SOAK_MINUTES (30) of the loop once every network is Ready, SOAK_LOOP (1) experiments per network
#   in each round (create, run with the shards played, delete, repeat), SOAK_SAMPLE_SECONDS (30),
#   SOAK_RESYNC_SECONDS (60) the operator's max reconciliation interval, OUT (bench/reliability.md),
#   SVG (bench/reliability-soak.svg).
# Uses CHATNET_KUBECONFIG's cluster when set, else starts the local cluster (make cluster-up).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
. bench/reliability/section.sh
export SOAK_NETWORKS=${SOAK_NETWORKS:-10} SOAK_NODES=${SOAK_NODES:-1000} \
  SOAK_MINUTES=${SOAK_MINUTES:-30} SOAK_LOOP=${SOAK_LOOP:-1} \
  SOAK_SAMPLE_SECONDS=${SOAK_SAMPLE_SECONDS:-30} SOAK_RESYNC_SECONDS=${SOAK_RESYNC_SECONDS:-60}
OUT=${OUT:-$repo/bench/reliability.md}
SVG=${SVG:-$repo/bench/reliability-soak.svg}
MVN=${MVN:-mvn -B -ntp}
if [ -z "${CHATNET_KUBECONFIG:-}" ]; then
  cluster/scripts/up.sh >/dev/null
  export CHATNET_KUBECONFIG=$repo/.cluster/kubeconfig
fi
work=$(mktemp -d /tmp/chatnet-soak.XXXXXX)
export CHATNET_SOAK_OUT=$work/soak.tsv
began=$(date +%s)
status=0
# verify packages the operator first: the soak runs the packaged app as a process
$MVN -q -pl operator -am verify -Dspotless.check.skip=true -Dtest=NONE \
  -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=SoakIT \
  -Dfailsafe.failIfNoSpecifiedTests=false > "$work/mvn.log" 2>&1 || status=$?
minutes=$(( ($(date +%s) - began + 59) / 60 ))
[ -f "$work/soak.tsv.summary" ] || { echo "the soak wrote no result; see $work/mvn.log" >&2; tail -40 "$work/mvn.log" >&2; exit 1; }

section=$(python3 - "$work/soak.tsv" "$work/soak.tsv.summary" "$SVG" "$minutes" "$(nproc)" <<'PY'
import csv, os, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
summary = dict(line.rstrip("\n").split("\t", 1) for line in open(sys.argv[2]))
svg_path, minutes, cores = sys.argv[3], sys.argv[4], sys.argv[5]
memos = [c[5:] for c in rows[0] if c.startswith("memo:")]
objects = [c[8:] for c in rows[0] if c.startswith("objects:")]
per_owner = [m for m in memos if m.startswith("network-") or m.startswith("experiment-")]

# the chart: heap after GC and resident memory over time, stages shaded
W, H, L, R, T, B = 760, 300, 60, 20, 20, 40
xs = [int(r["seconds"]) for r in rows]
heap = [float(r["heap_after_gc_mib"]) for r in rows]
rss = [float(r["rss_mib"]) for r in rows]
ymax = max(rss + heap) * 1.1
x0, x1 = min(xs), max(xs) or 1
px = lambda x: L + (x - x0) / max(1, x1 - x0) * (W - L - R)
py = lambda y: H - B - y / ymax * (H - T - B)
out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="11">']
for stage, colour in (("provisioning", "#eef"), ("loop", "#efe"), ("drain", "#fee")):
    st = [int(r["seconds"]) for r in rows if r["stage"] == stage]
    if st:
        out.append(f'<rect x="{px(min(st)):.1f}" y="{T}" width="{max(1, px(max(st)) - px(min(st))):.1f}" height="{H - T - B}" fill="{colour}"/>')
        out.append(f'<text x="{px(min(st)) + 3:.1f}" y="{T + 12}">{stage}</text>')
out.append(f'<line x1="{L}" y1="{H - B}" x2="{W - R}" y2="{H - B}" stroke="black"/><line x1="{L}" y1="{T}" x2="{L}" y2="{H - B}" stroke="black"/>')
for i in range(6):
    y = ymax * i / 5
    out.append(f'<text x="{L - 5}" y="{py(y) + 4:.1f}" text-anchor="end">{y:.0f}</text>')
    t = x0 + (x1 - x0) * i / 5
    out.append(f'<text x="{px(t):.1f}" y="{H - B + 15}" text-anchor="middle">{t / 60:.1f}</text>')
out.append(f'<text x="{(L + W - R) / 2}" y="{H - 5}" text-anchor="middle">minutes since the operator started</text>')
out.append(f'<text x="12" y="{(T + H - B) / 2}" transform="rotate(-90 12 {(T + H - B) / 2})" text-anchor="middle">MiB</text>')
for series, colour, label, dy in ((rss, "#c33", "resident memory", 0), (heap, "#33c", "heap after full GC", 14)):
    pts = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in zip(xs, series) if y >= 0)
    out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="1.5" points="{pts}"/>')
    out.append(f'<text x="{W - R - 5}" y="{T + 12 + dy}" text-anchor="end" fill="{colour}">{label}</text>')
out.append("</svg>")
open(svg_path, "w").write("\n".join(out) + "\n")

s = summary
p = print
p("<!-- soak:begin (written by bench/reliability/soak.sh; edits here are replaced) -->")
p("## Soak: last run")
p()
p(f"Produced by `make bench-soak` on {os.popen('date -u +%Y-%m-%d').read().strip()}, {cores} cores shared with other work, {minutes} min in all;")
p(f"load average (1/5/15 min, runnable/total, last pid) {s['load_before']} before, {s['load_after']} after.")
p(f"Sizes: {s['networks']} networks of {s['nodes']} pods (the smoke shape), the experiment loop for {int(s['loop_seconds']) // 60} min {int(s['loop_seconds']) % 60} s")
p(f"({s['loop']} experiment a network a round; {s['rounds']} rounds; {s['experiments_succeeded']} experiments succeeded, {s['experiments_failed']} failed),")
p(f"the operator re-reconciling everything at least every {s['resync_seconds']} s, a sample every {s['sample_seconds']} s. The networks were Ready")
p(f"{s['ready_seconds']} s after creation. The issue's sizes are the script's defaults: `make bench-soak` alone runs 10 x 1000 for 30 min.")
p()
p(f"**Verdict: {s['verdict']}.** Heap after GC over the loop's last two thirds: mean {s['heap_mean_mib']} MiB, slope {s['heap_slope_mib_per_hour']} MiB/h,")
p(f"growth {s['heap_growth_mib']} MiB over the window (limit: 5 MiB or 5% of the mean). Writes per finished experiment: {s['writes_per_experiment_first']} in the")
p(f"loop's first third, {s['writes_per_experiment_last']} in its last (limit: x1.25). Failures: {s['failures']}.")
p()
p("![operator memory over the soak](reliability-soak.svg)")
p()
p("Samples (heap after a forced full GC; writes since the previous sample, by family; memos are")
p("`chatnet_operator_memo_entries`; objects are what each of the operator's informers holds):")
p()
head = ["s", "stage", "load", "RSS MiB", "heap MiB", "writes net/exp/other", "exp done", "live net/exp"] + per_owner + ["exp-jobs", "exp-pods", "exp-cms", "net-cms"]
p("| " + " | ".join(head) + " |")
p("| " + " | ".join(["---:"] * len(head)) + " |")
for r in rows:
    cells = [r["seconds"], r["stage"], r["load1"], r["rss_mib"], r["heap_after_gc_mib"],
             f'{r["writes_network"]}/{r["writes_experiment"]}/{r["writes_other"]}', r["experiments_finished"],
             f'{r["live_networks"]}/{r["live_experiments"]}']
    cells += [r["memo:" + m] for m in per_owner]
    cells += [r.get("objects:" + o, "") for o in ("exp-jobs", "exp-pods", "exp-configmaps", "net-configmaps")]
    p("| " + " | ".join(cells) + " |")
p()
last_loop = [r for r in rows if r["stage"] == "loop"][-1]
p("Process-wide memos (bounded, not per network) at the loop's end: " + ", ".join(
    f"{m} {last_loop['memo:' + m]}" for m in memos if m not in per_owner) + ".")
p("Informer objects at the loop's end: " + ", ".join(f"{o} {last_loop['objects:' + o]}" for o in objects) + ".")
p("<!-- soak:end -->")
PY
)
replace_section "$OUT" soak "$section"
echo "$section"
[ "$status" = 0 ] || echo "the soak failed (maven exit $status): $work/mvn.log" >&2
exit "$status"

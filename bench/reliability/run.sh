#!/usr/bin/env bash
# The reliability fault campaign (issue 15): runs operator/src/test/.../reliability/*FaultCampaignIT
# against the local cluster at the sizes below and rewrites its own section of bench/reliability.md
# (between the fault-campaign markers; every other section of the file, e.g. the security review and
# the hand-written findings, is kept). Each trial kills the packaged operator with SIGKILL at a
# seeded random instant, starts another, and records: where the kill fell, the state then, the
# outcome, the time from the kill to convergence, and the operator's writes after convergence.
# Environment (the defaults fit 2 cores: every case at TRIALS=3 NODES=200, about 45 minutes on this
# machine, estimated from its parts' runs; the issue's full size is TRIALS=20 NODES=2000, hours on
# 2 cores, recorded in its own section: SECTION=fault-campaign-full TITLE='Fault campaign: full
# size'; make test runs 1 trial of 40 relays per case):
#   TRIALS (3) per case; NODES (200) pods of each network (the smoke network's shape, relays
#   scaled); KILL_WINDOW_MS (NODES*40, at least 8000) the window kills are drawn in (scale-up/down
#   use half, deletion an eighth); CONVERGE_SECONDS (NODES/4, at least 240); QUIET_SECONDS (6);
#   SEED (now) replays a campaign; CASES ('*FaultCampaignIT,LeaderFailoverCampaignIT') the test
#   classes, e.g. NetworkFaultCampaignIT; OUTAGE_MAX_SECONDS (30) the longest etcd or API server
#   outage (ControlPlaneFaultCampaignIT; 2 s at least); OUT (bench/reliability.md); SECTION
#   (fault-campaign) the marker of the section the run replaces and TITLE its heading, so runs of
#   other sizes keep their own sections (e.g. SECTION=fault-campaign-full TITLE='Fault campaign: full size').
#   ShardKillFaultCampaignIT (case loadgen-shard-kill) takes TRIALS, SEED, CONVERGE_SECONDS and
#   QUIET_SECONDS; its network (16 pods) and window (10 s, the kill within it) do not scale.
# Uses CHATNET_KUBECONFIG's cluster when set, else starts the local cluster (make cluster-up).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
. bench/reliability/section.sh
TRIALS=${TRIALS:-3}
NODES=${NODES:-200}
window=$(( NODES * 40 > 8000 ? NODES * 40 : 8000 ))
KILL_WINDOW_MS=${KILL_WINDOW_MS:-$window}
converge=$(( NODES / 4 > 240 ? NODES / 4 : 240 ))
CONVERGE_SECONDS=${CONVERGE_SECONDS:-$converge}
QUIET_SECONDS=${QUIET_SECONDS:-6}
SEED=${SEED:-$(date +%s%3N)}
CASES=${CASES:-*FaultCampaignIT,LeaderFailoverCampaignIT}
OUTAGE_MAX_SECONDS=${OUTAGE_MAX_SECONDS:-30}
OUT=${OUT:-$repo/bench/reliability.md}
SECTION=${SECTION:-fault-campaign}
TITLE=${TITLE:-Fault campaign: last run}
MVN=${MVN:-mvn -B -ntp}
relays=$(( NODES - 8 )) # smoke.yaml: 1 boot, 1 store, 4 desktop, 2 mobile besides its relays

if [ -z "${CHATNET_KUBECONFIG:-}" ]; then
  cluster/scripts/up.sh >/dev/null
  export CHATNET_KUBECONFIG=$repo/.cluster/kubeconfig
fi
work=$(mktemp -d /tmp/chatnet-reliability.XXXXXX)
export CHATNET_RELIABILITY_OUT=$work/trials.tsv CHATNET_RELIABILITY_SEED=$SEED \
  CHATNET_RELIABILITY_TRIALS=$TRIALS CHATNET_RELIABILITY_RELAYS=$relays \
  CHATNET_RELIABILITY_KILL_WINDOW_MS=$KILL_WINDOW_MS \
  CHATNET_RELIABILITY_CONVERGE_SECONDS=$CONVERGE_SECONDS \
  CHATNET_RELIABILITY_QUIET_SECONDS=$QUIET_SECONDS CHATNET_RELIABILITY_OUTAGE_MAX_SECONDS=$OUTAGE_MAX_SECONDS
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
began=$(date +%s)
status=0
# verify packages the operator first: the trials run the packaged app as a process
$MVN -q -pl operator -am verify -Dspotless.check.skip=true -Dtest=NONE \
  -Dsurefire.failIfNoSpecifiedTests=false -Dit.test="$CASES" \
  -Dfailsafe.failIfNoSpecifiedTests=false > "$work/mvn.log" 2>&1 || status=$?
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
minutes=$(( ($(date +%s) - began + 59) / 60 ))
[ -f "$work/trials.tsv" ] || { echo "no trial ran; see $work/mvn.log" >&2; tail -40 "$work/mvn.log" >&2; exit 1; }

section=$(python3 - "$work/trials.tsv" <<PY
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
order = ["network-provisioning", "network-scale-up", "network-scale-down", "network-deletion",
         "experiment-preparing", "experiment-running", "experiment-analyzing",
         "apiserver-rollout", "etcd-rollout", "apiserver-experiment", "etcd-experiment",
         "leader-failover-running", "leader-failover-analyzing",
         "leader-apiserver-experiment", "leader-apiserver-rollout", "loadgen-shard-kill"]
cases = sorted({r["case"] for r in rows}, key=lambda c: order.index(c) if c in order else 99)
print("<!-- $SECTION:begin (written by bench/reliability/run.sh; edits here are replaced) -->")
print("## $TITLE")
print()
print("Produced by \`make bench-reliability\` on $(date -u +%Y-%m-%d), $(nproc) cores shared with other work;")
print("1/5/15-minute load average $load_before before and $load_after after ($minutes min in all).")
print("Sizes: $NODES pods a network (the smoke network's shape: $relays relays), $TRIALS trials per case,")
print("kills drawn within $KILL_WINDOW_MS ms of the action (scale: half, deletion: an eighth), seed $SEED")
print("(\`SEED=$SEED\` replays every kill instant), convergence allowed $CONVERGE_SECONDS s, writes counted")
print("over $QUIET_SECONDS s after convergence (the operator re-reconciles every 2 s meanwhile).")
print("Control plane cases: etcd or the API server SIGKILLed and started again after 2 to $OUTAGE_MAX_SECONDS s")
print("(state at kill names the outage; time counted from the kill); leader failover: the Lease holder of")
print("two replicas SIGKILLed (state at kill names the takeover time); loadgen-shard-kill: a shard's pod killed")
print("(exit 137) in a 10 s window on a 16-pod network whatever the sizes above, the operator staying up")
print("(state at kill: the window instant and the covered share; time counted from the kill to Succeeded).")
print()
print("| case | trials | converged, invariants held | converge after kill: min / median / max | writes after convergence |")
print("| --- | ---: | ---: | --- | ---: |")
for c in cases:
    rs = [r for r in rows if r["case"] == c]
    ok = [r for r in rs if r["outcome"] == "converged"]
    ms = sorted(int(r["converge_ms"]) for r in rs)
    print(f"| {c} | {len(rs)} | {len(ok)} | {ms[0]} / {int(statistics.median(ms))} / {ms[-1]} ms | {sum(int(r['writes_after']) for r in rs)} |")
print()
print("Every trial (state at kill: the object's phase and ready count when the SIGKILL landed, then the fault):")
print()
print("| case | trial | kill after | state at kill | outcome | converged after kill | writes after | violations |")
print("| --- | ---: | ---: | --- | --- | ---: | ---: | --- |")
for c in cases:
    for r in [r for r in rows if r["case"] == c]:
        print(f"| {c} | {r['trial']} | {r['kill_after_ms']} ms | {r['state_at_kill']} | {r['outcome']} | {r['converge_ms']} ms | {r['writes_after']} | {r['violations'].replace('|', '/')} |")
print("<!-- $SECTION:end -->")
PY
)
replace_section "$OUT" "$SECTION" "$section"
echo "$section"
[ "$status" = 0 ] || echo "some trials failed (maven exit $status): $work/mvn.log" >&2
exit "$status"

#!/usr/bin/env bash
# Benchmarks ChatNetwork provisioning on the local simulated cluster and writes bench/network.md:
# for networks of each size in SIZES (the 1:1 baseline's shape: 3 bootstrap, 2 service, 10% desktop
# clients, the rest relay), the time from `kubectl apply` to phase Ready with the operator, beside the
# floor: the very objects the operator made, applied at once with kubectl, until every StatefulSet
# is ready. Also the operator's write requests (from the API server's audit log, by its own user)
# and its peak resident memory (VmHWM). Every run starts on a fresh cluster on its own ports, and the
# operator is warmed up on the smoke network (in another namespace) before the measured apply.
# Environment: RUNS (default 3), SIZES (default "100 1000 10000"). For A/B comparisons (see
# bench/network/ab.sh): PORT_OFFSET moves the bench cluster's ports (default 0: 34379...), JAR runs
# another build of the operator, OUT and RAW write elsewhere than bench/network.md and -raw.txt,
# FLOOR=0 skips the kubectl floor, PODMONITOR_CRD (a CRD file) is installed with chatnet's CRDs so
# the PodMonitor path runs too.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${RUNS:-3}
SIZES=${SIZES:-100 1000 10000}
FLOOR=${FLOOR:-1}
work=$(mktemp -d /tmp/chatnet-netbench.XXXXXX)
export CHATNET_CLUSTER_STATE="$work/state"
o=${PORT_OFFSET:-0}
export CHATNET_ETCD_PORT=$((34379 + o)) CHATNET_ETCD_PEER_PORT=$((34380 + o)) \
  CHATNET_APISERVER_PORT=$((38443 + o)) CHATNET_KCM_PORT=$((32257 + o)) \
  CHATNET_SCHEDULER_PORT=$((32259 + o)) CHATNET_KWOK_PORT=$((32247 + o))
. "$repo/cluster/scripts/lib.sh"
NS=bench
out=${OUT:-$repo/bench/network.md}
raw=${RAW:-$repo/bench/network-raw.txt}
jar=${JAR:-$repo/operator/target/quarkus-app/quarkus-run.jar}
kubectl() { "$K8S_BIN/kubectl" --kubeconfig "$STATE_DIR/kubeconfig" "$@"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
operator_pid=
cleanup() { [ -n "$operator_pid" ] && kill "$operator_pid" 2>/dev/null; "$repo/cluster/scripts/down.sh" >/dev/null 2>&1 || true; }
trap cleanup EXIT

[ -f "$jar" ] || (cd "$repo" && mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true -pl operator -am package)
"$repo/cluster/scripts/build.sh" >/dev/null 2>&1

fresh_cluster() {
  "$repo/cluster/scripts/down.sh" >/dev/null 2>&1 || true
  "$repo/cluster/scripts/up.sh" >/dev/null 2>&1
  kubectl apply --server-side -f "$repo/crds/" >/dev/null
  if [ -n "${PODMONITOR_CRD:-}" ]; then
    kubectl apply --server-side -f "$PODMONITOR_CRD" >/dev/null
    until kubectl get crd podmonitors.monitoring.coreos.com \
      -o jsonpath='{.status.conditions[?(@.type=="Established")].status}' 2>/dev/null | grep -q True; do sleep 0.2; done
  fi
  kubectl wait --for=condition=Established crd/chatnetworks.chatnet.io --timeout=60s >/dev/null
  kubectl create namespace "$NS" >/dev/null
  until kubectl -n "$NS" get serviceaccount default >/dev/null 2>&1; do sleep 0.2; done
}

manifest() { # manifest SIZE: the baseline's shape scaled to SIZE pods
  local n=$1 clients=$(( $1 / 10 ))
  cat <<YAML
apiVersion: chatnet.io/v1alpha1
kind: ChatNetwork
metadata: {name: net}
spec:
  seed: bench-$n
  groups:
  - {name: boot, kind: nwaku, role: bootstrap, replicas: 3}
  - {name: relay, kind: nwaku, role: relay, replicas: $(( n - 5 - clients ))}
  - {name: service, kind: nwaku, role: service, replicas: 2}
  - {name: desktop, kind: status-backend, role: desktop, replicas: $clients, image: "status-backend:bench"}
YAML
}

# The operator's objects as plain manifests (no server-set fields, no owner), for the floor.
export_objects() {
  kubectl -n "$NS" get statefulsets,services,configmaps,secrets -l app.kubernetes.io/managed-by=chatnet -o json |
    python3 -c '
import json, sys
items = json.load(sys.stdin)["items"]
for o in items:
    o.pop("status", None)
    m = o["metadata"]
    for k in ("uid", "resourceVersion", "creationTimestamp", "managedFields", "ownerReferences", "generation", "annotations"):
        m.pop(k, None)
    if o["kind"] == "Service":
        for k in ("clusterIPs", "ipFamilies", "ipFamilyPolicy", "internalTrafficPolicy", "sessionAffinity"):
            o["spec"].pop(k, None)
print(json.dumps({"apiVersion": "v1", "kind": "List", "items": items}))'
}

all_sets_ready() {
  kubectl -n "$NS" get statefulsets -o jsonpath='{range .items[*]}{.spec.replicas} {.status.readyReplicas}{"\n"}{end}' |
    awk 'BEGIN {ok = 1; n = 0} {n++; if ($1 != $2) ok = 0} END {exit !(ok && n > 0)}'
}

: > "$raw"
declare -A op_ms floor_ms writes mem
for n in $SIZES; do
  ops=(); floors=(); ws=(); ms=()
  for run in $(seq "$RUNS"); do
    fresh_cluster
    KUBECONFIG="$STATE_DIR/chatnet-operator.kubeconfig" QUARKUS_HTTP_PORT=0 java -jar "$jar" > "$work/operator-$n-$run.log" 2>&1 &
    operator_pid=$!
    until grep -q "controller started" "$work/operator-$n-$run.log"; do sleep 0.2; done
    # A running operator is warm: provision the smoke network first so JIT compilation and class
    # loading are not billed to the measured network.
    kubectl create namespace warmup >/dev/null
    kubectl -n warmup apply -f "$repo/test-scenarios/smoke.yaml" >/dev/null
    until [ "$(kubectl -n warmup get chatnetwork smoke -o jsonpath='{.status.phase}')" = Ready ]; do sleep 0.2; done
    t0=$(now_ms)
    manifest "$n" | kubectl -n "$NS" apply -f - >/dev/null
    until [ "$(kubectl -n "$NS" get chatnetwork net -o jsonpath='{.status.phase}')" = Ready ]; do sleep 0.2; done
    ops+=($(( $(now_ms) - t0 )))
    sleep 5   # let the status write and any follow-up reconcile land before counting
    ws+=($(grep '"username":"chatnet-operator"' "$STATE_DIR/logs/audit.log" | grep "\"namespace\":\"$NS\"" |
      grep -cE '"verb":"(create|update|patch|delete)"'))
    ms+=($(awk '/VmHWM/ {print int($2/1024)}' "/proc/$operator_pid/status"))
    export_objects > "$work/objects-$n.json"
    kill "$operator_pid"; wait "$operator_pid" 2>/dev/null || true; operator_pid=
    echo "size $n run $run operator-ms ${ops[-1]} writes ${ws[-1]} peak-rss-mib ${ms[-1]}" >> "$raw"
    if [ "$FLOOR" = 0 ]; then
      floors+=(0)
      continue
    fi

    fresh_cluster
    t0=$(now_ms)
    kubectl -n "$NS" apply --server-side -f "$work/objects-$n.json" >/dev/null
    until all_sets_ready; do sleep 0.2; done
    floors+=($(( $(now_ms) - t0 )))
    echo "size $n run $run floor-ms ${floors[-1]}" >> "$raw"
  done
  op_ms[$n]=$(printf '%s\n' "${ops[@]}" | median); floor_ms[$n]=$(printf '%s\n' "${floors[@]}" | median)
  writes[$n]="${ws[*]}"; mem[$n]=$(printf '%s\n' "${ms[@]}" | sort -n | tail -1)
done

{
  echo "# ChatNetwork provisioning: benchmark"
  echo
  echo "Produced by \`make bench-network\` (bench/network/run.sh) on $(date -u +%Y-%m-%d), $(nproc) cores, on the local"
  echo "simulated cluster (Kubernetes v$K8S_VERSION, kwok v$KWOK_VERSION), a fresh cluster for every run, medians of $RUNS runs."
  echo "Network shape: 3 bootstrap, 2 service, 10% desktop clients, the rest relay. Raw figures: bench/network-raw.txt."
  echo
  echo "| pods | operator: apply to Ready | floor: same objects, kubectl apply to all ready | ratio | operator writes per run | operator peak RSS |"
  echo "| ---: | ---: | ---: | ---: | --- | ---: |"
  for n in $SIZES; do
    ratio=$(awk -v a="${op_ms[$n]}" -v b="${floor_ms[$n]}" 'BEGIN {printf "%.2f", a / b}')
    echo "| $n | ${op_ms[$n]} ms | ${floor_ms[$n]} ms | $ratio | ${writes[$n]} | ${mem[$n]} MiB |"
  done
  echo
  echo "The operator starts groups in three stages (bootstrap, then relay and service, then clients), each"
  echo "waiting for the previous one to be ready; the floor applies everything at once. Writes count every"
  echo "create, update, patch and delete the operator sent in the measured namespace (objects, status and"
  echo "events) from apply to Ready. Before each measured apply the operator provisions the smoke network"
  echo "in another namespace, so the figures are those of a running operator, not of JVM start-up."
  echo "Writes do not follow the node count: the objects are a handful per group (plus one key Secret per"
  echo "8192 nodes of a group), status changes of phase and conditions are few, and ready counts alone are"
  echo "written at most once per 5 s while pods come up, so a longer rollout adds a few status writes."
} > "$out"
cat "$out"

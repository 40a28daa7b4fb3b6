#!/usr/bin/env bash
# Benchmarks the local simulated cluster and writes bench/cluster.md.
#   cold build  : the control plane built from scratch (empty Go build and module caches), once
#   warm up     : `cluster-up` with binaries cached (median of RUNS)
#   N replicas  : one StatefulSet of N replicas (Parallel) applied until readyReplicas == N, on a
#                 fresh cluster each run (median of RUNS), for N in SIZES
# It runs on its own state directory and ports, so a developer's cluster on the default ports is
# left alone. Environment: RUNS (default 3), SIZES (default "1000 10000"), SKIP_COLD=1.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${RUNS:-3}
SIZES=${SIZES:-1000 10000}
export CHATNET_CLUSTER_STATE=${CHATNET_CLUSTER_STATE:-$(mktemp -d /tmp/chatnet-bench.XXXXXX)/state}
export CHATNET_ETCD_PORT=33379 CHATNET_ETCD_PEER_PORT=33380 CHATNET_APISERVER_PORT=37443 \
  CHATNET_KCM_PORT=31257 CHATNET_SCHEDULER_PORT=31259 CHATNET_KWOK_PORT=31247
. "$repo/cluster/scripts/lib.sh"
out="$repo/bench/cluster.md"
raw="$repo/bench/cluster-raw.txt"
kubectl() { "$K8S_BIN/kubectl" --kubeconfig "$STATE_DIR/kubeconfig" "$@"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
down() { "$repo/cluster/scripts/down.sh" >/dev/null 2>&1 || true; }
trap down EXIT
: > "$raw"

cold="(skipped)"
if [ "${SKIP_COLD:-0}" != 1 ]; then
  scratch=$(mktemp -d /tmp/chatnet-cold.XXXXXX)
  t0=$(now_ms)
  CHATNET_CACHE="$scratch/cache" GOCACHE="$scratch/gocache" GOMODCACHE="$scratch/gomod" \
    "$repo/cluster/scripts/build.sh" >/dev/null 2>&1
  cold=$(( ($(now_ms) - t0) / 1000 ))
  chmod -R u+w "$scratch"; rm -rf "$scratch"
  echo "cold-build-s $cold" >> "$raw"
fi

"$repo/cluster/scripts/build.sh" >/dev/null 2>&1
ups=()
for _ in $(seq "$RUNS"); do
  down
  t0=$(now_ms); "$repo/cluster/scripts/up.sh" >/dev/null 2>&1; ups+=($(( $(now_ms) - t0 )))
  echo "warm-up-ms ${ups[-1]}" >> "$raw"
done

declare -A results
for n in $SIZES; do
  times=()
  for _ in $(seq "$RUNS"); do
    down; "$repo/cluster/scripts/up.sh" >/dev/null 2>&1
    kubectl create namespace bench >/dev/null
    until kubectl -n bench get serviceaccount default >/dev/null 2>&1; do sleep 0.2; done
    t0=$(now_ms)
    kubectl -n bench apply -f - >/dev/null <<YAML
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: bench}
spec:
  replicas: $n
  podManagementPolicy: Parallel
  serviceName: bench
  selector: {matchLabels: {app: bench}}
  template:
    metadata: {labels: {app: bench}}
    spec:
      enableServiceLinks: false
      containers:
      - name: c
        image: example.invalid/never-pulled:1
        resources: {requests: {cpu: 10m, memory: 16Mi}}
YAML
    until [ "$(kubectl -n bench get statefulset bench -o jsonpath='{.status.readyReplicas}')" = "$n" ]; do sleep 0.5; done
    times+=($(( $(now_ms) - t0 )))
    echo "replicas-$n-ms ${times[-1]}" >> "$raw"
  done
  results[$n]="$(printf '%s\n' "${times[@]}" | median) (runs: ${times[*]})"
done

{
  echo "# Local simulated cluster: benchmark"
  echo
  echo "Produced by \`make bench-cluster\` (bench/cluster/run.sh) on $(date -u +%Y-%m-%d), $(nproc) cores,"
  echo "$(free -g | awk '/Mem:/ {print $2}') GiB, Kubernetes v$K8S_VERSION, etcd v$ETCD_VERSION, kwok v$KWOK_VERSION."
  echo "Medians of $RUNS runs; every replica run starts on a fresh cluster. Raw figures: bench/cluster-raw.txt."
  echo
  echo "| what | result |"
  echo "| --- | --- |"
  echo "| cold build of the binaries (empty Go caches, modules from the proxy) | ${cold} s |"
  echo "| warm \`cluster-up\` (binaries cached) | $(printf '%s\n' "${ups[@]}" | median) ms (runs: ${ups[*]}) |"
  for n in $SIZES; do
    echo "| StatefulSet of $n replicas: apply to all Running and Ready | ${results[$n]} ms |"
  done
  echo
  echo "Readiness is read from the StatefulSet's readyReplicas (kwok marks a pod Running and Ready together)."
} > "$out"
cat "$out"

#!/usr/bin/env bash
# The main job: run the operator against a cluster and bring up the smoke scenario and a
# 1000-node scenario, showing them reach Ready; then plan the 1000-node baseline and a 10,000-user
# network with the capacity planner (the table kubectl chatnet plan prints).
#
# Cluster: the one KUBECONFIG (or ~/.kube/config) names, if it has a current context; otherwise
# the local simulated cluster, started here if needed. CHATNET_LOCAL=1 forces the local one.
# The networks are left running for a look around; `make demo-clean` removes them.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
. "$repo/cluster/scripts/lib.sh"
NS=${CHATNET_DEMO_NAMESPACE:-chatnet-demo}
say() { printf '\n==> %s\n' "$*"; }

kubeconfig=${KUBECONFIG:-$HOME/.kube/config}
if [ "${CHATNET_LOCAL:-0}" != 1 ] && [ -f "${kubeconfig%%:*}" ] &&
   kubectl --kubeconfig "$kubeconfig" config current-context >/dev/null 2>&1; then
  export KUBECONFIG=$kubeconfig
  say "using the cluster of context $(kubectl config current-context)"
  kubectl=(kubectl)
else
  say "no cluster configured: using the local simulated cluster"
  "$repo/cluster/scripts/up.sh"
  export KUBECONFIG="$STATE_DIR/kubeconfig"
  kubectl=("$K8S_BIN/kubectl")
fi

jar="$repo/operator/target/quarkus-app/quarkus-run.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$repo/operator/src" "$repo/pom.xml" "$repo/operator/pom.xml" -newer "$jar" -print -quit)" ]; then
  say "building the operator"
  (cd "$repo" && mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true -pl operator -am package)
fi

say "installing the CRDs from crds/"
"${kubectl[@]}" apply --server-side --force-conflicts -f "$repo/crds/"
"${kubectl[@]}" wait --for=condition=Established crd/chatnetworks.chatnet.io --timeout=60s

log=$(mktemp /tmp/chatnet-operator.XXXXXX.log)
say "starting the operator (log: $log)"
# Health and metrics on a free port, so a second operator or another service on 8080 is no clash.
QUARKUS_HTTP_PORT=${CHATNET_OPERATOR_PORT:-0} java -jar "$jar" >"$log" 2>&1 &
operator=$!
trap 'kill $operator 2>/dev/null || true; wait $operator 2>/dev/null || true' EXIT

"${kubectl[@]}" create namespace "$NS" --dry-run=client -o yaml | "${kubectl[@]}" apply -f - >/dev/null

await_ready() { # await_ready NAME TIMEOUT_SECONDS
  local start=$SECONDS
  until [ "$("${kubectl[@]}" -n "$NS" get chatnetwork "$1" -o jsonpath='{.status.phase}' 2>/dev/null)" = Ready ]; do
    if ! kill -0 "$operator" 2>/dev/null; then tail -n 30 "$log"; echo "the operator exited" >&2; exit 1; fi
    if [ $((SECONDS - start)) -ge "$2" ]; then
      "${kubectl[@]}" -n "$NS" get chatnetwork "$1" -o yaml | sed -n '/^status:/,$p'
      echo "$1 was not Ready after $2 s" >&2; exit 1
    fi
    sleep 1
  done
  echo "$1 Ready after $((SECONDS - start)) s"
}

say "applying test-scenarios/smoke.yaml"
"${kubectl[@]}" -n "$NS" apply -f "$repo/test-scenarios/smoke.yaml"
await_ready smoke 300
"${kubectl[@]}" -n "$NS" get chatnetwork smoke

say "applying test-scenarios/baseline-1to1-1000.yaml (1000 pods)"
"${kubectl[@]}" -n "$NS" apply -f "$repo/test-scenarios/baseline-1to1-1000.yaml"
await_ready baseline-1k 900
"${kubectl[@]}" -n "$NS" get chatnetworks
"${kubectl[@]}" -n "$NS" get statefulsets

# What chatnet answers beyond Ready pods: capacity plans (kubectl chatnet plan; docs/capacity.md).
plan() { "$repo/scripts/kubectl-chatnet" plan "$@"; }
say "capacity plan: the published 1000-node baseline (kubectl chatnet plan --relay-nodes 1000 --network-rate 1 --message-size 1KB)"
plan --relay-nodes 1000 --network-rate 1 --message-size 1KB
say "capacity plan: 10,000 users, one-to-one, 0.1 msg/s each (the sweep scenarios' rate), 1 KB, 10 Gbit machines"
plan --users 10000 --rate 0.1 --message-size 1KB --node-bandwidth 10Gbit

say "done. The networks keep running: kubectl -n $NS get chatnetworks; 'make demo-clean' removes them."

#!/usr/bin/env bash
# Starts the local simulated cluster on loopback: etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler and the kwok controller as processes, then simulated nodes. Running it again while the
# cluster is up only prints the kubeconfig line.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

NODES=${CHATNET_NODES:-20}
PODS_PER_NODE=${CHATNET_PODS_PER_NODE:-600}
KUBECONFIG_FILE="$STATE_DIR/kubeconfig"
# shellcheck source=components.sh
. "$(dirname "$0")/components.sh"

component_kubeconfig() { # component_kubeconfig NAME: a kubeconfig authenticating as that component
  cat > "$STATE_DIR/$1.kubeconfig" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: chatnet-local
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority: $PKI/ca.crt
users:
- name: $1
  user:
    client-certificate: $PKI/$1.crt
    client-key: $PKI/$1.key
contexts:
- name: chatnet-local
  context: {cluster: chatnet-local, user: $1}
current-context: chatnet-local
YAML
}

if all_running; then
  say "already up"
  echo "export KUBECONFIG=$KUBECONFIG_FILE"
  exit 0
fi
if [ -d "$PIDS" ] && ls "$PIDS"/*.pid >/dev/null 2>&1; then
  say "a previous cluster is partly running; stopping it first"
  "$CLUSTER_DIR/scripts/down.sh"
fi

"$CLUSTER_DIR/scripts/build.sh"
port_free "$ETCD_CLIENT_PORT" CHATNET_ETCD_PORT
port_free "$ETCD_PEER_PORT" CHATNET_ETCD_PEER_PORT
port_free "$APISERVER_PORT" CHATNET_APISERVER_PORT
port_free "$KCM_PORT" CHATNET_KCM_PORT
port_free "$SCHEDULER_PORT" CHATNET_SCHEDULER_PORT
port_free "$KWOK_PORT" CHATNET_KWOK_PORT

began=$(date +%s%N)
mkdir -p "$PIDS" "$LOGS" "$STATE_DIR/etcd"
save_ports
"$CLUSTER_DIR/scripts/pki.sh"

start_etcd

write_audit_policy
start_apiserver

for c in admin kube-controller-manager kube-scheduler kwok chatnet-operator; do component_kubeconfig "$c"; done
cp "$STATE_DIR/admin.kubeconfig" "$KUBECONFIG_FILE.tmp" && mv "$KUBECONFIG_FILE.tmp" "$KUBECONFIG_FILE"
# kwok's pod writes get a kubelet's UID guard before kwok writes any (the policy file says why).
"$K8S_BIN/kubectl" --kubeconfig "$KUBECONFIG_FILE" apply \
  -f "$CLUSTER_DIR/kwok/kwok-writes-like-a-kubelet.yaml" >/dev/null

kcm_cfg="$STATE_DIR/kube-controller-manager.kubeconfig"
start kube-controller-manager "$K8S_BIN/kube-controller-manager" \
  --kubeconfig "$kcm_cfg" --authentication-kubeconfig "$kcm_cfg" --authorization-kubeconfig "$kcm_cfg" \
  --bind-address 127.0.0.1 --secure-port "$KCM_PORT" --leader-elect=false \
  --root-ca-file "$PKI/ca.crt" --service-account-private-key-file "$PKI/sa.key" \
  --service-cluster-ip-range 10.96.0.0/16 --cluster-name chatnet-local \
  --controllers '*,-nodeipam,-cloud-node-lifecycle,-service-lb-controller,-route' \
  --kube-api-qps 1000 --kube-api-burst 2000 \
  --concurrent-statefulset-syncs 10 --concurrent-gc-syncs 50 --concurrent-namespace-syncs 10 \
  --profiling=false

cat > "$STATE_DIR/scheduler.yaml" <<YAML
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
clientConnection:
  kubeconfig: $STATE_DIR/kube-scheduler.kubeconfig
  qps: 1000
  burst: 2000
leaderElection:
  leaderElect: false
YAML
sched_cfg="$STATE_DIR/kube-scheduler.kubeconfig"
start kube-scheduler "$K8S_BIN/kube-scheduler" --config "$STATE_DIR/scheduler.yaml" \
  --authentication-kubeconfig "$sched_cfg" --authorization-kubeconfig "$sched_cfg" \
  --bind-address 127.0.0.1 --secure-port "$SCHEDULER_PORT"

# kwok plays the kubelet of every node annotated kwok.x-k8s.io/node=fake: heartbeats, pod status,
# pod IPs from a range nothing routes to (no traffic ever goes there). Its "fast" stages, plus one of
# ours: a kubelet sets Ready back after kube-controller-manager marked its pods not ready
# (cluster/kwok/pod-ready-again.yaml says why).
start kwok "$KWOK_BIN/kwok" --kubeconfig "$STATE_DIR/kwok.kubeconfig" --config "$KWOK_BIN/stages.yaml" \
  --manage-all-nodes=false --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
  --cidr 10.128.0.0/12 --node-ip 10.127.0.1 --node-lease-duration-seconds 40 \
  --server-address "127.0.0.1:$KWOK_PORT" --config "$CLUSTER_DIR/kwok/pod-ready-again.yaml"
# ... and the kubelet's periodic status sync that kwok lacks (kwok-resync.py says why).
start kwok-resync python3 "$CLUSTER_DIR/scripts/kwok-resync.py" "https://127.0.0.1:$APISERVER_PORT" "$PKI"

wait_for kube-controller-manager 60 curl -fsSk "https://127.0.0.1:$KCM_PORT/healthz"
wait_for kube-scheduler 60 curl -fsSk "https://127.0.0.1:$SCHEDULER_PORT/healthz"
wait_for kwok 60 curl -fsS "http://127.0.0.1:$KWOK_PORT/healthz"

kubectl=("$K8S_BIN/kubectl" --kubeconfig "$KUBECONFIG_FILE")
for i in $(seq 0 $((NODES - 1))); do
  cat <<YAML
---
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-$i
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
  labels:
    kubernetes.io/arch: amd64
    kubernetes.io/os: linux
    kubernetes.io/hostname: kwok-node-$i
    type: kwok
    topology.kubernetes.io/zone: zone-$((i % 3))
status:
  allocatable: {cpu: "128", memory: 1Ti, pods: "$PODS_PER_NODE", ephemeral-storage: 1Ti}
  capacity: {cpu: "128", memory: 1Ti, pods: "$PODS_PER_NODE", ephemeral-storage: 1Ti}
YAML
done | "${kubectl[@]}" apply -f - >/dev/null
wait_for kwok 120 "${kubectl[@]}" wait --for=condition=Ready node --all --timeout=5s
# Pods need the default ServiceAccount before they can be created in a namespace.
wait_for kube-controller-manager 60 "${kubectl[@]}" -n default get serviceaccount default

say "up in $(( ($(date +%s%N) - began) / 1000000 )) ms: $NODES simulated nodes, room for $((NODES * PODS_PER_NODE)) pods"
echo "export KUBECONFIG=$KUBECONFIG_FILE"

# Shared settings for the cluster scripts. Sourced, not run.
# shellcheck shell=bash
CLUSTER_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_DIR=$(cd "$CLUSTER_DIR/.." && pwd)
# shellcheck source=../versions.env
. "$CLUSTER_DIR/versions.env"
CACHE_DIR=${CHATNET_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/chatnet}
K8S_BIN="$CACHE_DIR/k8s-v$K8S_VERSION-etcd-v$ETCD_VERSION"
KWOK_BIN="$CACHE_DIR/kwok-v$KWOK_VERSION"
HELM_BIN="$CACHE_DIR/helm-v$HELM_VERSION"
STATE_DIR=${CHATNET_CLUSTER_STATE:-$REPO_DIR/.cluster}
# Loopback ports; each can be moved with an environment variable when one is taken.
ETCD_CLIENT_PORT=${CHATNET_ETCD_PORT:-32379}
ETCD_PEER_PORT=${CHATNET_ETCD_PEER_PORT:-32380}
APISERVER_PORT=${CHATNET_APISERVER_PORT:-36443}
KCM_PORT=${CHATNET_KCM_PORT:-30257}
SCHEDULER_PORT=${CHATNET_SCHEDULER_PORT:-30259}
KWOK_PORT=${CHATNET_KWOK_PORT:-30247}
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok kwok-resync)

die() { echo "cluster: $*" >&2; exit 1; }
say() { echo "cluster: $*" >&2; }

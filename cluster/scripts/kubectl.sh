#!/usr/bin/env bash
# kubectl built with the cluster, pointed at the local cluster.
. "$(dirname "$0")/lib.sh"
exec "$K8S_BIN/kubectl" --kubeconfig "$STATE_DIR/kubeconfig" "$@"

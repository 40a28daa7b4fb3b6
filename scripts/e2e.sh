#!/usr/bin/env bash
# make e2e: the end-to-end check of chatnet on a real cluster (io.chatnet.operator.e2e.E2eCheck, run
# from the operator's build as scripts/report.sh runs ReportCli). Cluster: the one KUBECONFIG (or
# ~/.kube/config) names if it has a current context, otherwise the local simulated cluster's
# .cluster/kubeconfig, where the check says in one line that it runs no containers and stops.
# KEEP=1 keeps the namespace; NAMESPACE=ns runs elsewhere (default chatnet-e2e);
# SKIP_OPERATOR_CHECK=1 for an operator not installed by the chart (e.g. make run).
set -euo pipefail
. "$(dirname "$0")/operator-cli.sh"
operator_app
use_cluster
args=(--manifests "$repo/test-scenarios/e2e" --namespace "${NAMESPACE:-chatnet-e2e}")
[ "${KEEP:-0}" = 1 ] && args+=(--keep)
[ "${SKIP_OPERATOR_CHECK:-0}" = 1 ] && args+=(--skip-operator-check)
run_operator_cli io.chatnet.operator.e2e.E2eCheck "${args[@]}" "$@"

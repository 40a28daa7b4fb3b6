#!/usr/bin/env bash
# make report / make compare: runs the report command of the operator's build.
# Cluster (export only): as scripts/operator-cli.sh chooses (KUBECONFIG's current context, else the
# local simulated cluster).
set -euo pipefail
. "$(dirname "$0")/operator-cli.sh"
operator_app
if [ "${1:-}" = export ]; then
  use_cluster
fi
run_operator_cli io.chatnet.operator.report.ReportCli "$@"

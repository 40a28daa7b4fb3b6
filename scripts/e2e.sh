#!/usr/bin/env bash
# make e2e: the end-to-end check of chatnet on a real cluster (io.chatnet.operator.e2e.E2eCheck, run
# from the operator's build as scripts/report.sh runs ReportCli). Cluster: the one KUBECONFIG (or
# ~/.kube/config) names if it has a current context, otherwise the local simulated cluster's
# .cluster/kubeconfig, where the check says in one line that it runs no containers and stops.
# KEEP=1 keeps the namespace; NAMESPACE=ns runs elsewhere (default chatnet-e2e);
# SKIP_OPERATOR_CHECK=1 for an operator not installed by the chart (e.g. make run).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
app="$repo/operator/target/quarkus-app"
if [ ! -d "$app/app" ] || [ -n "$(find "$repo/operator/src/main" "$repo/pom.xml" "$repo/operator/pom.xml" -newer "$app/quarkus-run.jar" -print -quit)" ]; then
  echo "building the operator" >&2
  (cd "$repo" && mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true -pl operator -am package)
fi
. "$repo/cluster/scripts/lib.sh"
kubectl=$(command -v kubectl || echo "$K8S_BIN/kubectl")
kubeconfig=${KUBECONFIG:-$HOME/.kube/config}
if [ "${CHATNET_LOCAL:-0}" != 1 ] && [ -f "${kubeconfig%%:*}" ] &&
   "$kubectl" --kubeconfig "$kubeconfig" config current-context >/dev/null 2>&1; then
  export KUBECONFIG=$kubeconfig
elif [ -f "$STATE_DIR/kubeconfig" ]; then
  export KUBECONFIG="$STATE_DIR/kubeconfig"
else
  echo "no kubeconfig: set KUBECONFIG, or start the local cluster with make cluster-up" >&2
  exit 1
fi
args=(--manifests "$repo/test-scenarios/e2e" --namespace "${NAMESPACE:-chatnet-e2e}")
[ "${KEEP:-0}" = 1 ] && args+=(--keep)
[ "${SKIP_OPERATOR_CHECK:-0}" = 1 ] && args+=(--skip-operator-check)
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$app/lib/boot/*:$app/lib/main/*:$app/app/*" io.chatnet.operator.e2e.E2eCheck "${args[@]}" "$@"

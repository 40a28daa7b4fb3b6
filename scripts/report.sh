#!/usr/bin/env bash
# make report / make compare: runs the report command of the operator's build.
# Cluster (export only): the one KUBECONFIG (or ~/.kube/config) names if it has a current context,
# otherwise the local simulated cluster's .cluster/kubeconfig, as scripts/demo.sh chooses.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
app="$repo/operator/target/quarkus-app"
if [ ! -d "$app/app" ] || [ -n "$(find "$repo/operator/src/main" "$repo/pom.xml" "$repo/operator/pom.xml" -newer "$app/quarkus-run.jar" -print -quit)" ]; then
  echo "building the operator" >&2
  (cd "$repo" && mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true -pl operator -am package)
fi
if [ "${1:-}" = export ]; then
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
fi
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$app/lib/boot/*:$app/lib/main/*:$app/app/*" io.chatnet.operator.report.ReportCli "$@"

# Sourced by the scripts that run a command of the operator's build (report.sh, e2e.sh).
# operator_app: builds operator/target/quarkus-app when missing or older than the sources.
# use_cluster: exports KUBECONFIG: the one KUBECONFIG (or ~/.kube/config) names if it has a current
# context, otherwise the local simulated cluster's, as scripts/demo.sh chooses.
# run_operator_cli CLASS ARGS...: runs a main class of the operator's build.
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
app="$repo/operator/target/quarkus-app"

operator_app() {
  if [ ! -d "$app/app" ] || [ -n "$(find "$repo/operator/src/main" "$repo/pom.xml" "$repo/operator/pom.xml" -newer "$app/quarkus-run.jar" -print -quit)" ]; then
    echo "building the operator" >&2
    (cd "$repo" && mvn -B -ntp -q -DskipTests -Dspotless.check.skip=true -pl operator -am package)
  fi
}

use_cluster() {
  . "$repo/cluster/scripts/lib.sh"
  local kubectl kubeconfig
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
}

run_operator_cli() {
  local main=$1
  shift
  exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$app/lib/boot/*:$app/lib/main/*:$app/app/*" "$main" "$@"
}

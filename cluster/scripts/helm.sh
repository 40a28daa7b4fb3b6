#!/usr/bin/env bash
# helm of the pinned version from the tool cache (build it with `make helm-build`). Unlike kubectl.sh it
# names no cluster: pass --kubeconfig when a command talks to one.
. "$(dirname "$0")/lib.sh"
[ -x "$HELM_BIN/helm" ] || die "helm v$HELM_VERSION is not built in $HELM_BIN: run 'make helm-build' (cluster/scripts/build-helm.sh)."
exec "$HELM_BIN/helm" "$@"

#!/usr/bin/env bash
# Builds helm from its Go module into the tool cache (~/.cache/chatnet/helm-v<version>/helm), once per
# version, the way build.sh builds the control plane. The chart tests and `make helm-lint` use it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

if [ -x "$HELM_BIN/helm" ]; then
  say "helm v$HELM_VERSION already built in $HELM_BIN"
  exit 0
fi
command -v go >/dev/null || die "Go is not installed; it is needed once to build helm v$HELM_VERSION (Go >= 1.25 on PATH)."
say "building helm v$HELM_VERSION into $HELM_BIN (first run only; about 1-5 minutes)"
module="helm.sh/helm/v3"
gomod=$(go mod download -json "$module@v$HELM_VERSION" | sed -n 's/^\t"GoMod": "\(.*\)",$/\1/p')
[ -f "$gomod" ] || die "could not download $module@v$HELM_VERSION from the Go module proxy ('go env GOPROXY' is $(go env GOPROXY))."
# Stamp what helm's own Makefile stamps: its version, and the Kubernetes version it assumes when no
# cluster is asked (.Capabilities.KubeVersion in `helm template`, deprecation checks in `helm lint`),
# taken from the client-go it is built with (v0.M.N is Kubernetes 1.M).
client_go=$(sed -n 's/^\tk8s.io\/client-go v0\.\([0-9]*\)\..*/\1/p' "$gomod")
[ -n "$client_go" ] || die "k8s.io/client-go is not required by $gomod; cannot stamp the Kubernetes version"
ldflags="-s -w -X $module/internal/version.version=v$HELM_VERSION -X $module/internal/version.gitTreeState=clean"
for pkg in pkg/lint/rules pkg/chartutil; do
  ldflags+=" -X $module/$pkg.k8sVersionMajor=1 -X $module/$pkg.k8sVersionMinor=$client_go"
done
tmp="$HELM_BIN.partial"
rm -rf "$tmp"; mkdir -p "$tmp"
# helm's go.mod asks for a newer Go than the local one at times; GOTOOLCHAIN=auto (the default) fetches it.
GOBIN="$tmp" CGO_ENABLED=0 GOFLAGS=-trimpath go install -ldflags "$ldflags" "$module/cmd/helm@v$HELM_VERSION" ||
  die "building helm v$HELM_VERSION failed (see the go output above)."
built=$("$tmp/helm" version --template '{{.Version}}')
[ "$built" = "v$HELM_VERSION" ] || die "the helm just built reports $built, not v$HELM_VERSION"
rm -rf "$HELM_BIN"; mv "$tmp" "$HELM_BIN"
say "helm $built ready: $HELM_BIN/helm"

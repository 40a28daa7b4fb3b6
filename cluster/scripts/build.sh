#!/usr/bin/env bash
# Builds the local control plane into a cache keyed by version, so only the first run pays:
# kube-apiserver, kube-controller-manager, kube-scheduler and kubectl from the k8s.io/kubernetes module,
# etcd from the same module graph (cluster/tools), and kwok from sigs.k8s.io/kwok.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

need_go() {
  command -v go >/dev/null || die "Go is not installed; it is needed once to build the control plane (Go >= 1.25 on PATH; Debian 12's golang package is too old)."
  local v; v=$(go env GOVERSION | sed 's/^go//')
  printf '%s\n%s\n' "1.25" "$v" | sort -V -C || die "Go $v is too old; Kubernetes v$K8S_VERSION needs Go >= 1.25."
}

build_k8s() {
  local k8s=(kube-apiserver kube-controller-manager kube-scheduler kubectl etcd) missing=0 c
  for c in "${k8s[@]}"; do [ -x "$K8S_BIN/$c" ] || missing=1; done
  [ "$missing" = 1 ] || { say "control plane v$K8S_VERSION already built in $K8S_BIN"; return; }
  need_go
  say "building Kubernetes v$K8S_VERSION and etcd v$ETCD_VERSION into $K8S_BIN (first run only; about 15-25 minutes on 2 cores)"
  local minor=${K8S_VERSION#*.}; minor=${minor%%.*}
  local pkg=k8s.io/component-base/version
  local ldflags="-s -w -X $pkg.gitVersion=v$K8S_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
  ldflags+=" -X k8s.io/client-go/pkg/version.gitVersion=v$K8S_VERSION -X k8s.io/client-go/pkg/version.gitMajor=1 -X k8s.io/client-go/pkg/version.gitMinor=$minor"
  local tmp="$K8S_BIN.partial"
  rm -rf "$tmp"; mkdir -p "$tmp"
  ( cd "$CLUSTER_DIR/tools" &&
    GOTOOLCHAIN=local GOFLAGS=-mod=readonly CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$tmp/" \
      k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
      k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl ./etcd
  ) || die "building the Kubernetes binaries failed (see the go output above); check that the Go module proxy is reachable and 'go env GOPROXY'."
  rm -rf "$K8S_BIN"; mv "$tmp" "$K8S_BIN"
}

build_kwok() {
  [ -x "$KWOK_BIN/kwok" ] && [ -f "$KWOK_BIN/stages.yaml" ] && { say "kwok v$KWOK_VERSION already built in $KWOK_BIN"; return; }
  need_go
  say "building kwok v$KWOK_VERSION into $KWOK_BIN"
  local tmp="$KWOK_BIN.partial"
  rm -rf "$tmp"; mkdir -p "$tmp"
  # kwok v0.8 declares go 1.26; let the go command fetch that toolchain if the local one is older.
  GOBIN="$tmp" CGO_ENABLED=0 GOFLAGS=-trimpath go install -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@v$KWOK_VERSION" ||
    die "building kwok failed (see above)."
  # kwok ships its lifecycle stages as YAML in its module, not in the binary: take the "fast" set
  # (nodes Ready with lease heartbeats; pods Running at once, Job pods Succeeded, deletion honoured).
  local src
  src=$(go mod download -json "sigs.k8s.io/kwok@v$KWOK_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  [ -d "$src/kustomize/stage" ] || die "kwok's stage definitions were not found in the Go module cache ($src)."
  local stage
  for stage in node/fast/node-initialize node/heartbeat-with-lease/node-heartbeat-with-lease \
    pod/fast/pod-ready pod/fast/pod-complete pod/fast/pod-delete; do
    echo "---"; cat "$src/kustomize/stage/$stage.yaml"
  done > "$tmp/stages.yaml"
  rm -rf "$KWOK_BIN"; mv "$tmp" "$KWOK_BIN"
}

start=$(date +%s)
build_k8s
build_kwok
say "binaries ready in $(( $(date +%s) - start ))s"

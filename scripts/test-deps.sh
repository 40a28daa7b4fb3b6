#!/usr/bin/env bash
# What `make test` needs, checked in one place (make test and .ci/run both call this):
# Debian packages (the Prometheus and Chromium the tests run, jq, openssl for the local cluster's
# certificates, and the build tools), then the local control plane and helm built from pinned Go
# modules into ~/.cache/chatnet. Missing packages are installed with apt-get when this runs as root
# or with password-less sudo; missing builds are built when Go is on PATH. Whatever cannot be had
# this way is named on one line each, with how to get it, and the script exits 1.
# --check: install and build nothing; only name what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. cluster/scripts/lib.sh

install=1
[ "${1:-}" = --check ] && install=0

# command:package pairs, as Debian names them
PACKAGES=(openssl:openssl curl:curl ss:iproute2 mvn:maven javac:openjdk-17-jdk-headless make:make
  prometheus:prometheus promtool:prometheus chromium:chromium jq:jq)

missing=()
for pair in "${PACKAGES[@]}"; do
  command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
done
# each package once, in order
mapfile -t missing < <(printf '%s\n' ${missing[@]+"${missing[@]}"} | awk 'NF && !seen[$0]++')

apt=()
if [ "$(id -u)" = 0 ]; then apt=(apt-get); elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then apt=(sudo apt-get); fi

problems=()
if [ ${#missing[@]} -gt 0 ]; then
  if [ $install = 1 ] && [ ${#apt[@]} -gt 0 ] && command -v apt-get >/dev/null; then
    echo "test-deps: installing ${missing[*]}"
    "${apt[@]}" update -qq && DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq "${missing[@]}" >/dev/null
  else
    for p in "${missing[@]}"; do
      problems+=("missing: Debian package $p (for the tests); get it with: sudo apt-get install $p")
    done
  fi
fi

if ! command -v go >/dev/null && [ -x /usr/local/go/bin/go ]; then export PATH="$PATH:/usr/local/go/bin"; fi
built() { # built NAME DIR FILE...: every FILE is in DIR
  local dir=$2 f; shift 2
  for f in "$@"; do [ -x "$dir/$f" ] || [ -f "$dir/$f" ] || return 1; done
}
need_build() { # need_build WHAT MAKE-TARGET: build it when Go is here and we may, else say so
  if [ $install = 1 ] && command -v go >/dev/null; then
    make --no-print-directory "$2"
  else
    problems+=("missing: $1 in $CACHE_DIR; build it with: make $2 (needs Go >= 1.25 on PATH)")
  fi
}
built control-plane "$K8S_BIN" kube-apiserver kube-controller-manager kube-scheduler kubectl etcd &&
  built kwok "$KWOK_BIN" kwok stages.yaml || need_build "the local control plane (Kubernetes, etcd, kwok)" cluster-build
built helm "$HELM_BIN" helm || need_build "helm v$HELM_VERSION (chart tests)" helm-build

if [ ${#problems[@]} -gt 0 ]; then
  printf 'test-deps: %s\n' "${problems[@]}" >&2
  exit 1
fi
echo "test-deps: everything make test needs is here"

#!/usr/bin/env bash
# Kills (SIGKILL) and starts again one control plane process of the running local cluster, as a
# crash or a rolling restart would: same binary, flags, ports and data dir as up.sh (the same
# functions, components.sh). Used by the reliability campaign (issue 15) between its steps:
#   restart.sh kill etcd|apiserver    SIGKILL the recorded process, wait until it is gone
#   restart.sh start etcd|apiserver   start it again, return once healthy (/readyz of the API
#                                     server in both cases: it serves again only with etcd)
#   restart.sh etcd|apiserver         both, at once
# The cluster is the one of CHATNET_CLUSTER_STATE (default <repo>/.cluster), on the ports it was
# started with (its ports.env), whatever this shell exports.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
# shellcheck source=components.sh
. "$(dirname "$0")/components.sh"
[ -f "$PORTS_FILE" ] || die "no cluster at $STATE_DIR (no ports.env): start it with make cluster-up"
# shellcheck disable=SC1090
. "$PORTS_FILE"

usage() { die "usage: restart.sh [kill|start] etcd|apiserver"; }
action=both
case "${1:-}" in kill|start) action=$1; shift ;; esac
case "${1:-}" in
  etcd) name=etcd ;;
  apiserver|kube-apiserver) name=kube-apiserver ;;
  *) usage ;;
esac

kill_component() {
  running "$name" || die "$name is not running (pid file $PIDS/$name.pid)"
  local pid; pid=$(cat "$PIDS/$name.pid")
  kill -KILL "$pid"
  for _ in $(seq 1 100); do running "$name" || return 0; sleep 0.1; done
  die "$name (pid $pid) still alive 10 s after SIGKILL"
}

start_component() {
  running "$name" && die "$name is already running"
  case "$name" in
    etcd) # the API server stays up without etcd; answering again is what ends the outage
      start_etcd
      running kube-apiserver && wait_for kube-apiserver 90 healthz "https://127.0.0.1:$APISERVER_PORT/readyz" ;;
    kube-apiserver) start_apiserver ;;
  esac
}

case "$action" in
  kill) kill_component ;;
  start) start_component ;;
  both) kill_component; start_component ;;
esac
say "$action $name: done (pid $(cat "$PIDS/$name.pid"))"

#!/usr/bin/env bash
# Stops exactly the processes cluster-up started (by recorded pid, checked against the command line)
# and removes the cluster state.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
PIDS="$STATE_DIR/pids"

ours() { [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' < "/proc/$1/cmdline" | grep -q -- "$2"; }

stopped=()
# Reverse start order: the simulated kubelet and controllers before the API server, etcd last.
for ((i=${#COMPONENTS[@]}-1; i>=0; i--)); do
  name=${COMPONENTS[$i]} f="$PIDS/${COMPONENTS[$i]}.pid"
  [ -f "$f" ] || continue
  pid=$(cat "$f")
  if ours "$pid" "$name"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do ours "$pid" "$name" || break; sleep 0.2; done
    if ours "$pid" "$name"; then kill -KILL "$pid" 2>/dev/null || true; fi
    stopped+=("$name")
  fi
  rm -f "$f"
done
rm -rf "$STATE_DIR"
say "down${stopped[*]:+ (stopped ${stopped[*]})}; state removed"

# How the control plane's processes are started and watched: shared by up.sh (the first start)
# and restart.sh (etcd or the API server again, same ports, flags and data dir). Sourced after
# lib.sh, not run.
# shellcheck shell=bash
PIDS="$STATE_DIR/pids"
LOGS="$STATE_DIR/logs"
PKI="$STATE_DIR/pki"
PORTS_FILE="$STATE_DIR/ports.env"

running() { # running NAME: the recorded process is alive and is ours
  local f="$PIDS/$1.pid" pid
  [ -f "$f" ] || return 1
  pid=$(cat "$f")
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$1"
}

all_running() { local c; for c in "${COMPONENTS[@]}"; do running "$c" || return 1; done; }

port_free() {
  if ss -ltnH "sport = :$1" 2>/dev/null | grep -q .; then
    local who; who=$(ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\("[^"]*"\).*/\1/p' | head -1)
    die "port $1 on loopback is in use${who:+ by $who}; stop that program, run 'make cluster-down', or move our port with $2=<free port>."
  fi
}

start() { # start NAME BINARY ARGS...: a detached process with its own log and pid file
  local name=$1; shift
  setsid "$@" >"$LOGS/$name.log" 2>&1 < /dev/null &
  echo $! > "$PIDS/$name.pid"
}

wait_for() { # wait_for NAME SECONDS COMMAND...: poll until COMMAND succeeds, or explain
  local name=$1 limit=$2; shift 2
  local deadline=$(( $(date +%s) + limit ))
  until "$@" >/dev/null 2>&1; do
    running "$name" || { tail -n 20 "$LOGS/$name.log" >&2; die "$name exited during start-up; its log: $LOGS/$name.log"; }
    [ "$(date +%s)" -lt "$deadline" ] || { tail -n 20 "$LOGS/$name.log" >&2; die "$name was not healthy after ${limit}s; its log: $LOGS/$name.log"; }
    sleep 0.5
  done
}

healthz() { curl -fsS --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" "$1"; }

save_ports() { # the ports this cluster runs on, for restart.sh in a shell without the exports
  cat > "$PORTS_FILE" <<ENV
ETCD_CLIENT_PORT=$ETCD_CLIENT_PORT
ETCD_PEER_PORT=$ETCD_PEER_PORT
APISERVER_PORT=$APISERVER_PORT
KCM_PORT=$KCM_PORT
SCHEDULER_PORT=$SCHEDULER_PORT
KWOK_PORT=$KWOK_PORT
ENV
}

start_etcd() { # etcd on its data dir; returns once it answers /health
  # etcd: fsync off because the state is thrown away with the cluster; it is what lets a 2-core
  # machine write tens of thousands of objects a minute.
  start etcd "$K8S_BIN/etcd" --name local --data-dir "$STATE_DIR/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "local=http://127.0.0.1:$ETCD_PEER_PORT" --listen-metrics-urls "" \
    --unsafe-no-fsync --quota-backend-bytes 8589934592 --log-level warn
  wait_for etcd 30 curl -fsS "http://127.0.0.1:$ETCD_CLIENT_PORT/health"
}

write_audit_policy() {
  cat > "$STATE_DIR/audit-policy.yaml" <<'YAML'
# Writes by anyone but the simulated control plane itself, so operator write counts can be measured.
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
- level: None
  users: [kwok-controller, system:kube-scheduler, system:kube-controller-manager, system:apiserver]
- level: None
  userGroups: [system:serviceaccounts:kube-system, system:nodes]
- level: Metadata
  verbs: [create, update, patch, delete, deletecollection]
YAML
}

start_apiserver() { # kube-apiserver (its audit log appends across restarts); returns once /readyz answers
  start kube-apiserver "$K8S_BIN/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$APISERVER_PORT" \
    --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" \
    --client-ca-file "$PKI/ca.crt" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
    --service-cluster-ip-range 10.96.0.0/16 \
    --authorization-mode Node,RBAC --allow-privileged=true \
    --max-requests-inflight 1000 --max-mutating-requests-inflight 500 \
    --audit-policy-file "$STATE_DIR/audit-policy.yaml" --audit-log-path "$LOGS/audit.log" \
    --audit-log-format json --audit-log-maxsize 200 --audit-log-maxbackup 2 \
    --profiling=false --v 0
  wait_for kube-apiserver 90 healthz "https://127.0.0.1:$APISERVER_PORT/readyz"
}

#!/usr/bin/env bash
# Creates the local cluster's CA, the API server's serving certificate, one client certificate per
# component and the service-account signing key, once per cluster state directory.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
command -v openssl >/dev/null || die "openssl is missing (apt-get install openssl)."
pki="$STATE_DIR/pki"
[ -f "$pki/done" ] && exit 0
mkdir -p "$pki"; cd "$pki"
quiet() { "$@" >/dev/null 2>&1 || { "$@"; die "openssl failed: $*"; }; }

quiet openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -subj "/CN=chatnet-local-ca"
quiet openssl genrsa -out sa.key 2048
quiet openssl rsa -in sa.key -pubout -out sa.pub

# sign NAME SUBJECT [SAN]: a key and a certificate signed by the CA.
sign() {
  local name=$1 subj=$2 san=${3:-} ext
  ext=$(mktemp)
  if [ -n "$san" ]; then
    printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\n' "$san" > "$ext"
  else
    printf 'extendedKeyUsage=clientAuth\n' > "$ext"
  fi
  quiet openssl req -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -subj "$subj"
  quiet openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$name.crt" -days 3650 -extfile "$ext"
  rm -f "$name.csr" "$ext"
}
sign apiserver "/CN=kube-apiserver" \
  "IP:127.0.0.1,DNS:localhost,IP:10.96.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
# The control-plane components are cluster admins here: it keeps them out of API priority-and-fairness
# queues (system:masters is exempt), which on 2 cores is what lets 10,000 pods come up quickly.
sign admin "/O=system:masters/CN=chatnet-admin"
sign kube-controller-manager "/O=system:masters/CN=system:kube-controller-manager"
sign kube-scheduler "/O=system:masters/CN=system:kube-scheduler"
sign kwok "/O=system:masters/CN=kwok-controller"
# A user of its own for an operator run against this cluster, so the audit log tells its writes apart.
sign chatnet-operator "/O=system:masters/CN=chatnet-operator"
chmod 600 ./*.key
touch done

package io.chatnet.operator.network;

/**
 * The shell that starts the node in each pod. It adds what only the pod knows: its own key (by
 * ordinal, from the mounted key Secrets), its IP, the cluster's name servers, and, from the network
 * ConfigMap, the bootstrap ENRs (all but its own, when discv5 is on) and its static peers. It runs
 * the binary of the group's version profile (or the group's nodeBinary), given in
 * CHATNET_NODE_BINARY. POSIX sh, so it runs in the busybox-based (alpine) release images.
 *
 * <p>Static peers: nwaku resolves /dns4 multiaddrs itself, through a DnsResolver over
 * --dns-addrs-name-server (default 1.1.1.1 and 1.0.0.1), never through /etc/resolv.conf
 * (waku/factory/node_factory.nim at nwaku v0.36.0, v0.37.1-beta and logos-delivery v0.38.1), so the
 * script passes the pod's own name servers. nwaku dials static nodes once at start (startNode); a
 * failed dial is retried only by the relay connectivity loop, after a backoff of 120 s times
 * 4^(failures-1), at most 5 times, and only while the node has fewer outbound relay peers than its
 * target (waku/node/peer_manager/peer_manager.nim). So that a pod starting before its neighbours
 * still gets its edges: each edge is dialled from both ends (the later of the two dials finds the
 * other node listening), and the script waits, bounded by CHATNET_PEER_WAIT_SECONDS, until its
 * peers' names resolve (the headless Service publishes pods before they are ready).
 *
 * <p>static-peers lines are "pod own-multiaddr lower-neighbour-multiaddr...": a pod dials the lower
 * neighbours on its own line and the pods whose lines name its address.
 *
 * <p>The key goes to the node in the environment ({@value #NODEKEY_ENV}), never on its command
 * line: a process's arguments are readable by every user of the node (/proc/PID/cmdline, ps,
 * process collectors), its environment only by its own user and root. nwaku reads every option from
 * WAKUNODE2_-prefixed variables too (WakuNodeConf.load: addConfigFile(Envvar, "wakunode2"), with an
 * EnvvarReader for PrivateKey: waku/factory/external_config.nim at nwaku v0.36.0,
 * tools/confutils/cli_args.nim at v0.37.1-beta and logos-delivery v0.38.1).
 *
 * <p>An RLN publisher (its arguments name --rln-relay-cred-path) gets its keystore password the
 * same way, from the mounted password Secret into {@value RlnKeystorePassword#ENV}: confutils'
 * Envvar source names an option PREFIX_NAME upper-cased with dashes as underscores
 * (tests/common/test_confutils_envvar.nim at v0.36.0), and --rln-relay-cred-password is a top-level
 * option of WakuNodeConf at every supported tag.
 */
public final class NodeStartScript {
  public static final String KEYS_DIR = "/etc/chatnet/keys";
  public static final String NETWORK_DIR = "/etc/chatnet/network";
  public static final String BOOTSTRAP_FILE = "bootstrap-enrs";
  public static final String STATIC_PEERS_FILE = "static-peers";

  /** The environment variable nwaku reads --nodekey from (confutils: prefix, upper case). */
  public static final String NODEKEY_ENV = "WAKUNODE2_NODEKEY";

  /** Environment variable with the binary to run (the profile's, or the group's nodeBinary). */
  public static final String BINARY_ENV = "CHATNET_NODE_BINARY";

  /** How long a pod waits in total for its static peers' DNS names, in seconds. */
  public static final int PEER_WAIT_SECONDS = 120;

  /**
   * The script; mount points and resolv.conf can be moved by environment (CHATNET_KEYS_DIR,
   * CHATNET_NETWORK_DIR, CHATNET_RESOLV_CONF), which tests use to run it as it is.
   */
  public static final String SCRIPT =
      """
      set -eu
      keys="${CHATNET_KEYS_DIR:-@KEYS@}"
      net="${CHATNET_NETWORK_DIR:-@NET@}"
      ordinal="${HOSTNAME##*-}"
      @NODEKEY_ENV@="$(cat "$keys/$ordinal")"
      export @NODEKEY_ENV@
      set -- "$@" --nat="extip:$POD_IP"
      for ns in $(sed -n 's/^[[:space:]]*nameserver[[:space:]][[:space:]]*\\([0-9A-Fa-f.:]*\\).*$/\\1/p' \\
          "${CHATNET_RESOLV_CONF:-/etc/resolv.conf}"); do
        set -- "$@" --dns-addrs-name-server="$ns"
      done
      discv5=false
      for arg in "$@"; do
        [ "$arg" != "--discv5-discovery=true" ] || discv5=true
        case "$arg" in
          --rln-relay-cred-path=*)
            @PASSWORD_ENV@="$(cat "${CHATNET_RLN_PASSWORD_DIR:-@PASSWORD_DIR@}/@PASSWORD_KEY@")"
            export @PASSWORD_ENV@
            ;;
        esac
      done
      if [ "$discv5" = true ] && [ -s "$net/@BOOT@" ]; then
        while read -r pod enr; do
          [ "$pod" = "$HOSTNAME" ] || set -- "$@" --discv5-bootstrap-node="$enr"
        done < "$net/@BOOT@"
      fi
      if [ -s "$net/@STATIC@" ]; then
        self="$(awk -v me="$HOSTNAME" '$1 == me { print $2; exit }' "$net/@STATIC@")"
        peers="$(awk -v me="$HOSTNAME" -v self="$self" '
          $1 == me { for (i = 3; i <= NF; i++) print $i; next }
          { for (i = 3; i <= NF; i++) if ($i == self) { print $2; next } }' "$net/@STATIC@")"
        budget="${CHATNET_PEER_WAIT_SECONDS:-@WAIT@}"
        resolver="$(command -v getent || true)"
        for addr in $peers; do
          host="${addr#/dns4/}"
          host="${host%%/*}"
          while [ -n "$resolver" ] && [ "$budget" -gt 0 ] && ! getent hosts "$host" >/dev/null; do
            sleep 1
            budget=$((budget - 1))
          done
          set -- "$@" --staticnode="$addr"
        done
      fi
      exec "$CHATNET_NODE_BINARY" "$@"
      """
          .replace("@NODEKEY_ENV@", NODEKEY_ENV)
          .replace("@PASSWORD_ENV@", RlnKeystorePassword.ENV)
          .replace("@PASSWORD_DIR@", RlnKeystorePassword.DIR)
          .replace("@PASSWORD_KEY@", RlnKeystorePassword.KEY)
          .replace("@KEYS@", KEYS_DIR)
          .replace("@NET@", NETWORK_DIR)
          .replace("@BOOT@", BOOTSTRAP_FILE)
          .replace("@STATIC@", STATIC_PEERS_FILE)
          .replace("@WAIT@", String.valueOf(PEER_WAIT_SECONDS));

  private NodeStartScript() {}
}

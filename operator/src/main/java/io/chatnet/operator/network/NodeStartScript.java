package io.chatnet.operator.network;

/**
 * The shell that starts nwaku in each pod. It adds what only the pod knows: its own key (by
 * ordinal, from the mounted key Secrets), its IP, and, from the network ConfigMap, the bootstrap
 * ENRs (all but its own) and its static peers. POSIX sh, so it runs in busybox-based images.
 */
public final class NodeStartScript {
  public static final String KEYS_DIR = "/etc/chatnet/keys";
  public static final String NETWORK_DIR = "/etc/chatnet/network";
  public static final String BOOTSTRAP_FILE = "bootstrap-enrs";
  public static final String STATIC_PEERS_FILE = "static-peers";

  /** Default binary choice: logos-delivery images ship logosdeliverynode, older ones wakunode. */
  public static final String SCRIPT =
      """
      set -eu
      ordinal="${HOSTNAME##*-}"
      key="$(cat "%1$s/$ordinal")"
      bin="${CHATNET_NODE_BINARY:-}"
      [ -n "$bin" ] || bin="$(command -v logosdeliverynode || echo /usr/bin/wakunode)"
      set -- "$@" --nodekey="$key" --nat="extip:$POD_IP"
      if [ -s "%2$s/%3$s" ]; then
        while read -r pod enr; do
          [ "$pod" = "$HOSTNAME" ] || set -- "$@" --discv5-bootstrap-node="$enr"
        done < "%2$s/%3$s"
      fi
      if [ -s "%2$s/%4$s" ]; then
        for addr in $(sed -n "s/^$HOSTNAME //p" "%2$s/%4$s"); do
          set -- "$@" --staticnode="$addr"
        done
      fi
      exec "$bin" "$@"
      """
          .formatted(KEYS_DIR, NETWORK_DIR, BOOTSTRAP_FILE, STATIC_PEERS_FILE);

  private NodeStartScript() {}
}

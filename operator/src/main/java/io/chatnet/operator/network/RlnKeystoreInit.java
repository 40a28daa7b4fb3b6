package io.chatnet.operator.network;

/**
 * The shell of a publishing pod's keystore init container ({@code
 * RlnBinding.KEYSTORE_INIT_CONTAINER}): registers the pod's membership with the node image's own
 * keystore tool ({@code wakunode generateRlnKeystore}, a subcommand of the node binary at nwaku
 * v0.36.0, v0.37.1-beta and logos-delivery v0.38.1: apps/wakunode2/wakunode2.nim, whose Dockerfile
 * links it as /usr/bin/wakunode) into the keystore on the pod's claim, once.
 *
 * <ul>
 *   <li>Skips when the keystore exists: a restarted or rescheduled pod keeps its claim and never
 *       registers (and pays the deposit) again.
 *   <li>The tool writes to {@code <keystore>.partial}, renamed when it exits 0, so the node never
 *       finds a keystore the tool did not finish. The tool writes only after the registration's
 *       receipt (tools/rln_keystore_generator), so a non-empty .partial left by a pod killed
 *       between write and rename holds a registered credential: it is kept, not registered again.
 *   <li>The account key of the pod's ordinal (the group's RLN account Secrets, ordinal from the pod
 *       name as the node key is picked) and the keystore password go to the tool in its environment
 *       ({@value #PRIVATE_KEY_ENV}, {@value RlnKeystorePassword#ENV}: confutils' Envvar source,
 *       both top-level WakuNodeConf options at every supported tag), never on its command line.
 * </ul>
 *
 * <p>The keystore path is the one --rln-relay-cred-path names in the arguments (the manifest's
 * single source); mount points can be moved by environment (CHATNET_RLN_ACCOUNTS_DIR,
 * CHATNET_RLN_PASSWORD_DIR) so tests run the script as it is.
 */
public final class RlnKeystoreInit {
  /** Where the init container mounts the group's RLN account Secrets (one file per ordinal). */
  public static final String ACCOUNTS_DIR = "/etc/chatnet/rln-accounts";

  /** The variable the keystore tool reads --rln-relay-eth-private-key from. */
  public static final String PRIVATE_KEY_ENV = "WAKUNODE2_RLN_RELAY_ETH_PRIVATE_KEY";

  public static final String SCRIPT =
      """
      set -eu
      accounts="${CHATNET_RLN_ACCOUNTS_DIR:-@ACCOUNTS@}"
      password="${CHATNET_RLN_PASSWORD_DIR:-@PASSWORD_DIR@}/@PASSWORD_KEY@"
      ordinal="${HOSTNAME##*-}"
      keystore=""
      for arg in "$@"; do
        case "$arg" in --rln-relay-cred-path=*) keystore="${arg#*=}" ;; esac
      done
      if [ -z "$keystore" ]; then
        echo "rln-keystore: no --rln-relay-cred-path in the arguments" >&2
        exit 2
      fi
      if [ -s "$keystore" ]; then
        echo "rln-keystore: $keystore exists, membership already registered; not registering again"
        exit 0
      fi
      if [ -s "$keystore.partial" ]; then
        mv "$keystore.partial" "$keystore"
        echo "rln-keystore: kept the credential of an earlier registration ($keystore.partial)"
        exit 0
      fi
      rm -f "$keystore.partial"
      n=$#
      while [ "$n" -gt 0 ]; do
        arg="$1"
        shift
        case "$arg" in
          --rln-relay-cred-path=*) arg="--rln-relay-cred-path=$keystore.partial" ;;
        esac
        set -- "$@" "$arg"
        n=$((n - 1))
      done
      @KEY_ENV@="$(cat "$accounts/$ordinal")"
      @PASSWORD_ENV@="$(cat "$password")"
      export @KEY_ENV@ @PASSWORD_ENV@
      echo "rln-keystore: registering the membership of $HOSTNAME"
      "$CHATNET_NODE_BINARY" "$@"
      if [ ! -s "$keystore.partial" ]; then
        echo "rln-keystore: the keystore tool exited 0 but wrote no keystore" >&2
        exit 1
      fi
      mv "$keystore.partial" "$keystore"
      echo "rln-keystore: membership registered into $keystore"
      """
          .replace("@ACCOUNTS@", ACCOUNTS_DIR)
          .replace("@PASSWORD_DIR@", RlnKeystorePassword.DIR)
          .replace("@PASSWORD_KEY@", RlnKeystorePassword.KEY)
          .replace("@KEY_ENV@", PRIVATE_KEY_ENV)
          .replace("@PASSWORD_ENV@", RlnKeystorePassword.ENV);

  private RlnKeystoreInit() {}
}

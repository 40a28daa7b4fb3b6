package io.chatnet.operator.rln;

import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.GroupRole;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.RlnSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * RLN flags of a node and of the keystore tool that registers its membership. The same flags on
 * nwaku v0.36.0, v0.37.1-beta and logos-delivery v0.38.1 (each checked against the tag's option
 * list by RlnFlagConformanceTest): --rln-relay-dynamic=true is required at v0.36.0 (false selects a
 * static group) and still parsed later; --rln-relay-tree-path (v0.36.0 only) is left at its
 * default. Chain id is always given: without a preset nwaku refuses RLN without one. Sources:
 * logos-delivery v0.38.0 waku/factory/conf_builder/rln_relay_conf_builder.nim,
 * tools/rln_keystore_generator (rln.md sections 3 and 4).
 */
public final class RlnArgs {
  /** Where a publisher's keystore lives in its pod (a volume that outlives restarts). */
  public static final String KEYSTORE_DIR = "/rln";

  public static final String KEYSTORE_PATH = KEYSTORE_DIR + "/keystore.json";

  /**
   * Added by the pod's shell from mounted Secrets, never written into a manifest: the keystore
   * password (node and tool) and the account's private key (tool only).
   */
  public static final List<String> SECRET_FLAGS =
      List.of("rln-relay-cred-password", "rln-relay-eth-private-key");

  private RlnArgs() {}

  /** Whether the group's nodes run RLN: relay and service nwaku groups of an RLN network. */
  public static boolean runsRln(RlnSpec rln, NodeGroup group) {
    return rln != null
        && rln.isEnabled()
        && group.getKind() == GroupKind.NWAKU
        && (group.getRole() == GroupRole.RELAY || group.getRole() == GroupRole.SERVICE);
  }

  /** Whether each node of the group holds its own membership (not a validator-only group). */
  public static boolean publishes(RlnSpec rln, NodeGroup group) {
    return runsRln(rln, group) && !rln.getValidatorGroups().contains(group.getName());
  }

  /** The node's RLN flags (none for groups that run no RLN, bootstrap nodes included). */
  public static List<String> node(RlnSpec rln, NodeGroup group, RlnEndpoints chain) {
    List<String> args = new ArrayList<>();
    if (!runsRln(rln, group)) {
      return args;
    }
    args.add("--rln-relay=true");
    args.add("--rln-relay-dynamic=true");
    args.addAll(chainFlags(chain));
    args.add("--rln-relay-epoch-sec=" + rln.getEpochSeconds());
    // The proof uses the keystore's limit, the local nonce manager this flag's: kept equal to the
    // registered limit (rln.md section 4).
    args.add("--rln-relay-user-message-limit=" + rln.getUserMessageLimit());
    if (publishes(rln, group)) {
      // both or neither, else a config error; the password follows from the start script
      args.add("--rln-relay-cred-path=" + KEYSTORE_PATH);
    }
    return args;
  }

  /**
   * The keystore tool's command line: registers one membership at the spec's limit, paid by the
   * account whose key the script adds, and writes the encrypted credential to {@link
   * #KEYSTORE_PATH}. Without --execute the tool only makes credentials (a dry run).
   */
  public static List<String> keystoreTool(RlnSpec rln, RlnEndpoints chain) {
    List<String> args = new ArrayList<>();
    args.add("generateRlnKeystore");
    args.addAll(chainFlags(chain));
    args.add("--rln-relay-cred-path=" + KEYSTORE_PATH);
    // default 1, below the contract's minimum 20: always given
    args.add("--rln-relay-user-message-limit=" + rln.getUserMessageLimit());
    args.add("--execute");
    return args;
  }

  private static List<String> chainFlags(RlnEndpoints chain) {
    return List.of(
        "--rln-relay-eth-client-address=" + chain.rpcUrl(),
        "--rln-relay-eth-contract-address=" + chain.contractAddress(),
        "--rln-relay-chain-id=" + chain.chainId());
  }
}

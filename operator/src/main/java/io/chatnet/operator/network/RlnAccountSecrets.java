package io.chatnet.operator.network;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.identity.EthAccount;
import io.chatnet.operator.naming.Names;
import io.chatnet.operator.rln.RlnArgs;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.List;

/**
 * The RLN account keys of a publishing group, one entry per ordinal ({@code "17"}: pod 17's key, 0x
 * and 64 hex digits, as the keystore tool's --rln-relay-eth-private-key takes it), chunked as node
 * keys are ({@link NodeKeySecrets#KEYS_PER_SECRET} a Secret). Keys live only here: the plan, status
 * and events carry addresses.
 */
public final class RlnAccountSecrets {
  private static final ChunkedKeySecrets SECRETS =
      new ChunkedKeySecrets(
          (seed, group, ordinal) -> EthAccount.derive(seed, group, ordinal).privateKeyHex(),
          RlnAccountSecrets::name,
          null);

  private RlnAccountSecrets() {}

  /**
   * Every RLN Secret of the network, written before any pod needs them (ChatNetworkReconciler's
   * applyNodeKeys): each publishing group's account keys and, when any group publishes, the
   * keystore password ({@link RlnKeystorePassword}). None without RLN.
   */
  public static List<Secret> all(ChatNetwork network) {
    List<Secret> secrets = new ArrayList<>();
    for (NodeGroup group : network.getSpec().getGroups()) {
      secrets.addAll(build(network, group));
    }
    if (!secrets.isEmpty()) {
      secrets.add(RlnKeystorePassword.build(network));
    }
    return secrets;
  }

  /** The names {@link #build} gives the group's Secrets (none unless it publishes). */
  public static List<String> names(ChatNetwork network, NodeGroup group) {
    if (!RlnArgs.publishes(network.getSpec().getRln(), group)) {
      return List.of();
    }
    return SECRETS.names(network, group);
  }

  public static String name(ChatNetwork network, NodeGroup group, int chunk) {
    return Names.group(network, group) + "-rln-" + chunk;
  }

  /** None for a group that holds no memberships. */
  public static List<Secret> build(ChatNetwork network, NodeGroup group) {
    if (!RlnArgs.publishes(network.getSpec().getRln(), group)) {
      return new ArrayList<>();
    }
    return SECRETS.build(network, group);
  }
}

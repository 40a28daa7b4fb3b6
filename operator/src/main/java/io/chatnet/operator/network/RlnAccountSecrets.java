package io.chatnet.operator.network;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.identity.EthAccount;
import io.chatnet.operator.naming.Labels;
import io.chatnet.operator.naming.Names;
import io.chatnet.operator.rln.RlnArgs;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RLN account keys of a publishing group, one entry per ordinal ({@code "17"}: pod 17's key, 0x
 * and 64 hex digits, as the keystore tool's --rln-relay-eth-private-key takes it), chunked as node
 * keys are ({@link NodeKeySecrets#KEYS_PER_SECRET} a Secret). Keys live only here: the plan, status
 * and events carry addresses.
 */
public final class RlnAccountSecrets {
  private static final Memo<String, Map<String, String>> KEY_DATA = new Memo<>(64);

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
    List<String> names = new ArrayList<>();
    for (int chunk = 0; chunk < NodeKeySecrets.chunks(group.getReplicas()); chunk++) {
      names.add(name(network, group, chunk));
    }
    return names;
  }

  public static String name(ChatNetwork network, NodeGroup group, int chunk) {
    return Names.group(network, group) + "-rln-" + chunk;
  }

  /** None for a group that holds no memberships. */
  public static List<Secret> build(ChatNetwork network, NodeGroup group) {
    List<Secret> secrets = new ArrayList<>();
    if (!RlnArgs.publishes(network.getSpec().getRln(), group)) {
      return secrets;
    }
    String seed = network.getSpec().getSeed();
    int perSecret = NodeKeySecrets.KEYS_PER_SECRET;
    for (int chunk = 0; chunk < NodeKeySecrets.chunks(group.getReplicas()); chunk++) {
      int from = chunk * perSecret;
      int end = Math.min(group.getReplicas(), (chunk + 1) * perSecret);
      // derived once per range: a rollout reconciles hundreds of times
      Map<String, String> data =
          KEY_DATA.get(
              seed + "\n" + group.getName() + "\n" + from + "\n" + end,
              k -> keys(seed, group.getName(), from, end));
      secrets.add(
          new SecretBuilder()
              .withNewMetadata()
              .withName(name(network, group, chunk))
              .withNamespace(network.getMetadata().getNamespace())
              .withLabels(Labels.group(network, group))
              .endMetadata()
              .withType("Opaque")
              .withData(data)
              .build());
    }
    return secrets;
  }

  private static Map<String, String> keys(String seed, String group, int from, int end) {
    Map<String, String> data = new LinkedHashMap<>();
    for (int ordinal = from; ordinal < end; ordinal++) {
      String key = EthAccount.derive(seed, group, ordinal).privateKeyHex();
      data.put(
          Integer.toString(ordinal),
          Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.US_ASCII)));
    }
    return java.util.Collections.unmodifiableMap(data);
  }
}

package io.chatnet.operator.network;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.identity.NodeKey;
import io.chatnet.operator.naming.Labels;
import io.chatnet.operator.naming.Names;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The node keys of an nwaku group, one entry per ordinal ({@code "17"} holds pod 17's key in hex,
 * as nwaku's --nodekey takes it). A Secret holds at most {@value #KEYS_PER_SECRET} keys so it stays
 * under the 1 MiB object limit; a group of 20,000 nodes has three.
 */
public final class NodeKeySecrets {
  public static final int KEYS_PER_SECRET = 8192;
  private static final Memo<String, Map<String, String>> KEY_DATA = new Memo<>(64);

  private NodeKeySecrets() {}

  static int keySetsCached() {
    return KEY_DATA.size();
  }

  public static int chunks(int replicas) {
    return Math.max(1, (replicas + KEYS_PER_SECRET - 1) / KEYS_PER_SECRET);
  }

  /** Secret data for ordinals [from, end): immutable, so one copy serves every reconcile. */
  private static Map<String, String> keys(String seed, String group, int from, int end) {
    Map<String, String> data = new LinkedHashMap<>();
    for (int ordinal = from; ordinal < end; ordinal++) {
      String hex = NodeKey.derive(seed, group, ordinal).privateKeyHex();
      data.put(
          Integer.toString(ordinal),
          Base64.getEncoder().encodeToString(hex.getBytes(StandardCharsets.US_ASCII)));
    }
    return java.util.Collections.unmodifiableMap(data);
  }

  public static List<Secret> build(ChatNetwork network, NodeGroup group) {
    List<Secret> secrets = new ArrayList<>();
    String seed = network.getSpec().getSeed();
    for (int chunk = 0; chunk < chunks(group.getReplicas()); chunk++) {
      int from = chunk * KEYS_PER_SECRET;
      int end = Math.min(group.getReplicas(), (chunk + 1) * KEYS_PER_SECRET);
      Map<String, String> data =
          KEY_DATA.get(
              seed + "\n" + group.getName() + "\n" + from + "\n" + end,
              k -> keys(seed, group.getName(), from, end));
      secrets.add(
          new SecretBuilder()
              .withNewMetadata()
              .withName(Names.keys(network, group, chunk))
              .withNamespace(network.getMetadata().getNamespace())
              .withLabels(Labels.group(network, group))
              .endMetadata()
              .withType("Opaque")
              .withImmutable(false)
              .withData(data)
              .build());
    }
    return secrets;
  }
}

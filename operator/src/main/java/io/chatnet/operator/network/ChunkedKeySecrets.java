package io.chatnet.operator.network;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group's per-ordinal keys as Secrets, one entry per ordinal ({@code "17"}: pod 17's key as the
 * ASCII text the derivation gives), {@value #KEYS_PER_SECRET} keys a Secret so each stays under the
 * 1 MiB object limit. Node keys ({@link NodeKeySecrets}) and RLN account keys ({@link
 * RlnAccountSecrets}) differ only in the derivation, the Secrets' names and whether they say {@code
 * immutable: false}; each kind keeps its own memo of derived key sets.
 */
final class ChunkedKeySecrets {
  static final int KEYS_PER_SECRET = 8192;

  /** The key text of one ordinal, derived from the network's seed and the group's name. */
  interface Derivation {
    String keyText(String seed, String group, int ordinal);
  }

  /** The name of a group's Secret {@code chunk}. */
  interface Naming {
    String name(ChatNetwork network, NodeGroup group, int chunk);
  }

  private final Memo<String, Map<String, String>> keySets = new Memo<>(64);
  private final Derivation derivation;
  private final Naming naming;
  private final Boolean immutable;

  /**
   * @param immutable the Secrets' {@code immutable} field as written so far (node keys say false,
   *     RLN keys leave it unset): a change would rewrite every running network's Secrets
   */
  ChunkedKeySecrets(Derivation derivation, Naming naming, Boolean immutable) {
    this.derivation = derivation;
    this.naming = naming;
    this.immutable = immutable;
  }

  static int chunks(int replicas) {
    return Math.max(1, (replicas + KEYS_PER_SECRET - 1) / KEYS_PER_SECRET);
  }

  /** The names {@link #build} gives the group's Secrets. */
  List<String> names(ChatNetwork network, NodeGroup group) {
    List<String> names = new ArrayList<>();
    for (int chunk = 0; chunk < chunks(group.getReplicas()); chunk++) {
      names.add(naming.name(network, group, chunk));
    }
    return names;
  }

  int keySetsCached() {
    return keySets.size();
  }

  List<Secret> build(ChatNetwork network, NodeGroup group) {
    List<Secret> secrets = new ArrayList<>();
    String seed = network.getSpec().getSeed();
    for (int chunk = 0; chunk < chunks(group.getReplicas()); chunk++) {
      int from = chunk * KEYS_PER_SECRET;
      int end = Math.min(group.getReplicas(), (chunk + 1) * KEYS_PER_SECRET);
      // derived once per range: a rollout reconciles hundreds of times
      Map<String, String> data =
          keySets.get(
              seed + "\n" + group.getName() + "\n" + from + "\n" + end,
              k -> keys(seed, group.getName(), from, end));
      secrets.add(
          new SecretBuilder()
              .withNewMetadata()
              .withName(naming.name(network, group, chunk))
              .withNamespace(network.getMetadata().getNamespace())
              .withLabels(Labels.group(network, group))
              .endMetadata()
              .withType("Opaque")
              .withImmutable(immutable)
              .withData(data)
              .build());
    }
    return secrets;
  }

  /** Secret data for ordinals [from, end): immutable, so one copy serves every reconcile. */
  private Map<String, String> keys(String seed, String group, int from, int end) {
    Map<String, String> data = new LinkedHashMap<>();
    for (int ordinal = from; ordinal < end; ordinal++) {
      String key = derivation.keyText(seed, group, ordinal);
      data.put(
          Integer.toString(ordinal),
          Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.US_ASCII)));
    }
    return Collections.unmodifiableMap(data);
  }
}

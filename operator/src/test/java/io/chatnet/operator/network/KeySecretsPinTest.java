package io.chatnet.operator.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.rln.RlnFixtures;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the key Secrets the operator writes, to the byte: a change to how they are built must leave
 * names, labels, type, immutability and data as they were, or every running network would see its
 * Secrets rewritten (and the applied hash change) on the operator's upgrade. The digests were taken
 * from the Secrets as built before NodeKeySecrets and RlnAccountSecrets shared one builder; only
 * digests are pinned, so no key text sits in the test sources.
 */
class KeySecretsPinTest {
  @Test
  void nodeKeySecretsAreUnchanged() {
    ChatNetwork smoke = Scenarios.network("smoke.yaml", "ns");
    NodeGroup relay = smoke.getSpec().getGroups().get(1);
    List<Secret> secrets = NodeKeySecrets.build(smoke, relay);
    assertThat(Serialization.asJson(secrets.get(0).getMetadata()))
        .isEqualTo(
            "{\"labels\":{\"app.kubernetes.io/managed-by\":\"chatnet\",\"app.kubernetes.io/part-of\":\"chatnet\",\"chatnet.io/network\":\"smoke\",\"app.kubernetes.io/name\":\"nwaku\",\"chatnet.io/group\":\"relay\",\"chatnet.io/role\":\"relay\"},\"name\":\"smoke-relay-keys-0\",\"namespace\":\"ns\"}");
    assertThat(secrets.get(0).getImmutable()).isFalse();
    assertThat(sha256(secrets))
        .isEqualTo("6dc817d80cc5d3e2979befe5ec8ee3ee0c95c418d07ceaa4d0eb2f53c55023ae");
  }

  @Test
  void largeGroupsSplitAtTheSameOrdinals() {
    ChatNetwork smoke = Scenarios.network("smoke.yaml", "ns");
    NodeGroup relay = smoke.getSpec().getGroups().get(1);
    relay.setReplicas(NodeKeySecrets.KEYS_PER_SECRET + 5);
    List<Secret> secrets = NodeKeySecrets.build(smoke, relay);
    assertThat(secrets)
        .extracting(s -> s.getMetadata().getName())
        .containsExactly("smoke-relay-keys-0", "smoke-relay-keys-1");
    assertThat(sha256(List.of(secrets.get(1))))
        .isEqualTo("6b7e85d037b622b48fd3dd543ffd85775efee3d5efb65e7afc78649ae5405277");
  }

  @Test
  void rlnAccountSecretsAreUnchanged() {
    ChatNetwork network = RlnFixtures.network("{enabled: true, validatorGroups: [relay]}");
    List<Secret> secrets = RlnAccountSecrets.all(network);
    assertThat(Serialization.asJson(secrets.get(0).getMetadata()))
        .isEqualTo(
            "{\"labels\":{\"app.kubernetes.io/managed-by\":\"chatnet\",\"app.kubernetes.io/part-of\":\"chatnet\",\"chatnet.io/network\":\"net\",\"app.kubernetes.io/name\":\"nwaku\",\"chatnet.io/group\":\"svc\",\"chatnet.io/role\":\"service\"},\"name\":\"net-svc-rln-0\",\"namespace\":\"ns\"}");
    // unlike node keys, immutable is left unset
    assertThat(secrets.get(0).getImmutable()).isNull();
    assertThat(sha256(secrets))
        .isEqualTo("c7346c86fee6c9794bb8b38ec98420eecc6f1854cadc9c47f193715ff2cabdb6");
  }

  private static String sha256(List<Secret> secrets) {
    try {
      byte[] json = Serialization.asJson(secrets).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

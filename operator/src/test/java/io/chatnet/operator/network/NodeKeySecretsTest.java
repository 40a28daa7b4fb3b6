package io.chatnet.operator.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.identity.NodeKey;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeKeySecretsTest {
  final ChatNetwork smoke = Scenarios.network("smoke.yaml", "ns");

  @Test
  void oneHexKeyPerOrdinalDerivedFromTheSeed() {
    NodeGroup relay = smoke.getSpec().getGroups().get(1);
    List<Secret> secrets = NodeKeySecrets.build(smoke, relay);
    assertThat(secrets).hasSize(1);
    Secret secret = secrets.get(0);
    assertThat(secret.getMetadata().getName()).isEqualTo("smoke-relay-keys-0");
    assertThat(secret.getData()).hasSize(8).containsKeys("0", "7");
    String key =
        new String(
            Base64.getDecoder().decode(secret.getData().get("3")), StandardCharsets.US_ASCII);
    assertThat(key).isEqualTo(NodeKey.derive("smoke-1", "relay", 3).privateKeyHex());
  }

  @Test
  void largeGroupsAreSplitSoEachSecretStaysUnderTheObjectLimit() {
    NodeGroup relay = smoke.getSpec().getGroups().get(1);
    relay.setReplicas(NodeKeySecrets.KEYS_PER_SECRET + 5);
    List<Secret> secrets = NodeKeySecrets.build(smoke, relay);
    assertThat(secrets).hasSize(2);
    assertThat(secrets.get(1).getData())
        .hasSize(5)
        .containsKey(String.valueOf(NodeKeySecrets.KEYS_PER_SECRET));
    long bytes =
        secrets.get(0).getData().entrySet().stream()
            .mapToLong(e -> e.getKey().length() + e.getValue().length() + 6)
            .sum();
    assertThat(bytes).isLessThan(1024 * 1024);
  }

  @Test
  void toStringOfNothingHereLeaksAKey() {
    NodeGroup relay = smoke.getSpec().getGroups().get(1);
    String hex = NodeKey.derive("smoke-1", "relay", 0).privateKeyHex();
    assertThat(NodeKey.derive("smoke-1", "relay", 0).toString()).doesNotContain(hex);
    assertThat(NodeKeySecrets.build(smoke, relay).get(0).getData().toString()).doesNotContain(hex);
  }
}

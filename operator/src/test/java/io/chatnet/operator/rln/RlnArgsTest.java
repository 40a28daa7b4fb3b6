package io.chatnet.operator.rln;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

class RlnArgsTest {
  private static NodeGroup group(ChatNetwork network, String name) {
    return network.getSpec().getGroups().stream()
        .filter(g -> g.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void publishersValidatorsAndBootstrapNodesGetTheirSets() {
    ChatNetwork network =
        RlnFixtures.network(
            "{enabled: true, userMessageLimit: 100, epochSeconds: 60, validatorGroups: [relay]}");
    var rln = network.getSpec().getRln();
    List<String> common =
        List.of(
            "--rln-relay=true",
            "--rln-relay-dynamic=true",
            "--rln-relay-eth-client-address=http://net-rln-chain:8545",
            "--rln-relay-eth-contract-address=0x0165878A594ca255338adfa4d48449f69242Eb8F",
            "--rln-relay-chain-id=1234",
            "--rln-relay-epoch-sec=60",
            "--rln-relay-user-message-limit=100");
    assertThat(RlnArgs.node(rln, group(network, "relay"), RlnFixtures.CHAIN))
        .containsExactlyElementsOf(common);
    assertThat(RlnArgs.node(rln, group(network, "svc"), RlnFixtures.CHAIN))
        .startsWith(common.toArray(String[]::new))
        .endsWith("--rln-relay-cred-path=/rln/keystore.json")
        .hasSize(common.size() + 1);
    assertThat(RlnArgs.node(rln, group(network, "boot"), RlnFixtures.CHAIN)).isEmpty();
    assertThat(RlnArgs.node(rln, group(network, "mob"), RlnFixtures.CHAIN)).isEmpty();
    assertThat(RlnArgs.publishes(rln, group(network, "relay"))).isFalse();
    assertThat(RlnArgs.publishes(rln, group(network, "svc"))).isTrue();
  }

  @Test
  void disabledOrAbsentRlnAddsNothing() {
    ChatNetwork off = RlnFixtures.network("{enabled: false}");
    assertThat(RlnArgs.node(off.getSpec().getRln(), group(off, "svc"), RlnFixtures.CHAIN))
        .isEmpty();
    assertThat(RlnArgs.node(null, group(off, "svc"), RlnFixtures.CHAIN)).isEmpty();
  }

  @Test
  void theKeystoreToolRegistersAtTheSpecsLimitAndExecutes() {
    ChatNetwork network = RlnFixtures.network("{enabled: true, userMessageLimit: 20}");
    assertThat(RlnArgs.keystoreTool(network.getSpec().getRln(), RlnFixtures.CHAIN))
        .containsExactly(
            "generateRlnKeystore",
            "--rln-relay-eth-client-address=http://net-rln-chain:8545",
            "--rln-relay-eth-contract-address=0x0165878A594ca255338adfa4d48449f69242Eb8F",
            "--rln-relay-chain-id=1234",
            "--rln-relay-cred-path=/rln/keystore.json",
            "--rln-relay-user-message-limit=20",
            "--execute");
  }
}

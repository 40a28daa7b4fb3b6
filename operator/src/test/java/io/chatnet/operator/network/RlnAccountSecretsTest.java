package io.chatnet.operator.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.identity.EthAccount;
import io.chatnet.operator.rln.RlnFixtures;
import io.chatnet.operator.rln.RlnMembershipPlan;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RlnAccountSecretsTest {
  @Test
  void publishingGroupsGetTheirPlannedAccountsKeysValidatorsNone() {
    ChatNetwork network = RlnFixtures.network("{enabled: true, validatorGroups: [relay]}");
    NodeGroup relay = network.getSpec().getGroups().get(1);
    NodeGroup svc = network.getSpec().getGroups().get(2);
    assertThat(RlnAccountSecrets.build(network, relay)).isEmpty();
    var secrets = RlnAccountSecrets.build(network, svc);
    assertThat(secrets)
        .singleElement()
        .satisfies(s -> assertThat(s.getMetadata().getName()).isEqualTo("net-svc-rln-0"));
    var data = secrets.get(0).getData();
    assertThat(data).containsOnlyKeys("0", "1");
    for (var member : RlnMembershipPlan.members(network.getSpec())) {
      String key =
          new String(
              Base64.getDecoder().decode(data.get(Integer.toString(member.ordinal()))),
              StandardCharsets.US_ASCII);
      assertThat(EthAccount.fromPrivateKeyHex(key).address()).isEqualTo(member.address());
    }
  }

  @Test
  void theNetworkGetsEachPublishersKeysAndOnePasswordNamedAsThePodsMountThem() {
    ChatNetwork network = RlnFixtures.network("{enabled: true, validatorGroups: [relay]}");
    var all = RlnAccountSecrets.all(network);
    assertThat(all)
        .extracting(s -> s.getMetadata().getName())
        .containsExactly("net-svc-rln-0", "net-rln-password");
    NodeGroup svc = network.getSpec().getGroups().get(2);
    assertThat(RlnAccountSecrets.names(network, svc)).containsExactly("net-svc-rln-0");
    assertThat(RlnAccountSecrets.names(network, network.getSpec().getGroups().get(1))).isEmpty();
    String password =
        new String(
            Base64.getDecoder().decode(all.get(1).getData().get(RlnKeystorePassword.KEY)),
            StandardCharsets.US_ASCII);
    assertThat(password)
        .matches("[0-9a-f]{32}")
        .isEqualTo(RlnKeystorePassword.derive("rln-seed"))
        .isNotEqualTo(RlnKeystorePassword.derive("other-seed"));
    // the password Secret is the network's (no group label: no group's pruning touches it)
    assertThat(all.get(1).getMetadata().getLabels()).doesNotContainKey("chatnet.io/group");
  }

  @Test
  void aNetworkWithoutRlnOrWithoutPublishersHasNoRlnSecrets() {
    assertThat(RlnAccountSecrets.all(RlnFixtures.network("{enabled: false}"))).isEmpty();
    // no publisher, no password either
    assertThat(
            RlnAccountSecrets.all(
                RlnFixtures.network("{enabled: true, validatorGroups: [relay, svc]}")))
        .isEmpty();
  }
}

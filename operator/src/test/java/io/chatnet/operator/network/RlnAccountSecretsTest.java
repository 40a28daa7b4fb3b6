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
}

package io.chatnet.operator.rln;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.identity.EthAccount;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RlnMembershipPlanTest {
  @Test
  void oneMembershipPerPublishingNodeDeterministicFromTheSeed() {
    ChatNetwork network = RlnFixtures.network("{enabled: true, validatorGroups: [relay]}");
    var members = RlnMembershipPlan.members(network.getSpec());
    assertThat(members)
        .extracting(m -> m.group() + "-" + m.ordinal())
        .containsExactly("svc-0", "svc-1");
    assertThat(members.get(0).address())
        .isEqualTo(EthAccount.derive("rln-seed", "svc", 0).address())
        .matches("0x[0-9a-fA-F]{40}");
    assertThat(RlnMembershipPlan.members(network.getSpec())).isEqualTo(members);

    ChatNetwork other = RlnFixtures.network("{enabled: true, validatorGroups: [relay]}");
    other.getSpec().setSeed("another-seed");
    var otherMembers = RlnMembershipPlan.members(other.getSpec());
    assertThat(otherMembers.get(0).address()).isNotEqualTo(members.get(0).address());
    assertThat(otherMembers.get(1).address()).isNotEqualTo(members.get(1).address());
  }

  @Test
  void aScaleUpRegistersOnlyTheNewOrdinals() {
    ChatNetwork network = RlnFixtures.network("{enabled: true}");
    assertThat(RlnMembershipPlan.members(network.getSpec())).hasSize(5);
    network.getSpec().getGroups().get(2).setReplicas(4);
    assertThat(RlnMembershipPlan.membersFrom(network.getSpec(), Map.of("relay", 3, "svc", 2)))
        .extracting(m -> m.group() + "-" + m.ordinal())
        .containsExactly("svc-2", "svc-3");
    assertThat(RlnMembershipPlan.membersFrom(network.getSpec(), Map.of("relay", 3, "svc", 4)))
        .isEmpty();
  }

  @Test
  void theDepositIsTheLimitTimesFivePercentOfAToken() {
    ChatNetwork network = RlnFixtures.network("{enabled: true, userMessageLimit: 20}");
    // rln.md section 7: limit 20 -> 1 TST, limit 100 -> 5 TST
    assertThat(RlnMembershipPlan.depositWei(network.getSpec().getRln()))
        .isEqualTo(BigInteger.TEN.pow(18));
    network.getSpec().getRln().setUserMessageLimit(100);
    assertThat(RlnMembershipPlan.depositWei(network.getSpec().getRln()))
        .isEqualTo(BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(5)));
  }
}

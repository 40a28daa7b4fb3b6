package io.chatnet.operator.rln;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatNetwork;
import org.junit.jupiter.api.Test;

class RlnCompatibilityTest {
  @Test
  void aNetworkOfOneVersionWithAWorkingContractHasNoProblems() {
    for (String version : new String[] {"nwaku-v0.36.0", "nwaku-v0.37.1-beta"}) {
      assertThat(
              RlnCompatibility.problems(
                  RlnFixtures.network(version, "{enabled: true}", "").getSpec()))
          .as(version)
          .isEmpty();
    }
    assertThat(
            RlnCompatibility.problems(
                RlnFixtures.network(
                        "logos-delivery-v0.38.1",
                        "{enabled: true, contract: logos-rlnv2-contract-8359765e}",
                        "")
                    .getSpec()))
        .isEmpty();
  }

  @Test
  void disabledRlnIsNeverAProblem() {
    ChatNetwork network =
        RlnFixtures.network(
            "nwaku-v0.36.0",
            "{enabled: false, contract: logos-rlnv2-contract-8359765e}",
            "  - {name: d, kind: status-backend, role: desktop, replicas: 2}\n");
    assertThat(RlnCompatibility.problems(network.getSpec())).isEmpty();
  }

  @Test
  void versionsWhoseProofsDoNotVerifyEachOtherAreRefused() {
    ChatNetwork network =
        RlnFixtures.network(
            "nwaku-v0.37.1-beta",
            "{enabled: true}",
            "  - {name: new, kind: nwaku, role: relay, replicas: 1,"
                + " version: logos-delivery-v0.38.1}\n");
    assertThat(RlnCompatibility.problems(network.getSpec()))
        .singleElement()
        .asString()
        .startsWith("spec.groups[].version:")
        .contains("relay (nwaku-v0.37.1-beta)", "new (logos-delivery-v0.38.1)");
  }

  @Test
  void theBootstrapGroupRunsNoRlnSoItsVersionDoesNotMatter() {
    ChatNetwork network = RlnFixtures.network("logos-delivery-v0.38.1", "{enabled: true}", "");
    network
        .getSpec()
        .getGroups()
        .get(0)
        .setVersion(io.chatnet.operator.api.NodeVersion.NWAKU_V0_36_0);
    assertThat(RlnCompatibility.problems(network.getSpec())).isEmpty();
  }

  @Test
  void aRootStoredContractWithAnOldKeystoreToolIsRefusedPerPublishingGroup() {
    ChatNetwork network =
        RlnFixtures.network(
            "nwaku-v0.36.0",
            "{enabled: true, contract: logos-rlnv2-contract-8359765e, validatorGroups: [relay]}",
            "");
    assertThat(RlnCompatibility.problems(network.getSpec()))
        .singleElement()
        .asString()
        .startsWith("spec.rln.contract: logos-rlnv2-contract-8359765e")
        .contains("group svc (nwaku-v0.36.0)");
  }

  @Test
  void theContractsTotalRateLimitBoundsMembershipsTimesLimit() {
    // 5 publishers x 600 = 3000: fine; 300 publishers x 600 = 180,000 > 160,000
    ChatNetwork network = RlnFixtures.network("{enabled: true, userMessageLimit: 600}");
    assertThat(RlnCompatibility.problems(network.getSpec())).isEmpty();
    network.getSpec().getGroups().get(1).setReplicas(298);
    assertThat(RlnCompatibility.problems(network.getSpec()))
        .singleElement()
        .asString()
        .startsWith("spec.rln.userMessageLimit: 300 memberships x 600")
        .contains("160000");
    network
        .getSpec()
        .getRln()
        .setContract(io.chatnet.operator.api.RlnContractVersion.LOGOS_RLNV2_B560521A);
    assertThat(RlnCompatibility.problems(network.getSpec())).isEmpty();
  }

  @Test
  void relayModeClientsAndLightClientsWithoutAProvingServiceAreRefused() {
    ChatNetwork desktops =
        RlnFixtures.network(
            "nwaku-v0.36.0",
            "{enabled: true}",
            "  - {name: desk, kind: status-backend, role: desktop, replicas: 2}\n");
    assertThat(RlnCompatibility.problems(desktops.getSpec()))
        .singleElement()
        .asString()
        .startsWith("spec.groups[desk].role: desktop (relay-mode)");
    ChatNetwork validatorsOnly = RlnFixtures.network("{enabled: true, validatorGroups: [svc]}");
    assertThat(RlnCompatibility.problems(validatorsOnly.getSpec()))
        .singleElement()
        .asString()
        .startsWith("spec.rln.validatorGroups: mobile clients");
  }
}

package io.chatnet.operator.rln;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatNetwork;
import org.junit.jupiter.api.Test;

class RlnChainManifestsTest {
  @Test
  void anvilRunsPinnedWithTheSpecsChainIdBehindAService() {
    ChatNetwork network = RlnFixtures.network("{enabled: true, chain: {chainId: 59141}}");
    var deployment = RlnChainManifests.deployment(network);
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).doesNotEndWith(":latest").contains(":nightly-");
    assertThat(container.getArgs()).contains("--chain-id=59141", "--host=0.0.0.0", "--port=8545");
    assertThat(container.getReadinessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(8545);
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    var service = RlnChainManifests.service(network);
    assertThat(service.getSpec().getSelector())
        .isEqualTo(deployment.getSpec().getTemplate().getMetadata().getLabels());
    assertThat(RlnChainManifests.rpcUrl(network)).isEqualTo("http://net-rln-chain:8545");
  }

  @Test
  void theChainIdDefaultsToTheSimulatorsOne() {
    assertThat(RlnChainManifests.chainId(RlnFixtures.network("{enabled: true}"))).isEqualTo(1234);
  }
}

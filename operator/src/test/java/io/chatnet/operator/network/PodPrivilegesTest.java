package io.chatnet.operator.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NetworkConditions;
import io.chatnet.operator.api.NodeGroup;
import org.junit.jupiter.api.Test;

/** What the report says from the spec is what the built pods run with. */
class PodPrivilegesTest {
  @Test
  void theSpecsAnswerIsTheBuiltPodsForEveryGroupWithAndWithoutNetem() {
    ChatNetwork network = Scenarios.network("smoke.yaml", "lab");
    NetworkConditions conditions = new NetworkConditions();
    conditions.setLatencyMillis(20);
    network.getSpec().getGroups().get(1).setNetworkConditions(conditions);
    network.getSpec().getGroups().get(3).setNetworkConditions(conditions);
    int privileged = 0;
    for (NodeGroup group : network.getSpec().getGroups()) {
      var pod =
          GroupStatefulSet.build(
                  network, group, NodeKeySecrets.chunks(group.getReplicas()), Scenarios.DEFAULTS)
              .getSpec()
              .getTemplate()
              .getSpec();
      assertThat(PodPrivileges.of(group)).as(group.getName()).isEqualTo(PodPrivileges.of(pod));
      privileged += PodPrivileges.of(pod).any() ? 1 : 0;
    }
    assertThat(privileged).isEqualTo(2);
    assertThat(PodPrivileges.of(network.getSpec().getGroups().get(1)))
        .isEqualTo(
            new PodPrivileges(java.util.List.of("netem"), java.util.List.of("NET_ADMIN"), false));
    assertThat(PodPrivileges.of(network.getSpec().getGroups().get(0)))
        .isEqualTo(PodPrivileges.NONE);
  }
}

package io.chatnet.operator.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.naming.Names;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;

class GroupServiceTest {
  @Test
  void staticPeersNamesExistBeforeReadinessThroughTheHeadlessService() {
    ChatNetwork network = Scenarios.network("relay-only.yaml", "ns");
    NodeGroup relay = network.getSpec().getGroups().get(0);
    Service service = GroupService.build(network, relay);
    StatefulSet sts = GroupStatefulSet.build(network, relay, 1, Scenarios.DEFAULTS);
    // nodes dial each other while they start, before any is ready
    assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(service.getSpec().getPublishNotReadyAddresses()).isTrue();
    // <pod>.<serviceName>.<ns>.svc.<domain> is a pod's DNS name only if serviceName is this Service
    assertThat(sts.getSpec().getServiceName()).isEqualTo(service.getMetadata().getName());
    assertThat(Names.podDns(network, relay, 3, "cluster.local"))
        .isEqualTo(
            "relay-only-relay-3." + service.getMetadata().getName() + ".ns.svc.cluster.local");
    assertThat(service.getSpec().getSelector())
        .isEqualTo(
            sts.getSpec().getTemplate().getMetadata().getLabels().entrySet().stream()
                .filter(e -> service.getSpec().getSelector().containsKey(e.getKey()))
                .collect(java.util.stream.Collectors.toMap(e -> e.getKey(), e -> e.getValue())));
  }
}

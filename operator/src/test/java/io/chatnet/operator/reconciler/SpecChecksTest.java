package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.network.NetworkConfigMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecChecksTest {
  @Test
  void aStaticTopologyTooLargeForTheConfigMapIsReportedWithTheField() {
    ChatNetwork network = Scenarios.network("relay-only.yaml", "ns");
    network.getSpec().getGroups().get(0).setReplicas(4000);
    network.getSpec().getDiscovery().setDegree(8);
    var configMap = NetworkConfigMap.build(network, Map.of(), "cluster.local");
    assertThat(NetworkConfigMap.dataBytes(configMap))
        .isGreaterThan(NetworkConfigMap.MAX_DATA_BYTES);
    assertThat(SpecChecks.problems(network, configMap))
        .singleElement()
        .asString()
        .startsWith("spec.discovery:")
        .contains("use discovery mode discv5");
  }

  @Test
  void theScenariosPassTheChecks() {
    for (String file : new String[] {"smoke.yaml", "relay-only.yaml", "baseline-1to1-1000.yaml"}) {
      ChatNetwork network = Scenarios.network(file, "ns");
      assertThat(
              SpecChecks.problems(
                  network, NetworkConfigMap.build(network, Map.of(), "cluster.local")))
          .as(file)
          .isEmpty();
    }
  }
}

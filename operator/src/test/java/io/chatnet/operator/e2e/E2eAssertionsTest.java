package io.chatnet.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.network.GroupStatefulSet;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The parts of make e2e that need no run: node detection, the table, the e2e network's images. */
class E2eAssertionsTest {
  static io.fabric8.kubernetes.api.model.Node node(String name, boolean kwok) {
    NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).endMetadata();
    if (kwok) {
      b.editMetadata().addToAnnotations("kwok.x-k8s.io/node", "fake").endMetadata();
    }
    return b.build();
  }

  @Test
  void aClusterRunsContainersWhenAnyNodeIsReal() {
    assertThat(SimulatedCluster.runsNoContainers(List.of())).hasValue("it has no nodes");
    assertThat(SimulatedCluster.runsNoContainers(List.of(node("a", true), node("b", true))))
        .hasValue(
            "all 2 of its nodes are kwok's simulated nodes, annotated kwok.x-k8s.io/node=fake");
    assertThat(SimulatedCluster.runsNoContainers(List.of(node("a", true), node("b", false))))
        .isEmpty();
    assertThat(SimulatedCluster.runsNoContainers(List.of(node("a", false)))).isEmpty();
  }

  @Test
  void theTableSaysPassOrFailWithEachFigure() {
    List<E2eAssertions.Finding> findings =
        List.of(
            new E2eAssertions.Finding("clients logged in", true, "7/7"),
            new E2eAssertions.Finding("report written", false, "no ReportStored condition"));
    assertThat(E2eAssertions.table(findings))
        .isEqualTo(
            "PASS  clients logged in  7/7\n"
                + "FAIL  report written     no ReportStored condition\n");
    assertThat(E2eAssertions.allPassed(findings)).isFalse();
    assertThat(E2eAssertions.allPassed(List.of())).isFalse();
  }

  @Test
  void theE2eNetworkRunsPinnedReleaseImagesOnly() {
    ChatNetwork network = Scenarios.network("e2e/network.yaml", "chatnet-e2e");
    List<String> images =
        network.getSpec().getGroups().stream()
            .flatMap(
                (NodeGroup g) ->
                    GroupStatefulSet.build(network, g, 1, Scenarios.DEFAULTS)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .stream())
            .map(Container::getImage)
            .distinct()
            .toList();
    // nwaku from its version profile (NodeVersion), status-backend as its groups name it.
    assertThat(images)
        .containsExactlyInAnyOrder(
            "wakuorg/nwaku:v0.36.0", "soutullostatus/status-backend:b22c58bd");
    assertThat(Stream.of("latest")).noneMatch(t -> images.stream().anyMatch(i -> i.endsWith(t)));
  }
}

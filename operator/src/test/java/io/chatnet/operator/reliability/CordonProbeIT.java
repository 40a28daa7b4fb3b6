package io.chatnet.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatnet.testkit.LocalCluster;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The campaign's cordon check against the local cluster's real scheduler: a probe is refused only
 * when every node is cordoned, and the check fails (instead of passing) when the scheduler places
 * its probes (bench/reliability.md, finding 16).
 */
@LocalClusterTest
class CordonProbeIT {

  @AfterEach
  void uncordon(KubernetesClient client) {
    ExperimentFaultCampaignIT.uncordon(client);
  }

  @Test
  void aCordonHoldsOnceTheSchedulerRefusesAProbe(KubernetesClient client, TestNamespace ns) {
    ExperimentFaultCampaignIT.cordon(client, ns.name());

    // what the cordon promises: a pod created now is not placed
    var pod = client.resource(CordonProbe.probe(ns.name())).create();
    assertThat(
            client
                .pods()
                .inNamespace(ns.name())
                .withName(pod.getMetadata().getName())
                .waitUntilCondition(
                    p ->
                        p.getStatus().getConditions().stream()
                            .anyMatch(c -> "PodScheduled".equals(c.getType())),
                    30,
                    java.util.concurrent.TimeUnit.SECONDS)
                .getSpec()
                .getNodeName())
        .isNull();
    assertThat(probes(client, ns)).as("the check's own probes removed").hasSize(1);
  }

  @Test
  void withoutACordonTheCheckFailsOnThePlacedProbes(KubernetesClient client, TestNamespace ns)
      throws InterruptedException {
    // an API server restart of an earlier test class can leave the scheduler's watches in backoff:
    // the check below gives it 8 s, so it starts once the scheduler answers at all
    CordonProbe.awaitPlaced(client, ns.name(), LocalCluster.INFORMER_CATCH_UP);
    assertThatThrownBy(() -> CordonProbe.awaitRefused(client, ns.name(), Duration.ofSeconds(8)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("probe(s) placed");
    assertThat(probes(client, ns)).as("placed probes removed").isEmpty();
  }

  /** Pods with the probe's label in the test namespace. */
  private static java.util.List<io.fabric8.kubernetes.api.model.Pod> probes(
      KubernetesClient client, TestNamespace ns) {
    return client
        .pods()
        .inNamespace(ns.name())
        .withLabel("app.kubernetes.io/name", "cordon-probe")
        .list()
        .getItems();
  }
}

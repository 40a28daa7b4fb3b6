package io.chatnet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulated cluster does what the operator will rely on: the real StatefulSet controller and
 * scheduler place 1000 pods and kwok reports them Running.
 */
@LocalClusterTest
class StatefulSetAtScaleTest {
  static final int REPLICAS = 1000;

  @Test
  void thousandReplicasReachRunning(KubernetesClient client, TestNamespace ns) {
    Map<String, String> labels = Map.of("app", "scale-probe");
    StatefulSet sts =
        new StatefulSetBuilder()
            .withNewMetadata()
            .withName("scale-probe")
            .withNamespace(ns.name())
            .endMetadata()
            .withNewSpec()
            .withReplicas(REPLICAS)
            .withPodManagementPolicy("Parallel")
            .withServiceName("scale-probe")
            .withNewSelector()
            .withMatchLabels(labels)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withEnableServiceLinks(false)
            .addNewContainer()
            .withName("probe")
            .withImage("example.invalid/never-pulled:1")
            .withNewResources()
            .addToRequests("cpu", new Quantity("10m"))
            .addToRequests("memory", new Quantity("16Mi"))
            .endResources()
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    client.resource(sts).create();

    await("1000 pods Running")
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () ->
                assertThat(
                        client.pods().inNamespace(ns.name()).withLabels(labels).list().getItems())
                    .filteredOn(StatefulSetAtScaleTest::running)
                    .hasSize(REPLICAS));
    await("StatefulSet status reports all replicas ready")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                client
                    .apps()
                    .statefulSets()
                    .inNamespace(ns.name())
                    .withName("scale-probe")
                    .get()
                    .getStatus()
                    .getReadyReplicas(),
            ready -> ready != null && ready == REPLICAS);
  }

  private static boolean running(Pod pod) {
    return "Running".equals(pod.getStatus().getPhase()) && pod.getStatus().getPodIP() != null;
  }
}

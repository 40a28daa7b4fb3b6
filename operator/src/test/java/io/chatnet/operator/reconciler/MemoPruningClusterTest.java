package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.config.OperatorMetrics;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's soak, its memo part on a real API server: N networks (with PodMonitors, the CRD
 * served) and an experiment on each fill the operator's per-object memos; deleting them all, with
 * no reconcile following (the operator puts no finalizer on them), brings every memo back to 0,
 * read through the {@code chatnet_operator_memo_entries} gauges.
 */
@LocalClusterTest
class MemoPruningClusterTest {
  static final int N = 3;

  @Test
  void memosOfDeletedNetworksAndExperimentsGoBackToZero(KubernetesClient client, TestNamespace ns)
      throws Exception {
    Crds.install(client);
    PodMonitorClusterTest.installPodMonitorCrd(client);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Metrics.globalRegistry.add(registry);
    List<String> names = IntStream.range(0, N).mapToObj(i -> "memo" + i).toList();
    try (InProcessOperator operator = InProcessOperator.start(ns.name(), Duration.ofSeconds(30))) {
      for (String name : names) {
        ChatExperimentLifecycleTest.readyNetwork(client, ns, name);
      }
      await("a PodMonitor per network")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  client.resources(PodMonitor.class).inNamespace(ns.name()).list().getItems().size()
                      == N);
      assertThat(memo(registry, "network-podmonitors")).isEqualTo(N);
      assertThat(memo(registry, "network-status-writes")).isEqualTo(N);
      for (String name : names) {
        client.resource(ChatExperimentLifecycleTest.experiment(ns, name + "-x", name, "")).create();
      }
      for (String name : names) {
        ChatExperimentLifecycleTest.awaitPhase(client, ns, name + "-x", ExperimentPhase.Analyzing);
      }

      client.resources(ChatExperiment.class).inNamespace(ns.name()).delete();
      client.resources(ChatNetwork.class).inNamespace(ns.name()).delete();

      await("every memo back to 0 once the networks and experiments are gone")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(
                          List.of(
                              "network-podmonitors",
                              "network-status-writes",
                              "network-diagnoses",
                              "network-write-refusals",
                              "experiment-write-refusals"))
                      .allSatisfy(m -> assertThat(memo(registry, m)).as(m).isZero()));
      assertThat(client.resources(ChatNetwork.class).inNamespace(ns.name()).list().getItems())
          .isEmpty();
    } finally {
      Metrics.globalRegistry.remove(registry);
    }
  }

  static int memo(SimpleMeterRegistry registry, String memo) {
    return (int) registry.get(OperatorMetrics.MEMO_ENTRIES).tag("memo", memo).gauge().value();
  }
}

package io.chatnet.operator.reconciler;

import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.awaitExperiment;
import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.awaitPhase;
import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.readyNetwork;
import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.reportSummaries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.analysis.MetricsStep;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.MetricsResults;
import io.chatnet.operator.api.TrafficMetrics;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.chatnet.testkit.prometheus.Expected;
import io.chatnet.testkit.prometheus.PrometheusServer;
import io.chatnet.testkit.prometheus.Series;
import io.chatnet.testkit.prometheus.SyntheticNetwork;
import io.chatnet.testkit.prometheus.Window;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metrics step on the local control plane: an experiment whose spec.prometheus.url points at a
 * real Prometheus holding its window's series (backfilled once the operator has fixed the window)
 * ends Succeeded with the figures from Prometheus; one pointing at a dead port ends Succeeded too,
 * with the load generators' figures and MetricsAvailable=False, once it has asked again for
 * chatnet.prometheus.retry-for after the window; one whose Prometheus comes back within that period
 * gets its figures.
 */
@LocalClusterTest
class ExperimentMetricsTest {
  static InProcessOperator operator;

  @BeforeAll
  static void startOperator(KubernetesClient client, TestNamespace ns) {
    Crds.install(client);
    operator = InProcessOperator.start(ns.name(), Duration.ofSeconds(2));
    readyNetwork(client, ns, "lab");
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  static ChatExperiment experiment(TestNamespace ns, String name, String url) {
    ChatExperiment e =
        ChatExperimentLifecycleTest.experiment(
            ns, name, "lab", "  prometheus: {url: '" + url + "'}\n");
    e.getSpec().setWarmupSeconds(3);
    return e;
  }

  /**
   * The experiment's window (warm-up of 3 s excluded, 10 s measured) once the operator fixed it.
   */
  static Window window(ChatExperiment preparing) {
    Instant start = Instant.parse(preparing.getStatus().getPlannedStart()).plusSeconds(3);
    return new Window(start, start.plusSeconds(10));
  }

  static SyntheticNetwork fixture(TestNamespace ns, String experiment, Window window) {
    return SyntheticNetwork.builder()
        .seed(21)
        .namespace(ns.name())
        .network("lab")
        .experiment(experiment)
        .window(window)
        .step(Duration.ofSeconds(1))
        .margin(Duration.ofSeconds(5))
        .build();
  }

  static Condition metricsCondition(ChatExperiment e) {
    return e.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals(MetricsStep.CONDITION))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void figuresComeFromPrometheusOverExactlyTheWindow(KubernetesClient client, TestNamespace ns)
      throws Exception {
    int port = PrometheusServer.freePort();
    client.resource(experiment(ns, "measured", "http://127.0.0.1:" + port)).create();
    ChatExperiment preparing = awaitPhase(client, ns, "measured", ExperimentPhase.Preparing);
    Window window = window(preparing);
    assertThat(Instant.parse(preparing.getStatus().getWindowEnd()).truncatedTo(ChronoUnit.MILLIS))
        .isEqualTo(window.end());
    SyntheticNetwork fixture = fixture(ns, "measured", window);
    try (PrometheusServer prometheus =
        PrometheusServer.builder().port(port).backfill(fixture).start()) {
      reportSummaries(client, ns, "measured");
      ChatExperiment done = awaitPhase(client, ns, "measured", ExperimentPhase.Succeeded);

      assertThat(metricsCondition(done).getStatus()).isEqualTo("True");
      assertThat(metricsCondition(done).getReason()).isEqualTo("Queried");
      MetricsResults metrics = done.getStatus().getResults().getMetrics();
      assertThat(metrics.getWindowStart()).isEqualTo(window.start().toString());
      assertThat(metrics.getWindowEnd()).isEqualTo(window.end().toString());
      double messages =
          fixture.select("waku_node_messages_total", Map.of()).stream()
              .mapToDouble(s -> Expected.increase(s, window))
              .sum();
      assertThat(metrics.getWakuMessages()).isEqualTo(Math.round(messages));
      assertThat(metrics.getGroups()).hasSize(5);
      boolean latencyOk = true;
      for (TrafficMetrics row : metrics.getTraffic()) {
        if (row.getKind().equals("relay")) {
          continue;
        }
        Map<String, String> kind =
            Map.of("traffic", row.getKind(), "client_kind", row.getClientKind());
        double p95 =
            1000
                * Expected.histogramQuantile(
                    0.95,
                    Expected.bucketIncreases(
                        fixture.select("chatnet_loadgen_latency_seconds_bucket", kind), window));
        assertThat(row.getLatencyP95Millis()).isCloseTo(p95, offset(1e-6));
        long sent = 0;
        for (Series s : fixture.select("chatnet_loadgen_messages_sent_total", kind)) {
          sent += Math.round(Expected.increase(s, window));
        }
        assertThat(row.getSent()).isEqualTo(sent);
        latencyOk &= row.getKind().equals("privateGroups") || p95 <= 500;
      }
      // The summaries (one-to-one only) deliver 59/60; latency is judged on the merged histograms.
      assertThat(done.getStatus().getVerdict().getReasons())
          .anyMatch(r -> r.startsWith("oneToOne/desktop latency p95 ms (merged histogram)"))
          .anyMatch(r -> r.startsWith("oneToOne/mobile latency p95 ms (merged histogram)"));
      assertThat(done.getStatus().getVerdict().getResult())
          .isEqualTo(latencyOk ? "Passed" : "Failed");
      assertThat(done.getStatus().getResults().getOneToOne().getSent()).isEqualTo(120);
    }
  }

  @Test
  void aDeadPrometheusKeepsTheLoadGeneratorsFiguresAndStillFinishes(
      KubernetesClient client, TestNamespace ns) throws Exception {
    String dead = "http://127.0.0.1:" + PrometheusServer.freePort();
    client.resource(experiment(ns, "blind", dead)).create();
    awaitPhase(client, ns, "blind", ExperimentPhase.Preparing);
    reportSummaries(client, ns, "blind");
    ChatExperiment retrying = awaitMetricsRetry(client, ns, "blind");
    assertThat(metricsCondition(retrying).getReason()).isEqualTo("PrometheusUnreachable");
    ChatExperiment done = awaitPhase(client, ns, "blind", ExperimentPhase.Succeeded);

    // Given up only once the retry period after the window's end has passed.
    assertThat(Instant.parse(done.getStatus().getCompletionTime()))
        .isAfterOrEqualTo(
            Instant.parse(done.getStatus().getWindowEnd())
                .plus(InProcessOperator.METRICS_RETRY_FOR));
    Condition condition = metricsCondition(done);
    assertThat(condition.getStatus()).isEqualTo("False");
    assertThat(condition.getReason()).isEqualTo("PrometheusUnreachable");
    assertThat(condition.getMessage()).contains("cannot reach Prometheus at " + dead);
    assertThat(done.getStatus().getResults().getMetrics()).isNull();
    assertThat(done.getStatus().getResults().getOneToOne().getSent()).isEqualTo(120);
    assertThat(done.getStatus().getResults().getOneToOne().getDeliveryRatio())
        .isEqualTo(118 / 120.0);
    assertThat(done.getStatus().getVerdict().getReasons())
        .contains("oneToOne latency p95 ms 120.0 <= 500.0: ok");
  }

  @Test
  void aPrometheusBackWithinTheRetryPeriodStillGivesTheFigures(
      KubernetesClient client, TestNamespace ns) throws Exception {
    int port = PrometheusServer.freePort();
    client.resource(experiment(ns, "late", "http://127.0.0.1:" + port)).create();
    Window window = window(awaitPhase(client, ns, "late", ExperimentPhase.Preparing));
    reportSummaries(client, ns, "late");
    awaitMetricsRetry(client, ns, "late");

    try (PrometheusServer prometheus =
        PrometheusServer.builder().port(port).backfill(fixture(ns, "late", window)).start()) {
      ChatExperiment done = awaitPhase(client, ns, "late", ExperimentPhase.Succeeded);
      assertThat(metricsCondition(done).getStatus()).isEqualTo("True");
      assertThat(done.getStatus().getResults().getMetrics().getWindowEnd())
          .isEqualTo(window.end().toString());
    }
  }

  /** Waits until the experiment is Analyzing and asking an unreachable Prometheus again. */
  static ChatExperiment awaitMetricsRetry(KubernetesClient client, TestNamespace ns, String name) {
    return awaitExperiment(
        client,
        ns,
        name,
        "retrying its metrics",
        status ->
            status.getPhase() == ExperimentPhase.Analyzing
                && status.getConditions().stream()
                    .anyMatch(
                        c ->
                            c.getType().equals(MetricsStep.CONDITION)
                                && c.getMessage().contains("asking again until")));
  }
}

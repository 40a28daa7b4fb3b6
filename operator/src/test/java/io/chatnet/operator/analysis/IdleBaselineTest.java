package io.chatnet.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.Distribution;
import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.GroupMetrics;
import io.chatnet.operator.api.OperationResults;
import io.chatnet.operator.api.PhaseWindow;
import io.chatnet.testkit.prometheus.Expected;
import io.chatnet.testkit.prometheus.PrometheusServer;
import io.chatnet.testkit.prometheus.PrometheusTest;
import io.chatnet.testkit.prometheus.Series;
import io.chatnet.testkit.prometheus.SyntheticNetwork;
import io.chatnet.testkit.prometheus.Window;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The idle baseline against Debian's Prometheus fed a synthetic network: the client groups' CPU and
 * memory over exactly the idle phase (a part of the data's span, on its sample grid) equal PromQL's
 * definitions computed in plain Java over that phase; nwaku groups are left out. And the phase is
 * the one the shards reported, else the planned one.
 */
@PrometheusTest
class IdleBaselineTest {
  static final Window DATA =
      new Window(Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-20T10:10:00Z"));
  static final Window IDLE =
      new Window(Instant.parse("2026-11-20T10:01:00Z"), Instant.parse("2026-11-20T10:05:00Z"));

  @Test
  void clientGroupsCpuAndMemoryOverExactlyTheIdlePhase() {
    SyntheticNetwork net =
        SyntheticNetwork.builder()
            .seed(16)
            .namespace("ns-idle")
            .network("lab")
            .experiment("exp")
            .window(DATA)
            .step(Duration.ofSeconds(15))
            .build();
    List<GroupMetrics> baseline;
    try (PrometheusServer prometheus = PrometheusServer.builder().backfill(net).start()) {
      MetricsAnalyzer analyzer =
          new MetricsAnalyzer(
              new PrometheusClient(prometheus.url(), Duration.ofSeconds(10)),
              Duration.ofSeconds(60));
      baseline = IdleBaseline.of(analyzer, "ns-idle", "lab", "exp", IDLE.start(), IDLE.end());
    }
    assertThat(baseline).extracting(GroupMetrics::getName).containsExactly("desktop", "mobile");
    for (GroupMetrics g : baseline) {
      Map<String, String> in = Map.of("chatnet_group", g.getName());
      check(
          g.getCpuCores(),
          net.select("process_cpu_seconds_total", in),
          s -> Expected.rate(s, IDLE));
      check(
          g.getMemoryBytes(),
          net.select("process_resident_memory_bytes", in),
          s -> Expected.avgOverTime(s, IDLE));
      // and not the whole span's: the idle phase is a window of its own
      List<Double> whole =
          net.select("process_cpu_seconds_total", in).stream()
              .map(s -> Expected.rate(s, DATA))
              .toList();
      assertThat(g.getCpuCores().getMean()).isNotCloseTo(Expected.mean(whole), offset(1e-12));
    }
  }

  static void check(Distribution actual, List<Series> series, Function<Series, Double> figure) {
    List<Double> values = new ArrayList<>();
    for (Series s : series) {
      values.add(figure.apply(s));
    }
    double eps = 1e-9 * Expected.max(values);
    assertThat(actual.getNodes()).isEqualTo(values.size());
    assertThat(actual.getMean()).isCloseTo(Expected.mean(values), offset(eps));
    assertThat(actual.getP95()).isCloseTo(Expected.quantile(0.95, values), offset(eps));
    assertThat(actual.getMax()).isCloseTo(Expected.max(values), offset(eps));
  }

  @Test
  void theIdlePhaseIsTheShardsElseThePlannedOne() {
    ChatExperiment e =
        Serialization.unmarshal(
            """
            apiVersion: chatnet.io/v1alpha1
            kind: ChatExperiment
            metadata: {name: idle, namespace: lab}
            spec:
              networkRef: {name: lab}
              durationSeconds: 10
              traffic: {}
              contactRequests: {requesters: 1, targets: 4, requestsPerRequester: 4, acceptShare: 1, phaseSeconds: 30}
              idle: {seconds: 600}
            """,
            ChatExperiment.class);
    ChatExperimentStatus status = new ChatExperimentStatus();
    assertThat(IdleBaseline.window(e, status)).isEmpty();
    status.setPlannedStart("2026-12-02T00:00:00Z");
    assertThat(IdleBaseline.window(e, status).orElseThrow())
        .containsExactly(
            Instant.parse("2026-12-02T00:00:30Z"), Instant.parse("2026-12-02T00:10:30Z"));
    PhaseWindow ran = new PhaseWindow();
    ran.setPhase("idle");
    ran.setFrom("2026-12-02T00:00:31.5Z");
    ran.setTo("2026-12-02T00:10:32.25Z");
    status.setResults(new ExperimentResults());
    status.getResults().setOperations(new OperationResults());
    status.getResults().getOperations().getPhases().add(ran);
    assertThat(IdleBaseline.window(e, status).orElseThrow())
        .containsExactly(
            Instant.parse("2026-12-02T00:00:31.5Z"), Instant.parse("2026-12-02T00:10:32.25Z"));
    e.getSpec().setIdle(null);
    assertThat(IdleBaseline.window(e, status)).isEmpty();
  }
}

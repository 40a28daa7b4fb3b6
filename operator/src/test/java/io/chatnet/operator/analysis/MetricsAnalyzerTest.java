package io.chatnet.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.chatnet.operator.api.Distribution;
import io.chatnet.operator.api.GroupMetrics;
import io.chatnet.operator.api.MetricsResults;
import io.chatnet.operator.api.RelayTopicBytes;
import io.chatnet.operator.api.TrafficMetrics;
import io.chatnet.testkit.prometheus.Expected;
import io.chatnet.testkit.prometheus.PrometheusServer;
import io.chatnet.testkit.prometheus.PrometheusTest;
import io.chatnet.testkit.prometheus.Series;
import io.chatnet.testkit.prometheus.SyntheticNetwork;
import io.chatnet.testkit.prometheus.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analyzer against Debian's Prometheus fed a synthetic network by backfill: every figure it
 * writes equals the one computed in plain Java from the fed samples (PromQL's definitions in
 * testkit's {@link Expected}), to floating-point rounding. The data reaches from a minute before
 * the window (warm-up) to a minute after it, so a figure that leaked outside the window would
 * differ.
 */
@PrometheusTest
class MetricsAnalyzerTest {
  static final Window WINDOW =
      new Window(
          Instant.parse("2026-11-20T10:00:00.250Z"), Instant.parse("2026-11-20T10:10:00.250Z"));
  static final double EPS = 1e-9;
  static SyntheticNetwork net;

  /** A logos-delivery HEAD network (logos_delivery_* names) in another namespace. */
  static SyntheticNetwork logos;

  static PrometheusServer prometheus;
  static MetricsResults results;
  static MetricsAnalyzer.Outcome outcome;

  @BeforeAll
  static void analyze() {
    net =
        SyntheticNetwork.builder()
            .seed(5)
            .namespace("ns-a")
            .network("lab")
            .experiment("exp")
            .window(WINDOW)
            .step(Duration.ofSeconds(15))
            .build();
    SyntheticNetwork neighbour =
        SyntheticNetwork.builder()
            .seed(6)
            .namespace("ns-b")
            .network("lab")
            .experiment("exp")
            .window(WINDOW)
            .step(Duration.ofSeconds(15))
            .build();
    logos =
        SyntheticNetwork.builder()
            .seed(7)
            .namespace("ns-c")
            .network("lab")
            .experiment("exp")
            .window(WINDOW)
            .step(Duration.ofSeconds(15))
            .nodeMetrics(SyntheticNetwork.NodeMetrics.LOGOS_DELIVERY)
            .build();
    prometheus =
        PrometheusServer.builder().backfill(net).backfill(neighbour).backfill(logos).start();
    outcome = analyzer().analyze("ns-a", "lab", "exp", WINDOW.start(), WINDOW.end());
    results = outcome.metrics();
  }

  static MetricsAnalyzer analyzer() {
    return new MetricsAnalyzer(
        new PrometheusClient(prometheus.url(), Duration.ofSeconds(10)), Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  /** Per-pod figures of {@code name} (one series per pod after {@code matchers}). */
  static Map<String, Double> perPod(
      String name, Map<String, String> matchers, Function<Series, Double> figure) {
    Map<String, Double> values = new HashMap<>();
    for (Series s : net.select(name, matchers)) {
      values.merge(s.label("pod"), figure.apply(s), Double::sum);
    }
    return values;
  }

  static void assertDistribution(Distribution actual, Map<String, Double> perPod) {
    List<Double> values = List.copyOf(perPod.values());
    assertThat(actual).isNotNull();
    assertThat(actual.getNodes()).isEqualTo(values.size());
    assertThat(actual.getMean())
        .isCloseTo(Expected.mean(values), offset(EPS * Expected.max(values)));
    assertThat(actual.getP95())
        .isCloseTo(Expected.quantile(0.95, values), offset(EPS * Expected.max(values)));
    assertThat(actual.getMax()).isCloseTo(Expected.max(values), offset(EPS * Expected.max(values)));
  }

  static Function<Series, Double> rate() {
    return s -> Expected.rate(s, WINDOW);
  }

  static Function<Series, Double> average() {
    return s -> Expected.avgOverTime(s, WINDOW);
  }

  @Test
  void theConditionSaysTheFiguresCameFromPrometheus() {
    assertThat(outcome.available()).isTrue();
    assertThat(outcome.reason()).isEqualTo("Queried");
    assertThat(outcome.message())
        .contains(
            "client groups have no bandwidth or peers figures (status-backend does not expose");
    assertThat(results.getWindowStart()).isEqualTo("2026-11-20T10:00:00.250Z");
    assertThat(results.getWindowEnd()).isEqualTo("2026-11-20T10:10:00.250Z");
  }

  @Test
  void networkWideBandwidthAndPeersEqualTheFedSamples() {
    assertDistribution(
        results.getBandwidthInBytesPerSecond(),
        perPod("libp2p_network_bytes_total", Map.of("direction", "in"), rate()));
    assertDistribution(
        results.getBandwidthOutBytesPerSecond(),
        perPod("libp2p_network_bytes_total", Map.of("direction", "out"), rate()));
    assertDistribution(results.getPeers(), perPod("libp2p_peers", Map.of(), average()));
    assertThat(results.getBandwidthInBytesPerSecond().getNodes()).isEqualTo(7);
  }

  @Test
  void everyGroupHasCpuAndMemoryAndNwakuGroupsBandwidthAndPeers() {
    Map<String, GroupMetrics> groups =
        results.getGroups().stream().collect(Collectors.toMap(GroupMetrics::getName, g -> g));
    assertThat(groups).containsOnlyKeys("boot", "relay", "service", "desktop", "mobile");
    for (SyntheticNetwork.Group group : net.groups()) {
      GroupMetrics actual = groups.get(group.name());
      Map<String, String> in = Map.of("chatnet_group", group.name());
      assertThat(actual.getRole()).isEqualTo(group.role());
      assertDistribution(actual.getCpuCores(), perPod("process_cpu_seconds_total", in, rate()));
      assertDistribution(
          actual.getMemoryBytes(), perPod("process_resident_memory_bytes", in, average()));
      if (group.nwaku()) {
        assertDistribution(
            actual.getBandwidthInBytesPerSecond(),
            perPod(
                "libp2p_network_bytes_total",
                Map.of("chatnet_group", group.name(), "direction", "in"),
                rate()));
        assertDistribution(
            actual.getBandwidthOutBytesPerSecond(),
            perPod(
                "libp2p_network_bytes_total",
                Map.of("chatnet_group", group.name(), "direction", "out"),
                rate()));
        assertDistribution(actual.getPeers(), perPod("libp2p_peers", in, average()));
      } else {
        // status-backend exports no libp2p figures: absent, not zero
        assertThat(actual.getBandwidthInBytesPerSecond()).isNull();
        assertThat(actual.getPeers()).isNull();
      }
    }
  }

  @Test
  void theRestartedRelayNodesCpuCountsItsResetCorrectly() {
    Series cpu = net.select("process_cpu_seconds_total", Map.of("pod", "lab-relay-0")).get(0);
    double last =
        Expected.inWindow(cpu, WINDOW).get(Expected.inWindow(cpu, WINDOW).size() - 1).value();
    double first = Expected.inWindow(cpu, WINDOW).get(0).value();
    assertThat(Expected.increase(cpu, WINDOW)).isGreaterThan(last - first);
    GroupMetrics relay =
        results.getGroups().stream().filter(g -> g.getName().equals("relay")).findFirst().get();
    assertThat(relay.getCpuCores().getMax())
        .isCloseTo(
            Expected.max(
                perPod("process_cpu_seconds_total", Map.of("chatnet_group", "relay"), rate())
                    .values()),
            offset(EPS));
  }

  @Test
  void wakuMessagesAreTheRelayMessagesOfAllNodes() {
    double total =
        net.select("waku_node_messages_total", Map.of("type", "relay")).stream()
            .mapToDouble(s -> Expected.increase(s, WINDOW))
            .sum();
    assertThat(results.getWakuMessages()).isEqualTo(Math.round(total)).isPositive();
  }

  @Test
  void relayBytesPerTopicSumEveryNodeAndMarkTheCommunitiesShard() {
    Map<String, Double> in = new TreeMap<>();
    Map<String, Double> out = new TreeMap<>();
    for (Series s : net.select("waku_relay_network_bytes_total", Map.of())) {
      String type = s.label("type") + "/" + s.label("direction");
      if (type.equals("gross/in")) {
        in.merge(s.label("topic"), Expected.increase(s, WINDOW), Double::sum);
      } else if (type.equals("net/out")) {
        out.merge(s.label("topic"), Expected.increase(s, WINDOW), Double::sum);
      }
    }
    assertThat(in.keySet())
        .containsExactly(SyntheticNetwork.TOPIC, SyntheticNetwork.COMMUNITIES_TOPIC);
    assertThat(results.getRelayTopics())
        .extracting(RelayTopicBytes::getTopic)
        .containsExactlyElementsOf(in.keySet());
    for (RelayTopicBytes row : results.getRelayTopics()) {
      assertThat(row.getBytesIn()).isEqualTo(Math.round(in.get(row.getTopic()))).isPositive();
      assertThat(row.getBytesOut()).isEqualTo(Math.round(out.get(row.getTopic()))).isPositive();
      assertThat(row.isCommunitiesShard())
          .isEqualTo(row.getTopic().equals(SyntheticNetwork.COMMUNITIES_TOPIC));
    }
  }

  @Test
  void aLogosDeliveryNetworkGivesTheSameFiguresFromItsOwnNames() {
    MetricsAnalyzer.Outcome outcome =
        analyzer().analyze("ns-c", "lab", "exp", WINDOW.start(), WINDOW.end());
    assertThat(outcome.reason()).isEqualTo("Queried");
    MetricsResults r = outcome.metrics();
    List<Series> messages =
        logos.select("logos_delivery_node_messages_total", Map.of("type", "relay"));
    assertThat(messages).hasSize(7);
    assertThat(logos.select("waku_node_messages_total", Map.of())).isEmpty();
    double total = messages.stream().mapToDouble(s -> Expected.increase(s, WINDOW)).sum();
    assertThat(r.getWakuMessages()).isEqualTo(Math.round(total)).isPositive();
    Map<String, Double> in = new HashMap<>();
    for (Series s : logos.select("libp2p_network_bytes_total", Map.of("direction", "in"))) {
      in.merge(s.label("pod"), Expected.rate(s, WINDOW), Double::sum);
    }
    assertDistribution(r.getBandwidthInBytesPerSecond(), in);
  }

  @Test
  void trafficCountsDeliveryAndMergedLatencyEqualTheFedSamples() {
    Map<String, TrafficMetrics> rows =
        results.getTraffic().stream()
            .collect(Collectors.toMap(t -> t.getKind() + "/" + t.getClientKind(), t -> t));
    assertThat(rows)
        .containsOnlyKeys(
            "oneToOne/desktop",
            "oneToOne/mobile",
            "privateGroups/desktop",
            "privateGroups/mobile",
            "relay/relay");
    for (TrafficMetrics row : rows.values()) {
      Map<String, String> kind =
          Map.of("traffic", row.getKind(), "client_kind", row.getClientKind());
      assertThat(row.getSent()).isEqualTo(sum("chatnet_loadgen_messages_sent_total", kind));
      if (row.getKind().equals("relay")) {
        assertThat(row.getReceived()).isNull();
        assertThat(row.getDeliveryRatio()).isNull();
        assertThat(row.getLatencyP95Millis()).isNull();
        continue;
      }
      long received = sum("chatnet_loadgen_messages_received_total", kind);
      long expected = sum("chatnet_loadgen_messages_expected_total", kind);
      assertThat(row.getReceived()).isEqualTo(received);
      assertThat(row.getExpected()).isEqualTo(expected);
      assertThat(row.getDeliveryRatio()).isCloseTo((double) received / expected, offset(EPS));
      Map<Double, Double> buckets =
          Expected.bucketIncreases(
              net.select("chatnet_loadgen_latency_seconds_bucket", kind), WINDOW);
      assertThat(row.getLatencyP50Millis())
          .isCloseTo(1000 * Expected.histogramQuantile(0.50, buckets), offset(1e-6));
      assertThat(row.getLatencyP95Millis())
          .isCloseTo(1000 * Expected.histogramQuantile(0.95, buckets), offset(1e-6));
      assertThat(row.getLatencyP99Millis())
          .isCloseTo(1000 * Expected.histogramQuantile(0.99, buckets), offset(1e-6));
    }
  }

  static long sum(String name, Map<String, String> matchers) {
    List<Series> series = net.select(name, matchers);
    assertThat(series).hasSize(net.loadgenShards());
    return Math.round(series.stream().mapToDouble(s -> Expected.increase(s, WINDOW)).sum());
  }

  @Test
  void anUnknownNetworkGivesNoSeriesNotZeros() {
    MetricsAnalyzer.Outcome none =
        analyzer().analyze("ns-a", "other", "other-exp", WINDOW.start(), WINDOW.end());
    assertThat(none.available()).isFalse();
    assertThat(none.reason()).isEqualTo("NoSeries");
    assertThat(none.metrics()).isNull();
    assertThat(none.message()).contains("network other", "experiment other-exp", "ns-a");
  }

  @Test
  void aWindowBeforeTheDataGivesNoSeries() {
    Instant before = net.firstSample().minus(Duration.ofHours(1));
    MetricsAnalyzer.Outcome none =
        analyzer().analyze("ns-a", "lab", "exp", before, before.plusSeconds(600));
    assertThat(none.reason()).isEqualTo("NoSeries");
    assertThat(none.metrics()).isNull();
  }

  @Test
  void aMissingFamilyIsNamedAndItsFiguresStayAbsent() {
    // The load generators of another experiment: network figures exist, traffic ones do not.
    MetricsAnalyzer.Outcome partial =
        analyzer().analyze("ns-a", "lab", "not-run", WINDOW.start(), WINDOW.end());
    assertThat(partial.available()).isFalse();
    assertThat(partial.reason()).isEqualTo("NoSeries");
    assertThat(partial.message()).contains("chatnet_loadgen_messages_*_total");
    assertThat(partial.metrics().getTraffic()).isEmpty();
    assertThat(partial.metrics().getBandwidthInBytesPerSecond().getMean())
        .isEqualTo(results.getBandwidthInBytesPerSecond().getMean());
  }
}

package io.chatnet.testkit.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticNetworkTest {
  static final Window WINDOW =
      new Window(Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-20T10:05:00Z"));

  /** Every series the scrape convention lists (issue 5), which dashboards and the analyzer read. */
  static final List<String> CONVENTION =
      List.of(
          "libp2p_network_bytes_total",
          "waku_relay_network_bytes_total",
          "libp2p_peers",
          "waku_connected_peers",
          "libp2p_gossipsub_peers_per_topic_mesh",
          "libp2p_gossipsub_healthy_peers_topics",
          "waku_node_messages_total",
          "waku_histogram_message_size_bucket",
          "waku_rln_spam_messages_total_total",
          "waku_rln_proof_verification_duration_seconds",
          "nim_gc_mem_bytes",
          "process_cpu_seconds_total",
          "process_resident_memory_bytes",
          "statusgo_waku_messages_sent_total",
          "statusgo_waku_envelope_sent_errors_total",
          "statusgo_waku_messages_received_total",
          "statusgo_waku_message_delivery_confirmations_total",
          "statusgo_waku_connected_peers",
          "statusgo_waku_store_query_successes_total",
          "statusgo_waku_store_query_failures_total",
          "statusgo_waku_missed_messages_total",
          "chatnet_loadgen_messages_sent_total",
          "chatnet_loadgen_messages_received_total",
          "chatnet_loadgen_messages_duplicate_total",
          "chatnet_loadgen_messages_failed_total",
          "chatnet_loadgen_messages_acked_total",
          "chatnet_loadgen_latency_seconds_bucket",
          "chatnet_loadgen_clients",
          "chatnet_loadgen_signal_reconnects_total",
          "chatnet_loadgen_login_seconds_bucket",
          "chatnet_loadgen_logins_total",
          "chatnet_loadgen_contact_request_round_trip_seconds_bucket",
          "chatnet_loadgen_contact_requests_total",
          "chatnet_loadgen_group_creation_seconds_bucket",
          "chatnet_loadgen_group_creations_total",
          "chatnet_loadgen_catch_up_seconds_bucket",
          "chatnet_loadgen_catch_up_messages_total",
          "chatnet_loadgen_phase");

  @Test
  void coversEverySeriesOfTheConventionWithItsTargetLabels() {
    SyntheticNetwork net = SyntheticNetwork.small(7, WINDOW);
    Set<String> names = net.series().stream().map(Series::name).collect(Collectors.toSet());
    assertThat(names).containsAll(CONVENTION);
    for (Series s : net.series()) {
      assertThat(s.labels()).containsKeys("namespace", "pod", "chatnet_network", "chatnet_role");
      if (s.name().startsWith("chatnet_loadgen_")) {
        assertThat(s.labels())
            .containsEntry("chatnet_role", "loadgen")
            .containsEntry("chatnet_experiment", "exp");
      } else {
        assertThat(s.labels()).containsKey("chatnet_group").doesNotContainKey("chatnet_experiment");
      }
    }
    assertThat(net.select("process_cpu_seconds_total", Map.of("chatnet_role", "mobile")))
        .hasSize(2);
    assertThat(
            net.select("chatnet_loadgen_messages_sent_total", Map.of()).stream()
                .map(s -> s.label("traffic") + "/" + s.label("client_kind"))
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(
            "oneToOne/desktop",
            "oneToOne/mobile",
            "privateGroups/desktop",
            "privateGroups/mobile",
            "relay/relay");
  }

  @Test
  void theLoadGeneratorsOperationsCarryLoadMetricsLabelsAndPhasesFollowARunsOrder() {
    SyntheticNetwork net = SyntheticNetwork.small(7, WINDOW);
    assertThat(
            net.select("chatnet_loadgen_catch_up_messages_total", Map.of()).stream()
                .map(s -> s.label("client_kind") + "/" + s.label("offline_seconds"))
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(
            "desktop/10", "desktop/30", "desktop/50", "mobile/10", "mobile/30", "mobile/50");
    assertThat(
            net.select("chatnet_loadgen_catch_up_messages_total", Map.of()).stream()
                .map(s -> s.label("outcome"))
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("missed", "arrived", "never");
    assertThat(
            net.select("chatnet_loadgen_logins_total", Map.of()).stream()
                .map(s -> s.label("outcome"))
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("succeeded", "failed");
    // Outcomes that are parts of another never run ahead of it: arrived + never = missed.
    Map<String, String> spell = Map.of("pod", net.loadgenPod(1), "client_kind", "mobile");
    List<Series> missed = net.select("chatnet_loadgen_catch_up_messages_total", spell);
    Map<String, List<Series.Sample>> byOutcome = new TreeMap<>();
    missed.stream()
        .filter(s -> s.label("offline_seconds").equals("50"))
        .forEach(s -> byOutcome.put(s.label("outcome"), s.samples()));
    List<Series.Sample> last = byOutcome.values().stream().map(l -> l.get(l.size() - 1)).toList();
    assertThat(byOutcome).containsOnlyKeys("arrived", "missed", "never");
    assertThat(last.get(0).value() + last.get(2).value()).isEqualTo(last.get(1).value());
    assertThat(last.get(2).value()).isLessThan(last.get(1).value());
    Map<String, String> requester = Map.of("pod", net.loadgenPod(0), "client_kind", "desktop");
    double sent = lastValue(net, "chatnet_loadgen_contact_requests_total", requester, "sent");
    double delivered =
        lastValue(net, "chatnet_loadgen_contact_requests_total", requester, "delivered");
    assertThat(delivered).isPositive().isLessThanOrEqualTo(sent);
    // Per shard one series per phase: at most one of them is 1 at any time, and they start in
    // LoadRun's order (contact requests, idle, traffic), traffic holding at the window's end.
    List<Series> phases = net.select("chatnet_loadgen_phase", Map.of("pod", net.loadgenPod(0)));
    assertThat(phases)
        .extracting(s -> s.label("phase"))
        .containsExactly("contact_requests", "idle", "traffic");
    assertThat(phases.get(0).samples().get(0).millis())
        .isLessThan(phases.get(1).samples().get(0).millis());
    assertThat(phases.get(1).samples().get(0).millis())
        .isLessThan(phases.get(2).samples().get(0).millis());
    Map<Long, Double> active = new TreeMap<>();
    phases.forEach(p -> p.samples().forEach(x -> active.merge(x.millis(), x.value(), Double::sum)));
    assertThat(active.values()).containsOnly(1.0);
    assertThat(active).containsKey(net.firstSample().toEpochMilli());
    List<Series.Sample> traffic = Expected.inWindow(phases.get(2), WINDOW);
    assertThat(traffic.get(traffic.size() - 1).value()).isEqualTo(1.0);
  }

  private static double lastValue(
      SyntheticNetwork net, String name, Map<String, String> labels, String outcome) {
    Map<String, String> matchers = new TreeMap<>(labels);
    matchers.put("outcome", outcome);
    List<Series.Sample> samples = net.select(name, matchers).get(0).samples();
    return samples.get(samples.size() - 1).value();
  }

  @Test
  void aLogosDeliveryNetworkSpellsEveryNodeMetricWithItsPrefixAndTheSameLabels() {
    SyntheticNetwork waku = SyntheticNetwork.small(7, WINDOW);
    SyntheticNetwork logos =
        SyntheticNetwork.builder()
            .seed(7)
            .window(WINDOW)
            .nodeMetrics(SyntheticNetwork.NodeMetrics.LOGOS_DELIVERY)
            .build();
    Set<String> names = logos.series().stream().map(Series::name).collect(Collectors.toSet());
    assertThat(names)
        .contains(
            "logos_delivery_node_messages_total",
            "logos_delivery_relay_network_bytes_total",
            "logos_delivery_connected_peers",
            "logos_delivery_histogram_message_size_bucket",
            "logos_delivery_rln_spam_messages_total_total",
            "logos_delivery_rln_proof_verification_duration_seconds",
            "libp2p_network_bytes_total",
            "libp2p_peers",
            "nim_gc_mem_bytes",
            "statusgo_waku_messages_sent_total")
        .noneMatch(n -> n.startsWith("waku_"));
    // Same seed, same draws: only the names differ.
    assertThat(logos.series()).hasSameSizeAs(waku.series());
    for (int i = 0; i < waku.series().size(); i++) {
      Series w = waku.series().get(i);
      Series l = logos.series().get(i);
      assertThat(l.name()).isEqualTo(w.name().replaceFirst("^waku_", "logos_delivery_"));
      assertThat(l.labels()).isEqualTo(w.labels());
      assertThat(l.samples()).isEqualTo(w.samples());
    }
    assertThat(
            waku.select("libp2p_gossipsub_peers_per_topic_mesh", Map.of()).stream()
                .map(s -> s.label("topic"))
                .distinct())
        .containsExactly("other");
    assertThat(waku.select("waku_relay_network_bytes_total", Map.of("pod", "lab-boot-0")))
        .extracting(s -> s.labels().keySet())
        .allSatisfy(k -> assertThat(k).contains("topic", "type", "direction"));
  }

  @Test
  void sameSeedSameSeriesAndAnotherSeedOthers() {
    assertThat(SyntheticNetwork.small(7, WINDOW).series())
        .isEqualTo(SyntheticNetwork.small(7, WINDOW).series());
    assertThat(SyntheticNetwork.small(8, WINDOW).series())
        .isNotEqualTo(SyntheticNetwork.small(7, WINDOW).series());
  }

  @Test
  void samplesFallOnBothEndsOfTheWindowAndTheMargins() {
    SyntheticNetwork net = SyntheticNetwork.small(7, WINDOW);
    assertThat(net.firstSample()).isEqualTo(WINDOW.start().minusSeconds(60));
    assertThat(net.lastSample()).isEqualTo(WINDOW.end().plusSeconds(60));
    Series any = net.series().get(0);
    assertThat(Expected.inWindow(any, WINDOW)).hasSize(31);
  }

  @Test
  void relayNodeZeroRestartsInTheWindowSoItsCountersDrop() {
    SyntheticNetwork net = SyntheticNetwork.small(7, WINDOW);
    Series restarted =
        net.select("libp2p_network_bytes_total", Map.of("pod", "lab-relay-0", "direction", "in"))
            .get(0);
    List<Series.Sample> in = Expected.inWindow(restarted, WINDOW);
    boolean drops = false;
    for (int i = 1; i < in.size(); i++) {
      drops |= in.get(i).value() < in.get(i - 1).value();
    }
    assertThat(drops).isTrue();
    double naive = in.get(in.size() - 1).value() - in.get(0).value();
    assertThat(Expected.increase(restarted, WINDOW)).isGreaterThan(naive);
  }

  @Test
  void aWindowOffTheGridIsRefusedWithTheReason() {
    Window odd = new Window(WINDOW.start(), WINDOW.start().plusSeconds(95));
    assertThatThrownBy(() -> SyntheticNetwork.small(7, odd))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole multiples of the step");
    assertThatThrownBy(
            () ->
                SyntheticNetwork.builder()
                    .window(odd)
                    .step(Duration.ofSeconds(5))
                    .margin(Duration.ofSeconds(7))
                    .build())
        .hasMessageContaining("margin");
  }

  @Test
  void openMetricsTextHasTypesTimestampsAndEof() throws Exception {
    Series counter =
        new Series(
            "foo_total",
            new TreeMap<>(Map.of("pod", "a\"b")),
            List.of(new Series.Sample(1000, 1), new Series.Sample(2500, 2.5)));
    Series bucket =
        new Series("lat_bucket", Map.of("le", "+Inf"), List.of(new Series.Sample(1000, 3)));
    Series count = new Series("lat_count", Map.of(), List.of(new Series.Sample(1000, 3)));
    StringWriter out = new StringWriter();
    OpenMetricsText.write(List.of(counter, bucket, count), out);
    assertThat(out.toString())
        .isEqualTo(
            "# TYPE foo counter\n"
                + "foo_total{pod=\"a\\\"b\"} 1 1.000\n"
                + "foo_total{pod=\"a\\\"b\"} 2.5 2.500\n"
                + "# TYPE lat histogram\n"
                + "lat_bucket{le=\"+Inf\"} 3 1.000\n"
                + "lat_count 3 1.000\n"
                + "# EOF\n");
  }

  @Test
  void histogramQuantileFollowsPromqlsDefinition() {
    Map<Double, Double> buckets =
        Map.of(0.1, 10.0, 0.5, 30.0, 1.0, 40.0, Double.POSITIVE_INFINITY, 40.0);
    // rank 20 lies in (0.1, 0.5]: 0.1 + 0.4 * (20 - 10) / 20
    assertThat(Expected.histogramQuantile(0.5, buckets)).isCloseTo(0.3, within());
    // rank 4 in the first bucket, which starts at 0
    assertThat(Expected.histogramQuantile(0.1, buckets)).isCloseTo(0.04, within());
    Map<Double, Double> tail = Map.of(0.1, 1.0, Double.POSITIVE_INFINITY, 10.0);
    assertThat(Expected.histogramQuantile(0.99, tail)).isEqualTo(0.1);
    assertThat(Expected.quantile(0.95, List.of(1.0, 2.0, 3.0, 4.0, 5.0))).isCloseTo(4.8, within());
  }

  static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-12);
  }
}

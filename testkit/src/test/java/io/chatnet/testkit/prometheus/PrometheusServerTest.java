package io.chatnet.testkit.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness against Debian's real Prometheus: a backfilled synthetic network is served at once
 * and its window figures equal those computed from the fed samples; the live path scrapes an
 * exporter the test runs, with the target labels set in the scrape config.
 */
@PrometheusTest
class PrometheusServerTest {
  static final Window WINDOW =
      new Window(Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-20T10:05:00Z"));
  static SyntheticNetwork fixture;
  static PrometheusServer prometheus;

  @BeforeAll
  static void start() {
    fixture = SyntheticNetwork.small(11, WINDOW);
    prometheus = PrometheusServer.builder().backfill(fixture).start();
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  String range() {
    return String.format(
        Locale.ROOT,
        "[%dms] @ %.3f",
        WINDOW.duration().toMillis(),
        WINDOW.end().toEpochMilli() / 1000.0);
  }

  @Test
  void servesEveryBackfilledSeriesAtOnce() {
    Set<String> names = new HashSet<>();
    fixture.series().forEach(s -> names.add(s.name()));
    for (String name : names) {
      long expected = fixture.select(name, Map.of()).size();
      JsonNode result = prometheus.query("count(" + name + ")", WINDOW.end());
      assertThat(result).as(name).hasSize(1);
      assertThat(result.get(0).path("value").get(1).asLong()).as(name).isEqualTo(expected);
    }
  }

  @Test
  void perNodeIncreasesEqualTheFedSamplesResetsIncluded() {
    JsonNode result =
        prometheus.query("increase(libp2p_network_bytes_total" + range() + ")", Instant.now());
    List<Series> fed = fixture.select("libp2p_network_bytes_total", Map.of());
    assertThat(result).hasSize(fed.size());
    for (JsonNode sample : result) {
      Series series =
          fixture
              .select(
                  "libp2p_network_bytes_total",
                  Map.of(
                      "pod", sample.path("metric").path("pod").asText(),
                      "direction", sample.path("metric").path("direction").asText()))
              .get(0);
      assertThat(sample.path("value").get(1).asDouble())
          .as(series.labels().toString())
          .isCloseTo(Expected.increase(series, WINDOW), offset(1e-6));
    }
  }

  @Test
  void quantileOverNodesOfWindowAveragesEqualsPlainJava() {
    JsonNode result =
        prometheus.query(
            "quantile(0.95, avg_over_time(libp2p_peers" + range() + "))", Instant.now());
    List<Double> averages = new ArrayList<>();
    for (Series s : fixture.select("libp2p_peers", Map.of())) {
      averages.add(Expected.avgOverTime(s, WINDOW));
    }
    assertThat(result.get(0).path("value").get(1).asDouble())
        .isCloseTo(Expected.quantile(0.95, averages), offset(1e-9));
  }

  @Test
  void mergedLatencyPercentilesEqualPlainJava() {
    Map<String, String> kind = Map.of("traffic", "oneToOne", "client_kind", "mobile");
    String selector =
        "chatnet_loadgen_latency_seconds_bucket{traffic=\"oneToOne\",client_kind=\"mobile\"}";
    Map<Double, Double> buckets =
        Expected.bucketIncreases(
            fixture.select("chatnet_loadgen_latency_seconds_bucket", kind), WINDOW);
    for (double q : new double[] {0.5, 0.95, 0.99}) {
      JsonNode result =
          prometheus.query(
              "histogram_quantile(" + q + ", sum by (le) (increase(" + selector + range() + ")))",
              Instant.now());
      assertThat(result.get(0).path("value").get(1).asDouble())
          .as("p" + q)
          .isCloseTo(Expected.histogramQuantile(q, buckets), offset(1e-9));
    }
  }

  @Test
  void scrapesALiveExporterWithTheTargetLabelsOfTheScrapeConfig() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    Counter sent =
        Counter.builder()
            .name("chatnet_loadgen_messages_sent_total")
            .labelNames("traffic", "client_kind")
            .register(registry);
    sent.labelValues("oneToOne", "desktop").inc(42);
    try (HTTPServer exporter =
        HTTPServer.builder()
            .inetAddress(InetAddress.getLoopbackAddress())
            .port(0)
            .registry(registry)
            .buildAndStart()) {
      String scrape =
          """
          - job_name: loadgen
            static_configs:
            - targets: ['127.0.0.1:%d']
              labels:
                namespace: ns1
                pod: exp-loadgen-0
                chatnet_network: lab
                chatnet_role: loadgen
                chatnet_experiment: exp
          """
              .formatted(exporter.getPort());
      try (PrometheusServer live =
          PrometheusServer.builder()
              .scrapeConfigs(scrape)
              .scrapeInterval(Duration.ofMillis(200))
              .start()) {
        JsonNode series =
            live.awaitSeries(
                "chatnet_loadgen_messages_sent_total{chatnet_experiment=\"exp\"}",
                Duration.ofSeconds(30));
        JsonNode metric = series.get(0).path("metric");
        Map<String, String> labels = new HashMap<>();
        metric.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        assertThat(labels)
            .containsEntry("namespace", "ns1")
            .containsEntry("pod", "exp-loadgen-0")
            .containsEntry("chatnet_network", "lab")
            .containsEntry("chatnet_role", "loadgen")
            .containsEntry("chatnet_experiment", "exp")
            .containsEntry("traffic", "oneToOne")
            .containsEntry("client_kind", "desktop");
        assertThat(series.get(0).path("value").get(1).asDouble()).isEqualTo(42.0);
      }
    }
  }

  @Test
  void aWindowAroundNowIsServedFromBackfilledBlocksToo() {
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Window recent = new Window(now.minusSeconds(20), now.plusSeconds(20));
    SyntheticNetwork near =
        SyntheticNetwork.builder()
            .seed(3)
            .window(recent)
            .step(Duration.ofSeconds(1))
            .margin(Duration.ofSeconds(5))
            .build();
    Series series = near.select("waku_node_messages_total", Map.of("pod", "lab-relay-1")).get(0);
    try (PrometheusServer server = PrometheusServer.builder().backfill(near).start()) {
      JsonNode result =
          server.query(
              String.format(
                  Locale.ROOT,
                  "increase(waku_node_messages_total{pod=\"lab-relay-1\"}[40s] @ %d)",
                  recent.end().getEpochSecond()),
              now);
      assertThat(result.get(0).path("value").get(1).asDouble())
          .isEqualTo(Expected.increase(series, recent));
    }
  }

  @Test
  void closeStopsTheProcessAndRemovesItsDirectory() throws Exception {
    PrometheusServer server = PrometheusServer.builder().start();
    Path data = server.dataDir();
    URI ready = server.url().resolve("/-/ready");
    assertThat(Files.isDirectory(data)).isTrue();
    server.close();
    assertThat(Files.exists(data.getParent())).isFalse();
    HttpClient http = HttpClient.newHttpClient();
    assertThatThrownBy(
            () ->
                http.send(
                    HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void aMissingBinaryIsNamedWithTheWayToGetIt() {
    String previous = System.getProperty(PrometheusServer.BINARY_PROPERTY);
    System.setProperty(PrometheusServer.BINARY_PROPERTY, "/nonexistent/prometheus");
    try {
      assertThatThrownBy(() -> PrometheusServer.builder().start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("/nonexistent/prometheus")
          .hasMessageContaining("apt-get install prometheus");
    } finally {
      if (previous == null) {
        System.clearProperty(PrometheusServer.BINARY_PROPERTY);
      } else {
        System.setProperty(PrometheusServer.BINARY_PROPERTY, previous);
      }
    }
  }

  @Test
  void aBadBackfillFailsWithPromtoolsMessage() throws Exception {
    Path bad = Files.createTempFile("bad", ".om");
    try {
      Files.writeString(bad, "not metrics at all\n");
      assertThatThrownBy(() -> PrometheusServer.builder().backfill(bad).start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("promtool");
    } finally {
      Files.deleteIfExists(bad);
    }
  }
}

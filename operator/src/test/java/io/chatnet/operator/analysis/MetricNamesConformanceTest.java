package io.chatnet.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every metric name in dashboards/*.json, in the analyzer's queries and in {@link MetricNames}
 * exists in the metric list of each supported version (nim-metrics' _total rule applied), or the
 * selector covers the spelling of every version. The lists are upstream extracts in
 * src/test/resources/upstream/metrics/ (see their headers).
 */
class MetricNamesConformanceTest {
  static final Path REPO = Path.of(System.getProperty("chatnet.repo.dir", ".."));
  static final ObjectMapper JSON = new ObjectMapper();
  static List<UpstreamMetrics> versions;
  static MetricNameChecker checker;

  @BeforeAll
  static void load() {
    versions = UpstreamMetrics.all();
    checker = new MetricNameChecker(versions, UpstreamMetrics.loadgen(REPO));
  }

  static UpstreamMetrics version(String id) {
    return versions.stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void theListsHoldWhatUpstreamExposes() {
    UpstreamMetrics v036 = version("nwaku-v0.36.0");
    UpstreamMetrics head = version("logos-delivery-head-69fbffa");
    // nim-metrics appends _total to every Counter, including one already named ..._total.
    assertThat(v036.exposed())
        .contains(
            "waku_node_messages_total",
            "waku_rln_spam_messages_total_total",
            "waku_histogram_message_size_bucket",
            "libp2p_network_bytes_total",
            "libp2p_peers",
            "process_cpu_seconds_total",
            "nim_gc_mem_bytes")
        .doesNotContain("waku_rln_spam_messages_total", "waku_node_messages")
        // declared only under when defined(libp2p_agents_metrics), which nwaku does not set
        .doesNotContain("libp2p_peers_traffic_read_total");
    assertThat(head.exposed())
        .contains("logos_delivery_node_messages_total", "libp2p_network_bytes_total")
        .noneMatch(n -> n.startsWith("waku_"));
    for (String id : List.of("nwaku-v0.37.1-beta", "logos-delivery-v0.38.1")) {
      assertThat(version(id).exposed()).as(id).contains("waku_node_messages_total");
    }
    assertThat(version("status-go-1f5b2d71").exposed())
        .contains("statusgo_waku_messages_sent_total", "process_cpu_seconds_total")
        .doesNotContain("statusgo_waku_envelope_sent_total", "libp2p_network_bytes_total");
    // waku_rln_valid_messages_total: a Histogram on v0.36.0 (scraped _count), a Counter with
    // label shard from v0.37 (scraped _total_total).
    assertThat(v036.exposed())
        .contains("waku_rln_valid_messages_total_count")
        .doesNotContain("waku_rln_valid_messages_total_total");
    for (String id : List.of("nwaku-v0.37.1-beta", "logos-delivery-v0.38.1")) {
      assertThat(version(id).exposed())
          .as(id)
          .contains("waku_rln_valid_messages_total_total", "waku_rln_remaining_proofs_per_epoch")
          .doesNotContain("waku_rln_valid_messages_total_count");
    }
    assertThat(head.exposed()).contains("logos_delivery_rln_valid_messages_total_total");
    // status-backend of the 2024-10-24 source has no metrics server.
    assertThat(version("status-go-c72f4913").servesMetrics()).isFalse();
  }

  @Test
  void everyNameInTheCatalogueIsUpstreams() {
    List<MetricNameChecker.Problem> problems = new ArrayList<>();
    for (MetricNames.Metric metric : MetricNames.ALL) {
      problems.addAll(checker.check("MetricNames " + metric.display(), metric.selector("")));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theCatalogueListsEveryMetricItDefines() throws IllegalAccessException {
    for (java.lang.reflect.Field field : MetricNames.class.getFields()) {
      if (field.getType() == MetricNames.Metric.class) {
        MetricNames.Metric metric = (MetricNames.Metric) field.get(null);
        assertThat(MetricNames.ALL)
            .as(field.getName())
            .anyMatch(m -> m.equals(metric) || m.equals(metric.bucket()));
      }
    }
  }

  @Test
  void everyAnalyzerQueryNamesUpstreamsMetrics() {
    PromQl promql =
        new PromQl(
            "ns",
            "lab",
            "exp",
            Instant.parse("2026-11-20T10:00:00Z"),
            Instant.parse("2026-11-20T10:10:00Z"));
    List<MetricNameChecker.Problem> problems = new ArrayList<>();
    int selectors = 0;
    for (String query : promql.all()) {
      selectors += MetricNameChecker.selectors(query).size();
      problems.addAll(checker.check("analyzer", query));
    }
    assertThat(problems).isEmpty();
    assertThat(selectors).isGreaterThan(40);
  }

  @Test
  void everyDashboardQueryNamesUpstreamsMetrics() throws IOException {
    List<MetricNameChecker.Problem> problems = new ArrayList<>();
    int queries = 0;
    for (Path file : dashboards()) {
      JsonNode d = JSON.readTree(Files.readString(file));
      for (JsonNode variable : d.path("templating").path("list")) {
        if (variable.path("type").asText().equals("query")) {
          JsonNode q = variable.path("query");
          queries++;
          problems.addAll(
              checker.check(
                  file.getFileName() + " variable $" + variable.path("name").asText(),
                  q.isObject() ? q.path("query").asText() : q.asText()));
        }
      }
      for (JsonNode panel : panels(d.path("panels"))) {
        for (JsonNode target : panel.path("targets")) {
          if (target.hasNonNull("expr")) {
            queries++;
            problems.addAll(
                checker.check(
                    file.getFileName() + " panel \"" + panel.path("title").asText() + "\"",
                    target.path("expr").asText()));
          }
        }
      }
    }
    assertThat(queries).isGreaterThan(100);
    assertThat(problems).as("metric names not upstream's").isEmpty();
  }

  @Test
  void brokenNamesAreReported() {
    Map<String, String> broken =
        Map.of(
            "typo",
            "sum(rate(waku_node_messages_typo_total{namespace=~\"$namespace\"}[$__rate_interval]))",
            "declared name, not the scraped one",
            "sum(increase(waku_rln_spam_messages_total{namespace=\"ns\"}[10m]))",
            "one spelling only",
            "sum by (type) (rate(waku_node_messages_total{namespace=\"ns\"}[5m]))",
            "declared, never registered",
            "sum(rate(statusgo_waku_envelope_sent_total{namespace=\"ns\"}[5m]))",
            "one alternative misspelt",
            "sum(rate({__name__=~\"waku_node_messages_total|logos_delivery_node_mesages_total\"}[5m]))",
            "no name",
            "sum(rate({namespace=\"ns\"}[5m]))",
            "variable",
            "label_values(waku_node_messages{namespace=~\"$namespace\"}, chatnet_group)");
    Map<String, List<String>> reported =
        broken.entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey,
                    e ->
                        checker.check(e.getKey(), e.getValue()).stream()
                            .map(MetricNameChecker.Problem::toString)
                            .toList()));
    assertThat(reported.get("typo"))
        .containsExactly("typo: waku_node_messages_typo_total is exposed by no supported version");
    assertThat(reported.get("declared name, not the scraped one"))
        .containsExactly(
            "declared name, not the scraped one: waku_rln_spam_messages_total is exposed by no"
                + " supported version (a Nim counter is exposed with _total appended:"
                + " waku_rln_spam_messages_total_total)");
    assertThat(reported.get("one spelling only"))
        .containsExactly(
            "one spelling only: waku_node_messages_total is not exposed by"
                + " logos-delivery-head-69fbffa (cover its spelling too, e.g. {__name__=~\"a|b\"})");
    assertThat(reported.get("declared, never registered")).hasSize(1);
    assertThat(reported.get("one alternative misspelt"))
        .containsExactly(
            "one alternative misspelt: logos_delivery_node_mesages_total is exposed by no"
                + " supported version",
            "one alternative misspelt: logos_delivery_node_mesages_total|waku_node_messages_total"
                + " is not exposed by logos-delivery-head-69fbffa (cover its spelling too, e.g."
                + " {__name__=~\"a|b\"})");
    assertThat(reported.get("no name")).containsExactly("no name: {...} selects no metric name");
    assertThat(reported.get("variable"))
        .hasSize(1)
        .allMatch(p -> p.contains("waku_node_messages "));
    // ...and the fixed forms pass.
    assertThat(
            checker.check(
                "fixed",
                "sum(increase({__name__=~\"waku_rln_spam_messages_total_total"
                    + "|logos_delivery_rln_spam_messages_total_total\", namespace=\"ns\"}[10m]))"
                    + " / sum(rate(libp2p_network_bytes_total{direction=\"in\"}[5m]))"
                    + " * on (pod) group_left count by (pod) (process_cpu_seconds_total)"))
        .isEmpty();
  }

  @Test
  void theWalkFindsEverySelectorAndNothingElse() {
    assertThat(
            MetricNameChecker.selectors(
                "histogram_quantile(0.95, sum by (le, traffic) (rate(chatnet_loadgen_latency_seconds_bucket"
                    + "{namespace=~\"$namespace\", traffic=~\"$traffic\"}[$__rate_interval])))"
                    + " or label_replace(avg_over_time(libp2p_peers[600000ms] @ 1795169400.250),"
                    + " \"chatnet_stat\", \"mean\", \"\", \"\") and on (pod) bottomk(10, up)"
                    + " > bool 3 offset 5m"))
        .containsExactly(
            Set.of("chatnet_loadgen_latency_seconds_bucket"), Set.of("libp2p_peers"), Set.of("up"));
  }

  static List<Path> dashboards() throws IOException {
    try (Stream<Path> files = Files.list(REPO.resolve("dashboards"))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  static List<JsonNode> panels(JsonNode panels) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode panel : panels) {
      all.add(panel);
      all.addAll(panels(panel.path("panels")));
    }
    return all;
  }
}

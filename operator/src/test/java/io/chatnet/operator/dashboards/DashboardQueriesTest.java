package io.chatnet.operator.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatnet.testkit.prometheus.PrometheusServer;
import io.chatnet.testkit.prometheus.PrometheusTest;
import io.chatnet.testkit.prometheus.SyntheticNetwork;
import io.chatnet.testkit.prometheus.Window;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of every dashboard in dashboards/ (panel targets and template variables) is parsed
 * and evaluated by Debian's Prometheus, fed the shared synthetic network, and must return data:
 * once for a network whose nodes spell their metrics waku_* (nwaku v0.36.0 .. logos-delivery
 * v0.38.1) and once for one spelling them logos_delivery_* (logos-delivery after 2026-07-29).
 */
@PrometheusTest
class DashboardQueriesTest {
  static final Window WINDOW =
      new Window(Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-20T10:05:00Z"));
  static final ObjectMapper JSON = new ObjectMapper();
  static SyntheticNetwork fixture;
  static PrometheusServer prometheus;
  static DashboardChecker checker;
  static PrometheusServer logosPrometheus;
  static DashboardChecker logosChecker;

  @BeforeAll
  static void start() {
    fixture = SyntheticNetwork.small(5, WINDOW);
    prometheus = PrometheusServer.builder().backfill(fixture).start();
    checker = new DashboardChecker(prometheus, WINDOW.end(), (long) WINDOW.seconds());
    SyntheticNetwork logos =
        SyntheticNetwork.builder()
            .seed(5)
            .window(WINDOW)
            .nodeMetrics(SyntheticNetwork.NodeMetrics.LOGOS_DELIVERY)
            .build();
    logosPrometheus = PrometheusServer.builder().backfill(logos).start();
    logosChecker = new DashboardChecker(logosPrometheus, WINDOW.end(), (long) WINDOW.seconds());
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (logosPrometheus != null) {
      logosPrometheus.close();
    }
  }

  static List<Path> dashboards() throws IOException {
    Path dir = Path.of(System.getProperty("chatnet.repo.dir", "..")).resolve("dashboards");
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void everyQueryOfEveryDashboardReturnsData() throws IOException {
    everyQueryReturnsData(checker, "waku_*");
  }

  @Test
  void everyQueryOfEveryDashboardReturnsDataOnLogosDeliveryNames() throws IOException {
    everyQueryReturnsData(logosChecker, "logos_delivery_*");
  }

  private static void everyQueryReturnsData(DashboardChecker checker, String spelling)
      throws IOException {
    List<Path> files = dashboards();
    assertThat(files).hasSizeGreaterThanOrEqualTo(6);
    List<DashboardChecker.Problem> problems = new ArrayList<>();
    int queries = 0;
    for (Path file : files) {
      DashboardChecker.Result result = checker.check(file);
      assertThat(result.queries()).as("queries in %s", file.getFileName()).isGreaterThan(5);
      queries += result.queries();
      problems.addAll(result.problems());
    }
    if (!problems.isEmpty()) {
      org.assertj.core.api.Assertions.fail(
          "%d of %d dashboard queries failed on %s node metrics:%n%s",
          problems.size(),
          queries,
          spelling,
          String.join("\n", problems.stream().map(String::valueOf).toList()));
    }
    System.out.printf(
        "%d dashboards, %d queries, all returned data (%s)%n", files.size(), queries, spelling);
  }

  @Test
  void dashboardsShareOneShape() throws IOException {
    Set<String> uids = new HashSet<>();
    for (Path file : dashboards()) {
      JsonNode d = JSON.readTree(Files.readString(file));
      String name = file.getFileName().toString();
      assertThat(uids.add(d.path("uid").asText())).as("unique uid in %s", name).isTrue();
      assertThat(d.path("schemaVersion").asInt()).as(name).isBetween(36, 41);
      JsonNode variables = d.path("templating").path("list");
      assertThat(variables.get(0).path("type").asText()).as(name).isEqualTo("datasource");
      assertThat(variables.get(0).path("query").asText()).as(name).isEqualTo("prometheus");
      Set<String> names = new HashSet<>();
      variables.forEach(v -> names.add(v.path("name").asText()));
      assertThat(names).as(name).contains("namespace");
      for (JsonNode panel : DashboardChecker.panels(d)) {
        if (panel.path("type").asText().equals("row")) {
          continue;
        }
        String title = name + " / " + panel.path("title").asText();
        assertThat(panel.path("targets").size()).as("targets of %s", title).isPositive();
        assertThat(panel.path("datasource").path("uid").asText())
            .as("datasource of %s", title)
            .isEqualTo("${datasource}");
        panel
            .path("targets")
            .forEach(
                t ->
                    assertThat(t.path("expr").asText())
                        .as("namespace filter in %s", title)
                        .contains("namespace=~\"$namespace\""));
      }
    }
    assertThat(
            dashboards().stream()
                .flatMap(f -> variableNames(f).stream())
                .collect(java.util.stream.Collectors.toSet()))
        .contains("namespace", "network", "experiment", "group");
  }

  private static List<String> variableNames(Path file) {
    try {
      List<String> names = new ArrayList<>();
      JSON.readTree(Files.readString(file))
          .path("templating")
          .path("list")
          .forEach(v -> names.add(v.path("name").asText()));
      return names;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theCheckerNamesABrokenQuery(@TempDir Path dir) throws IOException {
    Path broken = dir.resolve("broken.json");
    Files.writeString(
        broken,
        """
        {"title": "Broken", "schemaVersion": 39,
         "templating": {"list": [
           {"name": "datasource", "type": "datasource", "query": "prometheus"},
           {"name": "namespace", "type": "query",
            "query": {"query": "label_values(libp2p_peers, namespace)"}},
           {"name": "network", "type": "query",
            "query": {"query": "label_values(libp2p_peers{namespace=~\\"$namespace\\"}, no_such_label)"}}]},
         "panels": [
          {"id": 1, "type": "timeseries", "title": "Fine",
           "targets": [{"refId": "A",
             "expr": "sum(rate(libp2p_network_bytes_total{namespace=~\\"$namespace\\"}[$__rate_interval]))"}]},
          {"id": 2, "type": "timeseries", "title": "Missing paren",
           "targets": [{"refId": "A",
             "expr": "sum(rate(libp2p_network_bytes_total{namespace=~\\"$namespace\\"}[$__rate_interval])"}]},
          {"id": 3, "type": "row", "title": "collapsed", "panels": [
            {"id": 4, "type": "stat", "title": "Misspelt metric",
             "targets": [{"refId": "B", "expr": "sum(libp2p_peer{namespace=~\\"$namespace\\"})"}]}]},
          {"id": 5, "type": "stat", "title": "Unknown variable",
           "targets": [{"refId": "C", "expr": "count(libp2p_peers{chatnet_group=~\\"$grup\\"})"}]}]}
        """);
    DashboardChecker.Result result = checker.check(broken);
    assertThat(result.queries()).isEqualTo(6);
    assertThat(result.problems())
        .extracting(DashboardChecker.Problem::where)
        .containsExactly(
            "variable $network",
            "panel \"Missing paren\" (id 2) query A",
            "panel \"Misspelt metric\" (id 4) query B",
            "panel \"Unknown variable\" (id 5) query C");
    assertThat(result.problems())
        .extracting(DashboardChecker.Problem::why)
        .satisfies(w -> assertThat(w.get(0)).isEqualTo("found no values"))
        .satisfies(
            w -> assertThat(w.get(1)).startsWith("Prometheus refused it").contains("parse error"))
        .satisfies(w -> assertThat(w.get(2)).isEqualTo("returned no data"))
        .satisfies(w -> assertThat(w.get(3)).isEqualTo("uses undefined variable(s) [$grup]"));
    assertThat(result.problems().get(1).toString()).startsWith("broken.json (\"Broken\") / panel");
  }

  @Test
  void multiValueVariablesTakeGrafanasRegexForm() {
    assertThat(DashboardChecker.alternation(List.of("relay", "store.v2")))
        .isEqualTo("(relay|store\\\\.v2)");
  }
}

package io.chatnet.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.report.ComparisonReport.Comparison;
import io.chatnet.operator.report.ComparisonReport.Row;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class ComparisonReportTest {
  /** Read back from report.json, as the comparison always is. */
  private static ExperimentReport stored(ChatExperiment experiment, int desktop, int mobile) {
    return ReportJson.read(
        ReportJson.write(ExperimentReport.of(experiment, ReportFixtures.network(desktop, mobile))),
        experiment.getMetadata().getName());
  }

  @Test
  void rowsGoByUsersThenRateWithNodeWeightedMeans() {
    Comparison comparison =
        ComparisonReport.compare(
            List.of(
                stored(ReportFixtures.experiment("big", 30), 600, 400),
                stored(ReportFixtures.experiment("small-fast", 60), 60, 40),
                stored(ReportFixtures.experiment("small", 30), 60, 40)));
    assertThat(comparison.experiments())
        .extracting(Row::experiment)
        .containsExactly("lab/small", "lab/small-fast", "lab/big");
    Row small = comparison.experiments().get(0);
    assertThat(small.users()).isEqualTo(100);
    assertThat(small.messagesPerSecond()).isEqualTo(5.0);
    assertThat(comparison.experiments().get(1).messagesPerSecond()).isEqualTo(8.5);
    // nwaku CPU: boot 0.021 x 1, relay 0.037 x 8, store 0.052 x 1 over 10 nodes
    assertThat(small.nwakuCpuCores()).isCloseTo(0.0369, org.assertj.core.data.Offset.offset(1e-9));
    // clients: desktop 0.11 x 4, mobile 0.06 x 2 over 6 nodes
    assertThat(small.clientCpuCores())
        .isCloseTo(0.56 / 6, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(small.nwakuBandwidthInBytesPerSecond()).isEqualTo(10240.0);
    assertThat(small.oneToOneLatencyP95Millis()).isEqualTo(123.0);
  }

  @Test
  void chartsPlotEachExperimentAgainstUsersAndRate() {
    Comparison comparison =
        ComparisonReport.compare(
            List.of(
                stored(ReportFixtures.experiment("a", 30), 60, 40),
                stored(ReportFixtures.experiment("b", 30), 300, 200)));
    Document page = Jsoup.parse(ComparisonReport.html(comparison));
    Element users = page.selectFirst("svg.chart[aria-label=\"CPU per node against users\"]");
    assertThat(users.select("circle.point[data-series=nwaku]"))
        .extracting(c -> c.attr("data-x"))
        .containsExactly("100", "500");
    Element rate =
        page.selectFirst(
            "svg.chart[aria-label=\"Latency p95 against messages per second offered\"]");
    assertThat(rate.select("circle.point[data-series=one-to-one]"))
        .extracting(c -> c.attr("data-y"))
        .containsOnly("123");
  }

  @Test
  void unmeasuredFiguresAreNamedNotPlottedAtZero() {
    ChatExperiment blind = ReportFixtures.experiment("blind", 30);
    blind.getStatus().getResults().setMetrics(null);
    Comparison comparison =
        ComparisonReport.compare(
            List.of(
                stored(ReportFixtures.experiment("seen", 30), 60, 40), stored(blind, 300, 200)));
    Row row =
        comparison.experiments().stream()
            .filter(r -> r.experiment().equals("lab/blind"))
            .findFirst()
            .orElseThrow();
    assertThat(row.nwakuCpuCores()).isNull();
    assertThat(row.nwakuBandwidthInBytesPerSecond()).isNull();
    Document page = Jsoup.parse(ComparisonReport.html(comparison));
    Element cpu = page.selectFirst("svg.chart[aria-label=\"CPU per node against users\"]");
    assertThat(cpu.select("circle.point")).hasSize(2); // two series, the seen experiment only
    assertThat(cpu.select("text.not-measured").text())
        .isEqualTo("not measured: lab/blind (nwaku), lab/blind (clients)");
    assertThat(
            page.select("table.comparison tr").stream()
                .filter(r -> r.child(0).text().equals("lab/blind"))
                .findFirst()
                .orElseThrow()
                .child(6)
                .text())
        .isEqualTo("not measured");
  }

  @Test
  void aRunThatDroppedSendsShowsItsDroppedShare() {
    ChatExperiment dropping = ReportFixtures.experiment("dropping", 30);
    // one-to-one: 2,400 sent, 600 dropped; private groups counted no drops; relay: 900 sent, 3
    // failed, none dropped: 600 / (2,400 + 600 + 903)
    dropping.getStatus().getResults().getOneToOne().setDropped(600L);
    dropping.getStatus().getResults().getRelay().setDropped(0L);
    ChatExperiment steady = ReportFixtures.experiment("steady", 30);
    steady.getStatus().getResults().getOneToOne().setDropped(0L);
    ChatExperiment before = ReportFixtures.experiment("before", 30); // no drop counts at all

    Comparison comparison =
        ComparisonReport.compare(
            List.of(stored(dropping, 60, 40), stored(steady, 300, 200), stored(before, 600, 400)));
    assertThat(comparison.experiments())
        .extracting(Row::experiment, Row::droppedShare)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("lab/dropping", 600.0 / 3903),
            org.assertj.core.groups.Tuple.tuple("lab/steady", 0.0),
            org.assertj.core.groups.Tuple.tuple("lab/before", null));

    Document page = Jsoup.parse(ComparisonReport.html(comparison));
    assertThat(page.select("table.comparison th").eachText()).contains("dropped share");
    assertThat(
            page.select("table.comparison tr").stream()
                .skip(1)
                .map(r -> r.child(14).text())
                .toList())
        .containsExactly("15.37 %", "0.00 %", "not measured");
    assertThat(page.select("p.note").text()).contains("did not offer the rate it is plotted at");

    Document without =
        Jsoup.parse(
            ComparisonReport.html(
                ComparisonReport.compare(
                    List.of(stored(steady, 300, 200), stored(before, 60, 40)))));
    assertThat(without.select("table.comparison th").eachText()).doesNotContain("dropped share");
    assertThat(without.select("p.note").text()).doesNotContain("dropped");
  }

  @Test
  void perNodeMeansCoverOnlyTheRolesAsked() {
    var groups = ReportFixtures.metrics().getGroups();
    assertThat(
            ComparisonReport.perNode(
                groups, Set.of("service"), io.chatnet.operator.api.GroupMetrics::getMemoryBytes))
        .isEqualTo(104_857_600.0);
    assertThat(
            ComparisonReport.perNode(
                groups, Set.of("desktop"), io.chatnet.operator.api.GroupMetrics::getPeers))
        .isNull();
  }
}

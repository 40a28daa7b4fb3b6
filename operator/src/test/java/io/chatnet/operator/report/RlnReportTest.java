package io.chatnet.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentCriteria;
import io.chatnet.operator.api.RlnMetrics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The experiment page's RLN part: shown only when the run had RLN, and every number on it equal to
 * report.json's (read back from the JSON, formatted as the page formats it).
 */
class RlnReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A run on the RLN baseline network with refusals, a bound and the nodes' RLN figures. */
  private static ExperimentReport rlnRun() {
    ChatExperiment experiment = ReportFixtures.experiment("rln-run", 30);
    var results = experiment.getStatus().getResults();
    var oneToOne = results.getOneToOne();
    oneToOne.setRefused(612L);
    oneToOne.setRefusedBySender(new TreeMap<>(Map.of("mobile", 600L, "desktop", 12L)));
    oneToOne.setRefusedShare(612.0 / (2400 + 0 + 612));
    var relay = results.getRelay();
    relay.setRefused(0L);
    relay.setRefusedShare(0.0);
    RlnMetrics rln = new RlnMetrics();
    rln.setValidMessages(41_003L);
    rln.setInvalidMessages(7L);
    rln.setSpamMessages(2L);
    rln.setProofsVerified(40_990L);
    rln.setProofVerificationSecondsMean(0.0123);
    rln.setProofVerificationSecondsMax(0.0871);
    rln.setVerificationSecondsEstimate(40_990 * 0.0123);
    rln.setProofGenerationSecondsMean(0.456);
    rln.setRemainingProofsMin(0L);
    results.getMetrics().setRln(rln);
    ExperimentCriteria criteria = experiment.getSpec().getCriteria();
    criteria.setMaxRefusedShare(0.1);
    ChatNetwork network = Scenarios.network("rln-baseline-1to1.yaml", ReportFixtures.NAMESPACE);
    return ExperimentReport.of(experiment, network);
  }

  private static Element row(Document page, String table, String first) {
    return page.select("table." + table + " tr").stream()
        .filter(r -> !r.select("td").isEmpty() && r.child(0).text().equals(first))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + first + " in table." + table));
  }

  @Test
  void theRlnFiguresOnThePageEqualReportJson() throws Exception {
    ExperimentReport report = rlnRun();
    String json = ReportJson.write(report);
    // the page is rendered from the JSON read back, as `kubectl chatnet report` does
    Document page = Jsoup.parse(HtmlReport.render(ReportJson.read(json, "report.json")));
    JsonNode tree = JSON.readTree(json);
    JsonNode spec = tree.path("network").path("rln");
    JsonNode oneToOne = tree.path("outcome").path("results").path("oneToOne");
    JsonNode nodes = tree.path("outcome").path("results").path("metrics").path("rln");

    assertThat(page.select("h2").eachText()).contains("RLN rate limit");
    assertThat(spec.path("userMessageLimit").asInt()).isEqualTo(20);
    assertThat(row(page, "rln", "User message limit").child(1).text())
        .isEqualTo(
            spec.path("userMessageLimit").asInt()
                + " messages per membership per "
                + spec.path("epochSeconds").asInt()
                + " s epoch");
    assertThat(row(page, "rln", "Contract").child(1).text())
        .isEqualTo(spec.path("contract").asText())
        .isEqualTo("waku-rlnv2-contract-e75ac913");
    assertThat(row(page, "rln", "Chain").child(1).text()).isEqualTo("in-network");
    assertThat(row(page, "rln", "Refused share bound (criteria.maxRefusedShare)").child(1).text())
        .isEqualTo(
            Units.ratio(tree.path("load").path("criteria").path("maxRefusedShare").asDouble()))
        .isEqualTo("10.00 %");

    Element refused = row(page, "rln-refused", "one-to-one");
    assertThat(refused.child(1).text())
        .isEqualTo(ReportView.count(oneToOne.path("refused").asLong()))
        .isEqualTo("612");
    assertThat(refused.child(2).text())
        .isEqualTo(
            "desktop "
                + oneToOne.path("refusedBySender").path("desktop").asLong()
                + ", mobile "
                + oneToOne.path("refusedBySender").path("mobile").asLong());
    assertThat(refused.child(3).text())
        .isEqualTo(Units.ratio(oneToOne.path("refusedShare").asDouble()))
        .isEqualTo("20.32 %");
    assertThat(refused.child(4).text()).isEqualTo("over");
    assertThat(refused.child(4).select(".over")).hasSize(1);
    assertThat(refused.child(5).text())
        .isEqualTo(Units.ratio(oneToOne.path("deliveryRatio").asDouble()));
    Element relay = row(page, "rln-refused", "relay");
    assertThat(relay.child(1).text()).isEqualTo("0");
    assertThat(relay.child(3).text()).isEqualTo("0.00 %");
    assertThat(relay.child(4).text()).isEqualTo("within");
    // private groups counted no refusals: not measured, never 0
    assertThat(row(page, "rln-refused", "private groups").child(1).text())
        .isEqualTo("not measured");

    assertThat(row(page, "rln-nodes", "messages with a valid proof").child(1).text())
        .isEqualTo(ReportView.count(nodes.path("validMessages").asLong()))
        .isEqualTo("41,003");
    assertThat(row(page, "rln-nodes", "messages rejected as RLN-invalid").child(1).text())
        .isEqualTo("7");
    assertThat(row(page, "rln-nodes", "messages detected as spam").child(1).text()).isEqualTo("2");
    assertThat(row(page, "rln-nodes", "proofs verified").child(1).text()).isEqualTo("40,990");
    assertThat(row(page, "rln-nodes", "proof verification time, mean").child(1).text())
        .isEqualTo(Units.millis(nodes.path("proofVerificationSecondsMean").asDouble() * 1000));
    assertThat(
            row(
                    page,
                    "rln-nodes",
                    "validation CPU (estimate: proofs verified x mean verification time)")
                .child(1)
                .text())
        .isEqualTo(Units.plain(nodes.path("verificationSecondsEstimate").asDouble()) + " s")
        .isEqualTo(Units.plain(40_990 * 0.0123) + " s");
    assertThat(
            row(page, "rln-nodes", "fewest proofs left to a publishing node in an epoch")
                .child(1)
                .text())
        .isEqualTo("0");
    // the results table keeps its refused columns too
    assertThat(page.select("table.results th").eachText()).contains("Refused", "Refused share");
  }

  @Test
  void aRunWithoutRlnHasNoRlnSection() {
    Document page =
        Jsoup.parse(
            HtmlReport.render(
                ExperimentReport.of(
                    ReportFixtures.experiment("plain", 30), ReportFixtures.network(4, 2))));
    assertThat(page.select("h2").eachText()).doesNotContain("RLN rate limit");
    assertThat(page.select("table.rln-refused, table.rln-nodes")).isEmpty();
  }

  @Test
  void anRlnNetworkWithoutNodeFiguresSaysNotMeasured() {
    ChatExperiment experiment = ReportFixtures.experiment("rln-quiet", 30);
    ChatNetwork network = Scenarios.network("rln-baseline-1to1.yaml", ReportFixtures.NAMESPACE);
    Document page = Jsoup.parse(HtmlReport.render(ExperimentReport.of(experiment, network)));
    assertThat(page.select("h2").eachText()).contains("RLN rate limit");
    assertThat(page.select("table.rln-nodes")).isEmpty();
    assertThat(page.text()).contains("RLN work of the nodes: not measured");
    assertThat(row(page, "rln", "Refused share bound (criteria.maxRefusedShare)").child(1).text())
        .isEqualTo("none");
  }

  @Test
  void aGoneNetworkWithRefusalsStillShowsThem() {
    ChatExperiment experiment = ReportFixtures.experiment("rln-gone", 30);
    experiment.getStatus().getResults().getPrivateGroups().setRefused(5L);
    experiment.getStatus().getResults().getPrivateGroups().setRefusedShare(0.5);
    Document page = Jsoup.parse(HtmlReport.render(ExperimentReport.of(experiment, null)));
    assertThat(row(page, "rln", "RLN").child(1).text())
        .isEqualTo("off on this network, or the network was gone");
    assertThat(row(page, "rln-refused", "private groups").child(3).text()).isEqualTo("50.00 %");
    assertThat(List.of(row(page, "rln-refused", "private groups").child(4).text()))
        .containsExactly("-");
  }

  /** A run on the RLN baseline network at {@code limit} whose one-to-one sends were refused. */
  static ExperimentReport storedAt(int limit, long refused) {
    ChatExperiment experiment = ReportFixtures.experiment("limit-" + limit, 30);
    var oneToOne = experiment.getStatus().getResults().getOneToOne();
    oneToOne.setRefused(refused);
    oneToOne.setRefusedShare((double) refused / (oneToOne.getSent() + refused));
    RlnMetrics rln = new RlnMetrics();
    rln.setProofsVerified(1000L);
    rln.setVerificationSecondsEstimate(limit / 10.0);
    experiment.getStatus().getResults().getMetrics().setRln(rln);
    ChatNetwork network = Scenarios.network("rln-baseline-1to1.yaml", ReportFixtures.NAMESPACE);
    network.getSpec().getRln().setUserMessageLimit(limit);
    return ReportJson.read(
        ReportJson.write(ExperimentReport.of(experiment, network)), "limit-" + limit);
  }

  @Test
  void theComparisonListsAndChartsEachRunsLimitRefusedShareAndValidation() throws Exception {
    ComparisonReport.Comparison comparison =
        ComparisonReport.compare(List.of(storedAt(600, 0), storedAt(20, 600)));
    JsonNode rows = JSON.readTree(ReportJson.write(comparison)).path("experiments");
    // the relay kind counted no refusals in these runs: the share is one-to-one's alone
    assertThat(comparison.experiments())
        .extracting(ComparisonReport.Row::rlnUserMessageLimit)
        .containsExactlyInAnyOrder(20, 600);
    ComparisonReport.Row tight =
        comparison.experiments().stream()
            .filter(r -> r.rlnUserMessageLimit() == 20)
            .findFirst()
            .orElseThrow();
    assertThat(tight.refusedShare()).isEqualTo(600.0 / (2400 + 600));
    assertThat(tight.rlnValidationSeconds()).isEqualTo(2.0);

    Document page = Jsoup.parse(ComparisonReport.html(comparison));
    List<String> header = page.select("table.comparison th").eachText();
    assertThat(header).endsWith("RLN limit", "refused share", "RLN validation");
    for (int i = 0; i < rows.size(); i++) {
      JsonNode json = rows.get(i);
      Element row = page.select("table.comparison tr").get(i + 1);
      int n = row.children().size();
      assertThat(row.child(0).text()).isEqualTo(json.path("experiment").asText());
      assertThat(row.child(n - 3).text()).isEqualTo(json.path("rlnUserMessageLimit").asText());
      assertThat(row.child(n - 2).text())
          .isEqualTo(Units.ratio(json.path("refusedShare").asDouble()));
      assertThat(row.child(n - 1).text())
          .isEqualTo(RlnSection.seconds(json.path("rlnValidationSeconds").asDouble()));
    }
    Element chart =
        page.selectFirst(
            "svg.chart[aria-label=\"Refused share and delivery against the RLN limit\"]");
    assertThat(chart).isNotNull();
    assertThat(chart.select("circle.point[data-series=\"refused share\"]"))
        .extracting(c -> c.attr("data-x") + ":" + c.attr("data-y"))
        .containsExactly("20:0.2", "600:0");
    assertThat(
            page.selectFirst("svg.chart[aria-label=\"RLN validation time against the RLN limit\"]"))
        .isNotNull();
  }

  @Test
  void aComparisonWithoutRlnHasNoRlnColumnsNorCharts() {
    ComparisonReport.Comparison comparison =
        ComparisonReport.compare(
            List.of(
                ExperimentReport.of(
                    ReportFixtures.experiment("plain", 30), ReportFixtures.network(4, 2))));
    Document page = Jsoup.parse(ComparisonReport.html(comparison));
    assertThat(page.select("table.comparison th").eachText()).doesNotContain("RLN limit");
    assertThat(page.select("h2").eachText()).doesNotContain("Against the RLN user message limit");
  }

  /**
   * A sweep over the limit alone (one user count, one rate) goes through the sweep report's own
   * path (report.json, SweepPoints, CapacityModel.fit, the page) and its points table shows each
   * point's limit, refused share, delivery and validation, equal to the points' report.json.
   */
  @Test
  void aLimitSweepPageShowsRefusedShareAndDeliveryPerLimit() throws Exception {
    List<ExperimentReport> reports =
        List.of(storedAt(20, 2000), storedAt(100, 400), storedAt(600, 0));
    List<io.chatnet.operator.capacity.SweepPoint> points = SweepPoints.of(reports);
    assertThat(points).extracting(p -> p.rln().userMessageLimit()).containsExactly(20, 100, 600);
    var model = io.chatnet.operator.capacity.CapacityModel.fit(points);
    Document page = Jsoup.parse(SweepReportPage.render("Sweep rln-limit", points, model));
    List<String> header = page.select("table.points th").eachText();
    assertThat(header).endsWith("RLN limit", "Refused share", "Delivery", "RLN validation");
    int n = header.size();
    for (int i = 0; i < reports.size(); i++) {
      JsonNode json = JSON.readTree(ReportJson.write(reports.get(i)));
      JsonNode oneToOne = json.path("outcome").path("results").path("oneToOne");
      Element row = page.select("table.points tr").get(i + 1);
      assertThat(row.child(n - 4).text())
          .isEqualTo(json.path("network").path("rln").path("userMessageLimit").asText());
      // one traffic kind counted refusals: the point's share is that kind's
      assertThat(row.child(n - 3).text())
          .isEqualTo(Units.ratio(oneToOne.path("refusedShare").asDouble()));
      assertThat(row.child(n - 2).text())
          .isEqualTo(Units.ratio(oneToOne.path("deliveryRatio").asDouble()));
      assertThat(row.child(n - 1).text())
          .isEqualTo(
              RlnSection.seconds(
                  json.path("outcome")
                      .path("results")
                      .path("metrics")
                      .path("rln")
                      .path("verificationSecondsEstimate")
                      .asDouble()));
    }
    assertThat(page.select("table.points tr").get(1).child(n - 3).text()).isEqualTo("45.45 %");
    Element chart =
        page.selectFirst(
            "svg.chart[aria-label=\"Refused share and delivery against the RLN limit\"]");
    assertThat(chart.select("circle.point[data-series=\"refused share\"]"))
        .extracting(c -> c.attr("data-x"))
        .containsExactly("20", "100", "600");
  }

  @Test
  void aSweepWithoutRlnHasNoRlnColumns() {
    Document page =
        Jsoup.parse(
            SweepReportPage.render(
                "Sweep",
                SweepFixtures.threeByTwo(),
                io.chatnet.operator.capacity.CapacityModel.fit(SweepFixtures.threeByTwo())));
    assertThat(page.select("table.points th").eachText()).doesNotContain("RLN limit");
    assertThat(page.select("h2").eachText()).doesNotContain("Against the RLN user message limit");
  }
}

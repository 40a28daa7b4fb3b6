package io.chatnet.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ClientFaultResults;
import io.chatnet.operator.api.FailedShard;
import io.chatnet.operator.api.PartialShard;
import io.chatnet.operator.api.SignalDropResult;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The experiment page's "Load generator and client faults" part: shown only when a shard measured
 * less than the window or the clients had faults, every figure equal to report.json's (the page is
 * rendered from the JSON read back, as `kubectl chatnet report` does), names escaped.
 */
class LoadFaultsReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEADING = "Load generator and client faults";

  /** Shard 1 killed at 40% of the window and retried, one client silent, mobile sockets dropped. */
  private static ChatExperiment faultyRun(String silentClient) {
    ChatExperiment experiment = ReportFixtures.experiment("faulty", 30);
    var shards = experiment.getStatus().getShards();
    PartialShard partial = new PartialShard();
    partial.setIndex(1);
    partial.setFailedAttempts("faulty-loadgen-1-abcde: exit code 137 (Error)");
    partial.setMeasuredFrom("2026-11-26T08:04:30Z");
    partial.setMeasuredTo("2026-11-26T08:10:30Z");
    partial.setCoveredShare(0.6);
    shards.getPartialShards().add(partial);
    shards.getFailedShards().add(new FailedShard(3, "faulty-loadgen-3-xyz12", "exit code 1"));
    shards.setCoveredShare(0.8);
    ClientFaultResults clients = new ClientFaultResults();
    clients
        .getSignalDrops()
        .addAll(List.of(drops("desktop", 0, 0, 0), drops("mobile", 7, 2, 4250)));
    clients.setUnresponsiveClients(3);
    clients.setCallTimeouts(5);
    clients.setUnresponsive(List.of(silentClient, "mobile-1"));
    clients.setShardsWithoutFigures(1);
    experiment.getStatus().getResults().setClientFaults(clients);
    return experiment;
  }

  private static SignalDropResult drops(String kind, long drops, int clients, long longestMillis) {
    SignalDropResult d = new SignalDropResult();
    d.setClientKind(kind);
    d.setDrops(drops);
    d.setClients(clients);
    d.setLongestOutageMillis(longestMillis);
    return d;
  }

  private static Document page(ChatExperiment experiment) {
    ExperimentReport report = ExperimentReport.of(experiment, ReportFixtures.network(4, 2));
    return Jsoup.parse(HtmlReport.render(ReportJson.read(ReportJson.write(report), "report.json")));
  }

  private static Element row(Document page, String table, String first) {
    return page.select("table." + table + " tr").stream()
        .filter(r -> !r.select("td").isEmpty() && r.child(0).text().equals(first))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + first + " in table." + table));
  }

  private static Element fact(Document page, String label) {
    return page.select("table.load-faults tr").stream()
        .filter(r -> r.child(0).text().equals(label))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no fact " + label))
        .child(1);
  }

  @Test
  void theFaultFiguresOnThePageEqualReportJson() throws Exception {
    ExperimentReport report =
        ExperimentReport.of(faultyRun("desktop-0"), ReportFixtures.network(4, 2));
    String json = ReportJson.write(report);
    Document page = Jsoup.parse(HtmlReport.render(ReportJson.read(json, "report.json")));
    JsonNode outcome = JSON.readTree(json).path("outcome");
    JsonNode shards = outcome.path("shards");
    JsonNode clients = outcome.path("results").path("clientFaults");

    assertThat(page.select("h2").eachText()).contains(HEADING);
    assertThat(fact(page, "Planned shard-windows the results cover").text())
        .isEqualTo(Units.ratio(shards.path("coveredShare").asDouble()))
        .isEqualTo("80.00 %");
    assertThat(fact(page, "Clients that stopped answering").text())
        .isEqualTo(
            clients.path("unresponsiveClients").asInt()
                + " ("
                + clients.path("callTimeouts").asLong()
                + " calls timed out)")
        .isEqualTo("3 (5 calls timed out)");
    // two named of three: the rest is counted, not dropped
    assertThat(fact(page, "First unresponsive clients").text())
        .isEqualTo("desktop-0, mobile-1 and 1 more");
    assertThat(
            fact(page, "Shards whose summary had no client fault figures").select(".not-measured"))
        .hasSize(1);

    JsonNode p = shards.path("partialShards").get(0);
    Element partial = row(page, "partial-shards", String.valueOf(p.path("index").asInt()));
    assertThat(partial.child(1).text()).isEqualTo(p.path("failedAttempts").asText());
    assertThat(partial.child(2).text()).isEqualTo(p.path("measuredFrom").asText());
    assertThat(partial.child(3).text()).isEqualTo(p.path("measuredTo").asText());
    assertThat(partial.child(4).text())
        .isEqualTo(Units.ratio(p.path("coveredShare").asDouble()))
        .isEqualTo("60.00 %");

    JsonNode f = shards.path("failedShards").get(0);
    Element failed = row(page, "failed-shards", String.valueOf(f.path("index").asInt()));
    assertThat(failed.child(1).text()).isEqualTo(f.path("pod").asText());
    assertThat(failed.child(2).text()).isEqualTo(f.path("reason").asText());

    JsonNode mobile = clients.path("signalDrops").get(1);
    assertThat(mobile.path("clientKind").asText()).isEqualTo("mobile");
    Element drops = row(page, "signal-drops", "mobile");
    assertThat(drops.child(1).text()).isEqualTo(String.valueOf(mobile.path("drops").asLong()));
    assertThat(drops.child(2).text()).isEqualTo(String.valueOf(mobile.path("clients").asInt()));
    assertThat(drops.child(3).text())
        .isEqualTo(Units.millis(mobile.path("longestOutageMillis").asLong()))
        .isEqualTo("4.25 s");
    // a kind that did not drop is a measured zero
    assertThat(row(page, "signal-drops", "desktop").child(1).text()).isEqualTo("0");
  }

  @Test
  void aHostileClientNameIsText() {
    String html =
        HtmlReport.render(
            ExperimentReport.of(
                faultyRun(ReportEscapingTest.HOSTILE), ReportFixtures.network(4, 2)));
    Document page = Jsoup.parse(html);
    ReportEscapingTest.assertNothingInjected(html, page);
    assertThat(fact(page, "First unresponsive clients").text())
        .isEqualTo(ReportEscapingTest.HOSTILE + ", mobile-1 and 1 more");
  }

  @Test
  void aRunWithoutFaultsHasNoSection() {
    ChatExperiment plain = ReportFixtures.experiment("plain", 30);
    assertThat(page(plain).select("h2").eachText()).doesNotContain(HEADING);

    // counted and found clean: a whole window, no drop, every client answering
    ChatExperiment clean = ReportFixtures.experiment("clean", 30);
    clean.getStatus().getShards().setCoveredShare(1.0);
    ClientFaultResults none = new ClientFaultResults();
    none.getSignalDrops().add(drops("desktop", 0, 0, 0));
    none.setShardsWithoutFigures(1);
    clean.getStatus().getResults().setClientFaults(none);
    Document page = page(clean);
    assertThat(page.select("h2").eachText()).doesNotContain(HEADING);
    assertThat(page.select("table.load-faults, table.partial-shards, table.signal-drops"))
        .isEmpty();
  }

  @Test
  void clientFaultsAloneShowTheSectionWithoutShardTables() {
    ChatExperiment run = ReportFixtures.experiment("drops", 30);
    run.getStatus().getShards().setCoveredShare(1.0);
    ClientFaultResults clients = new ClientFaultResults();
    clients.getSignalDrops().add(drops("mobile", 1, 1, 800));
    run.getStatus().getResults().setClientFaults(clients);
    Document page = page(run);
    assertThat(page.select("h2").eachText()).contains(HEADING);
    assertThat(fact(page, "Planned shard-windows the results cover").text()).isEqualTo("100.00 %");
    assertThat(fact(page, "Clients that stopped answering").text())
        .isEqualTo("0 (0 calls timed out)");
    assertThat(row(page, "signal-drops", "mobile").child(3).text()).isEqualTo("800 ms");
    assertThat(page.select("table.partial-shards, table.failed-shards")).isEmpty();
  }

  @Test
  void aPartialWindowAloneShowsTheSectionAndSaysClientFaultsWereNotCounted() {
    ChatExperiment run = ReportFixtures.experiment("partial", 30);
    PartialShard partial = new PartialShard();
    partial.setIndex(0);
    partial.setCoveredShare(0.5);
    run.getStatus().getShards().getPartialShards().add(partial);
    run.getStatus().getShards().setCoveredShare(0.75);
    Document page = page(run);
    assertThat(page.select("h2").eachText()).contains(HEADING);
    assertThat(fact(page, "Client faults").text()).isEqualTo("not measured");
    assertThat(row(page, "partial-shards", "0").child(1).text())
        .isEqualTo("- (the failed pod is gone)");
    assertThat(row(page, "partial-shards", "0").child(2).text()).isEqualTo("-");
    assertThat(page.select("table.signal-drops")).isEmpty();
  }
}

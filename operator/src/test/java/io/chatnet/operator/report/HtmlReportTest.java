package io.chatnet.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.GroupMetrics;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static Document render(ChatExperiment experiment, ChatNetwork network) {
    return Jsoup.parse(HtmlReport.render(ExperimentReport.of(experiment, network)));
  }

  /** The results table's row of the traffic kind whose name starts with {@code prefix}. */
  private static Element resultRow(Document page, String prefix) {
    return page.select("table.results tr").stream()
        .filter(r -> r.text().startsWith(prefix))
        .findFirst()
        .orElseThrow();
  }

  private static Element chart(Document page, String title) {
    Element svg = page.selectFirst("svg.chart[aria-label=\"" + title + "\"]");
    assertThat(svg).as("chart %s", title).isNotNull();
    return svg;
  }

  private static Element bar(Element chart, String series, String category) {
    return chart.selectFirst(
        "rect.bar[data-series=\"" + series + "\"][data-category=\"" + category + "\"]");
  }

  @Test
  void everyChartShowsItsFigures() {
    Document page = render(ReportFixtures.experiment("exp", 30), ReportFixtures.network(4, 2));

    Element latency = chart(page, "End-to-end latency per traffic kind");
    assertThat(bar(latency, "p95", "one-to-one").attr("data-value")).isEqualTo("123");
    assertThat(bar(latency, "p99", "private groups").attr("data-value")).isEqualTo("610");
    Element delivery = chart(page, "Delivery ratio per traffic kind");
    assertThat(Double.parseDouble(bar(delivery, "delivery ratio", "one-to-one").attr("data-value")))
        .isEqualTo(0.98, org.assertj.core.data.Offset.offset(0.005));
    Element bandwidth = chart(page, "Bandwidth per node, by group (mean)");
    assertThat(bar(bandwidth, "in", "relay (relay)").attr("data-value")).isEqualTo("10240");
    assertThat(bar(bandwidth, "out", "store (service)").attr("data-value")).isEqualTo("14336");
    Element cpu = chart(page, "CPU per node, by group");
    assertThat(bar(cpu, "mean", "desktop (desktop)").attr("data-value")).isEqualTo("0.11");
    Element memory = chart(page, "Resident memory per node, by group");
    assertThat(bar(memory, "mean", "mobile (mobile)").attr("data-value")).isEqualTo("125829120");
    Element merged = chart(page, "Latency by traffic and client kind (all shards)");
    assertThat(bar(merged, "p95", "oneToOne / mobile").attr("data-value")).isEqualTo("131");
    // a bar is as tall as its value says: p99 (610 ms) stands higher than p95 (345 ms)
    assertThat(height(bar(latency, "p99", "private groups")))
        .isGreaterThan(height(bar(latency, "p95", "private groups")));

    String text = page.text();
    assertThat(text)
        .contains("Verdict Passed")
        .contains("2026-11-26T08:00:30Z to 2026-11-26T08:10:30Z")
        .contains("6 status-backend clients (4 desktop, 2 mobile) and 10 nwaku nodes")
        .contains("0: podKill deleted 2 pods of relay")
        .contains("98.33 %")
        .contains("41,234")
        // each group with the version it ran and its image, the version's default when unset
        .contains("boot nwaku bootstrap 1 nwaku-v0.36.0 wakuorg/nwaku:v0.36.0")
        .contains(
            "desktop status-backend desktop 4 status-go-b22c58bd soutullostatus/status-backend:")
        .contains(
            "Mobile clients going offline: 12 spells applied, 1 refused or failed, 0 not"
                + " possible on the clients' status-go version.")
        .doesNotContain("Mobile clients going background")
        .contains("relay (desktop) clients subscribe to /waku/2/rs/16/64 whatever their settings")
        .contains("That shard carried 12 KiB received by the nodes in the window");
    // relay delivery is not measured by receivers: said so, not drawn as an empty bar
    assertThat(bar(delivery, "delivery ratio", "relay")).isNull();
    assertThat(delivery.select("text.not-measured")).hasSize(1);
  }

  private static double height(Element rect) {
    return Double.parseDouble(rect.attr("height"));
  }

  @Test
  void theRefusedShareShowsOnlyWhenTheRateLimitRefusedSomething() {
    ChatExperiment plain = ReportFixtures.experiment("exp", 30);
    assertThat(render(plain, null).select("table.results th").eachText())
        .doesNotContain("Refused", "Refused share");

    ChatExperiment rln = ReportFixtures.experiment("exp", 30);
    var oneToOne = rln.getStatus().getResults().getOneToOne();
    oneToOne.setRefused(600L);
    oneToOne.setRefusedShare(0.2);
    Document page = render(rln, null);
    assertThat(page.select("table.results th").eachText())
        .containsSubsequence("Failed", "Refused", "Refused share", "Expected");
    var row =
        page.select("table.results tr").stream()
            .filter(r -> r.text().startsWith("one-to-one") || r.text().startsWith("oneToOne"))
            .findFirst()
            .orElseThrow();
    assertThat(row.select("td").eachText()).contains("600", "20.00 %");
    // Private groups did not count refusals: not measured, never 0.
    var groups =
        page.select("table.results tr").stream()
            .filter(r -> r.text().startsWith("private") || r.text().startsWith("privateGroups"))
            .findFirst()
            .orElseThrow();
    assertThat(groups.select("td").get(3).text()).isEqualTo("not measured");
  }

  @Test
  void droppedSendsShowWithANoteThatTheOfferedLoadWasNotReached() {
    ChatExperiment plain = ReportFixtures.experiment("exp", 30);
    plain.getStatus().getResults().getOneToOne().setDropped(0L);
    Document before = render(plain, null);
    assertThat(before.select("table.results th").eachText()).doesNotContain("Dropped");
    assertThat(before.text()).doesNotContain("offered load was not reached");

    ChatExperiment dropped = ReportFixtures.experiment("exp", 30);
    dropped.getStatus().getResults().getOneToOne().setDropped(1_234L);
    Document page = render(dropped, null);
    assertThat(page.select("table.results th").eachText())
        .containsSubsequence("Sent", "Failed", "Dropped", "Expected");
    assertThat(resultRow(page, "one-to-one").select("td").get(3).text()).isEqualTo("1,234");
    // Private groups did not count drops: not measured, never 0.
    assertThat(resultRow(page, "private").select("td").get(3).text()).isEqualTo("not measured");
    assertThat(page.select("p.note").eachText())
        .anyMatch(t -> t.startsWith("The offered load was not reached: 1,234 sends"));
  }

  @Test
  void saysPlainlyWhatIsolationWasAchieved() {
    Document page = render(ReportFixtures.experiment("exp", 30), ReportFixtures.network(4, 2));
    assertThat(page.text())
        .contains("Backup, peer syncing, history archives and status broadcasts were off")
        .contains("Communities were not used: the load never created or joined a community")
        .contains("desktop clients still subscribed to the Communities shard")
        .contains("Store confirmation: on for desktop, off for mobile (status-go forces it)")
        .contains("Push-notification queries stayed at status-go's default (on)");
    // the switches, then what status-go decides itself: never shown as a switch that was off
    assertThat(page.select("table.features tr"))
        .anySatisfy(row -> assertThat(row.text()).startsWith("Status broadcasts off"))
        .anySatisfy(row -> assertThat(row.text()).startsWith("Communities not used"))
        .anySatisfy(
            row ->
                assertThat(row.text())
                    .startsWith("Store confirmation on for desktop, off for mobile"))
        .noneSatisfy(row -> assertThat(row.text()).startsWith("Communities off"));

    ChatNetwork withBroadcasts = ReportFixtures.network(4, 2);
    withBroadcasts.getSpec().getFeatures().setStatusUpdates(true);
    withBroadcasts.getSpec().getFeatures().setBackup(true);
    String text = render(ReportFixtures.experiment("exp", 30), withBroadcasts).text();
    assertThat(text)
        .contains("were switched on: Backup, Status broadcasts.")
        .doesNotContain("were off")
        .contains("Communities were not used");
  }

  @Test
  void absentMetricsReadNotMeasuredNeverZero() {
    ChatExperiment experiment = ReportFixtures.experiment("exp", 30);
    experiment.getStatus().getResults().setMetrics(null);
    experiment
        .getStatus()
        .getConditions()
        .add(
            new io.fabric8.kubernetes.api.model.ConditionBuilder()
                .withType("MetricsAvailable")
                .withStatus("False")
                .withReason("NoPrometheus")
                .withMessage("no Prometheus URL is configured")
                .build());
    Document page = render(experiment, ReportFixtures.network(4, 2));
    assertThat(page.text())
        .contains(
            "not measured: bandwidth, CPU, memory and peers per group (NoPrometheus: no Prometheus"
                + " URL is configured)");
    assertThat(page.select("svg.chart[aria-label^=Bandwidth]")).isEmpty();
    assertThat(page.text()).doesNotContain("0 B/s").doesNotContain("0 cores");

    // one group without CPU figures: the rest are drawn, that one says so
    ChatExperiment partial = ReportFixtures.experiment("exp", 30);
    GroupMetrics store = partial.getStatus().getResults().getMetrics().getGroups().get(2);
    store.setCpuCores(null);
    Document partialPage = render(partial, ReportFixtures.network(4, 2));
    Element cpu = chart(partialPage, "CPU per node, by group");
    assertThat(cpu.select("rect.bar[data-category=\"store (service)\"]")).isEmpty();
    assertThat(cpu.select("rect.bar")).hasSize(4 * 3);
    assertThat(cpu.select("text.not-measured"))
        .hasSize(3)
        .allMatch(t -> t.text().equals("not measured"));
    Element row =
        partialPage.select("table.group-metrics tr").stream()
            .filter(r -> r.child(0).text().equals("store"))
            .findFirst()
            .orElseThrow();
    assertThat(row.child(3).text()).isEqualTo("not measured");
    assertThat(row.child(4).text()).isEqualTo("not measured");

    // a chat kind the spec ran but no shard reported
    ChatExperiment unreported = ReportFixtures.experiment("exp", 30);
    unreported.getStatus().getResults().setPrivateGroups(null);
    Element latency =
        chart(
            render(unreported, ReportFixtures.network(4, 2)),
            "End-to-end latency per traffic kind");
    assertThat(latency.select("rect.bar[data-category=\"private groups\"]")).isEmpty();
    assertThat(latency.select("text.not-measured").size()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void namesAreEscaped() {
    ChatExperiment experiment = ReportFixtures.experiment("exp", 30);
    experiment.getStatus().setFaultLog(List.of("<script>alert('fault')</script>"));
    experiment.getStatus().getVerdict().setReasons(List.of("a & b < c"));
    experiment
        .getStatus()
        .getResults()
        .getMetrics()
        .getGroups()
        .get(0)
        .setName("<img src=x onerror=alert(1)>");
    ChatNetwork network = ReportFixtures.network(4, 2);
    network.getSpec().getGroups().get(3).setImage("evil\"><script>x()</script>");
    String html = HtmlReport.render(ExperimentReport.of(experiment, network));

    assertThat(html).doesNotContain("<script>").doesNotContain("<img");
    assertThat(html)
        .contains("&lt;script&gt;alert(&#39;fault&#39;)&lt;/script&gt;")
        .contains("a &amp; b &lt; c")
        .contains("evil&quot;&gt;&lt;script&gt;");
    Document page = Jsoup.parse(html);
    assertThat(page.select("script, img")).isEmpty();
    assertThat(page.text()).contains("<script>alert('fault')</script>");
  }

  @Test
  void aReportWithoutItsNetworkSaysTheGroupsAreUnknown() {
    Document page = render(ReportFixtures.experiment("exp", 30), null);
    assertThat(page.text())
        .contains("The network was gone when this report was written")
        .doesNotContain("were off");
  }

  @Test
  void theJsonReadsBackToTheSameReport() {
    ExperimentReport report =
        ExperimentReport.of(ReportFixtures.experiment("exp", 30), ReportFixtures.network(4, 2));
    String json = ReportJson.write(report);
    ExperimentReport read = ReportJson.read(json, "report.json");
    assertThat(ReportJson.write(read)).isEqualTo(json);
    assertThat(HtmlReport.render(read)).isEqualTo(HtmlReport.render(report));
    assertThat(read.network().users()).isEqualTo(6);
    // 2 pairs x 2 sides x 30/min + 1 group x 3 members x 30/min + 1.5/s relay
    assertThat(read.load().messagesPerSecond()).isEqualTo(2 + 1.5 + 1.5);
  }

  @Test
  void aFileThatIsNotAReportIsRefusedByName() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ReportJson.read("{\"schema\": \"something/else\"}", "reports/x/report.json"))
        .hasMessageContaining("reports/x/report.json is not a chatnet experiment report");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ReportJson.read("<html>", "reports/y/report.json"))
        .hasMessageContaining("reports/y/report.json is not a readable report.json");
  }
}

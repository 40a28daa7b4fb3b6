package io.chatnet.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * A hostile string in every place a user (or a forged report.json) can name something comes out of
 * the templates as text: no element, attribute or script of its own, and read back whole.
 */
class ReportEscapingTest {
  /** Closes an attribute and a tag, opens a script and an element with a handler; & and quotes. */
  static final String HOSTILE = "\"><script>alert('x&y')</script><b onmouseover=\"z\">'&amp;";

  private static ExperimentReport hostileReport() {
    ChatExperiment experiment = ReportFixtures.experiment("exp", 30);
    experiment.getMetadata().setName(HOSTILE);
    experiment.getMetadata().setNamespace(HOSTILE);
    experiment.getSpec().setSeed(HOSTILE);
    experiment.getSpec().getNetworkRef().setName(HOSTILE);
    var status = experiment.getStatus();
    status.getVerdict().setResult(HOSTILE);
    status.getVerdict().setReasons(List.of(HOSTILE));
    status.setFaultLog(List.of(HOSTILE));
    status.getResults().setClientsReady(HOSTILE);
    status.getResults().getMetrics().getGroups().get(0).setName(HOSTILE);
    status.getResults().getMetrics().getRelayTopics().get(1).setTopic(HOSTILE);
    status
        .getConditions()
        .add(
            new ConditionBuilder()
                .withType(HOSTILE)
                .withStatus(HOSTILE)
                .withReason(HOSTILE)
                .withMessage(HOSTILE)
                .build());
    ChatNetwork network = ReportFixtures.network(4, 2);
    network.getSpec().getGroups().get(3).setName(HOSTILE);
    network.getSpec().getGroups().get(3).setImage(HOSTILE);
    return ExperimentReport.of(experiment, network);
  }

  @Test
  void aHostileNameIsTextEverywhereInTheExperimentPage() {
    String html = HtmlReport.render(hostileReport());
    Document page = Jsoup.parse(html);
    assertNothingInjected(html, page);

    assertThat(page.title()).isEqualTo("chatnet report: " + HOSTILE + "/" + HOSTILE);
    assertThat(page.selectFirst("h1").text()).isEqualTo("Experiment " + HOSTILE + "/" + HOSTILE);
    // the verdict is also a CSS class: the attribute holds the whole string, nothing more
    assertThat(page.select("span.verdict").eachAttr("class")).contains("verdict " + HOSTILE);
    assertThat(page.select("h2").eachText()).contains("Network " + HOSTILE);
    assertThat(page.select("li").eachText()).contains(HOSTILE).hasSizeGreaterThanOrEqualTo(2);
    assertThat(cells(page, "table.facts td")).contains(HOSTILE);
    assertThat(cells(page, "table.groups td")).contains(HOSTILE);
    assertThat(cells(page, "table.group-metrics td")).contains(HOSTILE);
    assertThat(cells(page, "table.relay-topics td")).contains(HOSTILE);
    assertThat(cells(page, "table.conditions td")).containsSubsequence(HOSTILE, HOSTILE, HOSTILE);
    assertThat(page.text())
        .contains("Clients logged in: " + HOSTILE)
        .contains("relay (desktop) clients subscribe to " + HOSTILE + " whatever their settings");
    // the charts (our own SVG writer) name the group in a category and a data attribute
    Element cpu = page.selectFirst("svg.chart[aria-label=\"CPU per node, by group\"]");
    assertThat(cpu.select("rect.bar").eachAttr("data-category")).contains(HOSTILE + " (bootstrap)");
  }

  @Test
  void aHostileNameIsTextEverywhereInTheComparisonPage() {
    ExperimentReport hostile = hostileReport();
    ExperimentReport plain =
        ExperimentReport.of(ReportFixtures.experiment("plain", 30), ReportFixtures.network(60, 40));
    String html = ComparisonReport.html(ComparisonReport.compare(List.of(hostile, plain)));
    Document page = Jsoup.parse(html);
    assertNothingInjected(html, page);
    assertThat(cells(page, "table.comparison td"))
        .contains(HOSTILE + "/" + HOSTILE)
        .contains(HOSTILE);
    assertThat(page.select("circle.point title").eachText())
        .anySatisfy(t -> assertThat(t).startsWith(HOSTILE + "/" + HOSTILE + ": "));
  }

  private static List<String> cells(Document page, String selector) {
    return page.select(selector).eachText();
  }

  static void assertNothingInjected(String html, Document page) {
    assertThat(html).doesNotContain("<script").doesNotContain("<b ").doesNotContain("=\"z\"");
    assertThat(page.select("script, b, [onmouseover]")).isEmpty();
    // the hostile & itself is escaped: "&amp;" in the name reads back as the five characters
    assertThat(page.text()).contains("'&amp;");
  }
}

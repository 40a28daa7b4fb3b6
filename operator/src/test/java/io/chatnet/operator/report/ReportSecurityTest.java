package io.chatnet.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NetworkConditions;
import org.junit.jupiter.api.Test;

/** The report says whether the run used pods beyond the restricted Pod Security level. */
class ReportSecurityTest {
  @Test
  void aRunWithoutNetworkConditionsUsedNoPrivilegedPods() {
    ChatExperiment experiment = ReportFixtures.experiment("plain", 6);
    ExperimentReport report = ExperimentReport.of(experiment, ReportFixtures.network(4, 2));
    assertThat(report.security().privilegedPods()).isFalse();
    assertThat(report.security().groups()).isEmpty();
    assertThat(ReportJson.write(report))
        .contains("\"security\"")
        .containsPattern("\"privilegedPods\"\\s*:\\s*false");
    assertThat(HtmlReport.render(report))
        .contains("Privileged pods")
        .contains("none: every pod ran within the restricted Pod Security level");
  }

  @Test
  void netemMakesTheRunPrivilegedAndTheReportNamesTheGroupAndTheField() {
    ChatNetwork network = ReportFixtures.network(4, 2);
    NetworkConditions conditions = new NetworkConditions();
    conditions.setLatencyMillis(50);
    network.getSpec().getGroups().get(1).setNetworkConditions(conditions);
    ExperimentReport report = ExperimentReport.of(ReportFixtures.experiment("shaped", 6), network);

    assertThat(report.security().privilegedPods()).isTrue();
    assertThat(report.security().groups())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.name()).isEqualTo("relay");
              assertThat(g.rootContainers()).containsExactly("netem");
              assertThat(g.addedCapabilities()).containsExactly("NET_ADMIN");
              assertThat(g.specField()).isEqualTo("spec.groups[1].networkConditions");
            });
    assertThat(ReportJson.write(report)).containsPattern("\"privilegedPods\"\\s*:\\s*true");
    // read back from report.json: an exported file says it too
    assertThat(ReportJson.read(ReportJson.write(report), "x").security().privilegedPods()).isTrue();
    assertThat(HtmlReport.render(report))
        .contains(
            "yes: relay (as root: netem; capabilities NET_ADMIN; asked by"
                + " spec.groups[1].networkConditions)");
  }

  @Test
  void aReportWrittenWithoutTheNetworkSaysNothingAboutIt() {
    ExperimentReport report = ExperimentReport.of(ReportFixtures.experiment("gone", 6), null);
    assertThat(report.security()).isNull();
    assertThat(HtmlReport.render(report)).doesNotContain("Privileged pods");
  }
}

package io.chatnet.operator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.naming.ExperimentNames;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportConfigMapTest {
  @Test
  void holdsTheJsonAndThePageUnderTheExperimentsLabels() {
    ChatExperiment experiment = ReportFixtures.experiment("exp", 30);
    ExperimentReport report = ExperimentReport.of(experiment, ReportFixtures.network(4, 2));
    var map = ReportConfigMap.build(experiment, report);
    assertThat(map.getMetadata().getName()).isEqualTo("exp-report");
    assertThat(map.getMetadata().getNamespace()).isEqualTo("lab");
    assertThat(map.getMetadata().getLabels())
        .containsEntry(ExperimentNames.EXPERIMENT_LABEL, "exp")
        .containsEntry("chatnet.io/network", "smoke");
    assertThat(map.getData()).containsOnlyKeys("report.html", "report.json");
    assertThat(ReportJson.read(map.getData().get("report.json"), "report.json").experiment().name())
        .isEqualTo("exp");
    assertThat(map.getData().get("report.html")).startsWith("<!DOCTYPE html>").contains("<svg");
  }

  @Test
  void aReportOverTheConfigMapLimitIsRefusedWithItsSize() {
    ChatExperiment experiment = ReportFixtures.experiment("chatty", 30);
    List<String> log = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      log.add(i + ": " + "x".repeat(500));
    }
    experiment.getStatus().setFaultLog(log);
    ExperimentReport report = ExperimentReport.of(experiment, ReportFixtures.network(4, 2));
    assertThatThrownBy(() -> ReportConfigMap.build(experiment, report))
        .isInstanceOf(ReportConfigMap.TooLargeException.class)
        .hasMessageMatching(
            "the report of chatty is \\d+ bytes, over the 1048576-byte limit of a ConfigMap");
  }
}

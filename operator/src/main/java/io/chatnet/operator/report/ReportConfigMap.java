package io.chatnet.operator.report;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.naming.ExperimentNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The report ConfigMap ({@code <experiment>-report}, keys report.json and report.html), written
 * once the experiment is Succeeded or Failed. The API server refuses a ConfigMap whose data passes
 * 1 MiB, so the size is checked here, where the error can say which report and by how much.
 */
public final class ReportConfigMap {
  public static final String JSON_KEY = "report.json";
  public static final String HTML_KEY = "report.html";

  /** The API server's limit on a ConfigMap's data, keys included. */
  public static final int MAX_DATA_BYTES = 1024 * 1024;

  private ReportConfigMap() {}

  /** Thrown when a report does not fit in a ConfigMap. */
  public static final class TooLargeException extends RuntimeException {
    TooLargeException(String message) {
      super(message);
    }
  }

  public static ConfigMap build(ChatExperiment experiment, ExperimentReport report) {
    Map<String, String> data =
        Map.of(JSON_KEY, ReportJson.write(report), HTML_KEY, HtmlReport.render(report));
    long size = dataBytes(data);
    if (size > MAX_DATA_BYTES) {
      throw new TooLargeException(
          "the report of "
              + experiment.getMetadata().getName()
              + " is "
              + size
              + " bytes, over the "
              + MAX_DATA_BYTES
              + "-byte limit of a ConfigMap");
    }
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(ExperimentNames.reportConfigMap(experiment))
        .withNamespace(experiment.getMetadata().getNamespace())
        .withLabels(ExperimentNames.labels(experiment))
        .endMetadata()
        .withData(new java.util.TreeMap<>(data))
        .build();
  }

  static long dataBytes(Map<String, String> data) {
    long size = 0;
    for (var entry : data.entrySet()) {
      size += entry.getKey().getBytes(StandardCharsets.UTF_8).length;
      size += entry.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    return size;
  }
}

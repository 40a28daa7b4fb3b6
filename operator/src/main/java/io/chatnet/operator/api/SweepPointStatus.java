package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.Map;
import lombok.Data;

/** One point of a sweep as run: its axis values, experiment, outcome and report. */
@Data
public class SweepPointStatus {
  @JsonPropertyDescription("The point's number, from 1, in the order the points run.")
  private int index;

  @JsonPropertyDescription("The point's axis values, by axis name.")
  private Map<String, String> values = new LinkedHashMap<>();

  @JsonPropertyDescription("The ChatNetwork the point ran on.")
  private String network;

  @JsonPropertyDescription("The ChatExperiment of the point (owned by the sweep).")
  private String experiment;

  @JsonPropertyDescription(
      "The experiment's phase when recorded: Succeeded or Failed; another phase while it runs.")
  private ExperimentPhase phase;

  @JsonPropertyDescription(
      "The experiment's verdict (Passed, Failed, Incomplete), when it has one.")
  private String verdict;

  @JsonPropertyDescription("Why the point failed, when it did.")
  private String message;

  @JsonPropertyDescription("The ConfigMap holding the experiment's report.json and report.html.")
  private String reportConfigMap;
}

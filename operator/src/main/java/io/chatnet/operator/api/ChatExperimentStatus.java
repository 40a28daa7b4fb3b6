package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/** Where the experiment is, and what it found. */
@Data
public class ChatExperimentStatus {
  @JsonPropertyDescription(
      "Pending, WaitingForNetwork, Queued, Preparing, Running, Analyzing, Succeeded or Failed.")
  private ExperimentPhase phase;

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("The instant every shard starts sending (RFC 3339), fixed once.")
  private String plannedStart;

  @JsonPropertyDescription("When the measured window ends (RFC 3339).")
  private String windowEnd;

  @JsonPropertyDescription("When the experiment reached Succeeded or Failed (RFC 3339).")
  private String completionTime;

  @JsonPropertyDescription("Shards: total, succeeded, failed, and how many reported a summary.")
  private ShardStatus shards;

  @JsonPropertyDescription("Figures per traffic kind, summed over the shards' summaries.")
  private ExperimentResults results;

  @JsonPropertyDescription("The verdict against spec.criteria.")
  private Verdict verdict;

  @JsonPropertyDescription("Faults applied so far, one line each, in order.")
  private List<String> faultLog = new ArrayList<>();

  @JsonPropertyDescription(
      "The ConfigMap (same namespace) holding the experiment's report: report.json and"
          + " report.html.")
  private String reportConfigMap;

  @JsonPropertyDescription(
      "Conditions: NetworkReady, Scheduled, ShardsComplete, FaultsAvailable, MetricsAvailable,"
          + " Complete, Failed, ReportStored, WritesAccepted (present once the API server refused"
          + " a write of the plan, Job, PodMonitor, report or a fault's object).")
  private List<Condition> conditions = new ArrayList<>();
}

package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Where the experiment is, and what it found. */
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

  public ExperimentPhase getPhase() {
    return phase;
  }

  public void setPhase(ExperimentPhase phase) {
    this.phase = phase;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getPlannedStart() {
    return plannedStart;
  }

  public void setPlannedStart(String plannedStart) {
    this.plannedStart = plannedStart;
  }

  public String getWindowEnd() {
    return windowEnd;
  }

  public void setWindowEnd(String windowEnd) {
    this.windowEnd = windowEnd;
  }

  public String getCompletionTime() {
    return completionTime;
  }

  public void setCompletionTime(String completionTime) {
    this.completionTime = completionTime;
  }

  public ShardStatus getShards() {
    return shards;
  }

  public void setShards(ShardStatus shards) {
    this.shards = shards;
  }

  public ExperimentResults getResults() {
    return results;
  }

  public void setResults(ExperimentResults results) {
    this.results = results;
  }

  public Verdict getVerdict() {
    return verdict;
  }

  public void setVerdict(Verdict verdict) {
    this.verdict = verdict;
  }

  public List<String> getFaultLog() {
    return faultLog;
  }

  public void setFaultLog(List<String> faultLog) {
    this.faultLog = faultLog;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public String getReportConfigMap() {
    return reportConfigMap;
  }

  public void setReportConfigMap(String reportConfigMap) {
    this.reportConfigMap = reportConfigMap;
  }
}

package io.chatnet.operator.reconciler;

import io.chatnet.operator.analysis.MetricsAnalyzer;
import io.chatnet.operator.analysis.MetricsStep;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.FailedShard;
import io.chatnet.operator.experiment.ClientFaultMerge;
import io.chatnet.operator.experiment.ExperimentTimeline;
import io.chatnet.operator.experiment.ShardCoverage;
import io.chatnet.operator.experiment.ShardFailures;
import io.chatnet.operator.experiment.VerdictJudge;
import io.chatnet.operator.status.Conditions;
import io.chatnet.operator.status.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * ChatExperimentReconciler's act stage once every summary is in: Prometheus's figures over the
 * window, then the verdict.
 */
final class AnalysisStep {
  static final String SHARDS_CONDITION = "ShardsComplete";
  static final String COVERAGE_CONDITION = "WindowCovered";
  static final String CLIENTS_CONDITION = "ClientsHealthy";
  static final Duration METRICS_RETRY = Duration.ofSeconds(5);
  private final KubernetesClient client;
  private final Clock clock;
  private final MetricsStep metrics;
  private final Duration metricsRetryFor;

  AnalysisStep(KubernetesClient client, Clock clock, MetricsStep metrics, Duration retryFor) {
    this.client = client;
    this.clock = clock;
    this.metrics = metrics;
    this.metricsRetryFor = retryFor;
  }

  /**
   * The verdict on what was measured, with partial results kept, named (status.shards, condition
   * WindowCovered) and passing only as criteria.minShardCoverage allows; client faults named
   * (condition ClientsHealthy); the experiment Succeeded.
   */
  void judge(
      ChatExperiment experiment,
      ChatExperimentStatus status,
      List<FailedShard> lost,
      ExperimentObservation seen,
      Instant now) {
    int total = experiment.getSpec().getLoadGenerator().getReplicas();
    int reported = seen.summaries().summaries().size();
    status.setVerdict(VerdictJudge.judge(experiment.getSpec().getCriteria(), status.getResults()));
    ShardCoverage coverage = coverage(experiment, status, seen);
    List<Integer> missing = missingShards(total, seen);
    String partial = coverage.line(missing);
    // Partial results are kept and judged on what was measured; ShardCoverage decides whether a
    // verdict may pass on them (criteria.minShardCoverage).
    coverage.judge(experiment.getSpec().getCriteria(), status.getVerdict(), partial);
    if (coverage.partialRun()) {
      set(status, COVERAGE_CONDITION, false, "PartialWindow", partial);
      new EventRecorder(client).warning(experiment, "PartialWindow", partial);
    } else {
      set(status, COVERAGE_CONDITION, true, "WholeWindow", "every shard measured the window");
    }
    String faults = ClientFaultMerge.line(status.getResults().getClientFaults());
    if (faults != null) {
      set(status, CLIENTS_CONDITION, false, "ClientFaults", faults);
      new EventRecorder(client).warning(experiment, "ClientFaults", faults);
    } else if (status.getResults().getClientFaults() != null) {
      set(status, CLIENTS_CONDITION, true, "NoClientFaults", "no drops, every client answered");
    }
    if (!lost.isEmpty()) {
      String line = ShardFailures.missingShare(lost, total);
      status.getVerdict().getReasons().add(line);
      set(status, SHARDS_CONDITION, false, "ShardsFailed", line);
      new EventRecorder(client).warning(experiment, "ShardsFailed", line);
    } else {
      set(status, SHARDS_CONDITION, true, "AllShardsFinished", "every shard finished");
    }
    if (reported < total - lost.size()) {
      set(
          status,
          "SummariesComplete",
          false,
          "SummariesMissing",
          (total - reported)
              + " of "
              + total
              + " shards left no summary; results cover the others");
    }
    status.setPhase(ExperimentPhase.Succeeded);
    status.setCompletionTime(now.toString());
    set(status, "Complete", true, "Analyzed", "verdict " + status.getVerdict().getResult());
  }

  /** The shards' coverage of the planned window, written into status.shards. */
  private static ShardCoverage coverage(
      ChatExperiment experiment, ChatExperimentStatus status, ExperimentObservation seen) {
    ExperimentTimeline timeline =
        ExperimentTimeline.of(experiment.getSpec(), Instant.parse(status.getPlannedStart()));
    ShardCoverage coverage =
        ShardCoverage.of(
            experiment.getSpec().getLoadGenerator().getReplicas(),
            timeline.measureFrom(),
            timeline.end(),
            seen.summaries().summaries(),
            seen.pods());
    status.getShards().setPartialShards(coverage.partial());
    status.getShards().setCoveredShare(coverage.share());
    return coverage;
  }

  /** Shards with no summary read (lost beyond their retries, or silent). */
  private static List<Integer> missingShards(int total, ExperimentObservation seen) {
    java.util.Set<Integer> reported = new java.util.HashSet<>();
    seen.summaries().summaries().forEach(s -> reported.add(s.shard()));
    return java.util.stream.IntStream.range(0, total)
        .filter(i -> !reported.contains(i))
        .boxed()
        .toList();
  }

  /**
   * Figures from Prometheus over the window, or a condition saying why there are none. A Prometheus
   * that cannot be reached or fails its queries is asked again every {@link #METRICS_RETRY} until
   * chatnet.prometheus.retry-for after the window's end; returns the wait when it will be.
   */
  Optional<Duration> analyzeMetrics(
      ChatExperiment experiment, ChatExperimentStatus status, Instant windowEnd, Instant now) {
    MetricsAnalyzer.Outcome outcome = metrics.run(experiment, status);
    Instant giveUp = windowEnd.plus(metricsRetryFor);
    boolean worthAsking =
        "PrometheusUnreachable".equals(outcome.reason()) || "QueryFailed".equals(outcome.reason());
    if (!outcome.available() && worthAsking && now.isBefore(giveUp)) {
      set(
          status,
          MetricsStep.CONDITION,
          false,
          outcome.reason(),
          outcome.message() + "; asking again until " + giveUp.truncatedTo(ChronoUnit.SECONDS));
      Duration left = Duration.between(now, giveUp);
      return Optional.of(METRICS_RETRY.compareTo(left) <= 0 ? METRICS_RETRY : left);
    }
    status.getResults().setMetrics(outcome.metrics());
    set(status, MetricsStep.CONDITION, outcome.available(), outcome.reason(), outcome.message());
    if (!outcome.available()) {
      new EventRecorder(client).warning(experiment, outcome.reason(), outcome.message());
    }
    return Optional.empty();
  }

  private void set(
      ChatExperimentStatus status, String type, boolean value, String reason, String message) {
    Conditions.upsert(status.getConditions(), type, value, reason, message, clock.instant());
  }
}

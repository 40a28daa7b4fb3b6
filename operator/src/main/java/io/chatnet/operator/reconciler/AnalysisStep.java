package io.chatnet.operator.reconciler;

import io.chatnet.operator.analysis.MetricsAnalyzer;
import io.chatnet.operator.analysis.MetricsStep;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.FailedShard;
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

  /** The verdict, with partial results never passing, and the experiment Succeeded. */
  void judge(
      ChatExperiment experiment,
      ChatExperimentStatus status,
      List<FailedShard> lost,
      int reported,
      Instant now) {
    int total = experiment.getSpec().getLoadGenerator().getReplicas();
    status.setVerdict(VerdictJudge.judge(experiment.getSpec().getCriteria(), status.getResults()));
    if (!lost.isEmpty()) {
      // Partial results: the verdict cannot pass on a share of the load.
      String line = ShardFailures.missingShare(lost, total);
      status.getVerdict().getReasons().add(line);
      if (VerdictJudge.PASSED.equals(status.getVerdict().getResult())) {
        status.getVerdict().setResult(VerdictJudge.INCOMPLETE);
      }
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

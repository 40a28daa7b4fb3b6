package io.chatnet.operator.analysis;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.GroupMetrics;
import io.chatnet.operator.api.GroupRole;
import io.chatnet.operator.api.OperationResults;
import io.chatnet.operator.api.PhaseWindow;
import io.chatnet.operator.experiment.ExperimentTimeline;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The baseline cost of being online (spec.idle.seconds): the client groups' CPU and memory per pod
 * over exactly the idle phase, read with the analyzer's own per-group queries (so the figures mean
 * what status.results.metrics.groups means, over another window). Bandwidth and peers stay absent
 * for status-backend, which does not expose them (MetricsAnalyzer's note).
 */
public final class IdleBaseline {
  private IdleBaseline() {}

  /**
   * The idle phase as the shards ran it (the merged summaries' phases.idle), else as planned from
   * the start instant; empty when the spec has no idle phase or the run has no start yet.
   */
  public static Optional<Instant[]> window(ChatExperiment experiment, ChatExperimentStatus status) {
    var idle = experiment.getSpec().getIdle();
    if (idle == null || idle.getSeconds() == null || idle.getSeconds() <= 0) {
      return Optional.empty();
    }
    OperationResults ops = status.getResults() == null ? null : status.getResults().getOperations();
    if (ops != null) {
      for (PhaseWindow p : ops.getPhases()) {
        if ("idle".equals(p.getPhase()) && p.getFrom() != null && p.getTo() != null) {
          return Optional.of(millis(Instant.parse(p.getFrom()), Instant.parse(p.getTo())));
        }
      }
    }
    if (status.getPlannedStart() == null) {
      return Optional.empty();
    }
    ExperimentTimeline t =
        ExperimentTimeline.of(experiment.getSpec(), Instant.parse(status.getPlannedStart()));
    return Optional.of(millis(t.idleFrom(), t.trafficFrom()));
  }

  /** The client groups' figures over [from, to]; empty when Prometheus had none. */
  public static List<GroupMetrics> of(
      MetricsAnalyzer analyzer,
      String namespace,
      String network,
      String experiment,
      Instant from,
      Instant to) {
    MetricsAnalyzer.Outcome idle = analyzer.analyze(namespace, network, experiment, from, to);
    if (idle.metrics() == null) {
      return List.of();
    }
    return idle.metrics().getGroups().stream()
        .filter(
            g ->
                GroupRole.DESKTOP.wireName().equals(g.getRole())
                    || GroupRole.MOBILE.wireName().equals(g.getRole()))
        .toList();
  }

  private static Instant[] millis(Instant from, Instant to) {
    return new Instant[] {from.truncatedTo(ChronoUnit.MILLIS), to.truncatedTo(ChronoUnit.MILLIS)};
  }
}

package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ChatSweepStatus;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.SweepPointStatus;
import io.chatnet.operator.status.Conditions;
import io.chatnet.operator.sweep.PlannedPoint;
import io.chatnet.operator.sweep.SweepPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * ChatSweepReconciler's record step: the points' experiments as they are now into status.points, in
 * order, and the first point not yet recorded. A point is recorded once its experiment is Succeeded
 * or Failed and its report stored (or known never to be); a point whose experiment is gone before
 * that is recorded Failed. What a point needs is derived from the owned experiments and status
 * only, so a restarted operator carries on at the point it was on and starts none twice.
 */
final class SweepProgress {
  /** The point to work on (none: every point is recorded) and the points recorded just now. */
  record Outcome(Optional<PlannedPoint> current, List<SweepPointStatus> newlyRecorded) {}

  private SweepProgress() {}

  /**
   * @param experiments the sweep's experiments by name, from the cache
   * @param exists whether an experiment of that name exists, asked of the API server (a cache that
   *     has not seen an experiment just created must not make it look deleted)
   */
  static Outcome record(
      SweepPlan plan,
      ChatSweepStatus status,
      Function<String, ChatExperiment> experiments,
      Predicate<String> exists) {
    List<SweepPointStatus> recorded = new ArrayList<>();
    Optional<PlannedPoint> current = Optional.empty();
    for (PlannedPoint point : plan.points()) {
      String name = point.experiment();
      SweepPointStatus entry = entry(status, point.index()).orElse(null);
      if (entry != null && finished(entry.getPhase())) {
        continue;
      }
      ChatExperiment experiment = experiments.apply(name);
      if (experiment == null && entry != null && !exists.test(name)) {
        entry.setPhase(ExperimentPhase.Failed);
        entry.setMessage("experiment " + name + " was deleted before it finished");
        recorded.add(entry);
        continue;
      }
      if (experiment == null) {
        current = Optional.of(point);
        break;
      }
      if (entry == null) {
        entry = started(status, point, name);
      }
      ChatExperimentStatus s = experiment.getStatus();
      SweepPointStatus seen = entry;
      boolean done = s != null && finished(s.getPhase()) && !ReportStep.pending(s);
      if (s != null) {
        // Finished but its report not yet stored: not recorded, so not shown finished either
        // (a finished phase in status is what marks a point recorded).
        entry.setPhase(done || !finished(s.getPhase()) ? s.getPhase() : ExperimentPhase.Analyzing);
        entry.setVerdict(s.getVerdict() == null ? null : s.getVerdict().getResult());
        entry.setReportConfigMap(s.getReportConfigMap());
        Conditions.find(s.getConditions(), "Failed")
            .ifPresent(c -> seen.setMessage(c.getMessage()));
      }
      if (done) {
        recorded.add(entry);
        continue;
      }
      current = Optional.of(point);
      break;
    }
    long done = status.getPoints().stream().filter(p -> finished(p.getPhase())).count();
    long failed =
        status.getPoints().stream().filter(p -> p.getPhase() == ExperimentPhase.Failed).count();
    status.setPointsTotal(plan.points().size());
    status.setPointsDone((int) done);
    status.setPointsFailed((int) failed);
    status.setProgress(done + "/" + plan.points().size());
    status.setCurrentPoint(current.map(PlannedPoint::index).orElse(null));
    return new Outcome(current, recorded);
  }

  /** The status entry of a point whose experiment is being created now (or found unrecorded). */
  static SweepPointStatus started(ChatSweepStatus status, PlannedPoint point, String experiment) {
    SweepPointStatus entry = entry(status, point.index()).orElse(null);
    if (entry == null) {
      entry = new SweepPointStatus();
      entry.setIndex(point.index());
      status.getPoints().add(entry);
      status.getPoints().sort(Comparator.comparingInt(SweepPointStatus::getIndex));
    }
    entry.setValues(new LinkedHashMap<>(point.values()));
    entry.setNetwork(point.network());
    entry.setExperiment(experiment);
    if (entry.getPhase() == null) {
      entry.setPhase(ExperimentPhase.Pending);
    }
    return entry;
  }

  /**
   * Records a point Failed whose network failed before its experiment was created (no experiment
   * is, so the point is never started again), and counts it.
   */
  static SweepPointStatus networkFailed(
      ChatSweepStatus status, PlannedPoint point, String message) {
    SweepPointStatus entry = started(status, point, null);
    entry.setPhase(ExperimentPhase.Failed);
    entry.setMessage(message);
    long done = status.getPoints().stream().filter(p -> finished(p.getPhase())).count();
    status.setPointsDone((int) done);
    status.setPointsFailed(
        (int)
            status.getPoints().stream()
                .filter(p -> p.getPhase() == ExperimentPhase.Failed)
                .count());
    status.setProgress(done + "/" + status.getPointsTotal());
    return entry;
  }

  static boolean finished(ExperimentPhase phase) {
    return phase == ExperimentPhase.Succeeded || phase == ExperimentPhase.Failed;
  }

  private static Optional<SweepPointStatus> entry(ChatSweepStatus status, int index) {
    return status.getPoints().stream().filter(p -> p.getIndex() == index).findFirst();
  }
}

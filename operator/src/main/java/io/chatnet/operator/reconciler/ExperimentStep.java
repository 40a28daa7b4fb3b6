package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.FailedShard;
import io.chatnet.operator.experiment.ExperimentQueue;
import io.chatnet.operator.experiment.NetworkWait;
import io.chatnet.operator.experiment.ShardFailures;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The decide stage of ChatExperimentReconciler: which phase step applies, as a pure function of an
 * {@link ExperimentObservation} (and its clock reading). The reconciler acts on the answer.
 */
sealed interface ExperimentStep {
  /** How long to wait for shards' summaries after the Job completes. */
  Duration SUMMARY_WAIT = Duration.ofSeconds(60);

  /** Succeeded or Failed already: only the report may be left to store. */
  record Finished() implements ExperimentStep {}

  /** Fail the experiment; {@code removeJob}: delete its Job if there is one. */
  record Fail(String reason, String message, boolean removeJob) implements ExperimentStep {}

  /** The network is missing or not Ready: wait (condition NetworkReady=False) until deadline. */
  record AwaitNetwork(String reason, String message, Instant deadline) implements ExperimentStep {}

  /** Another experiment holds the network, or is ahead in line. */
  record Queue(ExperimentQueue.Decision turn) implements ExperimentStep {}

  /**
   * Its turn: fix the start instant and write the plan and the Job. {@code missed}: a start an
   * earlier operator wrote into the plan but never created the Job for nor recorded in status, now
   * past (null otherwise); the plan is rewritten with the new start.
   */
  record Start(Instant start, Instant missed) implements ExperimentStep {
    Start(Instant start) {
      this(start, null);
    }
  }

  /** Started: keep plan and Job in place and follow the run ({@link #run}). */
  record Run(Instant start) implements ExperimentStep {}

  /** The Job was just written and the informer has not seen it yet. */
  record JobNotSeen() implements ExperimentStep {}

  /** The Job runs; look again by {@code deadline} at the latest. */
  record Running(Instant deadline) implements ExperimentStep {}

  /** The Job failed with nothing to report on (every shard lost, or another cause). */
  record JobFailed(String message, List<FailedShard> lost) implements ExperimentStep {}

  /** The Job is done; some shards' summaries may still come. */
  record AwaitSummaries(List<FailedShard> lost) implements ExperimentStep {}

  /** The Job is done before the measurement window: only a finished window can be queried. */
  record AwaitWindow(Instant windowEnd, List<FailedShard> lost) implements ExperimentStep {}

  /** Everything is in: aggregate, ask Prometheus, judge. */
  record Analyze(Instant windowEnd, List<FailedShard> lost) implements ExperimentStep {}

  /** The step before or at the start. */
  static ExperimentStep decide(ExperimentObservation o) {
    ChatExperiment e = o.experiment();
    ExperimentPhase phase = o.status().getPhase();
    if (phase == ExperimentPhase.Succeeded || phase == ExperimentPhase.Failed) {
      return new Finished();
    }
    if (o.network() == null && o.plannedStart() != null) {
      return new Fail(
          "NetworkDeleted",
          "network " + e.getSpec().getNetworkRef().getName() + " was deleted during the experiment",
          true);
    }
    if (o.network() == null) {
      return awaitNetwork(o);
    }
    if (o.plannedStart() != null && startMissed(o)) {
      return new Start(o.now().plusSeconds(e.getSpec().getSetupSeconds()), o.plannedStart());
    }
    if (o.plannedStart() != null) {
      return new Run(o.plannedStart());
    }
    // Refused before anything runs (and before the network is Ready): traffic the network's
    // clients cannot form is never shrunk to fit.
    List<String> problems = SpecChecks.problems(e, o.network());
    if (!problems.isEmpty()) {
      return new Fail("InvalidTraffic", String.join("; ", problems), true);
    }
    if (NetworkWait.problem(e, o.network()).isPresent()) {
      return awaitNetwork(o);
    }
    ExperimentQueue.Decision turn = ExperimentQueue.decide(e, o.onSameNetwork());
    if (!turn.mayStart()) {
      return new Queue(turn);
    }
    return new Start(o.now().plusSeconds(e.getSpec().getSetupSeconds()));
  }

  /**
   * The step of a started run, given the run's {@code deadline} and the end of its measurement
   * window (status.windowEnd, fixed when the run was prepared): the Job's progress and outcome, the
   * shards' summaries and the window.
   */
  static ExperimentStep run(
      ExperimentObservation o, Instant start, Instant deadline, String windowEnd) {
    Instant now = o.now();
    if (o.job().isEmpty() && now.isBefore(start)) {
      return new JobNotSeen();
    }
    if (o.job().isEmpty()) {
      return new Fail(
          "JobMissing", "the load generator Job is gone and its start instant has passed", true);
    }
    Job live = o.job().get();
    Optional<JobCondition> finished = ExperimentObservation.finished(live);
    if (finished.isEmpty()) {
      return now.isAfter(deadline)
          ? new Fail("DeadlineExceeded", "the run passed its deadline " + deadline, true)
          : new Running(deadline);
    }
    if (!o.summaries().problems().isEmpty()) {
      // Operator and load generator images of incompatible contract versions: nothing to sum.
      return new Fail("SummaryVersionUnknown", String.join("; ", o.summaries().problems()), false);
    }
    List<FailedShard> lost = ShardFailures.of(live, o.pods());
    int total = o.experiment().getSpec().getLoadGenerator().getReplicas();
    int reported = o.summaries().summaries().size();
    if ("Failed".equals(finished.get().getType()) && (lost.isEmpty() || reported == 0)) {
      return new JobFailed(
          "the load generator Job failed: "
              + finished.get().getMessage()
              + (lost.isEmpty() ? "" : "; " + ShardFailures.missingShare(lost, total)),
          lost);
    }
    Instant finishedAt = parse(finished.get().getLastTransitionTime(), now);
    if (reported < total - lost.size() && now.isBefore(finishedAt.plus(SUMMARY_WAIT))) {
      return new AwaitSummaries(lost);
    }
    Instant end = Instant.parse(windowEnd);
    if (now.isBefore(end)) {
      // A Job normally ends a grace period after the window.
      return new AwaitWindow(end, lost);
    }
    return new Analyze(end, lost);
  }

  /**
   * An operator stopped between writing the plan and creating the Job, and the next one came up
   * after the plan's start instant. The status never recorded that start (it is written after the
   * Job, in the same reconcile) and no Job exists, so no shard ever read the plan: fixing a new
   * start keeps "exactly one Job ever" and gives the run its whole window, where a Job created late
   * would measure a shorter one and failing would lose the run (bench/reliability.md).
   */
  static boolean startMissed(ExperimentObservation o) {
    return o.status().getPlannedStart() == null
        && o.plan().isPresent()
        && o.job().isEmpty()
        && !o.now().isBefore(o.plannedStart());
  }

  private static ExperimentStep awaitNetwork(ExperimentObservation o) {
    ChatExperiment e = o.experiment();
    String problem = NetworkWait.problem(e, o.network()).orElseThrow();
    int seconds = e.getSpec().getNetworkWaitSeconds();
    Instant deadline = NetworkWait.deadline(e, o.status().getConditions(), o.now());
    boolean missing = o.network() == null;
    if (!o.now().isBefore(deadline)) {
      return new Fail(
          missing ? NetworkWait.FAILED_NOT_FOUND : NetworkWait.FAILED_NOT_READY,
          NetworkWait.failedMessage(problem, seconds),
          false);
    }
    return new AwaitNetwork(
        missing ? NetworkWait.NOT_FOUND : NetworkWait.NOT_READY,
        NetworkWait.waitingMessage(problem, deadline, seconds),
        deadline);
  }

  private static Instant parse(String time, Instant fallback) {
    try {
      return time == null ? fallback : Instant.parse(time);
    } catch (RuntimeException e) {
      return fallback;
    }
  }
}

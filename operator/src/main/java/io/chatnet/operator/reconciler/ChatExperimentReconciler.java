package io.chatnet.operator.reconciler;

import io.chatnet.contract.Summary;
import io.chatnet.operator.analysis.MetricsStep;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentSpec;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.config.BuildDefaults;
import io.chatnet.operator.config.OperatorConfig;
import io.chatnet.operator.experiment.ExperimentQueue;
import io.chatnet.operator.experiment.LoadGeneratorJob;
import io.chatnet.operator.experiment.NetworkWait;
import io.chatnet.operator.experiment.SummaryAggregator;
import io.chatnet.operator.monitoring.PodMonitorSupport;
import io.chatnet.operator.status.Conditions;
import io.chatnet.operator.status.EventRecorder;
import io.chatnet.operator.status.StatusPatches;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs a ChatExperiment: wait for its network to be Ready (at most spec.networkWaitSeconds) and for
 * its turn on it (one experiment at a time, {@link ExperimentQueue}), fix the start instant, write
 * the plan and the load generator Job, apply faults as they fall due, and when the Job is done read
 * every shard's summary from its pod's termination message, aggregate, judge, and report. Traffic
 * the network cannot form (SpecChecks) fails the experiment before anything runs; a deleted network
 * or a run past its deadline fails it and removes its Job. Shards that fail beyond their retries
 * are named and the others' results reported.
 */
@ControllerConfiguration(name = ChatExperimentReconciler.NAME)
public class ChatExperimentReconciler implements Reconciler<ChatExperiment> {
  public static final String NAME = "chatexperiment";
  static final String NETWORK_INDEX = "networkRef";

  static final String SCHEDULED = "Scheduled";
  static final String NETWORK_BUSY = "NetworkBusy";
  static final Duration QUEUE_RECHECK = Duration.ofSeconds(3);

  private static final Logger LOG = Logger.getLogger(ChatExperimentReconciler.class);
  private final KubernetesClient client;
  private final BuildDefaults defaults;
  private final Clock clock;
  private final AnalysisStep analysis;
  private final ReportStep reports;
  private final FaultStep faults;
  private final PrepareStep prepares;
  private final WriteRefusals refusals = new WriteRefusals(Clock.systemUTC());
  private final WriteRefusalStatus refusalStatus = new WriteRefusalStatus(Clock.systemUTC());

  public ChatExperimentReconciler(OperatorConfig config, KubernetesClient client) {
    this.client = client;
    this.defaults = config.buildDefaults();
    this.clock = Clock.systemUTC();
    this.prepares = new PrepareStep(defaults, clock, new PodMonitorSupport(client));
    this.reports = new ReportStep(client, clock);
    this.faults = new FaultStep(client, clock);
    this.analysis =
        new AnalysisStep(
            client, clock, new MetricsStep(config.prometheus()), config.prometheus().retryFor());
  }

  @Override
  public List<EventSource<?, ChatExperiment>> prepareEventSources(
      EventSourceContext<ChatExperiment> context) {
    return ExperimentEventSources.of(context, refusals);
  }

  /** Observe (one record), decide ({@link ExperimentStep}, pure), act (writes, events, status). */
  @Override
  public UpdateControl<ChatExperiment> reconcile(
      ChatExperiment experiment, Context<ChatExperiment> context) {
    ChatExperimentStatus previous = experiment.getStatus();
    ExperimentObservation seen =
        ExperimentObservation.observe(
            experiment,
            previous == null ? new ChatExperimentStatus() : previous,
            context,
            onSameNetwork(experiment, context),
            clock.instant());
    ExperimentStep step = ExperimentStep.decide(seen);
    ChatExperimentStatus status =
        previous == null
            ? new ChatExperimentStatus()
            : client.getKubernetesSerialization().clone(previous);
    status.setObservedGeneration(experiment.getMetadata().getGeneration());
    ChatNetwork network = seen.network();
    ExperimentEventSources.forgetDeleted(refusals, context.getPrimaryCache());
    WriteRefusals.Round refused = refusals.round(experiment, ChildSpecFields.of(experiment));
    Applier applier = new Applier(client, refused);
    if (step instanceof ExperimentStep.Finished) {
      if (!ReportStep.pending(status)) {
        return UpdateControl.noUpdate();
      }
      reports.store(experiment, network, status, context, applier, refused);
      refusalStatus.experiment(
          experiment, status, refused, new EventRecorder(client), (r, m) -> {});
      return ReportStep.retryIfPending(statusUpdate(experiment, previous, status), status);
    }
    Instant now = seen.now();
    Optional<Job> job = seen.job();
    Duration recheck = null;
    if (step instanceof ExperimentStep.Fail f) {
      fail(experiment, status, f.removeJob() ? job : Optional.empty(), f.reason(), f.message());
    } else if (step instanceof ExperimentStep.AwaitNetwork w) {
      status.setPhase(ExperimentPhase.WaitingForNetwork);
      setCondition(status, NetworkWait.CONDITION, false, w.reason(), w.message());
      recheck = Duration.between(now, w.deadline()).plusMillis(500);
    } else if (step instanceof ExperimentStep.Queue q) {
      recheck = queued(experiment, status, q.turn());
    } else if (step instanceof ExperimentStep.Start s) {
      prepares.prepare(experiment, network, status, s.start(), seen.plan(), job, applier, refused);
      MissedStart.note(client, experiment, status, s.missed(), s.start(), now);
      recheck = Duration.between(now, s.start());
    } else if (step instanceof ExperimentStep.Run r) {
      prepares.prepare(experiment, network, status, r.start(), seen.plan(), job, applier, refused);
      recheck = run(seen, status, r.start(), refused);
    }
    Optional<Duration> retry =
        refusalStatus.experiment(
            experiment,
            status,
            refused,
            new EventRecorder(client),
            (reason, message) -> fail(experiment, status, job, reason, message));
    if (retry.isPresent()) {
      recheck = recheck == null ? retry.get() : min(recheck, retry.get());
    }
    if (finished(status)) {
      reports.store(experiment, network, status, context, applier, refused);
    }
    UpdateControl<ChatExperiment> control = statusUpdate(experiment, previous, status);
    if (recheck != null && !finished(status)) {
      control.rescheduleAfter(
          recheck.isNegative() || recheck.isZero() ? Duration.ofSeconds(1) : recheck);
    }
    return finished(status) ? ReportStep.retryIfPending(control, status) : control;
  }

  private static boolean finished(ChatExperimentStatus status) {
    return status.getPhase() == ExperimentPhase.Succeeded
        || status.getPhase() == ExperimentPhase.Failed;
  }

  /** Experiments in this namespace on the same network, from the informer's index. */
  private static List<ChatExperiment> onSameNetwork(
      ChatExperiment e, Context<ChatExperiment> context) {
    return context
        .getPrimaryCache()
        .byIndex(
            NETWORK_INDEX,
            ExperimentEventSources.key(e.getMetadata().getNamespace(), networkName(e)));
  }

  /**
   * Another experiment holds the network, or is ahead in line: wait in phase Queued with condition
   * Scheduled=False (NetworkBusy). Nothing signals this experiment when the other one ends, so it
   * looks again every {@link #QUEUE_RECHECK}.
   */
  private Duration queued(
      ChatExperiment e, ChatExperimentStatus status, ExperimentQueue.Decision turn) {
    String message = turn.message(networkName(e));
    if (status.getPhase() != ExperimentPhase.Queued) {
      new EventRecorder(client).normal(e, NETWORK_BUSY, message);
    }
    status.setPhase(ExperimentPhase.Queued);
    setCondition(
        status, NetworkWait.CONDITION, true, "Ready", "network " + networkName(e) + " is Ready");
    setCondition(status, SCHEDULED, false, NETWORK_BUSY, message);
    return QUEUE_RECHECK;
  }

  /**
   * The running experiment: faults, deadline, and the Job's outcome ({@link ExperimentStep#run}).
   * Returns when to look again.
   */
  private Duration run(
      ExperimentObservation seen,
      ChatExperimentStatus status,
      Instant start,
      WriteRefusals.Round refused) {
    ChatExperiment experiment = seen.experiment();
    ChatExperimentSpec spec = experiment.getSpec();
    Instant now = seen.now();
    Instant deadline =
        start.plusSeconds(
            LoadGeneratorJob.deadlineSeconds(spec, defaults) - spec.getSetupSeconds());
    ExperimentStep step = ExperimentStep.run(seen, start, deadline, status.getWindowEnd());
    if (step instanceof ExperimentStep.JobNotSeen) {
      // Just (re)applied by prepare: the Job informer has not seen it yet. Look again shortly.
      return Duration.ofSeconds(1);
    }
    if (step instanceof ExperimentStep.Fail f && seen.job().isEmpty()) {
      fail(experiment, status, seen.job(), f.reason(), f.message());
      return null;
    }
    Duration next = Duration.between(now, deadline);
    if (now.isAfter(start) && status.getPhase() == ExperimentPhase.Preparing) {
      status.setPhase(ExperimentPhase.Running);
    } else if (status.getPhase() == ExperimentPhase.Preparing) {
      next = min(next, Duration.between(now, start));
    }
    next = min(next, faults.injectDue(experiment, seen.network(), status, start, now, refused));
    Job live = seen.job().get();
    status
        .getShards()
        .setSucceeded(count(live.getStatus() == null ? null : live.getStatus().getSucceeded()));
    status
        .getShards()
        .setFailed(count(live.getStatus() == null ? null : live.getStatus().getFailed()));
    if (step instanceof ExperimentStep.Fail f) {
      fail(
          experiment,
          status,
          f.removeJob() ? seen.job() : Optional.empty(),
          f.reason(),
          f.message());
      return null;
    }
    if (step instanceof ExperimentStep.Running) {
      return next;
    }
    List<Summary> summaries = seen.summaries().summaries();
    status.getShards().setReported(summaries.size());
    status.getShards().setMaxStartSkewMillis(SummaryAggregator.maxStartSkew(summaries));
    if (step instanceof ExperimentStep.JobFailed f) {
      status.getShards().setFailedShards(f.lost());
      // Nothing to report on. The finished Job and its pods stay for their logs.
      status.setResults(SummaryAggregator.aggregate(summaries));
      fail(experiment, status, Optional.empty(), "ShardFailed", f.message());
      return null;
    }
    if (step instanceof ExperimentStep.AwaitSummaries a) {
      status.getShards().setFailedShards(a.lost());
      status.setPhase(ExperimentPhase.Analyzing);
      return Duration.ofSeconds(2);
    }
    if (step instanceof ExperimentStep.AwaitWindow w) {
      status.getShards().setFailedShards(w.lost());
      status.setPhase(ExperimentPhase.Analyzing);
      return Duration.between(now, w.windowEnd());
    }
    ExperimentStep.Analyze a = (ExperimentStep.Analyze) step;
    status.getShards().setFailedShards(a.lost());
    status.setResults(SummaryAggregator.aggregate(summaries));
    Optional<Duration> retry = analysis.analyzeMetrics(experiment, status, a.windowEnd(), now);
    if (retry.isPresent()) {
      status.setPhase(ExperimentPhase.Analyzing);
      return retry.get();
    }
    analysis.judge(experiment, status, a.lost(), seen, now);
    return null;
  }

  private static int count(Integer value) {
    return Objects.requireNonNullElse(value, 0);
  }

  private void fail(
      ChatExperiment experiment,
      ChatExperimentStatus status,
      Optional<Job> job,
      String reason,
      String message) {
    status.setPhase(ExperimentPhase.Failed);
    status.setCompletionTime(clock.instant().toString());
    setCondition(status, "Failed", true, reason, message);
    job.ifPresent(
        j ->
            client
                .resource(j)
                .withPropagationPolicy(
                    io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND)
                .delete());
    new EventRecorder(client).warning(experiment, reason, message);
    LOG.infof(
        "experiment %s/%s failed: %s",
        experiment.getMetadata().getNamespace(), experiment.getMetadata().getName(), message);
  }

  private UpdateControl<ChatExperiment> statusUpdate(
      ChatExperiment experiment, ChatExperimentStatus previous, ChatExperimentStatus status) {
    ApiOutageCondition.mark(experiment, previous, status, new EventRecorder(client));
    if (status.equals(previous)) {
      return UpdateControl.noUpdate();
    }
    if ((previous == null || previous.getPhase() != status.getPhase())
        && status.getPhase() != ExperimentPhase.Failed) {
      new EventRecorder(client)
          .normal(experiment, String.valueOf(status.getPhase()), "phase " + status.getPhase());
    }
    return StatusPatches.patch(experiment, status, ChatExperiment::new);
  }

  private void setCondition(
      ChatExperimentStatus status, String type, boolean value, String reason, String message) {
    Conditions.upsert(status.getConditions(), type, value, reason, message, clock.instant());
  }

  private static String networkName(ChatExperiment experiment) {
    return experiment.getSpec().getNetworkRef().getName();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}

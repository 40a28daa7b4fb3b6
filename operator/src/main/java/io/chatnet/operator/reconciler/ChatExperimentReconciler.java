package io.chatnet.operator.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatnet.operator.analysis.MetricsAnalyzer;
import io.chatnet.operator.analysis.MetricsStep;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentSpec;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.FailedShard;
import io.chatnet.operator.api.ShardStatus;
import io.chatnet.operator.config.BuildDefaults;
import io.chatnet.operator.config.OperatorConfig;
import io.chatnet.operator.experiment.ExperimentPlan;
import io.chatnet.operator.experiment.ExperimentQueue;
import io.chatnet.operator.experiment.LoadGeneratorJob;
import io.chatnet.operator.experiment.NetworkWait;
import io.chatnet.operator.experiment.PlanConfigMap;
import io.chatnet.operator.experiment.ShardFailures;
import io.chatnet.operator.experiment.SummaryAggregator;
import io.chatnet.operator.experiment.VerdictJudge;
import io.chatnet.operator.monitoring.LoadGeneratorPodMonitor;
import io.chatnet.operator.monitoring.PodMonitorSupport;
import io.chatnet.operator.status.Conditions;
import io.chatnet.operator.status.EventRecorder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
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
  static final String SHARDS_CONDITION = "ShardsComplete";
  static final Duration QUEUE_RECHECK = Duration.ofSeconds(3);
  static final Duration METRICS_RETRY = Duration.ofSeconds(5);

  private static final Logger LOG = Logger.getLogger(ChatExperimentReconciler.class);
  private final KubernetesClient client;
  private final BuildDefaults defaults;
  private final Clock clock;
  private final MetricsStep metrics;
  private final Duration metricsRetryFor;
  private final PodMonitorSupport podMonitors;
  private final ReportStep reports;
  private final FaultStep faults;
  private final WriteRefusals refusals = new WriteRefusals(Clock.systemUTC());
  private final WriteRefusalStatus refusalStatus = new WriteRefusalStatus(Clock.systemUTC());

  public ChatExperimentReconciler(OperatorConfig config, KubernetesClient client) {
    this.client = client;
    this.defaults = config.buildDefaults();
    this.metrics = new MetricsStep(config.prometheus());
    this.metricsRetryFor = config.prometheus().retryFor();
    this.podMonitors = new PodMonitorSupport(client);
    this.clock = Clock.systemUTC();
    this.reports = new ReportStep(client, clock);
    this.faults = new FaultStep(client, clock);
  }

  @Override
  public List<EventSource<?, ChatExperiment>> prepareEventSources(
      EventSourceContext<ChatExperiment> context) {
    return ExperimentEventSources.of(context);
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
            client.getKubernetesSerialization(),
            clock.instant());
    ExperimentStep step = ExperimentStep.decide(seen);
    ChatExperimentStatus status =
        previous == null
            ? new ChatExperimentStatus()
            : client.getKubernetesSerialization().clone(previous);
    status.setObservedGeneration(experiment.getMetadata().getGeneration());
    ChatNetwork network = seen.network();
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
      prepare(experiment, network, status, s.start(), seen.plan(), job, applier, refused);
      recheck = Duration.between(now, s.start());
    } else if (step instanceof ExperimentStep.Run r) {
      prepare(experiment, network, status, r.start(), seen.plan(), job, applier, refused);
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

  /** Writes the plan (fixing the start instant) and the Job, unless they already match. */
  private void prepare(
      ChatExperiment experiment,
      ChatNetwork network,
      ChatExperimentStatus status,
      Instant start,
      Optional<ConfigMap> plan,
      Optional<Job> job,
      Applier applier,
      WriteRefusals.Round refused) {
    ChatExperimentSpec spec = experiment.getSpec();
    boolean planRefused = false;
    if (plan.isEmpty()) {
      ConfigMap desired =
          PlanConfigMap.build(
              experiment,
              ExperimentPlan.build(experiment, network, start, defaults.clusterDomain()),
              start);
      applier.apply(experiment, desired, plan);
      // the Job mounts the plan: without it its pods would wait for a volume that never comes
      planRefused = refused.refusedNow(desired);
    }
    if (planRefused && status.getPlannedStart() == null) {
      // no start is fixed until the plan is written: a quota fixed later gets a full setup period
      return;
    }
    if (job.isEmpty() && !planRefused && clock.instant().isBefore(start)) {
      applier.apply(experiment, LoadGeneratorJob.build(experiment, defaults), job);
      applyPodMonitor(experiment, applier);
    }
    if (status.getPlannedStart() == null) {
      status.setPlannedStart(start.toString());
      status.setWindowEnd(
          start.plusSeconds(spec.getWarmupSeconds() + spec.getDurationSeconds()).toString());
      status.setPhase(ExperimentPhase.Preparing);
      status.setShards(new ShardStatus());
      status.getShards().setTotal(spec.getLoadGenerator().getReplicas());
      setCondition(
          status,
          "NetworkReady",
          true,
          "Ready",
          "network " + networkName(experiment) + " is Ready");
      setCondition(
          status,
          SCHEDULED,
          true,
          "Started",
          "no other experiment runs on network " + networkName(experiment));
      LOG.infof(
          "experiment %s/%s: load generator starts at %s",
          experiment.getMetadata().getNamespace(), experiment.getMetadata().getName(), start);
    }
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
      fail(experiment, status, seen.job(), f.reason(), f.message());
      return null;
    }
    if (step instanceof ExperimentStep.Running) {
      return next;
    }
    List<JsonNode> summaries = seen.summaries();
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
    Optional<Duration> retry = analyzeMetrics(experiment, status, a.windowEnd(), now);
    if (retry.isPresent()) {
      status.setPhase(ExperimentPhase.Analyzing);
      return retry.get();
    }
    judge(experiment, status, a.lost(), summaries.size(), now);
    return null;
  }

  private static int count(Integer value) {
    return Objects.requireNonNullElse(value, 0);
  }

  /** The verdict, with partial results never passing, and the experiment Succeeded. */
  private void judge(
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
      setCondition(status, SHARDS_CONDITION, false, "ShardsFailed", line);
      new EventRecorder(client).warning(experiment, "ShardsFailed", line);
    } else {
      setCondition(status, SHARDS_CONDITION, true, "AllShardsFinished", "every shard finished");
    }
    if (reported < total - lost.size()) {
      setCondition(
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
    setCondition(
        status, "Complete", true, "Analyzed", "verdict " + status.getVerdict().getResult());
  }

  /** The shards' PodMonitor, written with the Job where the Prometheus Operator is installed. */
  private void applyPodMonitor(ChatExperiment experiment, Applier applier) {
    if (!podMonitors.served()) {
      return;
    }
    try {
      applier.apply(experiment, LoadGeneratorPodMonitor.build(experiment), Optional.empty());
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "experiment %s/%s: cannot write its PodMonitor (%s); pods keep their scrape annotations",
          experiment.getMetadata().getNamespace(),
          experiment.getMetadata().getName(),
          e.getMessage());
    }
  }

  /**
   * Figures from Prometheus over the window, or a condition saying why there are none. A Prometheus
   * that cannot be reached or fails its queries is asked again every {@link #METRICS_RETRY} until
   * chatnet.prometheus.retry-for after the window's end; returns the wait when it will be.
   */
  private Optional<Duration> analyzeMetrics(
      ChatExperiment experiment, ChatExperimentStatus status, Instant windowEnd, Instant now) {
    MetricsAnalyzer.Outcome outcome = metrics.run(experiment, status);
    Instant giveUp = windowEnd.plus(metricsRetryFor);
    boolean worthAsking =
        "PrometheusUnreachable".equals(outcome.reason()) || "QueryFailed".equals(outcome.reason());
    if (!outcome.available() && worthAsking && now.isBefore(giveUp)) {
      setCondition(
          status,
          MetricsStep.CONDITION,
          false,
          outcome.reason(),
          outcome.message() + "; asking again until " + giveUp.truncatedTo(ChronoUnit.SECONDS));
      return Optional.of(min(METRICS_RETRY, Duration.between(now, giveUp)));
    }
    status.getResults().setMetrics(outcome.metrics());
    setCondition(
        status, MetricsStep.CONDITION, outcome.available(), outcome.reason(), outcome.message());
    if (!outcome.available()) {
      new EventRecorder(client).warning(experiment, outcome.reason(), outcome.message());
    }
    return Optional.empty();
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
    var serialization = client.getKubernetesSerialization();
    if (previous != null
        && Objects.equals(
            serialization.convertValue(previous, Map.class),
            serialization.convertValue(status, Map.class))) {
      return UpdateControl.noUpdate();
    }
    if (previous == null || previous.getPhase() != status.getPhase()) {
      if (status.getPhase() != ExperimentPhase.Failed) {
        new EventRecorder(client)
            .normal(experiment, String.valueOf(status.getPhase()), "phase " + status.getPhase());
      }
    }
    ChatExperiment patch = new ChatExperiment();
    patch.setMetadata(
        new ObjectMetaBuilder()
            .withName(experiment.getMetadata().getName())
            .withNamespace(experiment.getMetadata().getNamespace())
            .build());
    patch.setStatus(status);
    return UpdateControl.patchStatus(patch);
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

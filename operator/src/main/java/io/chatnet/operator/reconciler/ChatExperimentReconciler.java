package io.chatnet.operator.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatnet.operator.analysis.MetricsAnalyzer;
import io.chatnet.operator.analysis.MetricsStep;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentSpec;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentFault;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.FailedShard;
import io.chatnet.operator.api.FaultType;
import io.chatnet.operator.api.ShardStatus;
import io.chatnet.operator.config.BuildDefaults;
import io.chatnet.operator.config.OperatorConfig;
import io.chatnet.operator.experiment.ExperimentPlan;
import io.chatnet.operator.experiment.ExperimentQueue;
import io.chatnet.operator.experiment.FaultInjector;
import io.chatnet.operator.experiment.LoadGeneratorJob;
import io.chatnet.operator.experiment.NetworkWait;
import io.chatnet.operator.experiment.PlanConfigMap;
import io.chatnet.operator.experiment.ShardFailures;
import io.chatnet.operator.experiment.SummaryAggregator;
import io.chatnet.operator.experiment.VerdictJudge;
import io.chatnet.operator.monitoring.LoadGeneratorPodMonitor;
import io.chatnet.operator.monitoring.PodMonitorSupport;
import io.chatnet.operator.naming.ExperimentNames;
import io.chatnet.operator.report.ExperimentReport;
import io.chatnet.operator.report.ReportConfigMap;
import io.chatnet.operator.status.Conditions;
import io.chatnet.operator.status.EventRecorder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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

  /** How long to wait for shards' summaries after the Job completes. */
  static final Duration SUMMARY_WAIT = Duration.ofSeconds(60);

  static final String REPORT_CONDITION = "ReportStored";
  static final String SCHEDULED = "Scheduled";
  static final String NETWORK_BUSY = "NetworkBusy";
  static final String SHARDS_CONDITION = "ShardsComplete";
  static final Duration QUEUE_RECHECK = Duration.ofSeconds(3);
  private static final String REPORT_TOO_LARGE = "TooLarge";
  private static final Duration REPORT_RETRY = Duration.ofSeconds(10);
  static final Duration METRICS_RETRY = Duration.ofSeconds(5);

  private static final Logger LOG = Logger.getLogger(ChatExperimentReconciler.class);
  private final KubernetesClient client;
  private final BuildDefaults defaults;
  private final Clock clock;
  private final MetricsStep metrics;
  private final Duration metricsRetryFor;
  private final PodMonitorSupport podMonitors;
  private final WriteRefusals refusals = new WriteRefusals(Clock.systemUTC());
  private final WriteRefusalStatus refusalStatus = new WriteRefusalStatus(Clock.systemUTC());

  public ChatExperimentReconciler(OperatorConfig config, KubernetesClient client) {
    this.client = client;
    this.defaults = config.buildDefaults();
    this.metrics = new MetricsStep(config.prometheus());
    this.metricsRetryFor = config.prometheus().retryFor();
    this.podMonitors = new PodMonitorSupport(client);
    this.clock = Clock.systemUTC();
  }

  @Override
  public List<EventSource<?, ChatExperiment>> prepareEventSources(
      EventSourceContext<ChatExperiment> context) {
    context
        .getPrimaryCache()
        .addIndexer(
            NETWORK_INDEX,
            e ->
                List.of(
                    key(e.getMetadata().getNamespace(), e.getSpec().getNetworkRef().getName())));
    InformerEventSource<ChatNetwork, ChatExperiment> networks =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(ChatNetwork.class, ChatExperiment.class)
                .withSecondaryToPrimaryMapper(
                    n ->
                        context
                            .getPrimaryCache()
                            .byIndex(
                                NETWORK_INDEX,
                                key(n.getMetadata().getNamespace(), n.getMetadata().getName()))
                            .stream()
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper(
                    (PrimaryToSecondaryMapper<ChatExperiment>)
                        e ->
                            Set.of(
                                new ResourceID(
                                    e.getSpec().getNetworkRef().getName(),
                                    e.getMetadata().getNamespace())))
                .build(),
            context);
    return List.of(
        networks,
        byExperimentLabel(context, Job.class),
        byExperimentLabel(context, Pod.class),
        byExperimentLabel(context, ConfigMap.class));
  }

  private static <R extends HasMetadata> InformerEventSource<R, ChatExperiment> byExperimentLabel(
      EventSourceContext<ChatExperiment> context, Class<R> type) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(type, ChatExperiment.class)
            .withLabelSelector(ExperimentNames.EXPERIMENT_LABEL)
            .withSecondaryToPrimaryMapper(
                o ->
                    Set.of(
                        new ResourceID(
                            o.getMetadata().getLabels().get(ExperimentNames.EXPERIMENT_LABEL),
                            o.getMetadata().getNamespace())))
            .build(),
        context);
  }

  static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  @Override
  public UpdateControl<ChatExperiment> reconcile(
      ChatExperiment experiment, Context<ChatExperiment> context) {
    ChatExperimentStatus previous = experiment.getStatus();
    ChatExperimentStatus status =
        previous == null
            ? new ChatExperimentStatus()
            : client.getKubernetesSerialization().clone(previous);
    status.setObservedGeneration(experiment.getMetadata().getGeneration());
    ChatNetwork network = context.getSecondaryResource(ChatNetwork.class).orElse(null);
    WriteRefusals.Round refused = refusals.round(experiment, ChildSpecFields.of(experiment));
    Applier applier = new Applier(client, refused);
    if (finished(status)) {
      if (!reportPending(status)) {
        return UpdateControl.noUpdate();
      }
      storeReport(experiment, network, status, context, applier, refused);
      refusalStatus.experiment(
          experiment, status, refused, new EventRecorder(client), (r, m) -> {});
      return retryReportIfPending(statusUpdate(experiment, previous, status), status);
    }
    Optional<ConfigMap> plan =
        context.getSecondaryResources(ConfigMap.class).stream()
            .filter(
                c -> c.getMetadata().getName().equals(ExperimentNames.planConfigMap(experiment)))
            .findFirst();
    Optional<Job> job =
        context.getSecondaryResources(Job.class).stream()
            .filter(j -> j.getMetadata().getName().equals(ExperimentNames.job(experiment)))
            .findFirst();
    Instant start = plannedStart(status, plan);
    Instant now = clock.instant();
    Duration recheck = null;

    if (network == null) {
      if (start != null) {
        fail(
            experiment,
            status,
            job,
            "NetworkDeleted",
            "network " + networkName(experiment) + " was deleted during the experiment");
      } else {
        recheck = waitForNetwork(experiment, status, null, now);
      }
    } else if (start == null) {
      // Refused before anything runs (and before the network is Ready): traffic the network's
      // clients cannot form is never shrunk to fit.
      List<String> problems = SpecChecks.problems(experiment, network);
      ExperimentQueue.Decision turn = null;
      if (!problems.isEmpty()) {
        fail(experiment, status, job, "InvalidTraffic", String.join("; ", problems));
      } else if (NetworkWait.problem(experiment, network).isPresent()) {
        recheck = waitForNetwork(experiment, status, network, now);
      } else if (!(turn = ExperimentQueue.decide(experiment, onSameNetwork(experiment, context)))
          .mayStart()) {
        recheck = queued(experiment, status, turn);
      } else {
        start = now.plusSeconds(experiment.getSpec().getSetupSeconds());
        prepare(experiment, network, status, start, plan, job, applier, refused);
        recheck = Duration.between(now, start);
      }
    } else {
      prepare(experiment, network, status, start, plan, job, applier, refused);
      recheck = run(experiment, network, status, start, now, job, context, refused);
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
      storeReport(experiment, network, status, context, applier, refused);
    }
    UpdateControl<ChatExperiment> control = statusUpdate(experiment, previous, status);
    if (recheck != null && !finished(status)) {
      control.rescheduleAfter(
          recheck.isNegative() || recheck.isZero() ? Duration.ofSeconds(1) : recheck);
    }
    return finished(status) ? retryReportIfPending(control, status) : control;
  }

  private static boolean finished(ChatExperimentStatus status) {
    return status.getPhase() == ExperimentPhase.Succeeded
        || status.getPhase() == ExperimentPhase.Failed;
  }

  /**
   * Report step: once the experiment is Succeeded or Failed, its report (report.json and
   * report.html, rendered from spec, status and network) goes into a ConfigMap it owns, named in
   * status.reportConfigMap. A report too large for a ConfigMap is said so in condition ReportStored
   * and not retried; a failed write is retried.
   */
  private void storeReport(
      ChatExperiment experiment,
      ChatNetwork network,
      ChatExperimentStatus status,
      Context<ChatExperiment> context,
      Applier applier,
      WriteRefusals.Round refused) {
    ChatExperiment finished = client.getKubernetesSerialization().clone(experiment);
    finished.setStatus(status);
    String name = ExperimentNames.reportConfigMap(experiment);
    try {
      ConfigMap report = ReportConfigMap.build(finished, ExperimentReport.of(finished, network));
      Optional<ConfigMap> live =
          context.getSecondaryResources(ConfigMap.class).stream()
              .filter(c -> c.getMetadata().getName().equals(name))
              .findFirst();
      applier.apply(experiment, report, live);
      if (refused.refusedNow(report)) {
        Optional<WriteRefusal> refusal = refused.of(report);
        setCondition(
            status,
            REPORT_CONDITION,
            false,
            refusal.map(r -> r.refusalClass().reason()).orElse("WriteFailed"),
            refusal
                .map(WriteRefusal::describe)
                .orElse("ConfigMap " + name + " could not be written yet; retrying"));
        return;
      }
      status.setReportConfigMap(name);
      setCondition(
          status,
          REPORT_CONDITION,
          true,
          "Stored",
          "report.json and report.html are in ConfigMap " + name);
    } catch (ReportConfigMap.TooLargeException e) {
      setCondition(status, REPORT_CONDITION, false, REPORT_TOO_LARGE, e.getMessage());
      new EventRecorder(client).warning(experiment, "ReportTooLarge", e.getMessage());
    } catch (KubernetesClientException e) {
      setCondition(
          status,
          REPORT_CONDITION,
          false,
          "WriteFailed",
          "ConfigMap " + name + " could not be written (HTTP " + e.getCode() + "); retrying");
      LOG.warnf(
          "experiment %s/%s: report ConfigMap not written: %s",
          experiment.getMetadata().getNamespace(),
          experiment.getMetadata().getName(),
          e.getMessage());
    }
  }

  private static boolean reportPending(ChatExperimentStatus status) {
    return status.getReportConfigMap() == null
        && status.getConditions().stream()
            .noneMatch(
                c ->
                    REPORT_CONDITION.equals(c.getType()) && REPORT_TOO_LARGE.equals(c.getReason()));
  }

  private static UpdateControl<ChatExperiment> retryReportIfPending(
      UpdateControl<ChatExperiment> control, ChatExperimentStatus status) {
    return reportPending(status) ? control.rescheduleAfter(REPORT_RETRY) : control;
  }

  /**
   * The network is missing or not Ready: wait, saying why and until when, and fail once
   * spec.networkWaitSeconds have passed. Returns when to look again.
   */
  private Duration waitForNetwork(
      ChatExperiment e, ChatExperimentStatus status, ChatNetwork network, Instant now) {
    String problem = NetworkWait.problem(e, network).orElseThrow();
    int seconds = e.getSpec().getNetworkWaitSeconds();
    Instant deadline = NetworkWait.deadline(e, status.getConditions(), now);
    if (!now.isBefore(deadline)) {
      fail(
          e,
          status,
          Optional.empty(),
          network == null ? NetworkWait.FAILED_NOT_FOUND : NetworkWait.FAILED_NOT_READY,
          NetworkWait.failedMessage(problem, seconds));
      return null;
    }
    status.setPhase(ExperimentPhase.WaitingForNetwork);
    setCondition(
        status,
        NetworkWait.CONDITION,
        false,
        network == null ? NetworkWait.NOT_FOUND : NetworkWait.NOT_READY,
        NetworkWait.waitingMessage(problem, deadline, seconds));
    return Duration.between(now, deadline).plusMillis(500);
  }

  /** Experiments in this namespace on the same network, from the informer's index. */
  private static List<ChatExperiment> onSameNetwork(
      ChatExperiment e, Context<ChatExperiment> context) {
    return context
        .getPrimaryCache()
        .byIndex(NETWORK_INDEX, key(e.getMetadata().getNamespace(), networkName(e)));
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
   * The running experiment: faults, deadline, and the Job's outcome. Returns when to look again.
   */
  private Duration run(
      ChatExperiment experiment,
      ChatNetwork network,
      ChatExperimentStatus status,
      Instant start,
      Instant now,
      Optional<Job> job,
      Context<ChatExperiment> context,
      WriteRefusals.Round refused) {
    ChatExperimentSpec spec = experiment.getSpec();
    if (job.isEmpty() && now.isBefore(start)) {
      // Just (re)applied by prepare: the Job informer has not seen it yet. Look again shortly.
      return Duration.ofSeconds(1);
    }
    if (job.isEmpty()) {
      fail(
          experiment,
          status,
          job,
          "JobMissing",
          "the load generator Job is gone and its start instant has passed");
      return null;
    }
    Instant deadline =
        start.plusSeconds(
            LoadGeneratorJob.deadlineSeconds(spec, defaults) - spec.getSetupSeconds());
    Duration next = Duration.between(now, deadline);
    if (now.isAfter(start) && status.getPhase() == ExperimentPhase.Preparing) {
      status.setPhase(ExperimentPhase.Running);
    } else if (status.getPhase() == ExperimentPhase.Preparing) {
      next = min(next, Duration.between(now, start));
    }
    next = min(next, injectDueFaults(experiment, network, status, start, now, refused));

    Job live = job.get();
    int succeeded =
        Objects.requireNonNullElse(
            live.getStatus() == null ? null : live.getStatus().getSucceeded(), 0);
    int failed =
        Objects.requireNonNullElse(
            live.getStatus() == null ? null : live.getStatus().getFailed(), 0);
    status.getShards().setSucceeded(succeeded);
    status.getShards().setFailed(failed);
    Optional<JobCondition> finished = finished(live);
    if (finished.isEmpty()) {
      if (now.isAfter(deadline)) {
        fail(
            experiment, status, job, "DeadlineExceeded", "the run passed its deadline " + deadline);
        return null;
      }
      return next;
    }
    List<JsonNode> summaries = summaries(experiment, context);
    status.getShards().setReported(summaries.size());
    status.getShards().setMaxStartSkewMillis(SummaryAggregator.maxStartSkew(summaries));
    List<FailedShard> lost =
        ShardFailures.of(live, new ArrayList<>(context.getSecondaryResources(Pod.class)));
    status.getShards().setFailedShards(lost);
    if ("Failed".equals(finished.get().getType()) && (lost.isEmpty() || summaries.isEmpty())) {
      // Nothing to report on (every shard lost, or the Job failed for another cause, such as its
      // deadline). The finished Job and its pods stay for their logs.
      status.setResults(SummaryAggregator.aggregate(summaries));
      fail(
          experiment,
          status,
          Optional.empty(),
          "ShardFailed",
          "the load generator Job failed: "
              + finished.get().getMessage()
              + (lost.isEmpty()
                  ? ""
                  : "; "
                      + ShardFailures.missingShare(lost, spec.getLoadGenerator().getReplicas())));
      return null;
    }
    Instant finishedAt = parse(finished.get().getLastTransitionTime(), now);
    int total = spec.getLoadGenerator().getReplicas();
    if (summaries.size() < total - lost.size() && now.isBefore(finishedAt.plus(SUMMARY_WAIT))) {
      status.setPhase(ExperimentPhase.Analyzing);
      return Duration.ofSeconds(2);
    }
    Instant windowEnd = Instant.parse(status.getWindowEnd());
    if (now.isBefore(windowEnd)) {
      // Only a finished window can be queried; a Job normally ends a grace period after it.
      status.setPhase(ExperimentPhase.Analyzing);
      return Duration.between(now, windowEnd);
    }
    status.setResults(SummaryAggregator.aggregate(summaries));
    Optional<Duration> retry = analyzeMetrics(experiment, status, windowEnd, now);
    if (retry.isPresent()) {
      status.setPhase(ExperimentPhase.Analyzing);
      return retry.get();
    }
    status.setVerdict(VerdictJudge.judge(spec.getCriteria(), status.getResults()));
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
    if (summaries.size() < total - lost.size()) {
      setCondition(
          status,
          "SummariesComplete",
          false,
          "SummariesMissing",
          (total - summaries.size())
              + " of "
              + total
              + " shards left no summary; results cover the others");
    }
    status.setPhase(ExperimentPhase.Succeeded);
    status.setCompletionTime(now.toString());
    setCondition(
        status, "Complete", true, "Analyzed", "verdict " + status.getVerdict().getResult());
    return null;
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

  /** Applies faults whose time has come, once each; returns the wait until the next one. */
  private Duration injectDueFaults(
      ChatExperiment experiment,
      ChatNetwork network,
      ChatExperimentStatus status,
      Instant start,
      Instant now,
      WriteRefusals.Round refused) {
    List<ExperimentFault> faults = experiment.getSpec().getFaults();
    Duration next = Duration.ofDays(1);
    FaultInjector injector = new FaultInjector(client);
    boolean chaosNeeded = faults.stream().anyMatch(f -> f.getType() != FaultType.POD_KILL);
    boolean chaos = chaosNeeded && injector.chaosMeshAvailable();
    if (chaosNeeded && !chaos) {
      setCondition(
          status,
          "FaultsAvailable",
          false,
          "ChaosMeshNotInstalled",
          "network faults (delay, loss, partition) need Chaos Mesh's NetworkChaos, which this cluster does not serve; they are skipped");
    } else if (!faults.isEmpty()) {
      setCondition(
          status,
          "FaultsAvailable",
          true,
          "Available",
          "every fault type in the spec can be applied");
    }
    for (int i = status.getFaultLog().size(); i < faults.size(); i++) {
      ExperimentFault fault = faults.get(i);
      Instant due = start.plusSeconds(fault.getAtSeconds());
      if (now.isBefore(due)) {
        return min(next, Duration.between(now, due));
      }
      if (fault.getType() != FaultType.POD_KILL && !chaos) {
        status
            .getFaultLog()
            .add(i + ": " + fault.getType() + " skipped: Chaos Mesh is not installed");
      } else {
        try {
          status.getFaultLog().add(injector.apply(experiment, network, i));
        } catch (KubernetesClientException e) {
          HasMetadata target =
              new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                  .withKind(fault.getType() == FaultType.POD_KILL ? "Pod" : "NetworkChaos")
                  .withNewMetadata()
                  .withName(
                      fault.getType() == FaultType.POD_KILL
                          ? networkName(experiment) + "-" + fault.getGroup() + "-*"
                          : FaultInjector.chaosName(experiment, i))
                  .endMetadata()
                  .build();
          refused.refusedAt(target, "spec.faults[" + i + "]", e);
          status
              .getFaultLog()
              .add(i + ": " + fault.getType() + " refused (HTTP " + e.getCode() + ")");
        }
      }
    }
    return next;
  }

  private List<JsonNode> summaries(ChatExperiment experiment, Context<ChatExperiment> context) {
    // One summary per shard, from its pod that succeeded: a retried shard's failed attempt (which
    // may have left a summary too) would otherwise count its messages twice.
    Map<String, JsonNode> byShard = new java.util.TreeMap<>();
    for (Pod pod : context.getSecondaryResources(Pod.class)) {
      if (!experiment
              .getMetadata()
              .getName()
              .equals(pod.getMetadata().getLabels().get(ExperimentNames.EXPERIMENT_LABEL))
          || pod.getStatus() == null
          || !"Succeeded".equals(pod.getStatus().getPhase())
          || pod.getStatus().getContainerStatuses() == null) {
        continue;
      }
      String shard =
          pod.getMetadata().getAnnotations() == null
              ? pod.getMetadata().getName()
              : pod.getMetadata()
                  .getAnnotations()
                  .getOrDefault(ShardFailures.INDEX_ANNOTATION, pod.getMetadata().getName());
      for (var container : pod.getStatus().getContainerStatuses()) {
        var terminated = container.getState() == null ? null : container.getState().getTerminated();
        if (terminated != null
            && terminated.getMessage() != null
            && !terminated.getMessage().isBlank()) {
          try {
            byShard.put(
                shard,
                client
                    .getKubernetesSerialization()
                    .unmarshal(terminated.getMessage(), JsonNode.class));
          } catch (RuntimeException e) {
            LOG.warnf("pod %s left an unreadable summary", pod.getMetadata().getName());
          }
        }
      }
    }
    return new ArrayList<>(byShard.values());
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

  private Instant plannedStart(ChatExperimentStatus status, Optional<ConfigMap> plan) {
    if (status.getPlannedStart() != null) {
      return Instant.parse(status.getPlannedStart());
    }
    return plan.map(p -> p.getMetadata().getAnnotations())
        .map(a -> a.get(PlanConfigMap.START_ANNOTATION))
        .map(Instant::parse)
        .orElse(null);
  }

  private static Optional<JobCondition> finished(Job job) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(
            c ->
                ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                    && "True".equals(c.getStatus()))
        .findFirst();
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

  private static Instant parse(String time, Instant fallback) {
    try {
      return time == null ? fallback : Instant.parse(time);
    } catch (RuntimeException e) {
      return fallback;
    }
  }
}

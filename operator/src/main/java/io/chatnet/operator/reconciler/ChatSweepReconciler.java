package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ChatSweep;
import io.chatnet.operator.api.ChatSweepStatus;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.api.SweepPhase;
import io.chatnet.operator.api.SweepPointStatus;
import io.chatnet.operator.naming.SweepNames;
import io.chatnet.operator.status.Conditions;
import io.chatnet.operator.status.EventRecorder;
import io.chatnet.operator.status.StatusPatches;
import io.chatnet.operator.sweep.PlannedPoint;
import io.chatnet.operator.sweep.SweepPlan;
import io.chatnet.operator.sweep.SweepPlanner;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs a ChatSweep: plan the points (SweepPlanner, pure), record what the owned experiments did
 * (SweepProgress), then for the first point not recorded: delete the network of an earlier shape,
 * create or scale the point's network, wait for it to be Ready at that spec, and create the point's
 * experiment; when every point is recorded, fit and store the report (SweepReportStep). Everything
 * it makes is owned by the sweep (deleting the sweep deletes them) and labelled with its name.
 */
@ControllerConfiguration(name = ChatSweepReconciler.NAME)
public class ChatSweepReconciler implements Reconciler<ChatSweep> {
  public static final String NAME = "chatsweep";
  static final String SPEC_VALID = "SpecValid";
  static final String NETWORK_READY = "NetworkReady";
  static final String POINTS_SUCCEEDED = "PointsSucceeded";

  /** A safety net: the informers wake the sweep when its objects change. */
  static final Duration RECHECK = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final Clock clock = Clock.systemUTC();
  private final SweepReportStep reports;

  public ChatSweepReconciler(KubernetesClient client) {
    this.client = client;
    this.reports = new SweepReportStep(client, clock);
  }

  @Override
  public List<EventSource<?, ChatSweep>> prepareEventSources(
      EventSourceContext<ChatSweep> context) {
    return SweepEventSources.of(context);
  }

  @Override
  public UpdateControl<ChatSweep> reconcile(ChatSweep sweep, Context<ChatSweep> context) {
    ChatSweepStatus previous = sweep.getStatus();
    if (previous != null
        && (previous.getPhase() == SweepPhase.Succeeded || previous.getPhase() == SweepPhase.Failed)
        && Objects.equals(previous.getObservedGeneration(), sweep.getMetadata().getGeneration())) {
      return UpdateControl.noUpdate();
    }
    ChatSweepStatus status =
        previous == null
            ? new ChatSweepStatus()
            : client.getKubernetesSerialization().clone(previous);
    status.setObservedGeneration(sweep.getMetadata().getGeneration());
    SweepPlan plan = SweepPlanner.plan(sweep.getMetadata().getName(), sweep.getSpec());
    if (!plan.valid()) {
      return refuse(sweep, previous, status, plan);
    }
    Conditions.upsert(
        status.getConditions(),
        SPEC_VALID,
        true,
        "Planned",
        plan.points().size()
            + " points on "
            + plan.points().get(plan.points().size() - 1).shape()
            + " network(s)",
        clock.instant());
    Map<String, ChatExperiment> experiments =
        byName(context.getSecondaryResources(ChatExperiment.class));
    SweepProgress.Outcome outcome =
        SweepProgress.record(
            plan,
            status,
            experiments::get,
            name -> experimentExists(sweep.getMetadata().getNamespace(), name));
    outcome.newlyRecorded().forEach(p -> announce(sweep, p));
    pointsCondition(status);
    Duration recheck = RECHECK;
    if (outcome.current().isEmpty()) {
      Optional<ConfigMap> live =
          context.getSecondaryResources(ConfigMap.class).stream()
              .filter(c -> c.getMetadata().getName().equals(SweepNames.reportConfigMap(sweep)))
              .findFirst();
      boolean retry = reports.store(sweep, status, live);
      recheck = retry ? RECHECK : null;
    } else {
      status.setPhase(SweepPhase.Running);
      run(sweep, status, outcome.current().get(), context, experiments);
    }
    UpdateControl<ChatSweep> control =
        Objects.equals(previous, status)
            ? UpdateControl.noUpdate()
            : StatusPatches.patch(sweep, status, ChatSweep::new);
    return recheck == null ? control : control.rescheduleAfter(recheck);
  }

  /** The current point: its network made or scaled, then (once Ready) its experiment created. */
  private void run(
      ChatSweep sweep,
      ChatSweepStatus status,
      PlannedPoint point,
      Context<ChatSweep> context,
      Map<String, ChatExperiment> experiments) {
    Map<String, ChatNetwork> networks = byName(context.getSecondaryResources(ChatNetwork.class));
    Applier applier = new Applier(client);
    // A network of an earlier shape: its points are all recorded, so it goes before the next.
    networks.values().stream()
        .filter(n -> !n.getMetadata().getName().equals(point.network()))
        .filter(n -> n.getMetadata().getDeletionTimestamp() == null)
        .forEach(applier::delete);
    boolean started = status.getPoints().stream().anyMatch(p -> p.getIndex() == point.index());
    if (experiments.containsKey(point.experiment()) || started) {
      return; // running: the network stays as it is until the point is recorded
    }
    ChatNetwork desired = new ChatNetwork();
    desired.setMetadata(meta(sweep, point.network(), null));
    desired.setSpec(point.networkSpec());
    ChatNetwork live = networks.get(point.network());
    boolean written = applier.apply(sweep, desired, Optional.ofNullable(live));
    Optional<String> failed =
        written ? Optional.empty() : SweepNetworkFailure.of(live, clock.instant());
    if (failed.isPresent()) {
      announce(sweep, SweepProgress.networkFailed(status, point, failed.get()));
      pointsCondition(status);
      return;
    }
    if (written || !ready(live)) {
      String message =
          "point "
              + point.index()
              + " waits for network "
              + point.network()
              + (live == null || live.getStatus() == null
                  ? " to be created"
                  : " (" + live.getStatus().getPhase() + ", " + live.getStatus().getReady() + ")")
              + " to be Ready at its spec";
      Conditions.upsert(
          status.getConditions(), NETWORK_READY, false, "NotReady", message, clock.instant());
      return;
    }
    Conditions.upsert(
        status.getConditions(),
        NETWORK_READY,
        true,
        "Ready",
        "network " + point.network() + " is Ready for point " + point.index(),
        clock.instant());
    ChatExperiment experiment = new ChatExperiment();
    experiment.setMetadata(meta(sweep, point.experiment(), point.index()));
    experiment.setSpec(point.experimentSpec());
    applier.apply(sweep, experiment, Optional.empty());
    SweepProgress.started(status, point, point.experiment());
    new EventRecorder(client)
        .normal(
            sweep,
            "PointStarted",
            "point " + point.index() + " " + point.values() + ": experiment " + point.experiment());
  }

  private static boolean ready(ChatNetwork network) {
    return network != null
        && network.getStatus() != null
        && network.getStatus().getPhase() == NetworkPhase.Ready
        && Objects.equals(
            network.getStatus().getObservedGeneration(), network.getMetadata().getGeneration());
  }

  private UpdateControl<ChatSweep> refuse(
      ChatSweep sweep, ChatSweepStatus previous, ChatSweepStatus status, SweepPlan plan) {
    String message = String.join("; ", plan.problems());
    status.setPhase(SweepPhase.Failed);
    boolean changed =
        Conditions.find(status.getConditions(), SPEC_VALID)
            .map(c -> !"False".equals(c.getStatus()) || !message.equals(c.getMessage()))
            .orElse(true);
    Conditions.upsert(
        status.getConditions(), SPEC_VALID, false, "InvalidPoints", message, clock.instant());
    if (changed) {
      new EventRecorder(client).warning(sweep, "InvalidPoints", message);
    }
    return Objects.equals(previous, status)
        ? UpdateControl.noUpdate()
        : StatusPatches.patch(sweep, status, ChatSweep::new);
  }

  /** A point just recorded: a Normal event, or a Warning when it failed (the sweep goes on). */
  private void announce(ChatSweep sweep, SweepPointStatus p) {
    EventRecorder events = new EventRecorder(client);
    if (p.getPhase() == ExperimentPhase.Failed) {
      events.warning(
          sweep,
          "PointFailed",
          "point "
              + p.getIndex()
              + (p.getExperiment() == null ? "" : " (experiment " + p.getExperiment() + ")")
              + " failed: "
              + Objects.requireNonNullElse(p.getMessage(), "see the experiment")
              + "; the sweep goes on");
    } else {
      events.normal(
          sweep,
          "PointRecorded",
          "point " + p.getIndex() + " (experiment " + p.getExperiment() + ") " + p.getPhase());
    }
  }

  private void pointsCondition(ChatSweepStatus status) {
    List<SweepPointStatus> failed =
        status.getPoints().stream().filter(p -> p.getPhase() == ExperimentPhase.Failed).toList();
    if (failed.isEmpty()) {
      Conditions.upsert(
          status.getConditions(),
          POINTS_SUCCEEDED,
          true,
          "NoneFailed",
          status.getPointsDone() + " of " + status.getPointsTotal() + " points done, none failed",
          clock.instant());
      return;
    }
    Conditions.upsert(
        status.getConditions(),
        POINTS_SUCCEEDED,
        false,
        "PointsFailed",
        failed.size()
            + " of "
            + status.getPointsDone()
            + " points done failed ("
            + failed.stream().map(p -> "point " + p.getIndex()).collect(Collectors.joining(", "))
            + "); the sweep goes on and fits the others",
        clock.instant());
  }

  /** Whether the experiment exists, listed by name (the chart grants list, not get). */
  private boolean experimentExists(String namespace, String name) {
    return !client
        .resources(ChatExperiment.class)
        .inNamespace(namespace)
        .withField("metadata.name", name)
        .list()
        .getItems()
        .isEmpty();
  }

  private static ObjectMeta meta(ChatSweep sweep, String name, Integer point) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(sweep.getMetadata().getNamespace());
    meta.setLabels(SweepNames.labels(sweep, point));
    meta.setAnnotations(new HashMap<>());
    return meta;
  }

  private static <R extends HasMetadata> Map<String, R> byName(java.util.Set<R> objects) {
    return objects.stream().collect(Collectors.toMap(o -> o.getMetadata().getName(), o -> o));
  }
}

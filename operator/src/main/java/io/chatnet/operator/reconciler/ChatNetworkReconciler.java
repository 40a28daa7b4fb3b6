package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ChatNetworkStatus;
import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.GroupRole;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.config.ApiOutages;
import io.chatnet.operator.config.BuildDefaults;
import io.chatnet.operator.config.OperatorConfig;
import io.chatnet.operator.monitoring.NetworkPodMonitor;
import io.chatnet.operator.monitoring.PodMonitorSupport;
import io.chatnet.operator.naming.Names;
import io.chatnet.operator.network.GroupService;
import io.chatnet.operator.network.GroupStatefulSet;
import io.chatnet.operator.network.NetworkConfigMap;
import io.chatnet.operator.network.NodeKeySecrets;
import io.chatnet.operator.network.RlnAccountSecrets;
import io.chatnet.operator.preflight.PreflightStep;
import io.chatnet.operator.rln.RlnBinding;
import io.chatnet.operator.status.EventRecorder;
import io.chatnet.operator.status.StatusPatches;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reconciles a ChatNetwork, as a short pipeline: check the spec, write the network ConfigMap and
 * node keys, start the groups stage by stage (bootstrap, then relay and service nodes, then
 * clients), remove what the spec dropped, and report status. Objects are read from informer caches
 * and written only when they differ from what is wanted.
 */
@ControllerConfiguration(name = ChatNetworkReconciler.NAME)
public class ChatNetworkReconciler implements Reconciler<ChatNetwork> {
  public static final String NAME = "chatnetwork";
  private static final Logger LOG = Logger.getLogger(ChatNetworkReconciler.class);

  /** Ready counts are written at most this often while they move (phase changes at once). */
  static final Duration COUNT_WRITE_INTERVAL = Duration.ofSeconds(5);

  private final BuildDefaults defaults;
  private final NetworkStatusCalculator statusCalculator;
  private final KubernetesClient client;
  private final StatusWriteLimiter statusLimiter;
  private final PodMonitorSupport podMonitors;
  private final GroupDiagnoser diagnoser;
  private final PreflightStep preflight;
  private final RlnBringUpStep rlnBringUp;
  private final WriteRefusals refusals = new WriteRefusals(Clock.systemUTC());
  private final NetworkMemos memos;
  private final WriteRefusalStatus refusalStatus = new WriteRefusalStatus(Clock.systemUTC());

  public ChatNetworkReconciler(OperatorConfig config, KubernetesClient client) {
    this.defaults = config.buildDefaults();
    this.client = client;
    this.statusCalculator = new NetworkStatusCalculator(Clock.systemUTC());
    this.statusLimiter = new StatusWriteLimiter(COUNT_WRITE_INTERVAL, Clock.systemUTC());
    this.podMonitors = new PodMonitorSupport(client);
    this.diagnoser = new GroupDiagnoser(client, Clock.systemUTC());
    this.preflight = new PreflightStep(client, defaults, Clock.systemUTC());
    this.rlnBringUp = new RlnBringUpStep(client, Clock.systemUTC());
    this.memos = new NetworkMemos(statusLimiter, diagnoser, refusals, rlnBringUp);
  }

  @Override
  public List<EventSource<?, ChatNetwork>> prepareEventSources(
      EventSourceContext<ChatNetwork> context) {
    // a deleted child may be a deleted network's: prune the memos (NetworkMemos)
    return NetworkEventSources.of(
        context, () -> memos.retain(context.getPrimaryCache().list().toList()));
  }

  @Override
  public UpdateControl<ChatNetwork> reconcile(ChatNetwork network, Context<ChatNetwork> context) {
    long began = System.nanoTime();
    try {
      return reconcileNetwork(network, context);
    } finally {
      LOG.debugf(
          "network %s/%s reconciled in %.1f ms",
          network.getMetadata().getNamespace(),
          network.getMetadata().getName(),
          (System.nanoTime() - began) / 1e6);
    }
  }

  private UpdateControl<ChatNetwork> reconcileNetwork(
      ChatNetwork network, Context<ChatNetwork> context) {
    memos.retain(context.getPrimaryCache().list().toList());
    WriteRefusals.Round refused = refusals.round(network, ChildSpecFields.of(network));
    Applier applier = new Applier(client, refused);
    EventRecorder events = new EventRecorder(client);
    ObservedState observed = ObservedState.of(network, context);

    ConfigMap networkConfig;
    try {
      networkConfig = NetworkConfigMap.build(network, observed.podIps(), defaults.clusterDomain());
    } catch (IllegalArgumentException e) {
      return reportInvalid(network, events, e.getMessage());
    }
    List<String> problems = SpecChecks.problems(network, networkConfig);
    if (!problems.isEmpty()) {
      return reportInvalid(network, events, String.join("; ", problems));
    }
    Optional<ChatNetworkStatus> rlnRefused =
        RlnStep.refused(network, statusCalculator, Clock.systemUTC());
    if (rlnRefused.isPresent()) {
      return statusUpdate(network, rlnRefused.get(), events);
    }
    // Preflight (preflight/PreflightStep): added pods against Pod Security, quota and capacity.
    PreflightStep.Outcome checked =
        preflight.run(
            network,
            observed.statefulSets(),
            observed.services(),
            observed.secrets(),
            observed.configMaps(),
            events);
    if (checked.blocks()) {
      List<String> enrs =
          network.getStatus() == null ? null : network.getStatus().getBootstrapEnrs();
      ChatNetworkStatus held = statusCalculator.compute(network, observed, enrs, 0, Map.of());
      return statusUpdate(network, checked.hold(held), events)
          .rescheduleAfter(PreflightStep.RECHECK);
    }

    applier.apply(
        network, networkConfig, observed.find(observed.configMaps(), Names.networkConfig(network)));
    applyNodeKeys(network, observed, applier);
    // RLN (RlnBringUpStep): no group before the contract is known; then the binding
    RlnBringUpStep.Outcome rln = rlnBringUp.run(network, context, applier, events);
    int waitingStage =
        rln.holdsGroups() ? 0 : applyGroupsByStage(network, observed, applier, rln.binding());
    StaleGroups.prune(network, observed, applier);
    applyPodMonitor(network, applier, refused);

    List<String> bootstrapEnrs = bootstrapEnrs(networkConfig);
    ChatNetworkStatus status =
        statusCalculator.compute(
            network, observed, bootstrapEnrs, waitingStage, diagnoseShortGroups(network, observed));
    status = checked.annotate(status);
    status = rln.annotate(status, network, Clock.systemUTC().instant());
    Optional<Duration> retry = refusalStatus.network(network, status, refused, events);
    UpdateControl<ChatNetwork> control = statusUpdate(network, status, events);
    control = earliest(earliest(control, retry), statusCalculator.recheckAfter(network, status));
    return earliest(control, rln.recheck());
  }

  /** Why each group short past the readiness deadline is short (its pods listed on demand). */
  private Map<String, GroupDiagnosis> diagnoseShortGroups(
      ChatNetwork network, ObservedState observed) {
    List<NodeGroup> short_ = statusCalculator.shortPastDeadline(network, observed);
    if (short_.isEmpty()) {
      diagnoser.forget(network);
      return Map.of();
    }
    Map<String, GroupDiagnosis> diagnoses = new java.util.HashMap<>();
    short_.forEach(g -> diagnoses.put(g.getName(), diagnoser.diagnose(network, g)));
    return diagnoses;
  }

  /**
   * Reconciles again after {@code delay} unless an earlier look is already due: a refused write's
   * backoff, the readiness deadline and the re-look while short past it (no pod watch tells us).
   */
  private static UpdateControl<ChatNetwork> earliest(
      UpdateControl<ChatNetwork> control, Optional<Duration> delay) {
    if (delay.isEmpty()) {
      return control;
    }
    long millis = delay.get().toMillis();
    return control.rescheduleAfter(Math.min(millis, control.getScheduleDelay().orElse(millis)));
  }

  /**
   * The network's PodMonitor where the Prometheus Operator's CRD is served (pods carry scrape
   * annotations either way). Applied once per desired form: a rollout's hundreds of reconciles do
   * not read it back each time. A refused write (e.g. no RBAC for PodMonitors) is a condition, not
   * fatal.
   */
  private void applyPodMonitor(ChatNetwork network, Applier applier, WriteRefusals.Round refused) {
    if (!podMonitors.served()) {
      return;
    }
    PodMonitor desired = NetworkPodMonitor.build(network);
    String key = network.getMetadata().getNamespace() + "/" + desired.getMetadata().getName();
    String hash = applier.fingerprint(network, desired);
    if (memos.appliedPodMonitor(ResourceID.fromResource(network)).orElse("").equals(hash)) {
      return;
    }
    try {
      PodMonitor live =
          client
              .resources(PodMonitor.class)
              .inNamespace(network.getMetadata().getNamespace())
              .withName(desired.getMetadata().getName())
              .get();
      applier.apply(network, desired, Optional.ofNullable(live));
      if (!refused.refusedNow(desired)) {
        memos.podMonitorApplied(ResourceID.fromResource(network), hash);
      }
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "network %s: cannot write PodMonitor %s (%s); pods keep their scrape annotations",
          key, desired.getMetadata().getName(), e.getMessage());
    }
  }

  /** Key Secrets of every nwaku group, written before any pod needs them. */
  private void applyNodeKeys(ChatNetwork network, ObservedState observed, Applier applier) {
    for (NodeGroup group : network.getSpec().getGroups()) {
      if (group.getKind() != GroupKind.NWAKU) {
        continue;
      }
      for (Secret secret : NodeKeySecrets.build(network, group)) {
        applier.apply(
            network, secret, observed.find(observed.secrets(), secret.getMetadata().getName()));
      }
    }
    // RLN account keys of publishing groups and the keystore password (none without RLN)
    for (Secret secret : RlnAccountSecrets.all(network)) {
      applier.apply(
          network, secret, observed.find(observed.secrets(), secret.getMetadata().getName()));
    }
  }

  /**
   * Applies the Services and StatefulSets of each start stage in turn, stopping at the first stage
   * that is not ready yet. Groups already created in a later stage are kept up to date (a running
   * network is never torn down because an earlier group is rolling).
   *
   * @return the stage being waited for, or 3 when every stage is ready
   */
  private int applyGroupsByStage(
      ChatNetwork network, ObservedState observed, Applier applier, Optional<RlnBinding> rln) {
    int maxStage = GroupRole.MOBILE.stage();
    for (int stage = 0; stage <= maxStage; stage++) {
      boolean stageReady = true;
      for (NodeGroup group : groupsOfStage(network, stage)) {
        applyGroup(network, group, observed, applier, rln);
        String name = Names.group(network, group);
        stageReady &= NetworkStatusCalculator.groupReady(group, observed.statefulSets().get(name));
      }
      if (!stageReady) {
        for (int later = stage + 1; later <= maxStage; later++) {
          for (NodeGroup group : groupsOfStage(network, later)) {
            if (observed.statefulSets().containsKey(Names.group(network, group))) {
              applyGroup(network, group, observed, applier, rln);
            }
          }
        }
        return stage;
      }
    }
    return maxStage + 1;
  }

  private void applyGroup(
      ChatNetwork network,
      NodeGroup group,
      ObservedState observed,
      Applier applier,
      Optional<RlnBinding> rln) {
    String name = Names.group(network, group);
    applier.apply(
        network, GroupService.build(network, group), observed.find(observed.services(), name));
    int chunks =
        group.getKind() == GroupKind.NWAKU ? NodeKeySecrets.chunks(group.getReplicas()) : 0;
    applier.apply(
        network,
        GroupStatefulSet.build(network, group, chunks, defaults, rln),
        observed.find(observed.statefulSets(), name));
  }

  private static List<NodeGroup> groupsOfStage(ChatNetwork network, int stage) {
    return network.getSpec().getGroups().stream()
        .filter(g -> g.getRole().stage() == stage)
        .toList();
  }

  private static List<String> bootstrapEnrs(ConfigMap networkConfig) {
    String lines =
        networkConfig
            .getData()
            .getOrDefault(io.chatnet.operator.network.NodeStartScript.BOOTSTRAP_FILE, "");
    return lines.lines().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
  }

  private UpdateControl<ChatNetwork> reportInvalid(
      ChatNetwork network, EventRecorder events, String message) {
    ChatNetworkStatus status = statusCalculator.invalid(network, "InvalidSpec", message);
    return statusUpdate(network, status, events);
  }

  /** Writes status only when it changed; records an event when the phase changes. */
  private UpdateControl<ChatNetwork> statusUpdate(
      ChatNetwork network, ChatNetworkStatus status, EventRecorder events) {
    ChatNetworkStatus previous = network.getStatus();
    ApiOutageCondition.mark(
        network,
        true,
        previous == null ? null : previous.getConditions(),
        status.getConditions(),
        ApiOutages.shared().last(),
        events);
    if (status.equals(previous)) {
      return UpdateControl.noUpdate();
    }
    ResourceID id = ResourceID.fromResource(network);
    if (previous != null && withoutCounts(previous).equals(withoutCounts(status))) {
      var wait = statusLimiter.waitBeforeCountWrite(id);
      if (wait.isPresent()) {
        return UpdateControl.<ChatNetwork>noUpdate().rescheduleAfter(wait.get());
      }
    }
    statusLimiter.wrote(id);
    NetworkPhase before = previous == null ? null : previous.getPhase();
    if (before != status.getPhase()) {
      String message = "phase " + status.getPhase() + ": " + status.getReady() + " pods ready";
      if (status.getPhase() == NetworkPhase.Failed) {
        message = status.getConditions().get(0).getMessage();
        events.warning(network, status.getConditions().get(0).getReason(), message);
      } else {
        events.normal(network, String.valueOf(status.getPhase()), message);
      }
      LOG.infof(
          "network %s/%s: %s",
          network.getMetadata().getNamespace(), network.getMetadata().getName(), message);
    }
    ReadinessEvents.deadline(network, previous, status, events);
    return StatusPatches.patch(network, status, ChatNetwork::new);
  }

  /** A copy without the fields that move with every pod that turns ready. */
  private ChatNetworkStatus withoutCounts(ChatNetworkStatus status) {
    var serialization = client.getKubernetesSerialization();
    ChatNetworkStatus copy = serialization.clone(status);
    copy.setReady(null);
    copy.setReadyReplicas(null);
    copy.getGroups().forEach(g -> g.setReadyReplicas(0));
    copy.getConditions().forEach(c -> c.setMessage(null));
    return copy;
  }

  @Override
  public ErrorStatusUpdateControl<ChatNetwork> updateErrorStatus(
      ChatNetwork network, Context<ChatNetwork> context, Exception e) {
    LOG.warnf(
        "network %s/%s: reconciliation failed: %s",
        network.getMetadata().getNamespace(), network.getMetadata().getName(), e.getMessage());
    return ErrorStatusUpdateControl.noStatusUpdate();
  }
}

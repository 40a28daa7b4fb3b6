package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ChatNetworkStatus;
import io.chatnet.operator.api.GroupStatus;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.network.Names;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Derives a network's status from its StatefulSets' status: readiness comes from the controller's
 * counters, never from watching thousands of pods. Pure, so phase rules are unit-tested directly.
 */
final class NetworkStatusCalculator {
  static final String READY = "Ready";
  static final String PROGRESSING = "Progressing";
  static final String SPEC_VALID = "SpecValid";

  private final Clock clock;

  NetworkStatusCalculator(Clock clock) {
    this.clock = clock;
  }

  /** Whether a group's StatefulSet has all desired pods ready at its current revision. */
  static boolean groupReady(NodeGroup group, StatefulSet sts) {
    if (sts == null || sts.getStatus() == null) {
      return group.getReplicas() == 0 && sts != null;
    }
    var status = sts.getStatus();
    long generation = Objects.requireNonNullElse(sts.getMetadata().getGeneration(), 0L);
    long observed = Objects.requireNonNullElse(status.getObservedGeneration(), 0L);
    int ready = Objects.requireNonNullElse(status.getReadyReplicas(), 0);
    int updated = Objects.requireNonNullElse(status.getUpdatedReplicas(), 0);
    int current = Objects.requireNonNullElse(status.getReplicas(), 0);
    return observed >= generation
        && Objects.equals(sts.getSpec().getReplicas(), group.getReplicas())
        && ready == group.getReplicas()
        && current == group.getReplicas()
        && updated == group.getReplicas();
  }

  ChatNetworkStatus compute(
      ChatNetwork network, ObservedState observed, List<String> bootstrapEnrs, int waitingStage) {
    ChatNetworkStatus previous = network.getStatus();
    ChatNetworkStatus status = new ChatNetworkStatus();
    status.setObservedGeneration(network.getMetadata().getGeneration());
    int desired = 0;
    int ready = 0;
    boolean allReady = true;
    List<NodeGroup> groups = new ArrayList<>(network.getSpec().getGroups());
    groups.sort(Comparator.comparingInt(g -> g.getRole().stage()));
    for (NodeGroup group : groups) {
      StatefulSet sts = observed.statefulSets().get(Names.group(network, group));
      GroupStatus gs = new GroupStatus();
      gs.setName(group.getName());
      gs.setKind(group.getKind());
      gs.setRole(group.getRole());
      gs.setReplicas(group.getReplicas());
      int groupReadyCount =
          sts == null || sts.getStatus() == null
              ? 0
              : Math.min(
                  group.getReplicas(),
                  Objects.requireNonNullElse(sts.getStatus().getReadyReplicas(), 0));
      gs.setReadyReplicas(groupReadyCount);
      boolean groupReady = groupReady(group, sts);
      gs.setState(
          sts == null && group.getRole().stage() > waitingStage
              ? "Waiting"
              : groupReady ? "Ready" : sts != null && isUpdating(sts) ? "Updating" : "Starting");
      allReady &= groupReady;
      desired += group.getReplicas();
      ready += groupReadyCount;
      status.getGroups().add(gs);
    }
    status.setReplicas(desired);
    status.setReadyReplicas(ready);
    status.setReady(ready + "/" + desired);
    status.setBootstrapEnrs(bootstrapEnrs);

    NetworkPhase before = previous == null ? null : previous.getPhase();
    boolean sameGeneration =
        previous != null
            && Objects.equals(previous.getObservedGeneration(), status.getObservedGeneration());
    NetworkPhase phase;
    if (allReady) {
      phase = NetworkPhase.Ready;
    } else if (sameGeneration
        && (before == NetworkPhase.Ready || before == NetworkPhase.Degraded)) {
      phase = NetworkPhase.Degraded;
    } else {
      phase = NetworkPhase.Provisioning;
    }
    status.setPhase(phase);
    status.setReadyTime(
        phase == NetworkPhase.Ready
            ? (before == NetworkPhase.Ready && previous.getReadyTime() != null
                ? previous.getReadyTime()
                : clock.instant().toString())
            : (phase == NetworkPhase.Degraded ? previous.getReadyTime() : null));

    List<Condition> conditions = new ArrayList<>();
    conditions.add(
        condition(
            previous,
            READY,
            allReady,
            allReady
                ? "AllGroupsReady"
                : phase == NetworkPhase.Degraded ? "PodsNotReady" : "Starting",
            allReady
                ? "all " + desired + " pods are ready"
                : ready + " of " + desired + " pods are ready"));
    conditions.add(
        condition(
            previous,
            PROGRESSING,
            !allReady && phase == NetworkPhase.Provisioning,
            allReady ? "Complete" : "StageStarting",
            allReady
                ? "every group is ready"
                : "waiting for start stage " + waitingStage + " to become ready"));
    conditions.add(condition(previous, SPEC_VALID, true, "Valid", "the spec passed all checks"));
    status.setConditions(conditions);
    return status;
  }

  /** The status of a network whose spec cannot be realised: nothing else is touched. */
  ChatNetworkStatus invalid(ChatNetwork network, String reason, String message) {
    ChatNetworkStatus previous = network.getStatus();
    ChatNetworkStatus status = new ChatNetworkStatus();
    if (previous != null) {
      status.setGroups(previous.getGroups());
      status.setReady(previous.getReady());
      status.setReadyReplicas(previous.getReadyReplicas());
      status.setReplicas(previous.getReplicas());
      status.setBootstrapEnrs(previous.getBootstrapEnrs());
    }
    status.setObservedGeneration(network.getMetadata().getGeneration());
    status.setPhase(NetworkPhase.Failed);
    status.setConditions(
        List.of(
            condition(previous, READY, false, reason, message),
            condition(previous, PROGRESSING, false, reason, message),
            condition(previous, SPEC_VALID, false, reason, message)));
    return status;
  }

  private static boolean isUpdating(StatefulSet sts) {
    var status = sts.getStatus();
    return status.getUpdateRevision() != null
        && !status.getUpdateRevision().equals(status.getCurrentRevision());
  }

  /** A condition whose lastTransitionTime only moves when its status does. */
  private Condition condition(
      ChatNetworkStatus previous, String type, boolean value, String reason, String message) {
    String status = value ? "True" : "False";
    String since = clock.instant().toString();
    if (previous != null && previous.getConditions() != null) {
      for (Condition old : previous.getConditions()) {
        if (type.equals(old.getType()) && status.equals(old.getStatus())) {
          since = old.getLastTransitionTime();
        }
      }
    }
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(since)
        .build();
  }
}

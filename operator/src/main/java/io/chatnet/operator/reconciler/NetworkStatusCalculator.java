package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ChatNetworkStatus;
import io.chatnet.operator.api.GroupStatus;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.Readiness;
import io.chatnet.operator.naming.Names;
import io.chatnet.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Derives a network's status from its StatefulSets' status: readiness comes from the controller's
 * counters, never from watching thousands of pods. A network is Ready when every group has reached
 * its ready threshold; one that stays short past its deadline gets Progressing=False with reason
 * ProgressDeadlineExceeded naming each short group, by how many pods and why (the reconciler lists
 * those groups' pods and passes a {@link GroupDiagnosis}). Phase stays Provisioning or Degraded: a
 * stall can still resolve (a node added, an image pushed), so the operator keeps retrying. Pure, so
 * phase rules are unit-tested directly.
 */
final class NetworkStatusCalculator {
  static final String READY = "Ready";
  static final String PROGRESSING = "Progressing";
  static final String SPEC_VALID = "SpecValid";

  private final Clock clock;

  NetworkStatusCalculator(Clock clock) {
    this.clock = clock;
  }

  /** Reason of Progressing=False once a network stays short of its thresholds past the deadline. */
  static final String DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

  /** Reconcile this often while short past the deadline; the diagnoser decides when to list. */
  static final Duration PAST_DEADLINE_RECHECK = Duration.ofSeconds(3);

  /**
   * Whether a group has reached its ready threshold ({@link ReadyThreshold}) at its current spec:
   * the controller has seen the current generation at the wanted replicas, and at least the
   * threshold of pods are ready and of the update revision. The next start stage and the network's
   * Ready phase wait on this, not on every pod: one stuck pod of 900 holds nothing back.
   */
  static boolean groupReady(NodeGroup group, StatefulSet sts) {
    if (sts == null || sts.getStatus() == null) {
      return group.getReplicas() == 0 && sts != null;
    }
    var status = sts.getStatus();
    long generation = Objects.requireNonNullElse(sts.getMetadata().getGeneration(), 0L);
    long observed = Objects.requireNonNullElse(status.getObservedGeneration(), 0L);
    int ready = Objects.requireNonNullElse(status.getReadyReplicas(), 0);
    int updated = Objects.requireNonNullElse(status.getUpdatedReplicas(), 0);
    int threshold = ReadyThreshold.pods(group);
    return observed >= generation
        && Objects.equals(sts.getSpec().getReplicas(), group.getReplicas())
        && ready >= threshold
        && updated >= threshold;
  }

  ChatNetworkStatus compute(
      ChatNetwork network, ObservedState observed, List<String> bootstrapEnrs, int waitingStage) {
    return compute(network, observed, bootstrapEnrs, waitingStage, Map.of());
  }

  /**
   * @param diagnoses why groups are short, by group name: given for groups short past the deadline
   *     ({@link #shortPastDeadline}), named in the Progressing condition and the group's status
   */
  ChatNetworkStatus compute(
      ChatNetwork network,
      ObservedState observed,
      List<String> bootstrapEnrs,
      int waitingStage,
      Map<String, GroupDiagnosis> diagnoses) {
    ChatNetworkStatus previous = network.getStatus();
    ChatNetworkStatus status = new ChatNetworkStatus();
    status.setObservedGeneration(network.getMetadata().getGeneration());
    int desired = 0;
    int ready = 0;
    boolean allReady = true;
    List<String> shortGroups = new ArrayList<>();
    List<NodeGroup> groups = new ArrayList<>(network.getSpec().getGroups());
    groups.sort(Comparator.comparingInt(g -> g.getRole().stage()));
    for (NodeGroup group : groups) {
      StatefulSet sts = observed.statefulSets().get(Names.group(network, group));
      GroupStatus gs = new GroupStatus();
      gs.setName(group.getName());
      gs.setKind(group.getKind());
      gs.setRole(group.getRole());
      gs.setReplicas(group.getReplicas());
      int threshold = ReadyThreshold.pods(group);
      gs.setReadyThreshold(threshold);
      int groupReadyCount = readyCount(group, sts);
      gs.setReadyReplicas(groupReadyCount);
      boolean groupReady = groupReady(group, sts);
      gs.setState(
          sts == null && group.getRole().stage() > waitingStage
              ? "Waiting"
              : groupReady ? "Ready" : sts != null && isUpdating(sts) ? "Updating" : "Starting");
      GroupDiagnosis diagnosis = groupReady ? null : diagnoses.get(group.getName());
      if (diagnosis != null) {
        gs.setNotReadyCauses(diagnosis.summary());
      }
      if (!groupReady) {
        shortGroups.add(
            group.getName()
                + " is short by "
                + Math.max(1, threshold - groupReadyCount)
                + " pods ("
                + groupReadyCount
                + "/"
                + group.getReplicas()
                + " ready, threshold "
                + threshold
                + ")"
                + (diagnosis == null ? "" : ": " + diagnosis.summary()));
      }
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

    boolean pastDeadline = !allReady && !positive(remainingBeforeDeadline(network));
    List<Condition> conditions = new ArrayList<>();
    conditions.add(
        condition(
            previous,
            READY,
            allReady,
            allReady ? clock.instant() : notReadySince(network, previous),
            allReady
                ? (ready == desired ? "AllGroupsReady" : "ThresholdsMet")
                : phase == NetworkPhase.Degraded ? "PodsNotReady" : "Starting",
            allReady
                ? (ready == desired
                    ? "all " + desired + " pods are ready"
                    : ready + " of " + desired + " pods are ready, every group at its threshold")
                : ready
                    + " of "
                    + desired
                    + " pods are ready; below threshold: "
                    + String.join(
                        ", ", shortGroups.stream().map(NetworkStatusCalculator::head).toList())));
    conditions.add(
        pastDeadline
            ? condition(
                previous,
                PROGRESSING,
                false,
                DEADLINE_EXCEEDED,
                "not at the ready thresholds within "
                    + deadlineSeconds(network)
                    + " s (spec.readiness.deadlineSeconds); still retrying: "
                    + String.join("; ", shortGroups))
            : condition(
                previous,
                PROGRESSING,
                !allReady && phase == NetworkPhase.Provisioning,
                allReady ? "Complete" : "StageStarting",
                allReady
                    ? "every group is at its ready threshold"
                    : "waiting for start stage " + waitingStage + " to reach its ready threshold"));
    conditions.add(condition(previous, SPEC_VALID, true, "Valid", "the spec passed all checks"));
    status.setConditions(conditions);
    return status;
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }

  /** The group name and counts of a short-group line, without its causes. */
  private static String head(String shortGroup) {
    int colon = shortGroup.indexOf("): ");
    return colon < 0 ? shortGroup : shortGroup.substring(0, colon + 1);
  }

  /** Ready pods of a group, at most its replicas. */
  static int readyCount(NodeGroup group, StatefulSet sts) {
    return sts == null || sts.getStatus() == null
        ? 0
        : Math.min(
            group.getReplicas(), Objects.requireNonNullElse(sts.getStatus().getReadyReplicas(), 0));
  }

  /** The network's readiness deadline in seconds: given, or grown with its size. */
  static int deadlineSeconds(ChatNetwork network) {
    int pods = network.getSpec().getGroups().stream().mapToInt(NodeGroup::getReplicas).sum();
    return Readiness.effectiveDeadlineSeconds(network.getSpec().getReadiness(), pods);
  }

  /**
   * Time left before a network that is not Ready passes its deadline, counted from when its Ready
   * condition last turned False (kept across restarts in status), or from creation when it has none
   * yet.
   */
  Duration remainingBeforeDeadline(ChatNetwork network) {
    Instant since = null;
    ChatNetworkStatus previous = network.getStatus();
    if (previous != null && previous.getConditions() != null) {
      for (Condition c : previous.getConditions()) {
        if (READY.equals(c.getType())) {
          // Ready until now: the deadline starts with this reconcile.
          since =
              "False".equals(c.getStatus()) && c.getLastTransitionTime() != null
                  ? Instant.parse(c.getLastTransitionTime())
                  : clock.instant();
        }
      }
    }
    if (since == null && network.getMetadata().getCreationTimestamp() != null) {
      since = Instant.parse(network.getMetadata().getCreationTimestamp());
    }
    if (since == null) {
      since = clock.instant();
    }
    return Duration.between(clock.instant(), since.plusSeconds(deadlineSeconds(network)));
  }

  /** Groups below their threshold once the deadline has passed: the ones worth diagnosing. */
  List<NodeGroup> shortPastDeadline(ChatNetwork network, ObservedState observed) {
    List<NodeGroup> short_ =
        network.getSpec().getGroups().stream()
            .filter(g -> !groupReady(g, observed.statefulSets().get(Names.group(network, g))))
            .toList();
    if (short_.isEmpty() || positive(remainingBeforeDeadline(network))) {
      return List.of();
    }
    return short_;
  }

  /**
   * When to look again without any event: at the deadline while short, then every diagnosis refresh
   * while still short past it (pods of a short group are not watched); never when Ready.
   */
  Optional<Duration> recheckAfter(ChatNetwork network, ChatNetworkStatus status) {
    if (status.getPhase() == NetworkPhase.Ready || status.getPhase() == NetworkPhase.Failed) {
      return Optional.empty();
    }
    Duration left = remainingBeforeDeadline(network);
    return Optional.of(positive(left) ? left.plusMillis(500) : PAST_DEADLINE_RECHECK);
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
    return condition(previous, type, value, clock.instant(), reason, message);
  }

  private Condition condition(
      ChatNetworkStatus previous,
      String type,
      boolean value,
      Instant now,
      String reason,
      String message) {
    return Conditions.of(
        previous == null ? null : previous.getConditions(), type, value, reason, message, now);
  }

  /**
   * The instant a first Ready=False takes: a network without a Ready condition yet has not been
   * ready since its creation, so the condition says so and the deadline counts from the same
   * instant before and after the first status write (it used to restart at that write).
   */
  private Instant notReadySince(ChatNetwork network, ChatNetworkStatus previous) {
    boolean hadReady =
        previous != null && Conditions.find(previous.getConditions(), READY).isPresent();
    String created = network.getMetadata().getCreationTimestamp();
    return hadReady || created == null ? clock.instant() : Instant.parse(created);
  }
}

package io.chatnet.operator.reconciler;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Why a group is short of ready pods, from its pods and its StatefulSet's events: each not-ready
 * pod gets one cause (the first that applies: not scheduled, a container waiting with a known
 * reason, a failed or terminating pod, a readiness probe not passing), and pods the StatefulSet
 * controller never created are explained by its FailedCreate events (Pod Security or a quota
 * refusing them). Pure: the reconciler lists the pods and events, only for short groups.
 */
public record GroupDiagnosis(String group, int desired, int ready, List<Cause> causes) {
  /** Container waiting reasons that explain a pod that does not start. */
  static final Set<String> WAITING_REASONS =
      Set.of(
          "ErrImagePull",
          "ImagePullBackOff",
          "InvalidImageName",
          "CrashLoopBackOff",
          "CreateContainerConfigError",
          "CreateContainerError",
          "RunContainerError");

  /** Messages are cut to this length: a condition message holds several causes. */
  static final int MESSAGE_LIMIT = 240;

  /** How many pods had one cause, with one pod and its message as the example. */
  public record Cause(String reason, int pods, String examplePod, String message) {
    String describe() {
      return pods
          + " "
          + reason
          + " (e.g. "
          + examplePod
          + (message == null || message.isBlank() ? "" : ": " + cut(message))
          + ")";
    }
  }

  /**
   * @param group the group's name
   * @param desired the group's replicas
   * @param pods the group's pods as listed (any order)
   * @param statefulSetEvents Events whose involved object is the group's StatefulSet
   */
  public static GroupDiagnosis of(
      String group, int desired, List<Pod> pods, List<Event> statefulSetEvents) {
    Map<String, Cause> causes = new LinkedHashMap<>();
    int ready = 0;
    List<Pod> sorted = new ArrayList<>(pods);
    sorted.sort(Comparator.comparing(p -> p.getMetadata().getName()));
    for (Pod pod : sorted) {
      if (isReady(pod)) {
        ready++;
        continue;
      }
      Cause one = causeOf(pod);
      causes.merge(
          one.reason(),
          one,
          (a, b) -> new Cause(a.reason(), a.pods() + 1, a.examplePod(), a.message()));
    }
    int missing = desired - pods.size();
    if (missing > 0) {
      Optional<Event> refusal =
          statefulSetEvents.stream()
              .filter(e -> "FailedCreate".equals(e.getReason()))
              .max(Comparator.comparing(GroupDiagnosis::eventTime));
      causes.put(
          refusal.isPresent() ? "FailedCreate" : "NotCreated",
          refusal
              .map(
                  e ->
                      new Cause(
                          "FailedCreate",
                          missing,
                          "StatefulSet " + e.getInvolvedObject().getName(),
                          e.getMessage()))
              .orElseGet(
                  () ->
                      new Cause(
                          "NotCreated",
                          missing,
                          "StatefulSet",
                          "pods not created yet and no FailedCreate event")));
    }
    List<Cause> ordered =
        causes.values().stream().sorted(Comparator.comparingInt(Cause::pods).reversed()).toList();
    return new GroupDiagnosis(group, desired, ready, ordered);
  }

  /** Causes that only say the group is caught mid-start, not why it is stuck. */
  static final Set<String> TRANSIENT = Set.of("NotCreated", "NotScheduled", "Starting", "NoStatus");

  /** Whether nothing seen explains a stall yet: no cause, or only mid-start ones. */
  public boolean transientOnly() {
    return causes.stream().allMatch(c -> TRANSIENT.contains(c.reason()));
  }

  /** "3 Unschedulable (e.g. lab-relay-4: 0/20 nodes ...); 1 ImagePullBackOff (...)". */
  public String summary() {
    if (causes.isEmpty()) {
      return "no not-ready pod found";
    }
    return causes.stream().map(Cause::describe).collect(Collectors.joining("; "));
  }

  static Cause causeOf(Pod pod) {
    String name = pod.getMetadata().getName();
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      return new Cause("Terminating", 1, name, "deleted, waiting for it to stop");
    }
    var status = pod.getStatus();
    if (status == null) {
      return new Cause("NoStatus", 1, name, "the pod has no status yet");
    }
    if ("Failed".equals(status.getPhase()) || "Succeeded".equals(status.getPhase())) {
      return new Cause(
          "Pod" + status.getPhase(),
          1,
          name,
          Objects.requireNonNullElse(status.getReason(), "")
              + (status.getMessage() == null ? "" : " " + status.getMessage()));
    }
    Optional<PodCondition> scheduled = condition(pod, "PodScheduled");
    if (scheduled.isPresent() && "False".equals(scheduled.get().getStatus())) {
      return new Cause(
          Objects.requireNonNullElse(scheduled.get().getReason(), "NotScheduled"),
          1,
          name,
          KeystoreClaimHint.explain(pod, scheduled.get().getMessage()));
    }
    if (scheduled.isEmpty() && pod.getSpec() != null && pod.getSpec().getNodeName() == null) {
      return new Cause("NotScheduled", 1, name, "waiting for the scheduler");
    }
    List<ContainerStatus> containers = new ArrayList<>(status.getInitContainerStatuses());
    containers.addAll(status.getContainerStatuses());
    for (ContainerStatus c : containers) {
      var waiting = c.getState() == null ? null : c.getState().getWaiting();
      if (waiting != null && WAITING_REASONS.contains(waiting.getReason())) {
        String message = waiting.getMessage();
        var last = c.getLastState() == null ? null : c.getLastState().getTerminated();
        if ("CrashLoopBackOff".equals(waiting.getReason()) && last != null) {
          message =
              "container "
                  + c.getName()
                  + " exited with code "
                  + last.getExitCode()
                  + (last.getReason() == null ? "" : " (" + last.getReason() + ")");
        }
        return new Cause(waiting.getReason(), 1, name, "container " + c.getName() + ": " + message);
      }
    }
    boolean running =
        !status.getContainerStatuses().isEmpty()
            && status.getContainerStatuses().stream()
                .allMatch(c -> c.getState() != null && c.getState().getRunning() != null);
    if (running) {
      String message = condition(pod, "Ready").map(PodCondition::getMessage).orElse(null);
      return new Cause(
          "ReadinessProbeFailing",
          1,
          name,
          "containers running, readiness probe not passing"
              + (message == null ? "" : " (" + message + ")"));
    }
    Optional<PodCondition> readyCondition = condition(pod, "Ready");
    return new Cause(
        "Starting",
        1,
        name,
        readyCondition.map(PodCondition::getMessage).orElse("phase " + status.getPhase()));
  }

  static boolean isReady(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null
        && condition(pod, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  private static Optional<PodCondition> condition(Pod pod, String type) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst();
  }

  private static String eventTime(Event e) {
    String time =
        e.getLastTimestamp() != null
            ? e.getLastTimestamp()
            : e.getEventTime() != null ? e.getEventTime().getTime() : e.getFirstTimestamp();
    return Objects.requireNonNullElse(time, "");
  }

  static String cut(String message) {
    String flat = message.replaceAll("\\s+", " ").trim();
    return flat.length() <= MESSAGE_LIMIT ? flat : flat.substring(0, MESSAGE_LIMIT - 3) + "...";
  }
}

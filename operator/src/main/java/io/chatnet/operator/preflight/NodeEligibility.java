package io.chatnet.operator.preflight;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the scheduler may put a pod on a node, as far as a pod template of ours decides it:
 * cordoned nodes, NoSchedule and NoExecute taints the pod does not tolerate, and the nodeSelector.
 * PreferNoSchedule taints only steer, so they do not exclude a node.
 */
public final class NodeEligibility {
  private NodeEligibility() {}

  /** Empty when the pod may go there; otherwise why not ("cordoned", "taint k=v:NoSchedule"...). */
  public static Optional<String> whyNot(Node node, PodSpec pod) {
    if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
      return Optional.of("cordoned");
    }
    List<Toleration> tolerations = pod.getTolerations() == null ? List.of() : pod.getTolerations();
    if (node.getSpec() != null && node.getSpec().getTaints() != null) {
      for (Taint taint : node.getSpec().getTaints()) {
        boolean blocking =
            "NoSchedule".equals(taint.getEffect()) || "NoExecute".equals(taint.getEffect());
        if (blocking && tolerations.stream().noneMatch(t -> tolerates(t, taint))) {
          return Optional.of("taint " + describe(taint));
        }
      }
    }
    Map<String, String> selector = pod.getNodeSelector();
    if (selector != null && !selector.isEmpty()) {
      Map<String, String> labels =
          node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
      for (var entry : selector.entrySet()) {
        if (!entry.getValue().equals(labels.get(entry.getKey()))) {
          return Optional.of("nodeSelector " + entry.getKey() + "=" + entry.getValue());
        }
      }
    }
    return Optional.empty();
  }

  /** Kubernetes' Toleration.ToleratesTaint. */
  static boolean tolerates(Toleration toleration, Taint taint) {
    if (toleration.getEffect() != null
        && !toleration.getEffect().isEmpty()
        && !toleration.getEffect().equals(taint.getEffect())) {
      return false;
    }
    if (toleration.getKey() != null
        && !toleration.getKey().isEmpty()
        && !toleration.getKey().equals(taint.getKey())) {
      return false;
    }
    String operator = toleration.getOperator() == null ? "Equal" : toleration.getOperator();
    return switch (operator) {
      case "Exists" -> true;
      case "Equal", "" ->
          Objects.equals(
              Objects.requireNonNullElse(toleration.getValue(), ""),
              Objects.requireNonNullElse(taint.getValue(), ""));
      default -> false;
    };
  }

  static String describe(Taint taint) {
    return taint.getKey()
        + (taint.getValue() == null || taint.getValue().isEmpty() ? "" : "=" + taint.getValue())
        + ":"
        + taint.getEffect();
  }
}

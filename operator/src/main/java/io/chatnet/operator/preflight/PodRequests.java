package io.chatnet.operator.preflight;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one pod requests and is limited to, by Kubernetes' effective-request rule
 * (k8s.io/component-helpers/resource PodRequests): app containers and sidecars (init containers
 * with restartPolicy Always) are summed; each ordinary init container runs alone beside the
 * sidecars started before it; the pod needs the larger of the two, plus its overhead. The scheduler
 * and ResourceQuota both count this.
 */
public final class PodRequests {
  private PodRequests() {}

  /** The effective requests and limits of a pod. */
  public record Amounts(ResourceAmounts requests, ResourceAmounts limits) {}

  public static Amounts of(PodSpec pod) {
    return of(pod, List.of());
  }

  /**
   * The effective amounts after the namespace's LimitRanges filled in what containers leave out, as
   * the LimitRanger admission plugin does before quota and scheduling see the pod.
   */
  public static Amounts of(PodSpec pod, List<LimitRange> limitRanges) {
    return new Amounts(
        effective(pod, c -> requests(c, limitRanges)), effective(pod, c -> limits(c, limitRanges)));
  }

  private static ResourceAmounts effective(
      PodSpec pod, java.util.function.Function<Container, ResourceAmounts> of) {
    ResourceAmounts apps = ResourceAmounts.NONE;
    for (Container c : pod.getContainers()) {
      apps = apps.plus(of.apply(c));
    }
    ResourceAmounts sidecars = ResourceAmounts.NONE;
    ResourceAmounts init = ResourceAmounts.NONE;
    for (Container c : pod.getInitContainers()) {
      ResourceAmounts own = of.apply(c);
      if ("Always".equals(c.getRestartPolicy())) {
        apps = apps.plus(own);
        sidecars = sidecars.plus(own);
        init = init.max(sidecars);
      } else {
        init = init.max(own.plus(sidecars));
      }
    }
    ResourceAmounts total = apps.max(init);
    return pod.getOverhead() == null ? total : total.plus(ResourceAmounts.of(pod.getOverhead()));
  }

  /** A container's requests; an unset request defaults to its limit (API defaulting). */
  static ResourceAmounts requests(Container c, List<LimitRange> limitRanges) {
    Map<String, Quantity> requests = new HashMap<>();
    Map<String, Quantity> limits = new HashMap<>();
    ResourceRequirements r = c.getResources();
    if (r != null && r.getLimits() != null) {
      limits.putAll(r.getLimits());
    }
    if (r != null && r.getRequests() != null) {
      requests.putAll(r.getRequests());
    }
    // API defaulting first (an unset request takes the container's own limit), then LimitRanger's
    // defaultRequest (which the API server already defaulted to the LimitRange's default limit).
    limits.forEach(requests::putIfAbsent);
    for (LimitRangeItem item : containerItems(limitRanges)) {
      if (item.getDefaultRequest() != null) {
        item.getDefaultRequest().forEach(requests::putIfAbsent);
      }
    }
    return ResourceAmounts.of(requests);
  }

  static ResourceAmounts limits(Container c, List<LimitRange> limitRanges) {
    Map<String, Quantity> limits = new HashMap<>();
    ResourceRequirements r = c.getResources();
    if (r != null && r.getLimits() != null) {
      limits.putAll(r.getLimits());
    }
    for (LimitRangeItem item : containerItems(limitRanges)) {
      if (item.getDefault() != null) {
        item.getDefault().forEach(limits::putIfAbsent);
      }
    }
    return ResourceAmounts.of(limits);
  }

  private static List<LimitRangeItem> containerItems(List<LimitRange> limitRanges) {
    return limitRanges.stream()
        .filter(l -> l.getSpec() != null && l.getSpec().getLimits() != null)
        .flatMap(l -> l.getSpec().getLimits().stream())
        .filter(i -> "Container".equals(i.getType()))
        .toList();
  }
}

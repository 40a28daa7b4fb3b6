package io.chatnet.operator.preflight;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Would the namespace's ResourceQuotas admit what the network adds? For each quota whose scopes
 * match our pods, each hard limit is compared with used + added: requests.* and limits.* (the
 * effective pod amounts times the added pods), pods, and object counts (StatefulSets, Services,
 * Secrets, ConfigMaps the reconcile would create). A quota on cpu or memory also makes the API
 * server refuse any pod with a container (init containers too) that does not set that resource,
 * after LimitRange defaults: that is checked too. Pure.
 */
public final class QuotaCheck {
  /** Resources whose quota forces every container to state them (quota evaluator, pods.go). */
  static final Map<String, String> MUST_STATE =
      Map.of(
          "cpu", "requests.cpu",
          "requests.cpu", "requests.cpu",
          "memory", "requests.memory",
          "requests.memory", "requests.memory",
          "limits.cpu", "limits.cpu",
          "limits.memory", "limits.memory");

  private QuotaCheck() {}

  public record Result(List<Finding> findings, String summary) {}

  /**
   * @param newConfigMap whether the network ConfigMap does not exist yet
   */
  public static Result check(
      List<ResourceQuota> quotas,
      List<GroupDemand> demands,
      List<LimitRange> limitRanges,
      boolean newConfigMap) {
    List<Finding> findings = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ResourceQuota quota : quotas) {
      String name = quota.getMetadata().getName();
      names.add(name);
      Map<String, Quantity> hard =
          quota.getStatus() != null && quota.getStatus().getHard() != null
              ? quota.getStatus().getHard()
              : quota.getSpec() == null ? null : quota.getSpec().getHard();
      if (hard == null || hard.isEmpty()) {
        continue;
      }
      Map<String, Quantity> used =
          quota.getStatus() == null || quota.getStatus().getUsed() == null
              ? Map.of()
              : quota.getStatus().getUsed();
      boolean scoped = isScoped(quota);
      List<GroupDemand> counted =
          demands.stream().filter(d -> d.added() > 0 && matches(quota, d.pod())).toList();
      for (String resource : new TreeSet<>(hard.keySet())) {
        BigDecimal adds = adds(resource, counted, demands, limitRanges, scoped, newConfigMap);
        if (adds.signum() == 0) {
          continue;
        }
        BigDecimal limit = hard.get(resource).getNumericalAmount();
        BigDecimal inUse =
            used.containsKey(resource) ? used.get(resource).getNumericalAmount() : BigDecimal.ZERO;
        if (inUse.add(adds).compareTo(limit) > 0) {
          findings.add(
              new Finding(
                  Finding.QUOTA_EXCEEDED,
                  String.format(
                      "ResourceQuota %s: %s would reach %s of hard %s (used %s, the network adds"
                          + " %s, free %s). Fix: raise the quota's spec.hard[%s], lower"
                          + " spec.groups[*].replicas or .resources, or set"
                          + " spec.preflight.skipChecks: [quota]",
                      name,
                      resource,
                      ResourceAmounts.format(resource, inUse.add(adds)),
                      ResourceAmounts.format(resource, limit),
                      ResourceAmounts.format(resource, inUse),
                      ResourceAmounts.format(resource, adds),
                      ResourceAmounts.format(resource, limit.subtract(inUse).max(BigDecimal.ZERO)),
                      resource)));
        }
      }
      for (String resource : new TreeSet<>(hard.keySet())) {
        String stated = MUST_STATE.get(resource);
        if (stated != null) {
          unstated(name, stated, counted, limitRanges).ifPresent(findings::add);
        }
      }
    }
    String summary =
        quotas.isEmpty()
            ? "quota: no ResourceQuota in the namespace"
            : "quota: within ResourceQuota " + String.join(", ", names);
    return new Result(findings, summary);
  }

  /** What the network adds to one quota'd resource. */
  static BigDecimal adds(
      String resource,
      List<GroupDemand> counted,
      List<GroupDemand> all,
      List<LimitRange> limitRanges,
      boolean scoped,
      boolean newConfigMap) {
    BigDecimal sum = BigDecimal.ZERO;
    String requests = resource.startsWith("requests.") ? resource.substring(9) : null;
    if (List.of("cpu", "memory", "ephemeral-storage").contains(resource)) {
      requests = resource;
    }
    String limits = resource.startsWith("limits.") ? resource.substring(7) : null;
    for (GroupDemand d : counted) {
      PodRequests.Amounts pod = PodRequests.of(d.pod(), limitRanges);
      BigDecimal each =
          requests != null
              ? pod.requests().get(requests)
              : limits != null
                  ? pod.limits().get(limits)
                  : resource.equals("pods") || resource.equals("count/pods")
                      ? BigDecimal.ONE
                      : BigDecimal.ZERO;
      sum = sum.add(each.multiply(BigDecimal.valueOf(d.added())));
    }
    if (scoped) {
      return sum; // scoped quotas track pods only
    }
    long objects =
        switch (resource) {
          case "count/statefulsets.apps" ->
              all.stream().filter(GroupDemand::newStatefulSet).count();
          case "services", "count/services" -> all.stream().filter(GroupDemand::newService).count();
          case "secrets", "count/secrets" -> all.stream().mapToLong(GroupDemand::newSecrets).sum();
          case "configmaps", "count/configmaps" -> newConfigMap ? 1 : 0;
          default -> 0;
        };
    return sum.add(BigDecimal.valueOf(objects));
  }

  private static java.util.Optional<Finding> unstated(
      String quota, String stated, List<GroupDemand> counted, List<LimitRange> limitRanges) {
    boolean isLimit = stated.startsWith("limits.");
    String resource = stated.substring(stated.indexOf('.') + 1);
    for (GroupDemand d : counted) {
      List<Container> containers =
          Stream.concat(d.pod().getInitContainers().stream(), d.pod().getContainers().stream())
              .toList();
      for (Container c : containers) {
        ResourceAmounts amounts =
            isLimit ? PodRequests.limits(c, limitRanges) : PodRequests.requests(c, limitRanges);
        if (!amounts.has(resource)) {
          boolean netem = d.pod().getInitContainers().contains(c);
          String fix =
              netem
                  ? "add a LimitRange with a default for "
                      + resource
                      + " (the init container of "
                      + d.field()
                      + ".networkConditions states none) or drop "
                      + d.field()
                      + ".networkConditions"
                  : "set "
                      + d.field()
                      + ".resources."
                      + (isLimit ? "limits." : "requests.")
                      + resource
                      + " or add a LimitRange with a default";
          return java.util.Optional.of(
              new Finding(
                  Finding.QUOTA_REQUIRES_RESOURCES,
                  String.format(
                      "ResourceQuota %s tracks %s, so the API server refuses pods with a container"
                          + " that does not state it; %s container %s states no %s. Fix: %s, or"
                          + " set spec.preflight.skipChecks: [quota]",
                      quota, stated, d.describe(), c.getName(), stated, fix)));
        }
      }
    }
    return java.util.Optional.empty();
  }

  static boolean isScoped(ResourceQuota quota) {
    var spec = quota.getSpec();
    return spec != null
        && ((spec.getScopes() != null && !spec.getScopes().isEmpty())
            || (spec.getScopeSelector() != null
                && spec.getScopeSelector().getMatchExpressions() != null
                && !spec.getScopeSelector().getMatchExpressions().isEmpty()));
  }

  /** Whether a quota's scopes select pods of this template (all of them must match). */
  static boolean matches(ResourceQuota quota, PodSpec pod) {
    var spec = quota.getSpec();
    if (spec == null) {
      return true;
    }
    List<ScopedResourceSelectorRequirement> requirements = new ArrayList<>();
    if (spec.getScopes() != null) {
      spec.getScopes()
          .forEach(s -> requirements.add(new ScopedResourceSelectorRequirement("Exists", s, null)));
    }
    if (spec.getScopeSelector() != null && spec.getScopeSelector().getMatchExpressions() != null) {
      requirements.addAll(spec.getScopeSelector().getMatchExpressions());
    }
    for (ScopedResourceSelectorRequirement r : requirements) {
      if (!matches(r, pod)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(ScopedResourceSelectorRequirement r, PodSpec pod) {
    boolean bestEffort =
        Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream())
            .allMatch(
                c ->
                    c.getResources() == null
                        || ((c.getResources().getRequests() == null
                                || c.getResources().getRequests().isEmpty())
                            && (c.getResources().getLimits() == null
                                || c.getResources().getLimits().isEmpty())));
    boolean terminating = pod.getActiveDeadlineSeconds() != null;
    return switch (r.getScopeName()) {
      case "Terminating" -> terminating;
      case "NotTerminating" -> !terminating;
      case "BestEffort" -> bestEffort;
      case "NotBestEffort" -> !bestEffort;
      case "PriorityClass" -> {
        String pc = pod.getPriorityClassName();
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        yield switch (r.getOperator()) {
          case "Exists" -> pc != null && !pc.isEmpty();
          case "DoesNotExist" -> pc == null || pc.isEmpty();
          case "In" -> pc != null && values.contains(pc);
          case "NotIn" -> pc == null || !values.contains(pc);
          default -> false;
        };
      }
      // CrossNamespacePodAffinity and VolumeAttributesClass: our pods have neither.
      default -> false;
    };
  }
}

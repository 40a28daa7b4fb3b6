package io.chatnet.operator.preflight;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Do the added pods fit the nodes? Each node's free room is its allocatable minus the requests of
 * the pods bound to it (and one "pods" slot per pod); each group's added pods are then placed
 * first-fit on the nodes it may use, group after group in start order. A group with pods left over
 * is refused with its numbers. Pure: nodes, pods and demands in.
 */
public final class CapacityCheck {
  private CapacityCheck() {}

  /**
   * @param summary one line for the condition when everything fits: what the network adds and what
   *     the schedulable nodes have free
   */
  public record Result(Optional<Finding> finding, String summary) {}

  /**
   * @param pods the non-terminal pods of the cluster (those without a node are ignored)
   */
  public static Result check(
      List<Node> nodes, List<Pod> pods, List<GroupDemand> demands, List<LimitRange> limitRanges) {
    return check(nodes, pods, demands, limitRanges, Map.of());
  }

  /**
   * As above, each group's pods counted at their predicted usage ({@code predicted}, by group name,
   * from spec.preflight.capacityModel) where it exceeds their requests.
   */
  public static Result check(
      List<Node> nodes,
      List<Pod> pods,
      List<GroupDemand> demands,
      List<LimitRange> limitRanges,
      Map<String, ResourceAmounts> predicted) {
    Map<String, ResourceAmounts> used = new TreeMap<>();
    for (Pod pod : pods) {
      String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
      if (node == null || node.isEmpty()) {
        continue;
      }
      ResourceAmounts requests =
          PodRequests.of(pod.getSpec()).requests().plus(ResourceAmounts.of("pods", BigDecimal.ONE));
      used.merge(node, requests, ResourceAmounts::plus);
    }
    Map<String, ResourceAmounts> free = new LinkedHashMap<>();
    List<Node> sorted = new ArrayList<>(nodes);
    sorted.sort(Comparator.comparing(n -> n.getMetadata().getName()));
    for (Node node : sorted) {
      ResourceAmounts allocatable =
          node.getStatus() == null
              ? ResourceAmounts.NONE
              : ResourceAmounts.of(node.getStatus().getAllocatable());
      free.put(
          node.getMetadata().getName(),
          allocatable.minus(used.getOrDefault(node.getMetadata().getName(), ResourceAmounts.NONE)));
    }
    Map<String, Node> byName =
        sorted.stream().collect(Collectors.toMap(n -> n.getMetadata().getName(), n -> n));

    ResourceAmounts totalNeeded = ResourceAmounts.NONE;
    ResourceAmounts freeOnSchedulable = ResourceAmounts.NONE;
    int schedulable = 0;
    for (Node node : sorted) {
      if (!"cordoned".equals(cordonedOrNot(node))) {
        schedulable++;
        freeOnSchedulable =
            freeOnSchedulable.plus(positive(free.get(node.getMetadata().getName())));
      }
    }

    List<GroupDemand> inOrder = new ArrayList<>(demands);
    inOrder.sort(Comparator.comparingInt(d -> d.group().getRole().stage()));
    for (GroupDemand demand : inOrder) {
      if (demand.added() == 0) {
        continue;
      }
      ResourceAmounts perPod =
          PodRequests.of(demand.pod(), limitRanges)
              .requests()
              .max(predicted.getOrDefault(demand.group().getName(), ResourceAmounts.NONE))
              .plus(ResourceAmounts.of("pods", BigDecimal.ONE));
      ResourceAmounts needed = perPod.times(demand.added());
      totalNeeded = totalNeeded.plus(needed);

      Map<String, Integer> excluded = new TreeMap<>();
      ResourceAmounts freeForGroup = ResourceAmounts.NONE;
      List<String> eligible = new ArrayList<>();
      for (var entry : free.entrySet()) {
        Optional<String> why = NodeEligibility.whyNot(byName.get(entry.getKey()), demand.pod());
        if (why.isPresent()) {
          excluded.merge(why.get(), 1, Integer::sum);
        } else {
          eligible.add(entry.getKey());
          freeForGroup = freeForGroup.plus(positive(entry.getValue()));
        }
      }
      int remaining = demand.added();
      for (String node : eligible) {
        if (remaining == 0) {
          break;
        }
        int fit = fits(free.get(node), perPod, remaining);
        if (fit > 0) {
          free.put(node, free.get(node).minus(perPod.times(fit)));
          remaining -= fit;
        }
      }
      if (remaining > 0) {
        return new Result(
            Optional.of(
                new Finding(
                    Finding.INSUFFICIENT_CAPACITY,
                    refusal(
                        demand,
                        perPod,
                        needed,
                        freeForGroup,
                        eligible.size(),
                        nodes.size(),
                        excluded,
                        remaining))),
            "");
      }
    }
    return new Result(
        Optional.empty(),
        "capacity: the network adds "
            + totalNeeded.describe()
            + " in requests; "
            + schedulable
            + " schedulable nodes have "
            + freeOnSchedulable.describe()
            + " free");
  }

  /** How many pods of this size fit the free room, at most {@code wanted}. */
  static int fits(ResourceAmounts free, ResourceAmounts perPod, int wanted) {
    long fit = wanted;
    for (String resource : perPod.names()) {
      BigDecimal each = perPod.get(resource);
      if (each.signum() <= 0) {
        continue;
      }
      BigDecimal room = free.get(resource);
      long n = room.signum() <= 0 ? 0 : room.divide(each, 0, RoundingMode.FLOOR).longValue();
      fit = Math.min(fit, n);
    }
    return (int) fit;
  }

  private static String refusal(
      GroupDemand demand,
      ResourceAmounts perPod,
      ResourceAmounts needed,
      ResourceAmounts freeForGroup,
      int eligible,
      int nodes,
      Map<String, Integer> excluded,
      int remaining) {
    StringBuilder m = new StringBuilder();
    m.append(demand.describe())
        .append(" adds ")
        .append(demand.added())
        .append(" pods requesting ")
        .append(perPod.minus(ResourceAmounts.of("pods", BigDecimal.ONE)).describe())
        .append(" each; ");
    if (eligible == 0) {
      m.append("none of the ").append(nodes).append(" nodes may take them");
    } else {
      m.append(demand.added() - remaining)
          .append(" of them fit on the ")
          .append(eligible)
          .append(" nodes it may use (of ")
          .append(nodes)
          .append(")");
      List<String> short_ = new ArrayList<>();
      for (String resource : needed.names()) {
        if (needed.get(resource).compareTo(freeForGroup.get(resource)) > 0) {
          short_.add(
              resource
                  + " needed "
                  + ResourceAmounts.format(resource, needed.get(resource))
                  + ", free "
                  + ResourceAmounts.format(resource, freeForGroup.get(resource)));
        }
      }
      m.append(
          short_.isEmpty()
              ? " (enough in total, but no node has room for another whole pod)"
              : ": " + String.join("; ", short_));
    }
    if (!excluded.isEmpty()) {
      m.append("; nodes excluded: ")
          .append(
              excluded.entrySet().stream()
                  .map(e -> e.getValue() + " " + e.getKey())
                  .collect(Collectors.joining(", ")));
    }
    m.append(". Fix: add nodes, lower ")
        .append(demand.field())
        .append(".replicas or ")
        .append(demand.field())
        .append(".resources.requests");
    if (!excluded.isEmpty()) {
      m.append(", widen ")
          .append(demand.field())
          .append(".nodeSelector or add ")
          .append(demand.field())
          .append(".tolerations");
    }
    m.append(", or set spec.preflight.skipChecks: [capacity] (a cluster autoscaler may add nodes)");
    return m.toString();
  }

  private static String cordonedOrNot(Node node) {
    return node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())
        ? "cordoned"
        : "";
  }

  /** Over-committed nodes (negative room) count as zero free, not as negative. */
  private static ResourceAmounts positive(ResourceAmounts amounts) {
    return amounts.max(zeroes(amounts));
  }

  private static ResourceAmounts zeroes(ResourceAmounts amounts) {
    Map<String, BigDecimal> zero = new TreeMap<>();
    amounts.names().forEach(n -> zero.put(n, BigDecimal.ZERO));
    return new ResourceAmounts(zero);
  }
}

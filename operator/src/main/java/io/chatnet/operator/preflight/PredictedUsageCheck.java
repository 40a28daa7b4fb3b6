package io.chatnet.operator.preflight;

import io.chatnet.operator.api.CapacityModelRef;
import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.capacity.CapacityModel;
import io.chatnet.operator.capacity.CapacityPlan;
import io.chatnet.operator.capacity.PlanRequest;
import io.chatnet.operator.capacity.Planner;
import io.chatnet.operator.capacity.Prediction;
import io.chatnet.operator.capacity.Quantity;
import io.fabric8.kubernetes.api.model.LimitRange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The preflight with a capacity model (spec.preflight.capacityModel): the Planner (the numbers
 * {@code kubectl chatnet plan} prints) predicts per pod CPU and memory for the network's clients
 * and nwaku nodes at the given rate; each group that adds pods is held against its pods' effective
 * requests and limits. A predicted memory over the limit refuses the network (the kubelet would
 * OOM-kill the pods); CPU or memory over the request is noted (the pods run, but the scheduler
 * counts less than they use), and that predicted usage is what the capacity check then counts. Only
 * figures the model fitted count: the planner's defaults for what it lacks are not predictions.
 * Pure: model, demands and LimitRanges in.
 */
public final class PredictedUsageCheck {
  public static final String FIELD = "spec.preflight.capacityModel";

  /** Machine size for the plan: it only sizes machine counts, which the preflight does not use. */
  private static final double PLAN_NODE_CPU = 8;

  private static final double PLAN_NODE_MEMORY = 32.0 * (1L << 30);

  private PredictedUsageCheck() {}

  /**
   * @param findings refusals (PredictedMemoryOverLimit, CapacityModelNotApplicable)
   * @param notes predictions over a request, for the condition's message
   * @param usage per group name, the predicted per pod usage where it exceeds the requests
   */
  public record Result(
      List<Finding> findings,
      List<String> notes,
      String summary,
      Map<String, ResourceAmounts> usage) {}

  public static Result check(
      CapacityModel model,
      CapacityModelRef ref,
      List<NodeGroup> groups,
      List<GroupDemand> demands,
      List<LimitRange> limitRanges) {
    long users = replicas(groups, GroupKind.STATUS_BACKEND);
    long nwaku = replicas(groups, GroupKind.NWAKU);
    double perMinute = ref.getMessagesPerMinutePerUser();
    CapacityPlan plan;
    try {
      plan =
          Planner.plan(
              new PlanRequest(
                  users,
                  perMinute / 60,
                  null,
                  model.traffic(),
                  model.groupSize(),
                  model.payloadBytes() == null ? 1000 : model.payloadBytes(),
                  nwaku > 0 ? (int) nwaku : null,
                  PLAN_NODE_CPU,
                  PLAN_NODE_MEMORY,
                  110,
                  null,
                  0.95),
              model);
    } catch (IllegalArgumentException e) {
      return new Result(
          List.of(
              new Finding(
                  Finding.CAPACITY_MODEL_NOT_APPLICABLE,
                  "the capacity model in "
                      + where(ref)
                      + " cannot predict this network ("
                      + users
                      + " status-backend clients at "
                      + plain(perMinute)
                      + " messages per minute each): "
                      + e.getMessage().replace("--users", "status-backend replicas")
                      + ". Fix "
                      + FIELD
                      + ", or set spec.preflight.skipChecks: [capacityModel]")),
          List.of(),
          "",
          Map.of());
    }
    List<Finding> findings = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<String, ResourceAmounts> usage = new HashMap<>();
    List<String> predicted = new ArrayList<>();
    for (GroupDemand d : demands) {
      if (d.added() == 0) {
        continue;
      }
      boolean client = d.group().getKind() == GroupKind.STATUS_BACKEND;
      Optional<Prediction> cpu = figure(plan, client ? Quantity.CLIENT_CPU : Quantity.RELAY_CPU);
      Optional<Prediction> memory =
          figure(plan, client ? Quantity.CLIENT_MEMORY : Quantity.RELAY_MEMORY);
      PodRequests.Amounts amounts = PodRequests.of(d.pod(), limitRanges);
      Map<String, BigDecimal> over = new HashMap<>();
      if (memory.isPresent()) {
        BigDecimal value = BigDecimal.valueOf(memory.get().value());
        predicted.add(d.group().getName() + " " + ResourceAmounts.format("memory", value));
        if (amounts.limits().has("memory") && value.compareTo(amounts.limits().get("memory")) > 0) {
          findings.add(
              new Finding(
                  Finding.PREDICTED_MEMORY_OVER_LIMIT,
                  "the capacity model in "
                      + where(ref)
                      + " predicts "
                      + ResourceAmounts.format("memory", value)
                      + " of memory per pod of "
                      + d.describe()
                      + " (95% band of a new run up to "
                      + ResourceAmounts.format(
                          "memory", BigDecimal.valueOf(memory.get().predictionHigh()))
                      + extrapolated(memory.get())
                      + ") for "
                      + users
                      + " clients at "
                      + plain(perMinute)
                      + " messages per minute each, over its memory limit "
                      + ResourceAmounts.format("memory", amounts.limits().get("memory"))
                      + ": the pods would be OOM-killed. Fix: raise "
                      + d.field()
                      + ".resources.limits.memory, lower the load, or set"
                      + " spec.preflight.skipChecks: [capacityModel]"));
        } else if (value.compareTo(amounts.requests().get("memory")) > 0) {
          over.put("memory", value);
        }
      }
      if (cpu.isPresent()) {
        BigDecimal value = BigDecimal.valueOf(cpu.get().value());
        predicted.add(d.group().getName() + " " + ResourceAmounts.format("cpu", value) + " CPU");
        if (value.compareTo(amounts.requests().get("cpu")) > 0) {
          over.put("cpu", value);
        }
      }
      if (!over.isEmpty()) {
        ResourceAmounts predictedUsage = new ResourceAmounts(over);
        usage.put(d.group().getName(), predictedUsage);
        notes.add(
            d.describe()
                + " is predicted to use "
                + predictedUsage.describe()
                + " per pod, over its requests ("
                + amounts.requests().describe()
                + "): the capacity check counts the prediction; raise "
                + d.field()
                + ".resources.requests to reserve it");
      }
    }
    String summary =
        "capacity model "
            + where(ref)
            + ": "
            + users
            + " clients at "
            + plain(perMinute)
            + " messages per minute each"
            + (predicted.isEmpty()
                ? ", the model predicts no CPU or memory"
                : ", predicted per pod " + String.join(", ", predicted));
    return new Result(findings, notes, summary, usage);
  }

  /** A figure the model fitted (not the planner's fallback default). */
  private static Optional<Prediction> figure(CapacityPlan plan, Quantity q) {
    return plan.perPod().stream()
        .filter(f -> f.quantity() == q && f.source().startsWith("model:"))
        .map(CapacityPlan.Figure::prediction)
        .findFirst();
  }

  private static long replicas(List<NodeGroup> groups, GroupKind kind) {
    return groups.stream().filter(g -> g.getKind() == kind).mapToLong(NodeGroup::getReplicas).sum();
  }

  static String where(CapacityModelRef ref) {
    return "ConfigMap " + ref.getConfigMap() + " key " + ref.getKey() + " (" + FIELD + ")";
  }

  private static String extrapolated(Prediction p) {
    return p.extrapolated() ? ", extrapolated beyond the model's points" : "";
  }

  private static String plain(double value) {
    String text = String.format(Locale.ROOT, "%.3f", value);
    return text.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}

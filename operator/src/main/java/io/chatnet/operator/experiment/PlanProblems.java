package io.chatnet.operator.experiment;

import io.chatnet.contract.PlanChecks;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load generator's own checks of a plan's version-2 fields (contract PlanChecks: contact
 * requests that fit the clients left after pairs and groups and the shards' cells, shares, spread,
 * offline lengths), run by the operator before it writes the plan, with each plan field named as
 * the spec field it came from. What CEL cannot see at admission (the network's client count) is
 * caught here, before anything runs. Pure.
 */
public final class PlanProblems {
  /** Plan field prefixes to the spec fields they are mapped from (PlanMeasurements). */
  private static final Map<String, String> SPEC_FIELDS = new LinkedHashMap<>();

  static {
    SPEC_FIELDS.put("contactRequests", "spec.contactRequests");
    SPEC_FIELDS.put("idle.phaseSeconds", "spec.idle.seconds");
    SPEC_FIELDS.put("idle.clientShare", "spec.idle.clientShare");
    SPEC_FIELDS.put("activity.perUserRate", "spec.usage.activity");
    SPEC_FIELDS.put("traffic.messageSizes", "spec.usage.messageSizes");
    SPEC_FIELDS.put("behaviours.offline", "spec.behaviours.offline (with catchUp)");
    SPEC_FIELDS.put("behaviours.background", "spec.behaviours.background");
  }

  private PlanProblems() {}

  public static List<String> of(ChatExperiment experiment, ChatNetwork network) {
    // Service URLs play no part in the checks: any cluster domain gives the same answer.
    return PlanChecks.problems(
            ExperimentPlan.build(experiment, network, Instant.EPOCH, "cluster.local"))
        .stream()
        .map(PlanProblems::specField)
        .toList();
  }

  static String specField(String problem) {
    for (Map.Entry<String, String> e : SPEC_FIELDS.entrySet()) {
      if (problem.startsWith(e.getKey())) {
        return e.getValue() + problem.substring(e.getKey().length());
      }
    }
    return problem;
  }
}

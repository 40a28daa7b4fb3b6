package io.chatnet.operator.experiment;

import io.chatnet.operator.api.ExperimentCriteria;
import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.TrafficResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Judges the share of sends the RLN rate limit refused (criteria.maxRefusedShare) for every traffic
 * kind that ran: one-to-one, private groups and relay. A kind whose refusals were not counted (a
 * load generator before refusals) misses it: absence of data is not a pass.
 */
final class RefusalVerdicts {
  private RefusalVerdicts() {}

  static boolean any(ExperimentCriteria criteria) {
    return criteria != null && criteria.getMaxRefusedShare() != null;
  }

  static OperationVerdicts.Judgement judge(ExperimentCriteria criteria, ExperimentResults results) {
    double max = criteria.getMaxRefusedShare();
    Map<String, TrafficResult> kinds = new LinkedHashMap<>();
    if (results != null) {
      kinds.put("oneToOne", results.getOneToOne());
      kinds.put("privateGroups", results.getPrivateGroups());
      kinds.put("relay", results.getRelay());
    }
    kinds.values().removeIf(java.util.Objects::isNull);
    List<String> reasons = new ArrayList<>();
    boolean passed = !kinds.isEmpty();
    if (kinds.isEmpty()) {
      reasons.add("no traffic was measured for maxRefusedShare");
    }
    for (var entry : kinds.entrySet()) {
      Double share = entry.getValue().getRefusedShare();
      boolean ok = share != null && share <= max;
      passed &= ok;
      reasons.add(
          String.format(
              Locale.ROOT,
              "%s refused share %s <= %.4g: %s",
              entry.getKey(),
              share == null ? "n/a" : String.format(Locale.ROOT, "%.4g", share),
              max,
              ok ? "ok" : "missed"));
    }
    return new OperationVerdicts.Judgement(passed, reasons);
  }
}

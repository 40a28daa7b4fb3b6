package io.chatnet.operator.experiment;

import io.chatnet.operator.api.ExperimentCriteria;
import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.TrafficResult;
import io.chatnet.operator.api.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Judges chat results (one-to-one and private groups) against the criteria. A kind with no receipts
 * expected fails a delivery criterion: absence of data is not a pass.
 */
public final class VerdictJudge {
  public static final String PASSED = "Passed";
  public static final String FAILED = "Failed";
  public static final String NO_CRITERIA = "NoCriteria";

  private VerdictJudge() {}

  public static Verdict judge(ExperimentCriteria criteria, ExperimentResults results) {
    Verdict verdict = new Verdict();
    if (criteria == null
        || (criteria.getMinDeliveryRatio() == null
            && criteria.getMaxLatencyP95Millis() == null
            && criteria.getMaxLatencyP99Millis() == null)) {
      verdict.setResult(NO_CRITERIA);
      return verdict;
    }
    Map<String, TrafficResult> chats = new LinkedHashMap<>();
    if (results != null) {
      chats.put("oneToOne", results.getOneToOne());
      chats.put("privateGroups", results.getPrivateGroups());
    }
    chats.values().removeIf(java.util.Objects::isNull);
    List<String> reasons = new ArrayList<>();
    boolean passed = !chats.isEmpty();
    if (chats.isEmpty()) {
      reasons.add("no chat traffic was measured");
    }
    for (var entry : chats.entrySet()) {
      String kind = entry.getKey();
      TrafficResult r = entry.getValue();
      if (criteria.getMinDeliveryRatio() != null) {
        boolean ok =
            r.getDeliveryRatio() != null && r.getDeliveryRatio() >= criteria.getMinDeliveryRatio();
        passed &= ok;
        reasons.add(
            line(
                kind,
                "delivery ratio",
                r.getDeliveryRatio(),
                ">=",
                criteria.getMinDeliveryRatio(),
                ok));
      }
      if (criteria.getMaxLatencyP95Millis() != null) {
        boolean ok =
            r.getLatencyP95Millis() != null
                && r.getLatencyP95Millis() <= criteria.getMaxLatencyP95Millis();
        passed &= ok;
        reasons.add(
            line(
                kind,
                "latency p95 ms",
                r.getLatencyP95Millis(),
                "<=",
                criteria.getMaxLatencyP95Millis(),
                ok));
      }
      if (criteria.getMaxLatencyP99Millis() != null) {
        boolean ok =
            r.getLatencyP99Millis() != null
                && r.getLatencyP99Millis() <= criteria.getMaxLatencyP99Millis();
        passed &= ok;
        reasons.add(
            line(
                kind,
                "latency p99 ms",
                r.getLatencyP99Millis(),
                "<=",
                criteria.getMaxLatencyP99Millis(),
                ok));
      }
    }
    verdict.setResult(passed ? PASSED : FAILED);
    verdict.setReasons(reasons);
    return verdict;
  }

  private static String line(
      String kind, String what, Double value, String op, Double limit, boolean ok) {
    return String.format(
        Locale.ROOT,
        "%s %s %s %s %s: %s",
        kind,
        what,
        value == null ? "n/a" : String.format(Locale.ROOT, "%.4g", value),
        op,
        String.format(Locale.ROOT, "%.4g", limit),
        ok ? "ok" : "missed");
  }
}

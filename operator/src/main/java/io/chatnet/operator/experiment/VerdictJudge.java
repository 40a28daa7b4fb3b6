package io.chatnet.operator.experiment;

import io.chatnet.operator.api.ExperimentCriteria;
import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.TrafficMetrics;
import io.chatnet.operator.api.TrafficResult;
import io.chatnet.operator.api.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Judges chat results (one-to-one and private groups) against the criteria. A kind with no receipts
 * expected fails a delivery criterion: absence of data is not a pass. Delivery comes from the load
 * generators' summaries (exact per message); latency from the merged Prometheus histograms when the
 * analyzer read them, per client kind, else from the summaries (every shard's latency histogram
 * added together by SummaryAggregator: within 1% of the whole experiment's exact percentiles). A
 * kind whose load generators dropped sends (their bound of outstanding sends reached) fails: its
 * figures are those of a lower load than the one asked for.
 */
public final class VerdictJudge {
  public static final String PASSED = "Passed";
  public static final String FAILED = "Failed";
  public static final String NO_CRITERIA = "NoCriteria";

  /** The criteria held for the shards that reported, but some shards failed. */
  public static final String INCOMPLETE = "Incomplete";

  private VerdictJudge() {}

  public static Verdict judge(ExperimentCriteria criteria, ExperimentResults results) {
    Verdict verdict = new Verdict();
    boolean chatCriteria =
        criteria != null
            && (criteria.getMinDeliveryRatio() != null
                || criteria.getMaxLatencyP95Millis() != null
                || criteria.getMaxLatencyP99Millis() != null);
    if (!chatCriteria && !OperationVerdicts.any(criteria) && !RefusalVerdicts.any(criteria)) {
      verdict.setResult(NO_CRITERIA);
      return verdict;
    }
    List<String> reasons = new ArrayList<>();
    boolean passed = true;
    if (OperationVerdicts.any(criteria)) {
      OperationVerdicts.Judgement ops =
          OperationVerdicts.judge(criteria, results == null ? null : results.getOperations());
      passed = ops.passed();
      reasons.addAll(ops.reasons());
    }
    if (RefusalVerdicts.any(criteria)) {
      OperationVerdicts.Judgement refusals = RefusalVerdicts.judge(criteria, results);
      passed &= refusals.passed();
      reasons.addAll(refusals.reasons());
    }
    if (!chatCriteria) {
      verdict.setResult(passed ? PASSED : FAILED);
      verdict.setReasons(reasons);
      return verdict;
    }
    Map<String, TrafficResult> chats = new LinkedHashMap<>();
    if (results != null) {
      chats.put("oneToOne", results.getOneToOne());
      chats.put("privateGroups", results.getPrivateGroups());
    }
    chats.values().removeIf(java.util.Objects::isNull);
    passed &= !chats.isEmpty();
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
      passed &= offeredLoad(kind, r, reasons);
      List<TrafficMetrics> merged = mergedLatency(results, kind);
      if (merged.isEmpty()) {
        passed &=
            latency(kind, "", r.getLatencyP95Millis(), r.getLatencyP99Millis(), criteria, reasons);
      }
      for (TrafficMetrics row : merged) {
        passed &=
            latency(
                kind + "/" + row.getClientKind(),
                " (merged histogram)",
                row.getLatencyP95Millis(),
                row.getLatencyP99Millis(),
                criteria,
                reasons);
      }
    }
    verdict.setResult(passed ? PASSED : FAILED);
    verdict.setReasons(reasons);
    return verdict;
  }

  /**
   * The offered load was reached unless sends were dropped; summaries from before the bound carry
   * no count (null) and say nothing either way, and a run with none adds no line.
   */
  private static boolean offeredLoad(String kind, TrafficResult r, List<String> reasons) {
    if (r.getDropped() == null || r.getDropped() == 0) {
      return true;
    }
    reasons.add(
        String.format(
            Locale.ROOT,
            "%s sends dropped %d of %d due (a load generator's outstanding sends at its bound):"
                + " offered load not reached: missed",
            kind,
            r.getDropped(),
            r.getSent()
                + r.getFailed()
                + (r.getRefused() == null ? 0 : r.getRefused())
                + r.getDropped()));
    return false;
  }

  /**
   * Latency from the load generators' merged Prometheus histograms, one row per client kind, when
   * the analyzer found any: per client kind, which the summaries do not split.
   */
  static List<TrafficMetrics> mergedLatency(ExperimentResults results, String kind) {
    if (results == null || results.getMetrics() == null) {
      return List.of();
    }
    return results.getMetrics().getTraffic().stream()
        .filter(t -> kind.equals(t.getKind()))
        .filter(t -> t.getLatencyP95Millis() != null || t.getLatencyP99Millis() != null)
        .toList();
  }

  private static boolean latency(
      String kind,
      String source,
      Double p95,
      Double p99,
      ExperimentCriteria criteria,
      List<String> reasons) {
    boolean passed = true;
    if (criteria.getMaxLatencyP95Millis() != null) {
      boolean ok = p95 != null && p95 <= criteria.getMaxLatencyP95Millis();
      passed &= ok;
      reasons.add(
          line(kind, "latency p95 ms" + source, p95, "<=", criteria.getMaxLatencyP95Millis(), ok));
    }
    if (criteria.getMaxLatencyP99Millis() != null) {
      boolean ok = p99 != null && p99 <= criteria.getMaxLatencyP99Millis();
      passed &= ok;
      reasons.add(
          line(kind, "latency p99 ms" + source, p99, "<=", criteria.getMaxLatencyP99Millis(), ok));
    }
    return passed;
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

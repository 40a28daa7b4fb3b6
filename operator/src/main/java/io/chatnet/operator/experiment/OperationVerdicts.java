package io.chatnet.operator.experiment;

import io.chatnet.operator.api.CatchUpResult;
import io.chatnet.operator.api.ContactRequestResult;
import io.chatnet.operator.api.ExperimentCriteria;
import io.chatnet.operator.api.GroupCreationResult;
import io.chatnet.operator.api.LatencyPercentiles;
import io.chatnet.operator.api.OperationResults;
import io.chatnet.operator.api.OperationTiming;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Judges the measured operations against their criteria (login, contact requests, group creation,
 * catch-up), each per client kind (and offline length). A criterion with no figures to judge fails:
 * absence of data is not a pass. Pure.
 */
final class OperationVerdicts {
  /** Whether the criteria hold, and one line per row judged. */
  record Judgement(boolean passed, List<String> reasons) {}

  private OperationVerdicts() {}

  static boolean any(ExperimentCriteria c) {
    return c != null
        && (c.getMinContactRequestDeliveredRatio() != null
            || c.getMinContactRequestSuccessRate() != null
            || c.getMaxContactRequestRoundTripP95Millis() != null
            || c.getMaxGroupCreationP95Millis() != null
            || c.getMaxLoginP95Millis() != null
            || c.getMaxCatchUpP95Millis() != null
            || c.getMaxNeverArrivedRatio() != null);
  }

  static Judgement judge(ExperimentCriteria c, OperationResults ops) {
    List<String> reasons = new ArrayList<>();
    boolean passed = true;
    List<ContactRequestResult> contacts = ops == null ? List.of() : ops.getContactRequests();
    List<OperationTiming> logins = ops == null ? List.of() : ops.getLogin();
    List<GroupCreationResult> groups = ops == null ? List.of() : ops.getGroupCreation();
    List<CatchUpResult> catchUp = ops == null ? List.of() : ops.getCatchUp();
    passed &=
        rows(
            "contact requests",
            contacts,
            ContactRequestResult::getClientKind,
            r -> r.getDeliveredRatio(),
            "delivered ratio",
            c.getMinContactRequestDeliveredRatio(),
            true,
            reasons);
    passed &=
        rows(
            "contact requests",
            contacts,
            ContactRequestResult::getClientKind,
            r -> r.getSuccessRate(),
            "success rate",
            c.getMinContactRequestSuccessRate(),
            true,
            reasons);
    passed &=
        rows(
            "contact requests",
            contacts,
            ContactRequestResult::getClientKind,
            r -> p95(r.getRoundTrip()),
            "round trip p95 ms",
            c.getMaxContactRequestRoundTripP95Millis(),
            false,
            reasons);
    passed &=
        rows(
            "group creation",
            groups,
            GroupCreationResult::getClientKind,
            r -> p95(r.getTime()),
            "p95 ms",
            c.getMaxGroupCreationP95Millis(),
            false,
            reasons);
    passed &=
        rows(
            "login",
            logins,
            OperationTiming::getClientKind,
            r -> p95(r.getTime()),
            "p95 ms",
            c.getMaxLoginP95Millis(),
            false,
            reasons);
    Function<CatchUpResult, String> spell =
        r -> r.getClientKind() + ", " + r.getOfflineSeconds() + " s offline";
    passed &=
        rows(
            "catch-up",
            catchUp,
            spell,
            r -> p95(r.getTime()),
            "p95 ms",
            c.getMaxCatchUpP95Millis(),
            false,
            reasons);
    passed &=
        rows(
            "catch-up",
            catchUp,
            spell,
            CatchUpResult::getNeverArrivedRatio,
            "never-arrived ratio",
            c.getMaxNeverArrivedRatio(),
            false,
            reasons);
    return new Judgement(passed, reasons);
  }

  private static Double p95(LatencyPercentiles p) {
    return p == null ? null : p.getP95Millis();
  }

  private static <R> boolean rows(
      String what,
      List<R> rows,
      Function<R, String> name,
      Function<R, Double> value,
      String figure,
      Double limit,
      boolean atLeast,
      List<String> reasons) {
    if (limit == null) {
      return true;
    }
    String op = atLeast ? ">=" : "<=";
    if (rows.isEmpty()) {
      reasons.add(
          String.format(
              Locale.ROOT,
              "%s %s n/a %s %.4g: missed (nothing measured)",
              what,
              figure,
              op,
              limit));
      return false;
    }
    boolean passed = true;
    for (R row : rows) {
      Double v = value.apply(row);
      boolean ok = v != null && (atLeast ? v >= limit : v <= limit);
      passed &= ok;
      reasons.add(
          String.format(
              Locale.ROOT,
              "%s (%s) %s %s %s %.4g: %s",
              what,
              name.apply(row),
              figure,
              v == null ? "n/a" : String.format(Locale.ROOT, "%.4g", v),
              op,
              limit,
              ok ? "ok" : "missed"));
    }
    return passed;
  }
}

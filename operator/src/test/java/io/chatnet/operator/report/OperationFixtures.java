package io.chatnet.operator.report;

import io.chatnet.operator.api.CatchUpResult;
import io.chatnet.operator.api.ContactRequestResult;
import io.chatnet.operator.api.GroupCreationResult;
import io.chatnet.operator.api.LatencyPercentiles;
import io.chatnet.operator.api.OperationResults;
import io.chatnet.operator.api.OperationTiming;
import io.chatnet.operator.api.PhaseWindow;
import io.chatnet.operator.api.RoleCounts;
import java.util.List;

/** Measured operations for both client kinds and two offline lengths, each figure distinct. */
final class OperationFixtures {
  private OperationFixtures() {}

  static LatencyPercentiles time(double p50) {
    LatencyPercentiles t = new LatencyPercentiles();
    t.setCount(40L);
    t.setP50Millis(p50);
    t.setP95Millis(p50 * 2.5);
    t.setP99Millis(p50 * 3.5);
    t.setMaxMillis(p50 * 5);
    return t;
  }

  static OperationResults operations() {
    OperationResults ops = new OperationResults();
    for (String kind : List.of("desktop", "mobile")) {
      boolean mobile = kind.equals("mobile");
      OperationTiming login = new OperationTiming();
      login.setClientKind(kind);
      login.setAttempted(mobile ? 110L : 101L);
      login.setSucceeded(mobile ? 108L : 101L);
      login.setFailed(mobile ? 2L : 0L);
      login.setTime(time(mobile ? 2_400 : 1_300));
      ops.getLogin().add(login);

      ContactRequestResult c = new ContactRequestResult();
      c.setClientKind(kind);
      c.setPlanned(75L);
      c.setSent(75L);
      c.setFailed(0L);
      c.setDelivered(mobile ? 71L : 74L);
      c.setAccepted(mobile ? 23L : 25L);
      c.setDeclined(25L);
      c.setIgnored(mobile ? 21L : 24L);
      c.setUnanswered(mobile ? 6L : 1L);
      c.setAnswerFailed(0L);
      c.setUndelivered(0L);
      c.setSuccessRate(mobile ? 69 / 75.0 : 74 / 75.0);
      c.setDeliveredRatio(mobile ? 71 / 75.0 : 74 / 75.0);
      c.setRoundTrip(time(mobile ? 3_100 : 900));
      c.setDelivery(time(mobile ? 1_200 : 400));
      ops.getContactRequests().add(c);

      for (int offline : List.of(30, 120)) {
        CatchUpResult r = new CatchUpResult();
        r.setClientKind(kind);
        r.setOfflineSeconds(offline);
        r.setSpells(12L);
        r.setSpellsWithMissed(11L);
        r.setCaughtUp(10L);
        r.setMissed(offline * 2L);
        r.setArrived(offline * 2L - (mobile ? 3 : 1));
        r.setNeverArrived(mobile ? 3L : 1L);
        r.setNeverArrivedRatio((mobile ? 3.0 : 1.0) / (offline * 2));
        r.setWindowSeconds(180L);
        r.setTime(time(offline * (mobile ? 40.0 : 15.0)));
        ops.getCatchUp().add(r);
      }
    }
    GroupCreationResult g = new GroupCreationResult();
    g.setClientKind("desktop");
    g.setAttempted(10L);
    g.setCreated(10L);
    g.setFailed(0L);
    g.setComplete(9L);
    g.setIncomplete(1L);
    g.setTime(time(4_200));
    ops.getGroupCreation().add(g);
    PhaseWindow idle = new PhaseWindow();
    idle.setPhase("idle");
    idle.setFrom("2026-12-02T00:02:00Z");
    idle.setTo("2026-12-02T00:12:00Z");
    ops.getPhases().add(idle);
    RoleCounts roles = new RoleCounts();
    roles.setSenders(50L);
    roles.setSilent(50L);
    roles.setUnchatting(50L);
    ops.setRoles(roles);
    return ops;
  }
}

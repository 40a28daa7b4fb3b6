package io.chatnet.operator.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ContactRequestResult;
import io.chatnet.operator.api.ExperimentCriteria;
import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.LatencyPercentiles;
import io.chatnet.operator.api.OperationResults;
import io.chatnet.operator.api.Verdict;
import org.junit.jupiter.api.Test;

/** The operations' criteria: judged per client kind, nothing measured is no pass. */
class OperationVerdictsTest {
  static ExperimentResults results(double successRate, double roundTripP95) {
    ContactRequestResult r = new ContactRequestResult();
    r.setClientKind("mobile");
    r.setSuccessRate(successRate);
    LatencyPercentiles t = new LatencyPercentiles();
    t.setP95Millis(roundTripP95);
    r.setRoundTrip(t);
    ExperimentResults results = new ExperimentResults();
    results.setOperations(new OperationResults());
    results.getOperations().getContactRequests().add(r);
    return results;
  }

  @Test
  void contactRequestCriteriaAloneNeedNoChatTraffic() {
    ExperimentCriteria c = new ExperimentCriteria();
    c.setMinContactRequestSuccessRate(0.9);
    c.setMaxContactRequestRoundTripP95Millis(5000.0);
    Verdict passed = VerdictJudge.judge(c, results(0.95, 4000));
    assertThat(passed.getResult()).isEqualTo(VerdictJudge.PASSED);
    assertThat(passed.getReasons())
        .containsExactly(
            "contact requests (mobile) success rate 0.9500 >= 0.9000: ok",
            "contact requests (mobile) round trip p95 ms 4000 <= 5000: ok");

    Verdict slow = VerdictJudge.judge(c, results(0.95, 6000));
    assertThat(slow.getResult()).isEqualTo(VerdictJudge.FAILED);
    assertThat(slow.getReasons()).anyMatch(l -> l.endsWith("6000 <= 5000: missed"));
  }

  @Test
  void aCriterionWithNothingMeasuredFails() {
    ExperimentCriteria c = new ExperimentCriteria();
    c.setMaxCatchUpP95Millis(1000.0);
    Verdict v = VerdictJudge.judge(c, results(1, 1));
    assertThat(v.getResult()).isEqualTo(VerdictJudge.FAILED);
    assertThat(v.getReasons())
        .containsExactly("catch-up p95 ms n/a <= 1000: missed (nothing measured)");
    assertThat(VerdictJudge.judge(c, null).getResult()).isEqualTo(VerdictJudge.FAILED);
  }

  @Test
  void chatCriteriaStillNeedChatTraffic() {
    ExperimentCriteria c = new ExperimentCriteria();
    c.setMinDeliveryRatio(0.99);
    c.setMinContactRequestSuccessRate(0.9);
    Verdict v = VerdictJudge.judge(c, results(0.95, 1));
    assertThat(v.getResult()).isEqualTo(VerdictJudge.FAILED);
    assertThat(v.getReasons()).contains("no chat traffic was measured");
  }
}

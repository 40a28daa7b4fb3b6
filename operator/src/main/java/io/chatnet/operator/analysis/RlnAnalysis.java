package io.chatnet.operator.analysis;

import io.chatnet.operator.analysis.PrometheusClient.Sample;
import io.chatnet.operator.api.RlnMetrics;
import java.util.List;

/**
 * The network's RLN figures over the window ({@link MetricNames}' RLN series, every version's
 * spelling). Null when no node verified a proof or validated a message in the window (a network
 * without RLN: its nodes still expose the RLN metrics, at zero): absent, never zero-filled; each
 * figure without series stays null.
 */
final class RlnAnalysis {
  /** Runs one PromQL query at the window's end (the analyzer's budgeted query). */
  interface Query {
    List<Sample> run(String promql) throws PrometheusException;
  }

  private RlnAnalysis() {}

  /** The RLN queries, in the order {@link #read} uses their answers. */
  static List<String> queries(PromQl promql) {
    return List.of(
        promql.networkIncrease(MetricNames.RLN_VALID_MESSAGES),
        promql.networkIncrease(MetricNames.RLN_INVALID_MESSAGES),
        promql.networkIncrease(MetricNames.RLN_SPAM_MESSAGES),
        promql.networkIncrease(MetricNames.RLN_PROOF_VERIFICATIONS),
        promql.networkGauge(MetricNames.RLN_PROOF_VERIFICATION_SECONDS, "avg", "avg"),
        promql.networkGauge(MetricNames.RLN_PROOF_VERIFICATION_SECONDS, "max", "max"),
        promql.networkGauge(MetricNames.RLN_PROOF_GENERATION_SECONDS, "avg", "avg"),
        promql.rlnRemainingProofs());
  }

  static RlnMetrics read(PromQl promql, Query query) throws PrometheusException {
    List<Double> v = new java.util.ArrayList<>();
    for (String q : queries(promql)) {
      v.add(value(query.run(q)));
    }
    RlnMetrics rln = new RlnMetrics();
    rln.setValidMessages(round(v.get(0)));
    rln.setInvalidMessages(round(v.get(1)));
    rln.setSpamMessages(round(v.get(2)));
    rln.setProofsVerified(round(v.get(3)));
    rln.setProofVerificationSecondsMean(v.get(4));
    rln.setProofVerificationSecondsMax(v.get(5));
    rln.setProofGenerationSecondsMean(v.get(6));
    rln.setRemainingProofsMin(round(v.get(7)));
    if (rln.getProofsVerified() != null && rln.getProofVerificationSecondsMean() != null) {
      rln.setVerificationSecondsEstimate(
          rln.getProofsVerified() * rln.getProofVerificationSecondsMean());
    }
    // Every nwaku exposes its RLN metrics (declared at module level), at zero without RLN: the
    // network did RLN work only if some node verified a proof or validated a message.
    boolean validated = positive(rln.getProofsVerified()) || positive(rln.getValidMessages());
    return validated ? rln : null;
  }

  private static Double value(List<Sample> samples) {
    return samples.isEmpty() || !Double.isFinite(samples.get(0).value())
        ? null
        : samples.get(0).value();
  }

  private static boolean positive(Long n) {
    return n != null && n > 0;
  }

  private static Long round(Double v) {
    return v == null ? null : Math.round(v);
  }
}

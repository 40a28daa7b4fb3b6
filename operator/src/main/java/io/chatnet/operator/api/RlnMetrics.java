package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/**
 * What RLN cost and caught in the window, from the nodes' RLN metrics (present only when the
 * network's nodes expose them; a figure without series stays absent, never zero).
 */
@Data
public class RlnMetrics {
  @JsonPropertyDescription(
      "Messages whose RLN proof validated, over all nodes (v0.36: the valid-messages histogram's"
          + " count; v0.37+: the counter).")
  private Long validMessages;

  @JsonPropertyDescription(
      "Messages rejected as RLN-invalid (timestamp, root or proof), over all nodes.")
  private Long invalidMessages;

  @JsonPropertyDescription("Messages detected as spam (a rate-limit breach), over all nodes.")
  private Long spamMessages;

  @JsonPropertyDescription("RLN proofs verified, over all nodes.")
  private Long proofsVerified;

  @JsonPropertyDescription("Mean proof verification time, seconds (gauge averaged over nodes).")
  private Double proofVerificationSecondsMean;

  @JsonPropertyDescription("Longest proof verification time seen, seconds.")
  private Double proofVerificationSecondsMax;

  @JsonPropertyDescription(
      "Proof verification time spent by all nodes, seconds: proofs verified times the mean"
          + " verification time (an estimate of RLN validation CPU).")
  private Double verificationSecondsEstimate;

  @JsonPropertyDescription("Mean proof generation time of publishing nodes, seconds.")
  private Double proofGenerationSecondsMean;

  @JsonPropertyDescription(
      "Fewest proofs any publishing node had left in an epoch (0: some node hit its limit).")
  private Long remainingProofsMin;
}

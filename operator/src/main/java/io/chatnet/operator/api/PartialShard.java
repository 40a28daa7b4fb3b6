package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/**
 * A shard that measured less than the planned window: retried after its pod was killed (the killed
 * attempt's summary was never written, so its sends count nowhere) and joined late.
 */
@Data
public class PartialShard {
  @JsonPropertyDescription("The shard's index (JOB_COMPLETION_INDEX).")
  private int index;

  @JsonPropertyDescription(
      "Its pod attempts that failed before the one that reported (a killed pod exits 137), with"
          + " their reasons; empty when the failed pod is gone (deleted with its node).")
  private String failedAttempts;

  @JsonPropertyDescription("When its measurement actually began (the reporting attempt's).")
  private String measuredFrom;

  @JsonPropertyDescription("When its measurement ended.")
  private String measuredTo;

  @JsonPropertyDescription("The share of the planned measured window it covered, 0 to 1.")
  private double coveredShare;
}

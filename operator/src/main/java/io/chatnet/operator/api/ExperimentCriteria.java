package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import lombok.Data;

/** Thresholds the results are judged against; each applies to every kind of chat traffic. */
@Data
public class ExperimentCriteria {
  @JsonPropertyDescription("Lowest acceptable delivery ratio (received over expected), 0 to 1.")
  @Min(0)
  @Max(1)
  private Double minDeliveryRatio;

  @JsonPropertyDescription(
      "Highest acceptable 95th-percentile end-to-end latency, milliseconds (above 0).")
  @Min(value = 0, inclusive = false)
  private Double maxLatencyP95Millis;

  @JsonPropertyDescription(
      "Highest acceptable 99th-percentile end-to-end latency, milliseconds (above 0).")
  @Min(value = 0, inclusive = false)
  private Double maxLatencyP99Millis;
}

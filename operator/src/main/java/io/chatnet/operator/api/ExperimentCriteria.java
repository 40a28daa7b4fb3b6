package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Thresholds the results are judged against; each applies to every kind of chat traffic. */
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

  public Double getMinDeliveryRatio() {
    return minDeliveryRatio;
  }

  public void setMinDeliveryRatio(Double minDeliveryRatio) {
    this.minDeliveryRatio = minDeliveryRatio;
  }

  public Double getMaxLatencyP95Millis() {
    return maxLatencyP95Millis;
  }

  public void setMaxLatencyP95Millis(Double maxLatencyP95Millis) {
    this.maxLatencyP95Millis = maxLatencyP95Millis;
  }

  public Double getMaxLatencyP99Millis() {
    return maxLatencyP99Millis;
  }

  public void setMaxLatencyP99Millis(Double maxLatencyP99Millis) {
    this.maxLatencyP99Millis = maxLatencyP99Millis;
  }
}

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

  @JsonPropertyDescription(
      "Lowest acceptable share of planned contact requests that reached their target, 0 to 1, per"
          + " requester kind.")
  @Min(0)
  @Max(1)
  private Double minContactRequestDeliveredRatio;

  @JsonPropertyDescription(
      "Lowest acceptable contact-request success rate (accepted, declined or ignored as planned, over"
          + " planned requests), 0 to 1, per requester kind.")
  @Min(0)
  @Max(1)
  private Double minContactRequestSuccessRate;

  @JsonPropertyDescription(
      "Highest acceptable 95th-percentile contact-request round trip (send to acceptance back),"
          + " milliseconds, per client kind.")
  @Min(value = 0, inclusive = false)
  private Double maxContactRequestRoundTripP95Millis;

  @JsonPropertyDescription(
      "Highest acceptable 95th-percentile group creation time (create call to the last member"
          + " seeing the group), milliseconds.")
  @Min(value = 0, inclusive = false)
  private Double maxGroupCreationP95Millis;

  @JsonPropertyDescription(
      "Highest acceptable 95th-percentile login time, milliseconds, per client kind.")
  @Min(value = 0, inclusive = false)
  private Double maxLoginP95Millis;

  @JsonPropertyDescription(
      "Highest acceptable 95th-percentile catch-up time (back online to a missed message"
          + " arriving), milliseconds, per client kind and offline length.")
  @Min(value = 0, inclusive = false)
  private Double maxCatchUpP95Millis;

  @JsonPropertyDescription(
      "Highest acceptable share of messages missed while offline that never arrived, 0 to 1, per"
          + " client kind and offline length.")
  @Min(0)
  @Max(1)
  private Double maxNeverArrivedRatio;

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

  public Double getMinContactRequestDeliveredRatio() {
    return minContactRequestDeliveredRatio;
  }

  public void setMinContactRequestDeliveredRatio(Double minContactRequestDeliveredRatio) {
    this.minContactRequestDeliveredRatio = minContactRequestDeliveredRatio;
  }

  public Double getMinContactRequestSuccessRate() {
    return minContactRequestSuccessRate;
  }

  public void setMinContactRequestSuccessRate(Double minContactRequestSuccessRate) {
    this.minContactRequestSuccessRate = minContactRequestSuccessRate;
  }

  public Double getMaxContactRequestRoundTripP95Millis() {
    return maxContactRequestRoundTripP95Millis;
  }

  public void setMaxContactRequestRoundTripP95Millis(Double maxContactRequestRoundTripP95Millis) {
    this.maxContactRequestRoundTripP95Millis = maxContactRequestRoundTripP95Millis;
  }

  public Double getMaxGroupCreationP95Millis() {
    return maxGroupCreationP95Millis;
  }

  public void setMaxGroupCreationP95Millis(Double maxGroupCreationP95Millis) {
    this.maxGroupCreationP95Millis = maxGroupCreationP95Millis;
  }

  public Double getMaxLoginP95Millis() {
    return maxLoginP95Millis;
  }

  public void setMaxLoginP95Millis(Double maxLoginP95Millis) {
    this.maxLoginP95Millis = maxLoginP95Millis;
  }

  public Double getMaxCatchUpP95Millis() {
    return maxCatchUpP95Millis;
  }

  public void setMaxCatchUpP95Millis(Double maxCatchUpP95Millis) {
    this.maxCatchUpP95Millis = maxCatchUpP95Millis;
  }

  public Double getMaxNeverArrivedRatio() {
    return maxNeverArrivedRatio;
  }

  public void setMaxNeverArrivedRatio(Double maxNeverArrivedRatio) {
    this.maxNeverArrivedRatio = maxNeverArrivedRatio;
  }
}

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

  @JsonPropertyDescription(
      "Highest acceptable share of sends refused by the RLN rate limit (refused over sent, failed"
          + " and refused), 0 to 1, per traffic kind (one-to-one, private groups and relay).")
  @Min(0)
  @Max(1)
  private Double maxRefusedShare;

  @JsonPropertyDescription(
      "Lowest acceptable share of the planned shard-windows that was measured, 0 to 1 (status"
          + " shards.coveredShare): shards lost beyond their retries count 0, a retried shard that"
          + " joined late its covered part. Unset: any missing share makes a verdict that would"
          + " pass Incomplete; set: a run that covered at least this share is judged on what was"
          + " measured.")
  @Min(0)
  @Max(1)
  private Double minShardCoverage;
}

package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/**
 * Chat traffic figures from the load generators' metrics: counters summed and latency histograms
 * merged over every shard, so the percentiles cover all shards at once.
 */
@Data
public class TrafficMetrics {
  @JsonPropertyDescription("Traffic kind: oneToOne, privateGroups or relay.")
  private String kind;

  @JsonPropertyDescription(
      "Client kind: desktop (relay) or mobile (light client); relay for raw relay publishes. Sent"
          + " counts by the sender's kind, received, expected and latency by the receiver's.")
  private String clientKind;

  @JsonPropertyDescription("Messages sent in the window.")
  private Long sent;

  @JsonPropertyDescription(
      "First receipts in the window (of messages sent in the window; receipts after its end are"
          + " not counted here).")
  private Long received;

  @JsonPropertyDescription("Receipts expected in the window.")
  private Long expected;

  @JsonPropertyDescription("received / expected.")
  private Double deliveryRatio;

  @JsonPropertyDescription("Median end-to-end latency, ms, from the merged histogram.")
  private Double latencyP50Millis;

  @JsonPropertyDescription("95th-percentile latency, ms, from the merged histogram.")
  private Double latencyP95Millis;

  @JsonPropertyDescription("99th-percentile latency, ms, from the merged histogram.")
  private Double latencyP99Millis;
}

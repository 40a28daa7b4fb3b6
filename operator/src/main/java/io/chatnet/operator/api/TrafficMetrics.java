package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Chat traffic figures from the load generators' metrics: counters summed and latency histograms
 * merged over every shard, so the percentiles cover all shards at once.
 */
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

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getClientKind() {
    return clientKind;
  }

  public void setClientKind(String clientKind) {
    this.clientKind = clientKind;
  }

  public Long getSent() {
    return sent;
  }

  public void setSent(Long sent) {
    this.sent = sent;
  }

  public Long getReceived() {
    return received;
  }

  public void setReceived(Long received) {
    this.received = received;
  }

  public Long getExpected() {
    return expected;
  }

  public void setExpected(Long expected) {
    this.expected = expected;
  }

  public Double getDeliveryRatio() {
    return deliveryRatio;
  }

  public void setDeliveryRatio(Double deliveryRatio) {
    this.deliveryRatio = deliveryRatio;
  }

  public Double getLatencyP50Millis() {
    return latencyP50Millis;
  }

  public void setLatencyP50Millis(Double latencyP50Millis) {
    this.latencyP50Millis = latencyP50Millis;
  }

  public Double getLatencyP95Millis() {
    return latencyP95Millis;
  }

  public void setLatencyP95Millis(Double latencyP95Millis) {
    this.latencyP95Millis = latencyP95Millis;
  }

  public Double getLatencyP99Millis() {
    return latencyP99Millis;
  }

  public void setLatencyP99Millis(Double latencyP99Millis) {
    this.latencyP99Millis = latencyP99Millis;
  }
}

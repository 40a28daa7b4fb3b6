package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Figures of one kind of traffic over the measured window. */
public class TrafficResult {
  @JsonPropertyDescription("Messages sent in the window.")
  private long sent;

  @JsonPropertyDescription("Sends refused by the client or node.")
  private long failed;

  @JsonPropertyDescription("Receipts expected (one per intended receiver).")
  private long expected;

  @JsonPropertyDescription("First receipts seen.")
  private long received;

  @JsonPropertyDescription("Repeated receipts.")
  private long duplicates;

  @JsonPropertyDescription("Expected receipts never seen.")
  private long lost;

  @JsonPropertyDescription("Receipts after the window's end.")
  private long late;

  @JsonPropertyDescription(
      "Receipts that could not be observed (relay traffic: a receiving node's message cache"
          + " overflowed or a read failed); left out of expected and lost.")
  private long unknown;

  @JsonPropertyDescription("received / expected.")
  private Double deliveryRatio;

  @JsonPropertyDescription(
      "Median end-to-end latency, ms (the largest shard median: an upper bound).")
  private Double latencyP50Millis;

  @JsonPropertyDescription("95th-percentile latency, ms (the largest shard value: an upper bound).")
  private Double latencyP95Millis;

  @JsonPropertyDescription("99th-percentile latency, ms (the largest shard value: an upper bound).")
  private Double latencyP99Millis;

  @JsonPropertyDescription("Largest latency seen, ms.")
  private Double latencyMaxMillis;

  public long getSent() {
    return sent;
  }

  public void setSent(long sent) {
    this.sent = sent;
  }

  public long getFailed() {
    return failed;
  }

  public void setFailed(long failed) {
    this.failed = failed;
  }

  public long getExpected() {
    return expected;
  }

  public void setExpected(long expected) {
    this.expected = expected;
  }

  public long getReceived() {
    return received;
  }

  public void setReceived(long received) {
    this.received = received;
  }

  public long getDuplicates() {
    return duplicates;
  }

  public void setDuplicates(long duplicates) {
    this.duplicates = duplicates;
  }

  public long getLost() {
    return lost;
  }

  public void setLost(long lost) {
    this.lost = lost;
  }

  public long getLate() {
    return late;
  }

  public void setLate(long late) {
    this.late = late;
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

  public Double getLatencyMaxMillis() {
    return latencyMaxMillis;
  }

  public void setLatencyMaxMillis(Double latencyMaxMillis) {
    this.latencyMaxMillis = latencyMaxMillis;
  }

  public long getUnknown() {
    return unknown;
  }

  public void setUnknown(long unknown) {
    this.unknown = unknown;
  }
}

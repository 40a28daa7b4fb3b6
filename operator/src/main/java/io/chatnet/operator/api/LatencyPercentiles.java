package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Percentiles of a timed operation, milliseconds, from the shards' histograms added together. */
public class LatencyPercentiles {
  @JsonPropertyDescription("How many timings the percentiles cover.")
  private Long count;

  @JsonPropertyDescription("Median, ms.")
  private Double p50Millis;

  @JsonPropertyDescription("95th percentile, ms.")
  private Double p95Millis;

  @JsonPropertyDescription("99th percentile, ms.")
  private Double p99Millis;

  @JsonPropertyDescription("Longest, ms.")
  private Double maxMillis;

  public Long getCount() {
    return count;
  }

  public void setCount(Long count) {
    this.count = count;
  }

  public Double getP50Millis() {
    return p50Millis;
  }

  public void setP50Millis(Double p50Millis) {
    this.p50Millis = p50Millis;
  }

  public Double getP95Millis() {
    return p95Millis;
  }

  public void setP95Millis(Double p95Millis) {
    this.p95Millis = p95Millis;
  }

  public Double getP99Millis() {
    return p99Millis;
  }

  public void setP99Millis(Double p99Millis) {
    this.p99Millis = p99Millis;
  }

  public Double getMaxMillis() {
    return maxMillis;
  }

  public void setMaxMillis(Double maxMillis) {
    this.maxMillis = maxMillis;
  }
}

package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/** Percentiles of a timed operation, milliseconds, from the shards' histograms added together. */
@Data
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
}

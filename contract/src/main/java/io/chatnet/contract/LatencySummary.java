package io.chatnet.contract;

import org.HdrHistogram.Histogram;

/**
 * Latency of first receipts in milliseconds, read from a {@link LatencyHistograms} histogram: each
 * figure is within the histogram's precision (1%; LatencyHistograms) of the exact value. {@code
 * histogram} is the histogram itself, compressed and base64-encoded, so the operator can merge
 * shards exactly; null when a shard's termination message had no room for it.
 */
public record LatencySummary(
    double p50, double p95, double p99, double max, double mean, String histogram) {

  public LatencySummary(double p50, double p95, double p99, double max, double mean) {
    this(p50, p95, p99, max, mean, null);
  }

  /** The figures of {@code micros} (null when it is empty), with the histogram encoded. */
  public static LatencySummary of(Histogram micros) {
    if (micros == null || micros.getTotalCount() == 0) {
      return null;
    }
    return new LatencySummary(
        LatencyHistograms.percentileMillis(micros, 50),
        LatencyHistograms.percentileMillis(micros, 95),
        LatencyHistograms.percentileMillis(micros, 99),
        micros.getMaxValue() / 1000.0, // the highest equivalent value: never below the true max
        Math.round(micros.getMean()) / 1000.0, // to the microsecond: a shorter message
        LatencyHistograms.encode(micros));
  }

  /**
   * The same figures with {@code histogram} instead (null: none; a smaller termination message).
   */
  public LatencySummary withHistogram(String histogram) {
    return new LatencySummary(p50, p95, p99, max, mean, histogram);
  }
}

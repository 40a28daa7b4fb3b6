package io.chatnet.loadgen.measure;

import io.chatnet.contract.LatencyHistograms;
import io.chatnet.contract.LatencySummary;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;

/**
 * Durations of one measured operation by a label (the client kind, or kind and offline length),
 * each in a {@link LatencyHistograms} histogram (1 us to 1 h, 1%), as message latencies are kept.
 */
public final class Timings {
  private final Map<String, Histogram> byLabel = new ConcurrentHashMap<>();

  public void record(String label, long micros) {
    Histogram histogram = byLabel.computeIfAbsent(label, k -> LatencyHistograms.create());
    synchronized (histogram) {
      LatencyHistograms.record(histogram, micros);
    }
  }

  /** The figures recorded under {@code label} (null when none). */
  public LatencySummary summary(String label) {
    Histogram histogram = byLabel.get(label);
    if (histogram == null) {
      return null;
    }
    synchronized (histogram) {
      return LatencySummary.of(histogram);
    }
  }
}

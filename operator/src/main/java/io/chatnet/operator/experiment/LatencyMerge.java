package io.chatnet.operator.experiment;

import io.chatnet.contract.LatencyHistograms;
import io.chatnet.contract.LatencySummary;
import io.chatnet.operator.api.LatencyPercentiles;
import org.HdrHistogram.Histogram;

/**
 * Several shards' latency summaries of one measurement merged as SummaryAggregator merges message
 * latency: the decoded histograms added together (within the histograms' 1% of the exact
 * percentiles over every timing of every shard). When a shard had no room for its histogram, each
 * percentile is the largest shard's: an upper bound, and the count is unknown.
 */
final class LatencyMerge {
  private final Histogram merged = LatencyHistograms.create();
  private boolean allHistograms = true;
  private boolean any;
  private double p50;
  private double p95;
  private double p99;
  private double max;

  void add(LatencySummary summary) {
    if (summary == null) {
      return;
    }
    any = true;
    if (summary.histogram() != null) {
      merged.add(LatencyHistograms.decode(summary.histogram()));
    } else {
      allHistograms = false;
    }
    p50 = Math.max(p50, summary.p50());
    p95 = Math.max(p95, summary.p95());
    p99 = Math.max(p99, summary.p99());
    max = Math.max(max, summary.max());
  }

  /** The merged percentiles, or null when no shard timed anything. */
  LatencyPercentiles result() {
    if (!any) {
      return null;
    }
    LatencyPercentiles result = new LatencyPercentiles();
    if (allHistograms && merged.getTotalCount() > 0) {
      result.setCount(merged.getTotalCount());
      result.setP50Millis(LatencyHistograms.percentileMillis(merged, 50));
      result.setP95Millis(LatencyHistograms.percentileMillis(merged, 95));
      result.setP99Millis(LatencyHistograms.percentileMillis(merged, 99));
      result.setMaxMillis(merged.getMaxValue() / 1000.0);
    } else {
      result.setP50Millis(p50);
      result.setP95Millis(p95);
      result.setP99Millis(p99);
      result.setMaxMillis(max);
    }
    return result;
  }
}

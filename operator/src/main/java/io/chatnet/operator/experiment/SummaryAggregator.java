package io.chatnet.operator.experiment;

import io.chatnet.contract.Figures;
import io.chatnet.contract.Summary;
import io.chatnet.operator.api.BehaviourResult;
import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.LatencyPercentiles;
import io.chatnet.operator.api.TrafficResult;
import java.util.List;
import java.util.Map;

/**
 * Sums the shards' summaries into results. Counts add up exactly. Latency percentiles come from the
 * shards' latency histograms added together (LatencyHistograms: within 1% of the exact percentile
 * over every receipt of every shard). A shard whose summary had no room for its histogram leaves
 * only its own percentiles: then each reported percentile is the largest shard's, an upper bound.
 */
public final class SummaryAggregator {
  private SummaryAggregator() {}

  public static ExperimentResults aggregate(List<Summary> summaries) {
    ExperimentResults results = new ExperimentResults();
    results.setOneToOne(kind(summaries, "oneToOne"));
    results.setPrivateGroups(kind(summaries, "privateGroups"));
    results.setRelay(kind(summaries, "relay"));
    long assigned = 0;
    long ready = 0;
    for (Summary summary : summaries) {
      if (summary.clients() != null) {
        assigned += summary.clients().assigned();
        ready += summary.clients().ready();
      }
    }
    results.setClientsReady(ready + "/" + assigned);
    results.setOffline(behaviour(summaries, "offline"));
    results.setBackground(behaviour(summaries, "background"));
    results.setOperations(OperationAggregator.aggregate(summaries));
    results.setClientFaults(ClientFaultMerge.merge(summaries));
    return results;
  }

  /**
   * One mobile behaviour's tallies (loadgen MobileBehaviours.counts: name, nameFailed,
   * nameUnsupported); null when no shard ran it.
   */
  private static BehaviourResult behaviour(List<Summary> summaries, String name) {
    BehaviourResult result = null;
    for (Summary summary : summaries) {
      Map<String, Integer> counts = summary.behaviours();
      if (counts == null || !counts.containsKey(name)) {
        continue;
      }
      if (result == null) {
        result = new BehaviourResult();
      }
      result.setApplied(result.getApplied() + counts.getOrDefault(name, 0));
      result.setFailed(result.getFailed() + counts.getOrDefault(name + "Failed", 0));
      result.setUnsupported(result.getUnsupported() + counts.getOrDefault(name + "Unsupported", 0));
    }
    return result == null || result.getApplied() + result.getFailed() + result.getUnsupported() == 0
        ? null
        : result;
  }

  public static long maxStartSkew(List<Summary> summaries) {
    return summaries.stream().mapToLong(Summary::startSkewMillis).max().orElse(0);
  }

  private static TrafficResult kind(List<Summary> summaries, String kind) {
    TrafficResult result = null;
    LatencyMerge latency = new LatencyMerge();
    for (Summary summary : summaries) {
      Figures figures = summary.traffic() == null ? null : summary.traffic().get(kind);
      if (figures == null) {
        continue;
      }
      if (result == null) {
        result = new TrafficResult();
      }
      result.setSent(result.getSent() + figures.sent());
      result.setFailed(result.getFailed() + figures.failed());
      result.setExpected(result.getExpected() + figures.expected());
      result.setReceived(result.getReceived() + figures.received());
      result.setDuplicates(result.getDuplicates() + figures.duplicates());
      result.setLost(result.getLost() + figures.lost());
      result.setLate(result.getLate() + figures.late());
      result.setUnknown(result.getUnknown() + figures.unknown());
      RefusalMerge.add(result, figures);
      if (figures.dropped() != null) {
        // absent until a shard counted drops: a summary before the bound adds nothing
        result.setDropped(
            (result.getDropped() == null ? 0 : result.getDropped()) + figures.dropped());
      }
      latency.add(figures.latencyMillis());
    }
    LatencyPercentiles merged = latency.result();
    if (result != null && merged != null) {
      result.setLatencyP50Millis(merged.getP50Millis());
      result.setLatencyP95Millis(merged.getP95Millis());
      result.setLatencyP99Millis(merged.getP99Millis());
      result.setLatencyMaxMillis(merged.getMaxMillis());
    }
    if (result != null) {
      RefusalMerge.share(result);
    }
    if (result != null && result.getExpected() > 0) {
      result.setDeliveryRatio((double) result.getReceived() / result.getExpected());
    }
    return result;
  }
}

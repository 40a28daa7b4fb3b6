package io.chatnet.operator.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatnet.operator.api.BehaviourResult;
import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.TrafficResult;
import java.util.List;

/**
 * Sums the shards' summaries (the load generator's JSON) into results. Counts add up exactly; exact
 * percentiles of the union cannot be had from per-shard percentiles, so each reported percentile is
 * the largest shard's, an upper bound (the Prometheus histograms give the merged view).
 */
public final class SummaryAggregator {
  private SummaryAggregator() {}

  public static ExperimentResults aggregate(List<JsonNode> summaries) {
    ExperimentResults results = new ExperimentResults();
    results.setOneToOne(kind(summaries, "oneToOne"));
    results.setPrivateGroups(kind(summaries, "privateGroups"));
    results.setRelay(kind(summaries, "relay"));
    long assigned = 0;
    long ready = 0;
    for (JsonNode summary : summaries) {
      assigned += summary.path("clients").path("assigned").asLong();
      ready += summary.path("clients").path("ready").asLong();
    }
    results.setClientsReady(ready + "/" + assigned);
    results.setOffline(behaviour(summaries, "offline"));
    results.setBackground(behaviour(summaries, "background"));
    return results;
  }

  /**
   * One mobile behaviour's tallies (loadgen MobileBehaviours.counts: name, nameFailed,
   * nameUnsupported); null when no shard ran it.
   */
  private static BehaviourResult behaviour(List<JsonNode> summaries, String name) {
    BehaviourResult result = null;
    for (JsonNode summary : summaries) {
      JsonNode counts = summary.path("behaviours");
      if (!counts.has(name)) {
        continue;
      }
      if (result == null) {
        result = new BehaviourResult();
      }
      result.setApplied(result.getApplied() + counts.path(name).asLong());
      result.setFailed(result.getFailed() + counts.path(name + "Failed").asLong());
      result.setUnsupported(result.getUnsupported() + counts.path(name + "Unsupported").asLong());
    }
    return result == null || result.getApplied() + result.getFailed() + result.getUnsupported() == 0
        ? null
        : result;
  }

  public static long maxStartSkew(List<JsonNode> summaries) {
    return summaries.stream().mapToLong(s -> s.path("startSkewMillis").asLong()).max().orElse(0);
  }

  private static TrafficResult kind(List<JsonNode> summaries, String kind) {
    TrafficResult result = null;
    for (JsonNode summary : summaries) {
      JsonNode figures = summary.path("traffic").path(kind);
      if (figures.isMissingNode() || figures.isNull()) {
        continue;
      }
      if (result == null) {
        result = new TrafficResult();
      }
      result.setSent(result.getSent() + figures.path("sent").asLong());
      result.setFailed(result.getFailed() + figures.path("failed").asLong());
      result.setExpected(result.getExpected() + figures.path("expected").asLong());
      result.setReceived(result.getReceived() + figures.path("received").asLong());
      result.setDuplicates(result.getDuplicates() + figures.path("duplicates").asLong());
      result.setLost(result.getLost() + figures.path("lost").asLong());
      result.setLate(result.getLate() + figures.path("late").asLong());
      result.setUnknown(result.getUnknown() + figures.path("unknown").asLong());
      JsonNode latency = figures.path("latencyMillis");
      if (latency.isObject()) {
        result.setLatencyP50Millis(max(result.getLatencyP50Millis(), latency.path("p50")));
        result.setLatencyP95Millis(max(result.getLatencyP95Millis(), latency.path("p95")));
        result.setLatencyP99Millis(max(result.getLatencyP99Millis(), latency.path("p99")));
        result.setLatencyMaxMillis(max(result.getLatencyMaxMillis(), latency.path("max")));
      }
    }
    if (result != null && result.getExpected() > 0) {
      result.setDeliveryRatio((double) result.getReceived() / result.getExpected());
    }
    return result;
  }

  private static Double max(Double current, JsonNode value) {
    if (!value.isNumber()) {
      return current;
    }
    return current == null ? value.asDouble() : Math.max(current, value.asDouble());
  }
}

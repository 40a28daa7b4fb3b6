package io.chatnet.operator.e2e;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.Distribution;
import io.chatnet.operator.api.GroupMetrics;
import io.chatnet.operator.api.MetricsResults;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.TrafficMetrics;
import io.chatnet.operator.e2e.E2eAssertions.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * E2eAssertions' metric findings: what status.results.metrics must hold for the report's tables and
 * charts to have something to show (per node, per group, per chat kind). Pure.
 */
final class E2eMetricFindings {
  private E2eMetricFindings() {}

  /** The network-wide figures of the report's first table and its bandwidth chart. */
  static Finding nodeMetrics(MetricsResults metrics) {
    if (metrics == null) {
      return new Finding(E2eAssertions.METRICS_NODES, false, "no metrics in status.results");
    }
    List<String> missing = new ArrayList<>();
    absent(metrics.getBandwidthInBytesPerSecond(), "bandwidth in", missing);
    absent(metrics.getBandwidthOutBytesPerSecond(), "bandwidth out", missing);
    absent(metrics.getPeers(), "peers", missing);
    return missing.isEmpty()
        ? new Finding(
            E2eAssertions.METRICS_NODES,
            true,
            String.format(
                Locale.ROOT,
                "mean in %.0f B/s, out %.0f B/s, %.1f peers over %s nodes",
                metrics.getBandwidthInBytesPerSecond().getMean(),
                metrics.getBandwidthOutBytesPerSecond().getMean(),
                metrics.getPeers().getMean(),
                metrics.getBandwidthInBytesPerSecond().getNodes()))
        : new Finding(E2eAssertions.METRICS_NODES, false, "absent: " + String.join(", ", missing));
  }

  private static void absent(Distribution d, String name, List<String> missing) {
    if (d == null || d.getMean() == null) {
      missing.add(name);
    }
  }

  /** The report's per-group table and CPU and memory charts: every group of the network. */
  static Finding groupMetrics(MetricsResults metrics, ChatNetwork network) {
    if (metrics == null) {
      return new Finding(E2eAssertions.METRICS_GROUPS, false, "no metrics in status.results");
    }
    Map<String, GroupMetrics> byName = new LinkedHashMap<>();
    metrics.getGroups().forEach(g -> byName.put(g.getName(), g));
    List<String> names =
        network == null || network.getSpec() == null
            ? new ArrayList<>(byName.keySet())
            : network.getSpec().getGroups().stream().map(NodeGroup::getName).toList();
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      GroupMetrics g = byName.get(name);
      if (g == null) {
        missing.add(name);
        continue;
      }
      List<String> absent = new ArrayList<>();
      absent(g.getCpuCores(), "CPU", absent);
      absent(g.getMemoryBytes(), "memory", absent);
      if (!absent.isEmpty()) {
        missing.add(name + " (" + String.join(", ", absent) + ")");
      }
    }
    if (names.isEmpty()) {
      return new Finding(E2eAssertions.METRICS_GROUPS, false, "no groups");
    }
    return missing.isEmpty()
        ? new Finding(
            E2eAssertions.METRICS_GROUPS, true, names.size() + "/" + names.size() + " groups")
        : new Finding(E2eAssertions.METRICS_GROUPS, false, "absent: " + String.join(", ", missing));
  }

  /** The load generators' counters and histograms: each requested chat kind was seen sent. */
  static Finding trafficMetrics(MetricsResults metrics, java.util.Set<String> kinds) {
    if (metrics == null) {
      return new Finding(E2eAssertions.METRICS_TRAFFIC, false, "no metrics in status.results");
    }
    List<String> seen = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String kind : kinds) {
      long sent =
          metrics.getTraffic().stream()
              .filter(t -> kind.equals(t.getKind()))
              .map(TrafficMetrics::getSent)
              .filter(java.util.Objects::nonNull)
              .mapToLong(Long::longValue)
              .sum();
      boolean latency =
          metrics.getTraffic().stream()
              .anyMatch(t -> kind.equals(t.getKind()) && t.getLatencyP95Millis() != null);
      if (sent > 0 && latency) {
        seen.add(kind + " " + sent + " sent");
      } else {
        missing.add(kind + (sent > 0 ? " (no latency)" : ""));
      }
    }
    if (kinds.isEmpty()) {
      return new Finding(
          E2eAssertions.METRICS_TRAFFIC, false, "the experiment requested no chat traffic");
    }
    return missing.isEmpty()
        ? new Finding(E2eAssertions.METRICS_TRAFFIC, true, String.join(", ", seen))
        : new Finding(
            E2eAssertions.METRICS_TRAFFIC, false, "absent: " + String.join(", ", missing));
  }
}

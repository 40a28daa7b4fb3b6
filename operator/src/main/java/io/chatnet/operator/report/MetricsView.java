package io.chatnet.operator.report;

import static io.chatnet.operator.report.ReportView.orDash;

import io.chatnet.operator.api.Distribution;
import io.chatnet.operator.api.GroupMetrics;
import io.chatnet.operator.api.MetricsResults;
import io.chatnet.operator.api.RelayTopicBytes;
import io.chatnet.operator.api.TrafficMetrics;
import io.chatnet.operator.report.ReportView.Cell;
import io.chatnet.operator.report.ReportView.Figure;
import io.chatnet.operator.report.ReportView.Table;
import io.chatnet.operator.report.chart.BarChart;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * The "From Prometheus" part of the experiment report: per-node distributions, relay bytes per
 * shard, per-group charts and table, and the merged-histogram traffic figures. A null table means
 * the figures were not measured; the template says so.
 */
public record MetricsView(
    String window,
    Cell wakuMessages,
    Table nodes,
    Table relayTopics,
    Communities communities,
    List<Figure> groupFigures,
    Table groups,
    List<Figure> trafficFigures,
    Table traffic) {

  /** The shard status-go subscribes relay clients to whatever their settings, and its bytes. */
  public record Communities(String topic, Cell bytesIn) {}

  /** The view of {@code m}, or null when Prometheus figures were not recorded. */
  static MetricsView of(MetricsResults m) {
    if (m == null) {
      return null;
    }
    Table nodes =
        new Table(
            "network-metrics",
            List.of("Per nwaku node", "mean", "p95", "max", "nodes"),
            List.of(
                distribution(
                    "bandwidth in", m.getBandwidthInBytesPerSecond(), Units::bytesPerSecond),
                distribution(
                    "bandwidth out", m.getBandwidthOutBytesPerSecond(), Units::bytesPerSecond),
                distribution("libp2p peers", m.getPeers(), Units::plain)));
    List<GroupMetrics> groups = m.getGroups();
    List<TrafficMetrics> traffic = m.getTraffic();
    return new MetricsView(
        orDash(m.getWindowStart()) + " to " + orDash(m.getWindowEnd()),
        Cell.count(m.getWakuMessages()),
        nodes,
        relayTopics(m.getRelayTopics()),
        communities(m.getRelayTopics()),
        groups.isEmpty() ? List.of() : groupFigures(groups),
        groups.isEmpty() ? null : groupTable(groups),
        traffic.isEmpty() ? List.of() : trafficFigures(traffic),
        traffic.isEmpty() ? null : trafficTable(traffic));
  }

  private static List<Cell> distribution(
      String name, Distribution d, DoubleFunction<String> format) {
    return List.of(
        Cell.of(name),
        Cell.figure(stat(d, Distribution::getMean), format),
        Cell.figure(stat(d, Distribution::getP95), format),
        Cell.figure(stat(d, Distribution::getMax), format),
        d == null || d.getNodes() == null
            ? Cell.NOT_MEASURED
            : Cell.of(String.valueOf(d.getNodes())));
  }

  /**
   * Relay bytes per shard, and what they say about isolation: status-go subscribes relay clients to
   * its Communities shard whatever the settings, so bytes there are the Communities traffic that
   * could not be switched off (gossip and anything published there).
   */
  private static Table relayTopics(List<RelayTopicBytes> topics) {
    if (topics == null || topics.isEmpty()) {
      return null;
    }
    List<List<Cell>> rows = new ArrayList<>();
    for (RelayTopicBytes t : topics) {
      rows.add(
          List.of(
              Cell.of(t.getTopic()),
              bytes(t.getBytesIn()),
              bytes(t.getBytesOut()),
              Cell.of(
                  t.isCommunitiesShard() ? "Communities (status-go)" : "chats and relay load")));
    }
    return new Table(
        "relay-topics",
        List.of("Relay shard (all nwaku nodes)", "bytes received", "bytes sent", "carries"),
        rows);
  }

  private static Communities communities(List<RelayTopicBytes> topics) {
    return topics == null
        ? null
        : topics.stream()
            .filter(RelayTopicBytes::isCommunitiesShard)
            .findFirst()
            .map(c -> new Communities(c.getTopic(), bytes(c.getBytesIn())))
            .orElse(null);
  }

  private static Cell bytes(Long value) {
    return Cell.figure(value == null ? null : value.doubleValue(), Units::bytes);
  }

  private static List<Figure> groupFigures(List<GroupMetrics> groups) {
    List<String> names =
        groups.stream().map(g -> g.getName() + " (" + orDash(g.getRole()) + ")").toList();
    String bandwidth =
        new BarChart(
                "Bandwidth per node, by group (mean)", "bytes per second", Units::bytesPerSecond)
            .categories(names)
            .series("in", stats(groups, GroupMetrics::getBandwidthInBytesPerSecond, MEAN))
            .series("out", stats(groups, GroupMetrics::getBandwidthOutBytesPerSecond, MEAN))
            .binaryUnits()
            .svg();
    String cpu =
        new BarChart("CPU per node, by group", "cores", Units::plain)
            .categories(names)
            .series("mean", stats(groups, GroupMetrics::getCpuCores, MEAN))
            .series("p95", stats(groups, GroupMetrics::getCpuCores, Distribution::getP95))
            .series("max", stats(groups, GroupMetrics::getCpuCores, MAX))
            .svg();
    String memory =
        new BarChart("Resident memory per node, by group", "bytes", Units::bytes)
            .categories(names)
            .series("mean", stats(groups, GroupMetrics::getMemoryBytes, MEAN))
            .series("p95", stats(groups, GroupMetrics::getMemoryBytes, Distribution::getP95))
            .series("max", stats(groups, GroupMetrics::getMemoryBytes, MAX))
            .binaryUnits()
            .svg();
    return List.of(
        new Figure(bandwidth, "Mean over each group's nodes of the node's window-average rate."),
        new Figure(cpu, "Window-average CPU use per node."),
        new Figure(memory, "Window-average resident memory per node."));
  }

  private static Table groupTable(List<GroupMetrics> groups) {
    List<List<Cell>> rows = new ArrayList<>();
    for (GroupMetrics g : groups) {
      rows.add(
          List.of(
              Cell.of(g.getName()),
              Cell.of(orDash(g.getRole())),
              nodes(g),
              Cell.figure(stat(g.getCpuCores(), MEAN), Units::cores),
              Cell.figure(stat(g.getCpuCores(), MAX), Units::cores),
              Cell.figure(stat(g.getMemoryBytes(), MEAN), Units::bytes),
              Cell.figure(stat(g.getMemoryBytes(), MAX), Units::bytes),
              Cell.figure(stat(g.getBandwidthInBytesPerSecond(), MEAN), Units::bytesPerSecond),
              Cell.figure(stat(g.getBandwidthInBytesPerSecond(), MAX), Units::bytesPerSecond),
              Cell.figure(stat(g.getBandwidthOutBytesPerSecond(), MEAN), Units::bytesPerSecond),
              Cell.figure(stat(g.getBandwidthOutBytesPerSecond(), MAX), Units::bytesPerSecond),
              Cell.figure(stat(g.getPeers(), MEAN), Units::plain)));
    }
    return new Table(
        "group-metrics",
        List.of(
            "Group",
            "Role",
            "Nodes",
            "CPU mean",
            "CPU max",
            "Memory mean",
            "Memory max",
            "In mean",
            "In max",
            "Out mean",
            "Out max",
            "Peers mean"),
        rows);
  }

  private static Cell nodes(GroupMetrics g) {
    for (Distribution d :
        new Distribution[] {
          g.getCpuCores(), g.getMemoryBytes(), g.getBandwidthInBytesPerSecond()
        }) {
      if (d != null && d.getNodes() != null) {
        return Cell.of(String.valueOf(d.getNodes()));
      }
    }
    return Cell.NOT_MEASURED;
  }

  private static List<Figure> trafficFigures(List<TrafficMetrics> traffic) {
    List<String> names =
        traffic.stream().map(t -> orDash(t.getKind()) + " / " + orDash(t.getClientKind())).toList();
    String latency =
        new BarChart("Latency by traffic and client kind (all shards)", "latency", Units::millis)
            .categories(names)
            .series("p50", traffic.stream().map(TrafficMetrics::getLatencyP50Millis).toList())
            .series("p95", traffic.stream().map(TrafficMetrics::getLatencyP95Millis).toList())
            .series("p99", traffic.stream().map(TrafficMetrics::getLatencyP99Millis).toList())
            .svg();
    String delivery =
        new BarChart(
                "Delivery ratio by traffic and client kind", "received / expected", Units::ratio)
            .categories(names)
            .series(
                "delivery ratio", traffic.stream().map(TrafficMetrics::getDeliveryRatio).toList())
            .svg();
    return List.of(
        new Figure(latency, "Percentiles of the latency histograms of every shard merged."),
        new Figure(delivery, "First receipts over expected receipts in the window."));
  }

  private static Table trafficTable(List<TrafficMetrics> traffic) {
    List<List<Cell>> rows = new ArrayList<>();
    for (TrafficMetrics t : traffic) {
      rows.add(
          List.of(
              Cell.of(orDash(t.getKind())),
              Cell.of(orDash(t.getClientKind())),
              Cell.count(t.getSent()),
              Cell.count(t.getExpected()),
              Cell.count(t.getReceived()),
              Cell.figure(t.getDeliveryRatio(), Units::ratio),
              Cell.figure(t.getLatencyP50Millis(), Units::millis),
              Cell.figure(t.getLatencyP95Millis(), Units::millis),
              Cell.figure(t.getLatencyP99Millis(), Units::millis)));
    }
    return new Table(
        "traffic-metrics",
        List.of(
            "Traffic",
            "Client kind",
            "Sent",
            "Expected",
            "Received",
            "Delivery",
            "p50",
            "p95",
            "p99"),
        rows);
  }

  private static final Function<Distribution, Double> MEAN = Distribution::getMean;
  private static final Function<Distribution, Double> MAX = Distribution::getMax;

  private static Double stat(Distribution d, Function<Distribution, Double> statistic) {
    return d == null ? null : statistic.apply(d);
  }

  private static List<Double> stats(
      List<GroupMetrics> groups,
      Function<GroupMetrics, Distribution> field,
      Function<Distribution, Double> statistic) {
    return groups.stream().map(g -> stat(field.apply(g), statistic)).toList();
  }
}

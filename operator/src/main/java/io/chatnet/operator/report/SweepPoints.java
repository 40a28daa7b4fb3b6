package io.chatnet.operator.report;

import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.TrafficResult;
import io.chatnet.operator.capacity.Quantity;
import io.chatnet.operator.capacity.RlnPoint;
import io.chatnet.operator.capacity.SweepPoint;
import io.chatnet.operator.capacity.Traffic;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's points for the capacity model, one per experiment report (report.json): users, the rate
 * per user (the report's network-wide offered rate over its users, less the share its load
 * generators dropped at their send bound), the traffic kind, and the figures the comparison report
 * reads (per pod means of nwaku and client pods), with the latency percentiles and delivery of each
 * traffic kind.
 */
public final class SweepPoints {
  private SweepPoints() {}

  public static List<SweepPoint> of(List<ExperimentReport> reports) {
    return reports.stream().map(SweepPoints::of).toList();
  }

  public static SweepPoint of(ExperimentReport report) {
    ComparisonReport.Row row = ComparisonReport.compare(List.of(report)).experiments().get(0);
    ExperimentReport.Load load = report.load();
    int users = row.users() == null ? 0 : row.users();
    Map<Quantity, Double> measured = new EnumMap<>(Quantity.class);
    put(measured, Quantity.RELAY_BANDWIDTH_IN, row.nwakuBandwidthInBytesPerSecond());
    put(measured, Quantity.RELAY_BANDWIDTH_OUT, row.nwakuBandwidthOutBytesPerSecond());
    put(measured, Quantity.RELAY_CPU, row.nwakuCpuCores());
    put(measured, Quantity.RELAY_MEMORY, row.nwakuMemoryBytes());
    put(measured, Quantity.CLIENT_CPU, row.clientCpuCores());
    put(measured, Quantity.CLIENT_MEMORY, row.clientMemoryBytes());
    ExperimentResults results = report.outcome().results();
    if (results != null) {
      traffic(
          measured,
          results.getOneToOne(),
          Quantity.ONE_TO_ONE_DELIVERY,
          Quantity.ONE_TO_ONE_LATENCY_P50,
          Quantity.ONE_TO_ONE_LATENCY_P95,
          Quantity.ONE_TO_ONE_LATENCY_P99);
      traffic(
          measured,
          results.getPrivateGroups(),
          Quantity.GROUP_DELIVERY,
          Quantity.GROUP_LATENCY_P50,
          Quantity.GROUP_LATENCY_P95,
          Quantity.GROUP_LATENCY_P99);
    }
    Traffic traffic = Traffic.OTHER;
    Integer groupSize = null;
    Integer payload = null;
    if (load.oneToOne() != null && load.privateGroups() == null && load.relay() == null) {
      traffic = Traffic.ONE_TO_ONE;
      payload = load.oneToOne().getPayloadBytes();
    } else if (load.privateGroups() != null && load.oneToOne() == null && load.relay() == null) {
      traffic = Traffic.PRIVATE_GROUPS;
      groupSize = load.privateGroups().getMembersPerGroup();
      payload = load.privateGroups().getPayloadBytes();
    }
    // A run whose load generators dropped sends did not offer its planned rate: the point stands at
    // the share of it that was due and not dropped, what the nodes and clients carried.
    double offered = users == 0 ? 0 : load.messagesPerSecond() / users;
    double reached = row.droppedShare() == null ? 1 : 1 - row.droppedShare();
    return new SweepPoint(
        row.experiment(),
        users,
        offered * reached,
        report.network().nwakuNodes() == null ? 0 : report.network().nwakuNodes(),
        traffic,
        groupSize,
        payload,
        measured,
        row.rlnUserMessageLimit() == null && row.refusedShare() == null
            ? null
            : new RlnPoint(
                row.rlnUserMessageLimit(), row.refusedShare(), row.rlnValidationSeconds()));
  }

  private static void traffic(
      Map<Quantity, Double> measured,
      TrafficResult t,
      Quantity delivery,
      Quantity p50,
      Quantity p95,
      Quantity p99) {
    if (t == null) {
      return;
    }
    put(measured, delivery, t.getDeliveryRatio());
    put(measured, p50, t.getLatencyP50Millis());
    put(measured, p95, t.getLatencyP95Millis());
    put(measured, p99, t.getLatencyP99Millis());
  }

  private static void put(Map<Quantity, Double> measured, Quantity q, Double value) {
    if (value != null) {
      measured.put(q, value);
    }
  }
}

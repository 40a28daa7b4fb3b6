package io.chatnet.operator.report;

import io.chatnet.operator.api.BehaviourResult;
import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.TrafficResult;
import io.chatnet.operator.report.ExperimentReport.Load;
import io.chatnet.operator.report.ReportView.Cell;
import io.chatnet.operator.report.ReportView.Figure;
import io.chatnet.operator.report.ReportView.Table;
import io.chatnet.operator.report.chart.BarChart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The experiment report's chat delivery and latency part, from the load generator shards'
 * summaries: charts and table per traffic kind, clients logged in, mobile spells applied.
 */
final class ChatSection {
  private static final String RELAY = "relay";

  private ChatSection() {}

  static void put(Map<String, Object> data, ExperimentReport report) {
    Map<String, TrafficResult> kinds = trafficKinds(report);
    ExperimentResults summaries = report.outcome().results();
    data.put("clientsReady", summaries == null ? null : summaries.getClientsReady());
    List<String> spells = new ArrayList<>();
    if (summaries != null) {
      spell(spells, "offline", summaries.getOffline());
      spell(spells, "background", summaries.getBackground());
    }
    data.put("mobileSpells", spells);
    if (kinds.isEmpty()) {
      data.put("results", null);
      data.put("droppedNote", null);
      return;
    }
    List<String> names = List.copyOf(kinds.keySet());
    List<TrafficResult> results = new ArrayList<>(kinds.values());
    String delivery =
        new BarChart("Delivery ratio per traffic kind", "received / expected", Units::ratio)
            .categories(names)
            .series("delivery ratio", values(results, TrafficResult::getDeliveryRatio))
            .svg();
    String latency =
        new BarChart("End-to-end latency per traffic kind", "latency", Units::millis)
            .categories(names)
            .series("p50", values(results, TrafficResult::getLatencyP50Millis))
            .series("p95", values(results, TrafficResult::getLatencyP95Millis))
            .series("p99", values(results, TrafficResult::getLatencyP99Millis))
            .series("max", values(results, TrafficResult::getLatencyMaxMillis))
            .svg();
    data.put(
        "chatFigures",
        List.of(
            new Figure(
                latency, "Percentiles are the largest shard's (an upper bound across shards)."),
            new Figure(
                delivery, "Relay traffic's delivery is read from nwaku, not from receivers.")));
    // The RLN columns only when the rate limit refused something: most networks run without RLN.
    boolean refusals =
        kinds.values().stream()
            .anyMatch(r -> r != null && r.getRefused() != null && r.getRefused() > 0);
    // The Dropped column only when a shard dropped sends: then the offered load was not reached.
    long dropped =
        kinds.values().stream()
            .filter(r -> r != null && r.getDropped() != null)
            .mapToLong(TrafficResult::getDropped)
            .sum();
    List<List<Cell>> rows = new ArrayList<>();
    kinds.forEach(
        (name, r) ->
            rows.add(dropped(RefusalCells.add(resultRow(name, r), r, refusals), r, dropped > 0)));
    data.put("droppedNote", dropped > 0 ? droppedNote(dropped) : null);
    List<String> headers =
        RefusalCells.headers(
            List.of(
                "Traffic",
                "Sent",
                "Failed",
                "Expected",
                "Received",
                "Duplicates",
                "Lost",
                "Late",
                "Delivery",
                "p50",
                "p95",
                "p99",
                "max"),
            refusals);
    if (dropped > 0) {
      headers = new ArrayList<>(headers);
      headers.add(DROPPED_AT, "Dropped");
    }
    data.put("results", new Table("results", headers, rows));
  }

  private static final int DROPPED_AT = 3; // after Traffic, Sent, Failed

  private static List<Cell> dropped(List<Cell> row, TrafficResult r, boolean shown) {
    if (!shown) {
      return row;
    }
    List<Cell> out = new ArrayList<>(row);
    out.add(DROPPED_AT, r == null ? Cell.NOT_MEASURED : Cell.count(r.getDropped()));
    return out;
  }

  static String droppedNote(long dropped) {
    return "The offered load was not reached: "
        + ReportView.count(dropped)
        + " sends due in the window were dropped, not sent, because a load generator shard had"
        + " as many sends outstanding as it allows (the clients answered slower than the send"
        + " rate). Delivery and latency cover the sends made.";
  }

  private static List<Cell> resultRow(String name, TrafficResult r) {
    List<Cell> row = new ArrayList<>(List.of(Cell.of(name)));
    if (r == null) {
      for (int i = 0; i < 12; i++) {
        row.add(Cell.NOT_MEASURED);
      }
      return row;
    }
    // relay publishes have no receivers here: only sent and failed are counted
    boolean receipts = !name.equals(RELAY);
    row.add(Cell.count(r.getSent()));
    row.add(Cell.count(r.getFailed()));
    for (long receipt :
        new long[] {
          r.getExpected(), r.getReceived(), r.getDuplicates(), r.getLost(), r.getLate()
        }) {
      row.add(receipts ? Cell.count(receipt) : Cell.NOT_MEASURED);
    }
    row.add(Cell.figure(r.getDeliveryRatio(), Units::ratio));
    row.add(Cell.figure(r.getLatencyP50Millis(), Units::millis));
    row.add(Cell.figure(r.getLatencyP95Millis(), Units::millis));
    row.add(Cell.figure(r.getLatencyP99Millis(), Units::millis));
    row.add(Cell.figure(r.getLatencyMaxMillis(), Units::millis));
    return row;
  }

  /** A mobile behaviour's spells: applied only when status-backend accepted the call. */
  private static void spell(List<String> out, String name, BehaviourResult b) {
    if (b != null) {
      out.add(
          "Mobile clients going "
              + name
              + ": "
              + ReportView.count(b.getApplied())
              + " spells applied, "
              + ReportView.count(b.getFailed())
              + " refused or failed, "
              + ReportView.count(b.getUnsupported())
              + " not possible on the clients' status-go version.");
    }
  }

  /** The traffic kinds the spec ran, each with its results (null: none reported). */
  private static Map<String, TrafficResult> trafficKinds(ExperimentReport report) {
    ExperimentResults results = report.outcome().results();
    Load load = report.load();
    Map<String, TrafficResult> kinds = new LinkedHashMap<>();
    if (load.oneToOne() != null || (results != null && results.getOneToOne() != null)) {
      kinds.put("one-to-one", results == null ? null : results.getOneToOne());
    }
    if (load.privateGroups() != null || (results != null && results.getPrivateGroups() != null)) {
      kinds.put("private groups", results == null ? null : results.getPrivateGroups());
    }
    if (load.relay() != null || (results != null && results.getRelay() != null)) {
      kinds.put(RELAY, results == null ? null : results.getRelay());
    }
    return kinds;
  }

  private static List<Double> values(
      List<TrafficResult> results, Function<TrafficResult, Double> field) {
    return results.stream().map(r -> r == null ? null : field.apply(r)).toList();
  }
}

package io.chatnet.operator.report;

import static io.chatnet.operator.report.ReportView.orDash;

import io.chatnet.operator.api.BehaviourResult;
import io.chatnet.operator.api.ExperimentFault;
import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.PeriodicBehaviour;
import io.chatnet.operator.api.TrafficResult;
import io.chatnet.operator.report.ExperimentReport.ConditionLine;
import io.chatnet.operator.report.ExperimentReport.Feature;
import io.chatnet.operator.report.ExperimentReport.Fixed;
import io.chatnet.operator.report.ExperimentReport.Group;
import io.chatnet.operator.report.ExperimentReport.Load;
import io.chatnet.operator.report.ExperimentReport.Network;
import io.chatnet.operator.report.ReportView.Cell;
import io.chatnet.operator.report.ReportView.Fact;
import io.chatnet.operator.report.ReportView.Figure;
import io.chatnet.operator.report.ReportView.Table;
import io.chatnet.operator.report.chart.BarChart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The human report of one experiment: a self-contained HTML page (inline style, inline SVG charts,
 * no script, nothing fetched), laid out by templates/report/experiment.html. A pure function of
 * {@link ExperimentReport}: this class only picks and formats the figures. Figures that were not
 * measured read "not measured", in tables and in charts alike.
 */
public final class HtmlReport {
  private static final String RELAY = "relay";
  // the switches whose traffic is not chat traffic; missing message verification serves chats
  private static final List<String> ISOLATED =
      List.of("Backup", "Pairing", "History archives", "Status broadcasts");

  private HtmlReport() {}

  public static String render(ExperimentReport report) {
    var e = report.experiment();
    var outcome = report.outcome();
    Map<String, Object> data = new HashMap<>();
    data.put("title", "chatnet report: " + e.namespace() + "/" + e.name());
    data.put("e", e);
    data.put(
        "verdict",
        outcome.verdict() == null || outcome.verdict().getResult() == null
            ? "none"
            : outcome.verdict().getResult());
    data.put("reasons", outcome.verdict() == null ? List.of() : outcome.verdict().getReasons());
    data.put("run", run(report));
    network(data, report.network());
    load(data, report);
    chats(data, report);
    ExperimentResults results = outcome.results();
    data.put("metrics", MetricsView.of(results == null ? null : results.getMetrics()));
    data.put("metricsMissing", metricsMissing(outcome.conditions()));
    data.put("conditions", conditions(outcome.conditions()));
    return ReportTemplates.render("report/experiment.html", data);
  }

  private static List<Fact> run(ExperimentReport report) {
    var e = report.experiment();
    var shards = report.outcome().shards();
    List<Fact> rows = new ArrayList<>();
    rows.add(fact("Measured window", orDash(e.windowStart()) + " to " + orDash(e.windowEnd())));
    rows.add(
        fact(
            "Length",
            e.durationSeconds() + " s measured after " + e.warmupSeconds() + " s of warm-up"));
    rows.add(fact("Load generators started", orDash(e.plannedStart())));
    rows.add(fact("Completed", orDash(e.completionTime())));
    if (shards != null) {
      rows.add(
          fact(
              "Load generator shards",
              shards.getTotal()
                  + " planned, "
                  + shards.getSucceeded()
                  + " succeeded, "
                  + shards.getFailed()
                  + " failed, "
                  + shards.getReported()
                  + " reported a summary"));
      rows.add(
          new Fact(
              "Largest start skew",
              shards.getMaxStartSkewMillis() == null
                  ? Cell.NOT_MEASURED
                  : Cell.of(Units.millis(shards.getMaxStartSkewMillis()))));
    }
    if (e.seed() != null) {
      rows.add(fact("Seed", e.seed()));
    }
    return rows;
  }

  private static Fact fact(String label, String value) {
    return new Fact(label, Cell.of(value));
  }

  private static void network(Map<String, Object> data, Network network) {
    data.put("network", network);
    if (!network.found()) {
      return;
    }
    data.put(
        "featuresOn",
        String.join(
            ", ",
            network.features().stream()
                .filter(Feature::enabled)
                .map(Feature::name)
                .filter(ISOLATED::contains)
                .toList()));
    List<List<Cell>> features = new ArrayList<>();
    for (Feature f : network.features()) {
      features.add(
          List.of(
              Cell.of(f.name()),
              f.enabled() ? Cell.styled("on", "on") : Cell.styled("off", "off"),
              Cell.of(f.meaning())));
    }
    if (network.fixed() != null) {
      for (Fixed f : network.fixed()) {
        features.add(
            List.of(
                Cell.of(f.name()),
                Cell.styled("fixed", f.state()),
                Cell.of(f.why() + " (no switch in status-go)")));
      }
    }
    data.put(
        "features", new Table("features", List.of("Feature", "State", "What it is"), features));
    List<List<Cell>> groups = new ArrayList<>();
    for (Group g : network.groups()) {
      groups.add(
          cells(
              g.name(),
              g.kind(),
              orDash(g.role()),
              String.valueOf(g.replicas()),
              orDash(g.version()),
              orDash(g.image())));
    }
    data.put(
        "groups",
        new Table(
            "groups", List.of("Group", "Kind", "Role", "Replicas", "Version", "Image"), groups));
  }

  private static void load(Map<String, Object> data, ExperimentReport report) {
    Load load = report.load();
    List<List<Cell>> rows = new ArrayList<>();
    if (load.oneToOne() != null) {
      var t = load.oneToOne();
      rows.add(
          cells(
              "one-to-one",
              t.getPairs()
                  + " pairs, "
                  + Units.plain(t.getMessagesPerMinute())
                  + " msg/min per side, "
                  + t.getPayloadBytes()
                  + " B",
              Units.plain(load.oneToOneMessagesPerSecond()) + " msg/s"));
    }
    if (load.privateGroups() != null) {
      var t = load.privateGroups();
      rows.add(
          cells(
              "private groups",
              t.getGroups()
                  + " x "
                  + t.getMembersPerGroup()
                  + " members, "
                  + Units.plain(t.getMessagesPerMinute())
                  + " msg/min per member, "
                  + t.getPayloadBytes()
                  + " B",
              Units.plain(load.privateGroupMessagesPerSecond()) + " msg/s"));
    }
    if (load.relay() != null) {
      var t = load.relay();
      rows.add(
          cells(
              RELAY,
              t.getPayloadBytes() + " B on " + t.getContentTopic(),
              Units.plain(load.relayMessagesPerSecond()) + " msg/s"));
    }
    rows.add(
        List.of(
            Cell.styled("total", "total"),
            Cell.of(""),
            Cell.of(Units.plain(load.messagesPerSecond()) + " msg/s")));
    data.put(
        "load",
        new Table("load", List.of("Traffic", "Shape", "Offered rate (network-wide)"), rows));
    data.put("loadShards", load.loadGeneratorShards());
    List<String> spells = new ArrayList<>();
    if (load.behaviours() != null) {
      spell(spells, "Offline spells", load.behaviours().getOffline());
      spell(spells, "Background spells", load.behaviours().getBackground());
    }
    data.put("plannedSpells", spells);
    List<List<Cell>> faults = new ArrayList<>();
    List<ExperimentFault> planned = load.faults() == null ? List.of() : load.faults();
    for (int i = 0; i < planned.size(); i++) {
      ExperimentFault f = planned.get(i);
      faults.add(
          cells(
              String.valueOf(i),
              ReportJson.name(f.getType()),
              f.getGroup(),
              Units.ratio(f.getFraction()),
              f.getAtSeconds() + " s",
              f.getDurationSeconds() == null ? "-" : f.getDurationSeconds() + " s"));
    }
    data.put(
        "faults",
        faults.isEmpty()
            ? null
            : new Table("faults", List.of("#", "Fault", "Group", "Share", "At", "Lasts"), faults));
    data.put("faultLog", report.outcome().faultLog());
  }

  private static void spell(List<String> out, String name, PeriodicBehaviour b) {
    if (b != null) {
      out.add(
          name
              + ": "
              + Units.ratio(b.getFraction())
              + " of clients, "
              + b.getDurationSeconds()
              + " s every "
              + b.getPeriodSeconds()
              + " s.");
    }
  }

  private static void chats(Map<String, Object> data, ExperimentReport report) {
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
    List<List<Cell>> rows = new ArrayList<>();
    kinds.forEach((name, r) -> rows.add(resultRow(name, r)));
    data.put(
        "results",
        new Table(
            "results",
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
            rows));
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

  private static String metricsMissing(List<ConditionLine> conditions) {
    return conditions.stream()
        .filter(c -> c.type().equals("MetricsAvailable"))
        .map(c -> c.reason() + ": " + c.message())
        .findFirst()
        .orElse("no Prometheus figures were recorded for this experiment");
  }

  private static Table conditions(List<ConditionLine> conditions) {
    if (conditions == null || conditions.isEmpty()) {
      return null;
    }
    List<List<Cell>> rows = new ArrayList<>();
    for (ConditionLine c : conditions) {
      rows.add(cells(c.type(), c.status(), orDash(c.reason()), orDash(c.message())));
    }
    return new Table("conditions", List.of("Type", "Status", "Reason", "Message"), rows);
  }

  static List<Cell> cells(String... texts) {
    return java.util.Arrays.stream(texts).map(Cell::of).toList();
  }

  private static List<Double> values(
      List<TrafficResult> results, Function<TrafficResult, Double> field) {
    return results.stream().map(r -> r == null ? null : field.apply(r)).toList();
  }
}

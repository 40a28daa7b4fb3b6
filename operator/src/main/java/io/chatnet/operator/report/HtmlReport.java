package io.chatnet.operator.report;

import static io.chatnet.operator.report.Html.NOT_MEASURED;
import static io.chatnet.operator.report.Html.escape;

import io.chatnet.operator.api.BehaviourResult;
import io.chatnet.operator.api.Distribution;
import io.chatnet.operator.api.ExperimentFault;
import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.GroupMetrics;
import io.chatnet.operator.api.MetricsResults;
import io.chatnet.operator.api.PeriodicBehaviour;
import io.chatnet.operator.api.RelayTopicBytes;
import io.chatnet.operator.api.TrafficMetrics;
import io.chatnet.operator.api.TrafficResult;
import io.chatnet.operator.report.ExperimentReport.ConditionLine;
import io.chatnet.operator.report.ExperimentReport.Feature;
import io.chatnet.operator.report.ExperimentReport.Fixed;
import io.chatnet.operator.report.ExperimentReport.Group;
import io.chatnet.operator.report.ExperimentReport.Load;
import io.chatnet.operator.report.ExperimentReport.Network;
import io.chatnet.operator.report.chart.BarChart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * The human report of one experiment: a self-contained HTML page (inline style, inline SVG charts,
 * no script, nothing fetched). A pure function of {@link ExperimentReport}. Figures that were not
 * measured read "not measured", in tables and in charts alike.
 */
public final class HtmlReport {
  private static final String RELAY = "relay";

  private HtmlReport() {}

  public static String render(ExperimentReport report) {
    var e = report.experiment();
    StringBuilder body = new StringBuilder();
    String verdict =
        report.outcome().verdict() == null || report.outcome().verdict().getResult() == null
            ? "none"
            : report.outcome().verdict().getResult();
    body.append("<h1>Experiment ")
        .append(escape(e.namespace() + "/" + e.name()))
        .append("</h1>\n<p>Verdict <span class=\"verdict ")
        .append(escape(verdict))
        .append("\">")
        .append(escape(verdict.equals("none") ? "no verdict" : verdict))
        .append("</span> &middot; phase ")
        .append(escape(orDash(e.phase())))
        .append(" &middot; network ")
        .append(escape(report.network().name()))
        .append("</p>\n");
    run(body, report);
    verdict(body, report);
    network(body, report.network());
    load(body, report);
    chats(body, report);
    metrics(body, report);
    conditions(body, report.outcome().conditions());
    body.append(
        "<p class=\"note\">Chat figures come from the load generator shards' summaries (every"
            + " message carries its send time; latency is measured at the receiver). Figures under"
            + " \"From Prometheus\" were queried over exactly the measured window (warm-up"
            + " excluded).</p>\n");
    return Html.page("chatnet report: " + e.namespace() + "/" + e.name(), body.toString());
  }

  private static void run(StringBuilder body, ExperimentReport report) {
    var e = report.experiment();
    var shards = report.outcome().shards();
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "Measured window", escape(orDash(e.windowStart()) + " to " + orDash(e.windowEnd()))));
    rows.add(
        List.of(
            "Length",
            e.durationSeconds() + " s measured after " + e.warmupSeconds() + " s of warm-up"));
    rows.add(List.of("Load generators started", escape(orDash(e.plannedStart()))));
    rows.add(List.of("Completed", escape(orDash(e.completionTime()))));
    if (shards != null) {
      rows.add(
          List.of(
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
          List.of(
              "Largest start skew",
              shards.getMaxStartSkewMillis() == null
                  ? NOT_MEASURED
                  : Units.millis(shards.getMaxStartSkewMillis())));
    }
    if (e.seed() != null) {
      rows.add(List.of("Seed", escape(e.seed())));
    }
    body.append("<h2>Run</h2>\n").append(Html.facts(rows));
  }

  private static void verdict(StringBuilder body, ExperimentReport report) {
    body.append("<h2>Verdict</h2>\n");
    var verdict = report.outcome().verdict();
    if (verdict == null || verdict.getResult() == null) {
      body.append("<p>No verdict: the experiment did not get as far as judging its results.</p>\n");
      return;
    }
    body.append("<p><span class=\"verdict ")
        .append(escape(verdict.getResult()))
        .append("\">")
        .append(escape(verdict.getResult()))
        .append("</span></p>\n");
    if (!verdict.getReasons().isEmpty()) {
      body.append("<ul>\n");
      verdict.getReasons().forEach(r -> body.append("<li>").append(escape(r)).append("</li>\n"));
      body.append("</ul>\n");
    }
  }

  private static void network(StringBuilder body, Network network) {
    body.append("<h2>Network ").append(escape(network.name())).append("</h2>\n");
    if (!network.found()) {
      body.append(
          "<p>The network was gone when this report was written: its groups and feature switches"
              + " are unknown.</p>\n");
      return;
    }
    List<Feature> on = network.features().stream().filter(Feature::enabled).toList();
    // the switches whose traffic is not chat traffic; missing message verification serves chats
    List<String> isolated = List.of("Backup", "Pairing", "History archives", "Status broadcasts");
    List<String> onNames = on.stream().map(Feature::name).filter(isolated::contains).toList();
    body.append("<p><strong>Isolation:</strong> ");
    if (onNames.isEmpty()) {
      body.append(
          "only one-to-one and private group chats were measured, as far as status-go allows."
              + " Backup, peer syncing, history archives and status broadcasts were"
              + " <span class=\"off\">off</span>, and no telemetry server was configured.");
    } else {
      body.append("these features, which other Waku traffic comes from, were switched ")
          .append("<span class=\"on\">on</span>: ")
          .append(escape(String.join(", ", onNames)))
          .append(". Their traffic is part of every figure below.");
    }
    body.append(
        " Communities were not used: the load never created or joined a community, but status-go"
            + " has no switch for them, so desktop clients still subscribed to the Communities"
            + " shard (see the measured relay bytes per shard below). Store confirmation: on for"
            + " desktop, off for mobile (status-go forces it). Push-notification queries stayed at"
            + " status-go's default (on).");
    body.append("</p>\n");
    List<List<String>> features = new ArrayList<>();
    features.add(List.of("Feature", "State", "What it is"));
    for (Feature f : network.features()) {
      features.add(
          List.of(
              escape(f.name()),
              f.enabled() ? "<span class=\"on\">on</span>" : "<span class=\"off\">off</span>",
              escape(f.meaning())));
    }
    if (network.fixed() != null) {
      for (Fixed f : network.fixed()) {
        features.add(
            List.of(
                escape(f.name()),
                "<span class=\"fixed\">" + escape(f.state()) + "</span>",
                escape(f.why() + " (no switch in status-go)")));
      }
    }
    body.append(Html.table("features", features));
    body.append("<p>")
        .append(network.users())
        .append(" status-backend clients (")
        .append(network.desktopClients())
        .append(" desktop, ")
        .append(network.mobileClients())
        .append(" mobile) and ")
        .append(network.nwakuNodes())
        .append(" nwaku nodes; cluster ")
        .append(network.clusterId())
        .append(", shards ")
        .append(escape(String.valueOf(network.shards())))
        .append(", discovery ")
        .append(escape(orDash(network.discovery())))
        .append(", phase ")
        .append(escape(orDash(network.phase())))
        .append(".</p>\n");
    List<List<String>> groups = new ArrayList<>();
    groups.add(List.of("Group", "Kind", "Role", "Replicas", "Version", "Image"));
    for (Group g : network.groups()) {
      groups.add(
          List.of(
              escape(g.name()),
              escape(g.kind()),
              escape(orDash(g.role())),
              String.valueOf(g.replicas()),
              escape(orDash(g.version())),
              escape(orDash(g.image()))));
    }
    body.append(Html.table("groups", groups));
  }

  private static void load(StringBuilder body, ExperimentReport report) {
    Load load = report.load();
    body.append("<h2>Load</h2>\n");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("Traffic", "Shape", "Offered rate (network-wide)"));
    if (load.oneToOne() != null) {
      var t = load.oneToOne();
      rows.add(
          List.of(
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
          List.of(
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
          List.of(
              "relay",
              t.getPayloadBytes() + " B on " + escape(t.getContentTopic()),
              Units.plain(load.relayMessagesPerSecond()) + " msg/s"));
    }
    rows.add(
        List.of("<strong>total</strong>", "", Units.plain(load.messagesPerSecond()) + " msg/s"));
    body.append(Html.table("load", rows));
    body.append("<p>")
        .append(load.loadGeneratorShards())
        .append(" load generator shard(s), all starting at the same instant.</p>\n");
    if (load.behaviours() != null) {
      behaviour(body, "Offline spells", load.behaviours().getOffline());
      behaviour(body, "Background spells", load.behaviours().getBackground());
    }
    if (load.faults() != null && !load.faults().isEmpty()) {
      List<List<String>> faults = new ArrayList<>();
      faults.add(List.of("#", "Fault", "Group", "Share", "At", "Lasts"));
      for (int i = 0; i < load.faults().size(); i++) {
        ExperimentFault f = load.faults().get(i);
        faults.add(
            List.of(
                String.valueOf(i),
                escape(ReportJson.name(f.getType())),
                escape(f.getGroup()),
                Units.ratio(f.getFraction()),
                f.getAtSeconds() + " s",
                f.getDurationSeconds() == null ? "-" : f.getDurationSeconds() + " s"));
      }
      body.append("<h3>Faults planned</h3>\n").append(Html.table("faults", faults));
    }
    List<String> log = report.outcome().faultLog();
    if (log != null && !log.isEmpty()) {
      body.append("<h3>Fault log</h3>\n<ul>\n");
      log.forEach(l -> body.append("<li>").append(escape(l)).append("</li>\n"));
      body.append("</ul>\n");
    }
  }

  private static void behaviour(StringBuilder body, String name, PeriodicBehaviour b) {
    if (b == null) {
      return;
    }
    body.append("<p>")
        .append(name)
        .append(": ")
        .append(Units.ratio(b.getFraction()))
        .append(" of clients, ")
        .append(b.getDurationSeconds())
        .append(" s every ")
        .append(b.getPeriodSeconds())
        .append(" s.</p>\n");
  }

  private static void chats(StringBuilder body, ExperimentReport report) {
    body.append("<h2>Chat delivery and latency</h2>\n");
    Map<String, TrafficResult> kinds = trafficKinds(report);
    if (kinds.isEmpty()) {
      body.append("<p>No traffic kind was run.</p>\n");
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
    body.append("<div class=\"charts\">\n");
    figure(body, latency, "Percentiles are the largest shard's (an upper bound across shards).");
    figure(body, delivery, "Relay traffic's delivery is read from nwaku, not from receivers.");
    body.append("</div>\n");
    List<List<String>> rows = new ArrayList<>();
    rows.add(
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
            "max"));
    kinds.forEach(
        (name, r) -> {
          if (r == null) {
            List<String> row = new ArrayList<>(List.of(escape(name)));
            for (int i = 0; i < 12; i++) {
              row.add(NOT_MEASURED);
            }
            rows.add(row);
            return;
          }
          // relay publishes have no receivers here: only sent and failed are counted
          boolean receipts = !name.equals(RELAY);
          rows.add(
              List.of(
                  escape(name),
                  count(r.getSent()),
                  count(r.getFailed()),
                  receipts ? count(r.getExpected()) : NOT_MEASURED,
                  receipts ? count(r.getReceived()) : NOT_MEASURED,
                  receipts ? count(r.getDuplicates()) : NOT_MEASURED,
                  receipts ? count(r.getLost()) : NOT_MEASURED,
                  receipts ? count(r.getLate()) : NOT_MEASURED,
                  cell(r.getDeliveryRatio(), Units::ratio),
                  cell(r.getLatencyP50Millis(), Units::millis),
                  cell(r.getLatencyP95Millis(), Units::millis),
                  cell(r.getLatencyP99Millis(), Units::millis),
                  cell(r.getLatencyMaxMillis(), Units::millis)));
        });
    body.append(Html.table("results", rows));
    ExperimentResults summaries = report.outcome().results();
    if (summaries != null && summaries.getClientsReady() != null) {
      body.append("<p>Clients logged in: ")
          .append(escape(summaries.getClientsReady()))
          .append("</p>\n");
    }
    if (summaries != null) {
      behaviour(body, "offline", summaries.getOffline());
      behaviour(body, "background", summaries.getBackground());
    }
  }

  /** A mobile behaviour's spells: applied only when status-backend accepted the call. */
  private static void behaviour(StringBuilder body, String name, BehaviourResult b) {
    if (b == null) {
      return;
    }
    body.append("<p>Mobile clients going ")
        .append(name)
        .append(": ")
        .append(count(b.getApplied()))
        .append(" spells applied, ")
        .append(count(b.getFailed()))
        .append(" refused or failed, ")
        .append(count(b.getUnsupported()))
        .append(" not possible on the clients' status-go version.</p>\n");
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

  private static void metrics(StringBuilder body, ExperimentReport report) {
    body.append("<h2>From Prometheus: bandwidth, CPU, memory</h2>\n");
    ExperimentResults results = report.outcome().results();
    MetricsResults m = results == null ? null : results.getMetrics();
    if (m == null) {
      String why =
          report.outcome().conditions().stream()
              .filter(c -> c.type().equals("MetricsAvailable"))
              .map(c -> c.reason() + ": " + c.message())
              .findFirst()
              .orElse("no Prometheus figures were recorded for this experiment");
      body.append("<p>")
          .append(NOT_MEASURED)
          .append(": bandwidth, CPU, memory and peers per group (")
          .append(escape(why))
          .append(").</p>\n");
      return;
    }
    body.append("<p>Window ")
        .append(escape(orDash(m.getWindowStart()) + " to " + orDash(m.getWindowEnd())))
        .append(". Waku relay messages seen by all nwaku nodes: ")
        .append(m.getWakuMessages() == null ? NOT_MEASURED : count(m.getWakuMessages()))
        .append(".</p>\n");
    List<List<String>> network = new ArrayList<>();
    network.add(List.of("Per nwaku node", "mean", "p95", "max", "nodes"));
    network.add(
        distributionRow("bandwidth in", m.getBandwidthInBytesPerSecond(), Units::bytesPerSecond));
    network.add(
        distributionRow("bandwidth out", m.getBandwidthOutBytesPerSecond(), Units::bytesPerSecond));
    network.add(distributionRow("libp2p peers", m.getPeers(), Units::plain));
    body.append(Html.table("network-metrics", network));
    relayTopics(body, m.getRelayTopics());

    List<GroupMetrics> groups = m.getGroups();
    if (groups.isEmpty()) {
      body.append("<p>Per group: ").append(NOT_MEASURED).append(".</p>\n");
    } else {
      List<String> names =
          groups.stream().map(g -> g.getName() + " (" + orDash(g.getRole()) + ")").toList();
      String bandwidth =
          new BarChart(
                  "Bandwidth per node, by group (mean)", "bytes per second", Units::bytesPerSecond)
              .categories(names)
              .series("in", means(groups, GroupMetrics::getBandwidthInBytesPerSecond))
              .series("out", means(groups, GroupMetrics::getBandwidthOutBytesPerSecond))
              .binaryUnits()
              .svg();
      String cpu =
          new BarChart("CPU per node, by group", "cores", Units::plain)
              .categories(names)
              .series("mean", means(groups, GroupMetrics::getCpuCores))
              .series("p95", stat(groups, GroupMetrics::getCpuCores, Distribution::getP95))
              .series("max", stat(groups, GroupMetrics::getCpuCores, Distribution::getMax))
              .svg();
      String memory =
          new BarChart("Resident memory per node, by group", "bytes", Units::bytes)
              .categories(names)
              .series("mean", means(groups, GroupMetrics::getMemoryBytes))
              .series("p95", stat(groups, GroupMetrics::getMemoryBytes, Distribution::getP95))
              .series("max", stat(groups, GroupMetrics::getMemoryBytes, Distribution::getMax))
              .binaryUnits()
              .svg();
      body.append("<div class=\"charts\">\n");
      figure(body, bandwidth, "Mean over each group's nodes of the node's window-average rate.");
      figure(body, cpu, "Window-average CPU use per node.");
      figure(body, memory, "Window-average resident memory per node.");
      body.append("</div>\n");
      List<List<String>> rows = new ArrayList<>();
      rows.add(
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
              "Peers mean"));
      for (GroupMetrics g : groups) {
        rows.add(
            List.of(
                escape(g.getName()),
                escape(orDash(g.getRole())),
                nodes(g),
                cell(mean(g.getCpuCores()), Units::cores),
                cell(max(g.getCpuCores()), Units::cores),
                cell(mean(g.getMemoryBytes()), Units::bytes),
                cell(max(g.getMemoryBytes()), Units::bytes),
                cell(mean(g.getBandwidthInBytesPerSecond()), Units::bytesPerSecond),
                cell(max(g.getBandwidthInBytesPerSecond()), Units::bytesPerSecond),
                cell(mean(g.getBandwidthOutBytesPerSecond()), Units::bytesPerSecond),
                cell(max(g.getBandwidthOutBytesPerSecond()), Units::bytesPerSecond),
                cell(mean(g.getPeers()), Units::plain)));
      }
      body.append(Html.table("group-metrics", rows));
    }
    trafficMetrics(body, m.getTraffic());
  }

  private static void trafficMetrics(StringBuilder body, List<TrafficMetrics> traffic) {
    body.append("<h3>Delivery and latency by traffic and client kind (merged histograms)</h3>\n");
    if (traffic.isEmpty()) {
      body.append("<p>").append(NOT_MEASURED).append(".</p>\n");
      return;
    }
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
    body.append("<div class=\"charts\">\n");
    figure(body, latency, "Percentiles of the latency histograms of every shard merged.");
    figure(body, delivery, "First receipts over expected receipts in the window.");
    body.append("</div>\n");
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "Traffic",
            "Client kind",
            "Sent",
            "Expected",
            "Received",
            "Delivery",
            "p50",
            "p95",
            "p99"));
    for (TrafficMetrics t : traffic) {
      rows.add(
          List.of(
              escape(orDash(t.getKind())),
              escape(orDash(t.getClientKind())),
              t.getSent() == null ? NOT_MEASURED : count(t.getSent()),
              t.getExpected() == null ? NOT_MEASURED : count(t.getExpected()),
              t.getReceived() == null ? NOT_MEASURED : count(t.getReceived()),
              cell(t.getDeliveryRatio(), Units::ratio),
              cell(t.getLatencyP50Millis(), Units::millis),
              cell(t.getLatencyP95Millis(), Units::millis),
              cell(t.getLatencyP99Millis(), Units::millis)));
    }
    body.append(Html.table("traffic-metrics", rows));
  }

  private static void conditions(StringBuilder body, List<ConditionLine> conditions) {
    body.append("<h2>Conditions</h2>\n");
    if (conditions == null || conditions.isEmpty()) {
      body.append("<p>None recorded.</p>\n");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("Type", "Status", "Reason", "Message"));
    for (ConditionLine c : conditions) {
      rows.add(
          List.of(
              escape(c.type()),
              escape(c.status()),
              escape(orDash(c.reason())),
              escape(orDash(c.message()))));
    }
    body.append(Html.table("conditions", rows));
  }

  private static void figure(StringBuilder body, String svg, String caption) {
    body.append("<figure>\n")
        .append(svg)
        .append("<figcaption>")
        .append(escape(caption))
        .append("</figcaption>\n</figure>\n");
  }

  private static List<String> distributionRow(
      String name, Distribution d, DoubleFunction<String> format) {
    return List.of(
        escape(name),
        cell(mean(d), format),
        cell(d == null ? null : d.getP95(), format),
        cell(max(d), format),
        d == null || d.getNodes() == null ? NOT_MEASURED : String.valueOf(d.getNodes()));
  }

  private static String nodes(GroupMetrics g) {
    for (Distribution d :
        List.of(
            nonNull(g.getCpuCores()),
            nonNull(g.getMemoryBytes()),
            nonNull(g.getBandwidthInBytesPerSecond()))) {
      if (d.getNodes() != null) {
        return String.valueOf(d.getNodes());
      }
    }
    return NOT_MEASURED;
  }

  private static Distribution nonNull(Distribution d) {
    return d == null ? new Distribution() : d;
  }

  private static List<Double> values(
      List<TrafficResult> results, Function<TrafficResult, Double> field) {
    return results.stream().map(r -> r == null ? null : field.apply(r)).toList();
  }

  private static List<Double> means(
      List<GroupMetrics> groups, Function<GroupMetrics, Distribution> field) {
    return stat(groups, field, Distribution::getMean);
  }

  private static List<Double> stat(
      List<GroupMetrics> groups,
      Function<GroupMetrics, Distribution> field,
      Function<Distribution, Double> statistic) {
    return groups.stream().map(field).map(d -> d == null ? null : statistic.apply(d)).toList();
  }

  private static Double mean(Distribution d) {
    return d == null ? null : d.getMean();
  }

  private static Double max(Distribution d) {
    return d == null ? null : d.getMax();
  }

  static String cell(Double value, DoubleFunction<String> format) {
    return value == null || !Double.isFinite(value) ? NOT_MEASURED : escape(format.apply(value));
  }

  /**
   * Relay bytes per shard, and what they say about isolation: status-go subscribes relay clients to
   * its Communities shard whatever the settings, so bytes there are the Communities traffic that
   * could not be switched off (gossip and anything published there).
   */
  private static void relayTopics(StringBuilder body, List<RelayTopicBytes> topics) {
    if (topics == null || topics.isEmpty()) {
      body.append("<p>Relay bytes per shard: ").append(NOT_MEASURED).append(".</p>\n");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("Relay shard (all nwaku nodes)", "bytes received", "bytes sent", "carries"));
    for (RelayTopicBytes t : topics) {
      rows.add(
          List.of(
              escape(t.getTopic()),
              t.getBytesIn() == null ? NOT_MEASURED : Units.bytes(t.getBytesIn()),
              t.getBytesOut() == null ? NOT_MEASURED : Units.bytes(t.getBytesOut()),
              t.isCommunitiesShard() ? "Communities (status-go)" : "chats and relay load"));
    }
    body.append(Html.table("relay-topics", rows));
    topics.stream()
        .filter(RelayTopicBytes::isCommunitiesShard)
        .findFirst()
        .ifPresent(
            c ->
                body.append("<p>Communities isolation: relay (desktop) clients subscribe to ")
                    .append(escape(c.getTopic()))
                    .append(
                        " whatever their settings (status-go has no switch for it); the load"
                            + " creates and joins no community. That shard carried ")
                    .append(c.getBytesIn() == null ? NOT_MEASURED : Units.bytes(c.getBytesIn()))
                    .append(" received by the nodes in the window.</p>\n"));
  }

  private static String count(long value) {
    return String.format(java.util.Locale.ROOT, "%,d", value);
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }
}

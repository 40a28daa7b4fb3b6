package io.chatnet.operator.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.chatnet.operator.api.Distribution;
import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.GroupMetrics;
import io.chatnet.operator.api.MetricsResults;
import io.chatnet.operator.api.TrafficResult;
import io.chatnet.operator.report.ReportView.Cell;
import io.chatnet.operator.report.ReportView.Figure;
import io.chatnet.operator.report.ReportView.Table;
import io.chatnet.operator.report.chart.ScatterChart;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * Several experiments side by side: bandwidth, CPU, memory, latency and delivery against the number
 * of users (status-backend clients) and the offered message rate. Built from the experiments'
 * report.json alone, so it works on exported files as well as on live ConfigMaps.
 */
public final class ComparisonReport {
  public static final String SCHEMA = "chatnet.io/experiment-comparison/v1";
  private static final Set<String> NWAKU_ROLES = Set.of("bootstrap", "relay", "service");
  private static final Set<String> CLIENT_ROLES = Set.of("desktop", "mobile");

  /** comparison.json: one row per experiment, in order of users then message rate. */
  public record Comparison(String schema, List<Row> experiments) {}

  /** One experiment's figures; a null figure was not measured. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Row(
      String experiment,
      String verdict,
      Integer users,
      double messagesPerSecond,
      Double nwakuBandwidthInBytesPerSecond,
      Double nwakuBandwidthOutBytesPerSecond,
      Double nwakuCpuCores,
      Double clientCpuCores,
      Double nwakuMemoryBytes,
      Double clientMemoryBytes,
      Double oneToOneLatencyP95Millis,
      Double privateGroupsLatencyP95Millis,
      Double oneToOneDeliveryRatio,
      Double privateGroupsDeliveryRatio,
      Double droppedShare,
      Integer rlnUserMessageLimit,
      Double refusedShare,
      Double rlnValidationSeconds) {}

  private ComparisonReport() {}

  public static Comparison compare(List<ExperimentReport> reports) {
    List<Row> rows = new ArrayList<>();
    for (ExperimentReport r : reports) {
      ExperimentResults results = r.outcome().results();
      MetricsResults m = results == null ? null : results.getMetrics();
      List<GroupMetrics> groups = m == null ? List.of() : m.getGroups();
      TrafficResult oneToOne = results == null ? null : results.getOneToOne();
      TrafficResult privateGroups = results == null ? null : results.getPrivateGroups();
      rows.add(
          new Row(
              r.experiment().namespace() + "/" + r.experiment().name(),
              r.outcome().verdict() == null ? null : r.outcome().verdict().getResult(),
              r.network().users(),
              r.load().messagesPerSecond(),
              m == null ? null : mean(m.getBandwidthInBytesPerSecond()),
              m == null ? null : mean(m.getBandwidthOutBytesPerSecond()),
              perNode(groups, NWAKU_ROLES, GroupMetrics::getCpuCores),
              perNode(groups, CLIENT_ROLES, GroupMetrics::getCpuCores),
              perNode(groups, NWAKU_ROLES, GroupMetrics::getMemoryBytes),
              perNode(groups, CLIENT_ROLES, GroupMetrics::getMemoryBytes),
              oneToOne == null ? null : oneToOne.getLatencyP95Millis(),
              privateGroups == null ? null : privateGroups.getLatencyP95Millis(),
              oneToOne == null ? null : oneToOne.getDeliveryRatio(),
              privateGroups == null ? null : privateGroups.getDeliveryRatio(),
              droppedShare(results),
              ComparisonRln.limit(r),
              ComparisonRln.refusedShare(results),
              ComparisonRln.validationSeconds(results)));
    }
    rows.sort(
        Comparator.comparing((Row row) -> row.users() == null ? Integer.MAX_VALUE : row.users())
            .thenComparingDouble(Row::messagesPerSecond)
            .thenComparing(Row::experiment));
    return new Comparison(SCHEMA, rows);
  }

  /**
   * The mean per node over the groups of some roles: each group's mean weighted by its node count.
   * Not measured when no such group reported the figure.
   */
  static Double perNode(
      List<GroupMetrics> groups, Set<String> roles, Function<GroupMetrics, Distribution> field) {
    double sum = 0;
    long nodes = 0;
    for (GroupMetrics g : groups) {
      Distribution d = field.apply(g);
      if (roles.contains(g.getRole()) && d != null && d.getMean() != null && d.getNodes() != null) {
        sum += d.getMean() * d.getNodes();
        nodes += d.getNodes();
      }
    }
    return nodes == 0 ? null : sum / nodes;
  }

  /**
   * dropped / due (sent + failed + refused + dropped) over the traffic kinds whose load generators
   * counted drops; null when none did (summaries from before the send bound), never 0 for that. A
   * run with drops did not offer the rate it is plotted at: its shards' outstanding sends were at
   * their bound.
   */
  static Double droppedShare(ExperimentResults results) {
    return share(
        results,
        TrafficResult::getDropped,
        t -> t.getSent() + t.getFailed() + orZero(t.getRefused()) + t.getDropped());
  }

  /**
   * part / whole summed over the traffic kinds (one-to-one, private groups, relay) that counted the
   * part; null when none did or the whole is 0.
   */
  static Double share(
      ExperimentResults results,
      Function<TrafficResult, Long> part,
      ToLongFunction<TrafficResult> whole) {
    if (results == null) {
      return null;
    }
    long counted = 0;
    long total = 0;
    boolean any = false;
    for (TrafficResult t :
        Stream.of(results.getOneToOne(), results.getPrivateGroups(), results.getRelay())
            .filter(t -> t != null && part.apply(t) != null)
            .toList()) {
      any = true;
      counted += part.apply(t);
      total += whole.applyAsLong(t);
    }
    return !any || total == 0 ? null : (double) counted / total;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static Double mean(Distribution d) {
    return d == null ? null : d.getMean();
  }

  /** A charted quantity; {@code bytes} puts its ticks at round KiB, MiB... */
  private record Quantity(
      String title, String axis, DoubleFunction<String> format, boolean bytes, List<Line> lines) {}

  private record Line(String name, Function<Row, Double> value) {}

  private static final List<Quantity> QUANTITIES =
      List.of(
          new Quantity(
              "Bandwidth per nwaku node",
              "bytes per second (mean)",
              Units::bytesPerSecond,
              true,
              List.of(
                  new Line("in", Row::nwakuBandwidthInBytesPerSecond),
                  new Line("out", Row::nwakuBandwidthOutBytesPerSecond))),
          new Quantity(
              "CPU per node",
              "cores (mean)",
              Units::plain,
              false,
              List.of(
                  new Line("nwaku", Row::nwakuCpuCores), new Line("clients", Row::clientCpuCores))),
          new Quantity(
              "Resident memory per node",
              "bytes (mean)",
              Units::bytes,
              true,
              List.of(
                  new Line("nwaku", Row::nwakuMemoryBytes),
                  new Line("clients", Row::clientMemoryBytes))),
          new Quantity(
              "Latency p95",
              "latency",
              Units::millis,
              false,
              List.of(
                  new Line("one-to-one", Row::oneToOneLatencyP95Millis),
                  new Line("private groups", Row::privateGroupsLatencyP95Millis))),
          new Quantity(
              "Delivery ratio",
              "received / expected",
              Units::ratio,
              false,
              List.of(
                  new Line("one-to-one", Row::oneToOneDeliveryRatio),
                  new Line("private groups", Row::privateGroupsDeliveryRatio))));

  public static String html(Comparison comparison) {
    List<Row> rows = comparison.experiments();
    List<List<Cell>> table = new ArrayList<>();
    boolean rln = ComparisonRln.any(rows);
    // the column only when some run dropped sends, as the experiment page's Dropped column
    boolean drops = rows.stream().anyMatch(r -> r.droppedShare() != null && r.droppedShare() > 0);
    for (Row r : rows) {
      List<Cell> row =
          new ArrayList<>(
              List.of(
                  Cell.of(r.experiment()),
                  Cell.of(r.verdict() == null ? "-" : r.verdict()),
                  r.users() == null ? Cell.NOT_MEASURED : Cell.of(String.valueOf(r.users())),
                  Cell.of(Units.plain(r.messagesPerSecond())),
                  Cell.figure(r.nwakuBandwidthInBytesPerSecond(), Units::bytesPerSecond),
                  Cell.figure(r.nwakuBandwidthOutBytesPerSecond(), Units::bytesPerSecond),
                  Cell.figure(r.nwakuCpuCores(), Units::cores),
                  Cell.figure(r.clientCpuCores(), Units::cores),
                  Cell.figure(r.nwakuMemoryBytes(), Units::bytes),
                  Cell.figure(r.clientMemoryBytes(), Units::bytes),
                  Cell.figure(r.oneToOneLatencyP95Millis(), Units::millis),
                  Cell.figure(r.privateGroupsLatencyP95Millis(), Units::millis),
                  Cell.figure(r.oneToOneDeliveryRatio(), Units::ratio),
                  Cell.figure(r.privateGroupsDeliveryRatio(), Units::ratio)));
      if (drops) {
        row.add(Cell.figure(r.droppedShare(), Units::ratio));
      }
      if (rln) {
        row.addAll(ComparisonRln.cells(r));
      }
      table.add(row);
    }
    List<Row> withUsers = rows.stream().filter(r -> r.users() != null).toList();
    Map<String, Object> data = new HashMap<>();
    data.put("title", "chatnet comparison of " + rows.size() + " experiments");
    data.put("count", rows.size());
    List<String> header = new ArrayList<>(HEADER);
    if (drops) {
      header.add("dropped share");
    }
    data.put("drops", drops);
    if (rln) {
      header.addAll(ComparisonRln.HEADER);
    }
    data.put("table", new Table("comparison", header, table));
    data.put("byLimit", ComparisonRln.figures(rows));
    data.put("someWithoutUsers", withUsers.size() < rows.size());
    data.put(
        "byUsers",
        QUANTITIES.stream()
            .map(q -> chart(q, withUsers, "users", r -> (double) r.users(), Units::plain))
            .toList());
    data.put(
        "byRate",
        QUANTITIES.stream()
            .map(
                q ->
                    chart(
                        q,
                        rows,
                        "messages per second offered",
                        Row::messagesPerSecond,
                        Units::plain))
            .toList());
    return ReportTemplates.render("report/comparison.html", data);
  }

  private static final List<String> HEADER =
      List.of(
          "Experiment",
          "Verdict",
          "Users",
          "msg/s",
          "nwaku in",
          "nwaku out",
          "nwaku CPU",
          "client CPU",
          "nwaku memory",
          "client memory",
          "1:1 p95",
          "groups p95",
          "1:1 delivery",
          "groups delivery");

  private static Figure chart(
      Quantity q,
      List<Row> rows,
      String xTitle,
      Function<Row, Double> x,
      DoubleFunction<String> xFormat) {
    ScatterChart chart =
        new ScatterChart(q.title() + " against " + xTitle, xTitle, xFormat, q.axis(), q.format());
    if (q.bytes()) {
      chart.binaryUnits();
    }
    for (Line line : q.lines()) {
      chart.series(
          line.name(),
          rows.stream()
              .map(r -> new ScatterChart.Point(x.apply(r), line.value().apply(r), r.experiment()))
              .toList());
    }
    return new Figure(chart.svg(), null);
  }
}

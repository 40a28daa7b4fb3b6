package io.chatnet.operator.report;

import static io.chatnet.operator.report.ReportView.orDash;

import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.report.ExperimentReport.ConditionLine;
import io.chatnet.operator.report.ExperimentReport.Feature;
import io.chatnet.operator.report.ExperimentReport.Fixed;
import io.chatnet.operator.report.ExperimentReport.Group;
import io.chatnet.operator.report.ExperimentReport.Network;
import io.chatnet.operator.report.ReportView.Cell;
import io.chatnet.operator.report.ReportView.Fact;
import io.chatnet.operator.report.ReportView.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The human report of one experiment: a self-contained HTML page (inline style, inline SVG charts,
 * no script, nothing fetched), laid out by templates/report/experiment.html. A pure function of
 * {@link ExperimentReport}: this class only picks and formats the figures. Figures that were not
 * measured read "not measured", in tables and in charts alike.
 */
public final class HtmlReport {
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
    LoadSection.put(data, report);
    ChatSection.put(data, report);
    OperationsSection.put(data, report);
    LoadFaultsSection.put(data, report);
    RlnSection.put(data, report);
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
    if (report.security() != null) {
      rows.add(fact("Privileged pods", privileges(report.security())));
    }
    return rows;
  }

  /** Says whether any pod ran beyond the restricted Pod Security level, which and why. */
  static String privileges(ExperimentReport.Security security) {
    if (!security.privilegedPods()) {
      return "none: every pod ran within the restricted Pod Security level";
    }
    List<String> groups = new ArrayList<>();
    for (ExperimentReport.PrivilegedGroup g : security.groups()) {
      List<String> what = new ArrayList<>();
      if (g.privileged()) {
        what.add("privileged");
      }
      if (!g.rootContainers().isEmpty()) {
        what.add("as root: " + String.join(", ", g.rootContainers()));
      }
      if (!g.addedCapabilities().isEmpty()) {
        what.add("capabilities " + String.join(", ", g.addedCapabilities()));
      }
      groups.add(g.name() + " (" + String.join("; ", what) + "; asked by " + g.specField() + ")");
    }
    return "yes: " + String.join(", ", groups);
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
          ReportView.cells(
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

  private static String metricsMissing(List<ConditionLine> conditions) {
    return (conditions == null ? List.<ConditionLine>of() : conditions)
        .stream()
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
      rows.add(ReportView.cells(c.type(), c.status(), orDash(c.reason()), orDash(c.message())));
    }
    return new Table("conditions", List.of("Type", "Status", "Reason", "Message"), rows);
  }
}

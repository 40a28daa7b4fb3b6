package io.chatnet.operator.report;

import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.TrafficResult;
import io.chatnet.operator.report.ComparisonReport.Row;
import io.chatnet.operator.report.ReportView.Cell;
import io.chatnet.operator.report.ReportView.Figure;
import io.chatnet.operator.report.chart.ScatterChart;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The comparison report's RLN figures per experiment: the network's user message limit, the share
 * of attempted sends the limit refused (all traffic kinds that counted refusals together) and the
 * nodes' estimated validation CPU; as table columns and, when some runs had a limit, charts against
 * it. Absent from the page when no run had RLN.
 */
final class ComparisonRln {
  static final List<String> HEADER = List.of("RLN limit", "refused share", "RLN validation");

  private ComparisonRln() {}

  static Integer limit(ExperimentReport report) {
    return report.network().rln() == null ? null : report.network().rln().userMessageLimit();
  }

  /**
   * refused / (sent + failed + refused) over the traffic kinds that counted refusals; null when
   * none did (never 0 for "not counted").
   */
  static Double refusedShare(ExperimentResults results) {
    return ComparisonReport.share(
        results, TrafficResult::getRefused, t -> t.getSent() + t.getFailed() + t.getRefused());
  }

  /** The nodes' validation time in the window (proofs verified x mean verification time). */
  static Double validationSeconds(ExperimentResults results) {
    return results == null || results.getMetrics() == null || results.getMetrics().getRln() == null
        ? null
        : results.getMetrics().getRln().getVerificationSecondsEstimate();
  }

  static boolean any(List<Row> rows) {
    return rows.stream().anyMatch(r -> r.rlnUserMessageLimit() != null || r.refusedShare() != null);
  }

  static List<Cell> cells(Row r) {
    return List.of(
        r.rlnUserMessageLimit() == null
            ? Cell.of("off")
            : Cell.of(String.valueOf(r.rlnUserMessageLimit())),
        Cell.figure(r.refusedShare(), Units::ratio),
        Cell.figure(r.rlnValidationSeconds(), RlnSection::seconds));
  }

  /** One run at an RLN limit, as the charts against the limit read it (null: not measured). */
  record LimitPoint(
      String label,
      int limit,
      Double refusedShare,
      Double oneToOneDelivery,
      Double groupsDelivery,
      Double validationSeconds) {}

  /** Charts against the limit, over the runs that had one; none when no run had. */
  static List<Figure> figures(List<Row> rows) {
    return limitFigures(
        rows.stream()
            .filter(r -> r.rlnUserMessageLimit() != null)
            .map(
                r ->
                    new LimitPoint(
                        r.experiment(),
                        r.rlnUserMessageLimit(),
                        r.refusedShare(),
                        r.oneToOneDeliveryRatio(),
                        r.privateGroupsDeliveryRatio(),
                        r.rlnValidationSeconds()))
            .toList());
  }

  /** Refused share with delivery, and validation time, each against the limit. */
  static List<Figure> limitFigures(List<LimitPoint> limited) {
    if (limited.isEmpty()) {
      return List.of();
    }
    String x = "user message limit (per membership per epoch)";
    ScatterChart shares =
        new ScatterChart(
                "Refused share and delivery against the RLN limit",
                x,
                Units::plain,
                "share",
                Units::ratio)
            .series("refused share", points(limited, LimitPoint::refusedShare))
            .series("1:1 delivery", points(limited, LimitPoint::oneToOneDelivery))
            .series("groups delivery", points(limited, LimitPoint::groupsDelivery));
    ScatterChart cpu =
        new ScatterChart(
                "RLN validation time against the RLN limit",
                x,
                Units::plain,
                "seconds over all nodes",
                Units::plain)
            .series("validation (estimate)", points(limited, LimitPoint::validationSeconds));
    return List.of(
        new Figure(
            shares.svg(),
            "Refused share: refused / (sent + failed + refused) over the traffic kinds that"
                + " counted refusals; delivery covers the accepted messages."),
        new Figure(cpu.svg(), "Proofs verified x mean verification time, summed over the nodes."));
  }

  private static List<ScatterChart.Point> points(
      List<LimitPoint> rows, Function<LimitPoint, Double> value) {
    List<ScatterChart.Point> points = new ArrayList<>();
    for (LimitPoint r : rows) {
      points.add(new ScatterChart.Point(r.limit(), value.apply(r), r.label()));
    }
    return points;
  }
}

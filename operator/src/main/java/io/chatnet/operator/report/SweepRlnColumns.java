package io.chatnet.operator.report;

import io.chatnet.operator.capacity.Quantity;
import io.chatnet.operator.capacity.RlnPoint;
import io.chatnet.operator.capacity.SweepPoint;
import io.chatnet.operator.report.ReportView.Cell;
import io.chatnet.operator.report.ReportView.Figure;
import io.chatnet.operator.report.ReportView.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The sweep page's RLN figures per point, when some point ran with RLN (a sweep over the RLN limit,
 * or any sweep of an RLN network): the limit, the refused share, the delivery of the accepted
 * messages and the nodes' validation time, as points-table columns and charts against the limit.
 * Plotted, not fitted: the capacity laws are in users and rate per user.
 */
final class SweepRlnColumns {
  static final List<String> HEADER =
      List.of("RLN limit", "Refused share", "Delivery", "RLN validation");

  private SweepRlnColumns() {}

  /** {@code table} (one row per point, in order) with the RLN columns, if any point had RLN. */
  static Table add(Table table, List<SweepPoint> points) {
    if (points.stream().allMatch(p -> p.rln() == null)) {
      return table;
    }
    List<String> header = new ArrayList<>(table.header());
    header.addAll(HEADER);
    List<List<Cell>> rows = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      SweepPoint p = points.get(i);
      RlnPoint rln = p.rln();
      List<Cell> row = new ArrayList<>(table.rows().get(i));
      row.add(
          rln == null || rln.userMessageLimit() == null
              ? Cell.of("off")
              : Cell.of(String.valueOf(rln.userMessageLimit())));
      row.add(Cell.figure(rln == null ? null : rln.refusedShare(), Units::ratio));
      row.add(Cell.figure(delivery(p), Units::ratio));
      row.add(Cell.figure(rln == null ? null : rln.validationSeconds(), RlnSection::seconds));
      rows.add(row);
    }
    return new Table(table.css(), header, rows);
  }

  static List<Figure> figures(List<SweepPoint> points) {
    return ComparisonRln.limitFigures(
        points.stream()
            .filter(p -> p.rln() != null && p.rln().userMessageLimit() != null)
            .map(
                p ->
                    new ComparisonRln.LimitPoint(
                        p.source(),
                        p.rln().userMessageLimit(),
                        p.rln().refusedShare(),
                        p.measured().get(Quantity.ONE_TO_ONE_DELIVERY),
                        p.measured().get(Quantity.GROUP_DELIVERY),
                        p.rln().validationSeconds()))
            .toList());
  }

  /** The point's chat delivery: one-to-one's, else private groups'. */
  private static Double delivery(SweepPoint p) {
    Double oneToOne = p.measured().get(Quantity.ONE_TO_ONE_DELIVERY);
    return oneToOne != null ? oneToOne : p.measured().get(Quantity.GROUP_DELIVERY);
  }
}

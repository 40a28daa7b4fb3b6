package io.chatnet.operator.report;

import io.chatnet.operator.capacity.CapacityModel;
import io.chatnet.operator.capacity.LawFitter;
import io.chatnet.operator.capacity.Quantity;
import io.chatnet.operator.capacity.SweepPoint;
import io.chatnet.operator.capacity.Traffic;
import io.chatnet.operator.report.ReportView.Cell;
import io.chatnet.operator.report.ReportView.Fact;
import io.chatnet.operator.report.ReportView.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's report page: its points and, per quantity the capacity model fitted, the measured
 * points, the law over the measured range and its prediction beyond it with both bands, the law's
 * coefficients, fit and residuals (templates/report/sweep.html). Pure: points and model in, HTML
 * out; the fit command writes it ({@code --html}) and a sweep's reconciler can store it.
 */
public final class SweepReportPage {
  /**
   * How far the curves run: to {@code toUsers} users when given, else {@code factor} times the
   * largest measured users (or rate, for a sweep over the rate alone); bands at {@code level}.
   */
  public record Options(double factor, Double toUsers, double level) {
    public static final Options DEFAULT = new Options(10, null, 0.95);

    public Options {
      if (!(level > 0 && level < 1)) {
        throw new IllegalArgumentException(
            "the bands' level must be between 0 and 1, not " + level);
      }
      if (!(factor >= 1)) {
        throw new IllegalArgumentException(
            "the extrapolation factor must be 1 or more, not " + factor);
      }
    }
  }

  private SweepReportPage() {}

  public static String render(String title, List<SweepPoint> points, CapacityModel model) {
    return render(title, points, model, Options.DEFAULT);
  }

  public static String render(
      String title, List<SweepPoint> points, CapacityModel model, Options options) {
    SweepAxis axis = SweepAxis.of(points, options.toUsers(), options.factor());
    List<SweepQuantitySection.Section> sections = new ArrayList<>();
    for (Map.Entry<Quantity, LawFitter.Selection> e : model.fits().entrySet()) {
      sections.add(
          SweepQuantitySection.of(e.getKey(), e.getValue(), points, axis, options.level()));
    }
    Map<String, Object> data = new HashMap<>();
    data.put("title", title);
    data.put("facts", facts(points, model, axis));
    data.put("axes", axis.describe());
    data.put("band", SweepQuantitySection.percent(options.level()));
    data.put("points", SweepRlnColumns.add(table(points, model), points));
    data.put("byLimit", SweepRlnColumns.figures(points));
    data.put("sections", sections);
    data.put("notFitted", model.notFitted() == null ? List.of() : model.notFitted());
    return ReportTemplates.render("report/sweep.html", data);
  }

  private static List<Fact> facts(List<SweepPoint> points, CapacityModel model, SweepAxis axis) {
    List<Fact> facts = new ArrayList<>();
    facts.add(new Fact("Points", Cell.of(String.valueOf(points.size()))));
    facts.add(new Fact("Traffic", Cell.of(model.describeTraffic())));
    facts.add(
        new Fact(
            "Message size",
            model.payloadBytes() == null
                ? Cell.NOT_MEASURED
                : Cell.of(Units.bytes(model.payloadBytes()))));
    facts.add(
        new Fact("Relay nodes per user (median)", Cell.of(Units.plain(model.relayNodesPerUser()))));
    facts.add(
        new Fact(
            "Prediction to",
            Cell.of(
                axis.byUsers()
                    ? Units.plain(axis.target()) + " users"
                    : Units.perSecond(axis.target()) + " per user")));
    facts.add(new Fact("Fitted quantities", Cell.of(String.valueOf(model.fits().size()))));
    return facts;
  }

  /** One row per point: its shape, then every quantity the model holds. */
  private static Table table(List<SweepPoint> points, CapacityModel model) {
    List<Quantity> quantities = new ArrayList<>(model.fits().keySet());
    List<String> header =
        new ArrayList<>(
            List.of(
                "Point",
                "Users",
                "Rate per user",
                "Network rate",
                "Traffic",
                "Group size",
                "Relay nodes"));
    quantities.forEach(q -> header.add(q.label()));
    List<List<Cell>> rows = new ArrayList<>();
    for (SweepPoint p : points) {
      List<Cell> row =
          new ArrayList<>(
              List.of(
                  Cell.of(p.source()),
                  Cell.of(Units.plain(p.users())),
                  Cell.of(Units.perSecond(p.ratePerUser())),
                  Cell.of(Units.perSecond(p.users() * p.ratePerUser())),
                  Cell.of(p.traffic().label()),
                  p.traffic() == Traffic.PRIVATE_GROUPS && p.groupSize() != null
                      ? Cell.of(String.valueOf(p.groupSize()))
                      : Cell.of("-"),
                  Cell.of(String.valueOf(p.relayNodes()))));
      for (Quantity q : quantities) {
        row.add(Cell.figure(p.measured().get(q), SweepQuantitySection.format(q.unit())));
      }
      rows.add(row);
    }
    return new Table("points", header, rows);
  }
}

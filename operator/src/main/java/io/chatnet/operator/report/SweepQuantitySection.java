package io.chatnet.operator.report;

import io.chatnet.operator.capacity.LawFit;
import io.chatnet.operator.capacity.LawFitter;
import io.chatnet.operator.capacity.Prediction;
import io.chatnet.operator.capacity.Quantity;
import io.chatnet.operator.capacity.SweepPoint;
import io.chatnet.operator.report.ReportView.Cell;
import io.chatnet.operator.report.ReportView.Fact;
import io.chatnet.operator.report.ReportView.Figure;
import io.chatnet.operator.report.ReportView.Table;
import io.chatnet.operator.report.chart.FitChart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleFunction;

/**
 * One fitted quantity of the sweep report page: its chart (points, the law over the measured range,
 * the prediction beyond, both bands), the chosen law with coefficients, standard errors and fit,
 * every candidate's AICc, each point's residual, and the law's value at the page's target.
 */
final class SweepQuantitySection {
  /** Samples of the law per curve: enough for a smooth line at the chart's width. */
  static final int SAMPLES = 48;

  /** What the template lays out for one quantity. */
  record Section(
      String id,
      String title,
      String formula,
      List<Fact> facts,
      Table candidates,
      Table residuals,
      Table predictions,
      List<Figure> figures) {}

  private SweepQuantitySection() {}

  static Section of(
      Quantity q,
      LawFitter.Selection selection,
      List<SweepPoint> points,
      SweepAxis axis,
      double level) {
    LawFit fit = selection.best();
    DoubleFunction<String> format = format(q.unit());
    return new Section(
        q.name().toLowerCase(Locale.ROOT).replace('_', '-'),
        q.label(),
        fit.law().formula(),
        facts(fit, level),
        candidates(selection),
        residuals(fit, format),
        predictions(fit, axis, format, level),
        List.of(new Figure(chart(q, fit, points, axis, level), caption(axis, level))));
  }

  /** How a quantity's figures read (report/Units). */
  static DoubleFunction<String> format(Quantity.Unit unit) {
    return switch (unit) {
      case BYTES_PER_SECOND -> Units::bytesPerSecond;
      case BYTES -> Units::bytes;
      case CORES -> Units::cores;
      case RATIO -> Units::ratio;
      case MILLIS -> Units::millis;
    };
  }

  private static List<Fact> facts(LawFit fit, double level) {
    List<Fact> facts = new ArrayList<>();
    facts.add(new Fact("Law (chosen by AICc)", Cell.of(fit.law().formula())));
    char name = 'a';
    for (int i = 0; i < fit.coefficients().length; i++) {
      String se =
          i == 0 && fit.law().logSpace()
              ? "standard error of ln a " + sci(fit.standardErrors()[i])
              : "standard error " + sci(fit.standardErrors()[i]);
      facts.add(
          new Fact(
              "Coefficient " + (char) (name + i),
              Cell.of(sci(fit.coefficients()[i]) + " (" + se + ")")));
    }
    facts.add(
        new Fact(
            fit.law().logSpace() ? "Adjusted R\u00b2 (of ln y)" : "Adjusted R\u00b2",
            fit.adjustedRSquared() == null
                ? Cell.styled("not-measured", "none: the points do not vary, or a constant law")
                : Cell.of(String.format(Locale.ROOT, "%.4f", fit.adjustedRSquared()))));
    facts.add(new Fact("AICc", Cell.of(String.format(Locale.ROOT, "%.2f", fit.aicc()))));
    facts.add(
        new Fact(
            "Points, degrees of freedom", Cell.of(fit.points() + ", " + fit.degreesOfFreedom())));
    facts.add(
        new Fact(
            "Measured range",
            Cell.of(
                "users "
                    + Units.plain(fit.usersRange()[0])
                    + " to "
                    + Units.plain(fit.usersRange()[1])
                    + ", rate per user "
                    + Units.perSecond(fit.rateRange()[0])
                    + " to "
                    + Units.perSecond(fit.rateRange()[1]))));
    facts.add(new Fact("Bands", Cell.of(percent(level) + " (Student t)")));
    return facts;
  }

  private static Table candidates(LawFitter.Selection selection) {
    double best = selection.best().aicc();
    List<List<Cell>> rows = new ArrayList<>();
    for (LawFitter.Candidate c : selection.candidates()) {
      boolean chosen = c.law() == selection.best().law();
      rows.add(
          List.of(
              chosen ? Cell.styled("total", c.law().formula()) : Cell.of(c.law().formula()),
              c.aicc() == null
                  ? Cell.styled("not-measured", "skipped: " + c.skipped())
                  : Cell.of(String.format(Locale.ROOT, "%.2f", c.aicc())),
              c.aicc() == null
                  ? Cell.of("-")
                  : Cell.of(String.format(Locale.ROOT, "%.2f", c.aicc() - best)),
              c.adjustedRSquared() == null
                  ? Cell.of("-")
                  : Cell.of(String.format(Locale.ROOT, "%.4f", c.adjustedRSquared())),
              Cell.of(chosen ? "chosen" : "")));
    }
    return new Table(
        "candidates", List.of("Law", "AICc", "\u0394AICc", "Adjusted R\u00b2", ""), rows);
  }

  private static Table residuals(LawFit fit, DoubleFunction<String> format) {
    List<List<Cell>> rows = new ArrayList<>();
    for (LawFit.Residual r : fit.residuals()) {
      rows.add(
          List.of(
              Cell.of(r.source()),
              Cell.of(Units.plain(r.users())),
              Cell.of(Units.perSecond(r.ratePerUser())),
              Cell.of(format.apply(r.measured())),
              Cell.of(format.apply(r.fitted())),
              Cell.of(format.apply(r.residual())),
              Cell.of(
                  r.fitted() == 0
                      ? "-"
                      : String.format(Locale.ROOT, "%+.2f %%", 100 * r.residual() / r.fitted()))));
    }
    return new Table(
        "residuals",
        List.of("Point", "Users", "Rate per user", "Measured", "Law", "Residual", "Relative"),
        rows);
  }

  /** The law at the page's target (users, or rate), per curve, with both bands. */
  private static Table predictions(
      LawFit fit, SweepAxis axis, DoubleFunction<String> format, double level) {
    List<List<Cell>> rows = new ArrayList<>();
    for (double curve : axis.curves()) {
      double users = axis.users(axis.target(), curve);
      double rate = axis.rate(axis.target(), curve);
      Prediction p = fit.predict(users, rate, level);
      rows.add(
          List.of(
              Cell.of(Units.plain(users)),
              Cell.of(Units.perSecond(rate)),
              Cell.of(format.apply(p.value())),
              Cell.of(format.apply(p.confidenceLow()) + " to " + format.apply(p.confidenceHigh())),
              Cell.of(format.apply(p.predictionLow()) + " to " + format.apply(p.predictionHigh())),
              p.extrapolated()
                  ? Cell.styled("on", "prediction (extrapolated)")
                  : Cell.of("within the measured range")));
    }
    String band = percent(level);
    return new Table(
        "predictions",
        List.of(
            "Users",
            "Rate per user",
            "Law",
            band + " band of the law",
            band + " band of a new run",
            "Range"),
        rows);
  }

  private static String chart(
      Quantity q, LawFit fit, List<SweepPoint> points, SweepAxis axis, double level) {
    DoubleFunction<String> format = format(q.unit());
    Map<Double, List<FitChart.Point>> byCurve = new TreeMap<>();
    List<Double> values = new ArrayList<>();
    for (SweepPoint p : points) {
      Double v = p.measured().get(q);
      if (v == null || !Double.isFinite(v) || p.users() <= 0 || p.ratePerUser() <= 0) {
        continue;
      }
      byCurve
          .computeIfAbsent(axis.curveOf(p), k -> new ArrayList<>())
          .add(new FitChart.Point(axis.xOf(p), v, p.source()));
      values.add(v);
    }
    Map<Double, List<FitChart.Sample>> curves = new TreeMap<>();
    for (double curve : axis.curves()) {
      List<FitChart.Sample> samples = samples(fit, axis, curve, level);
      curves.put(curve, samples);
      samples.forEach(s -> values.add(s.value()));
    }
    boolean logY = spansDecade(values);
    String band = percent(level);
    FitChart chart =
        new FitChart(
            q.label() + " against " + axis.title(),
            axis.title() + (axis.log() ? " (log scale)" : ""),
            axis.format(),
            q.label() + (logY ? " (log scale)" : ""),
            tick(q.unit(), format),
            band + " band of the law",
            band + " band of a new run");
    chart.logScales(axis.log(), logY).measuredUpTo(axis.measuredHigh(fit));
    if (!logY && (q.unit() == Quantity.Unit.BYTES || q.unit() == Quantity.Unit.BYTES_PER_SECOND)) {
      chart.binaryUnits();
    }
    for (var e : curves.entrySet()) {
      chart.series(
          axis.curveName(e.getKey()), byCurve.getOrDefault(e.getKey(), List.of()), e.getValue());
    }
    return chart.svg();
  }

  /**
   * The law along one curve from the smallest measured x to the target, evenly on the axis's scale,
   * with the end of the measured range as a sample so the solid line ends exactly there.
   */
  static List<FitChart.Sample> samples(LawFit fit, SweepAxis axis, double curve, double level) {
    double low = axis.measuredLow(fit);
    double high = Math.max(axis.target(), axis.measuredHigh(fit));
    List<Double> xs = new ArrayList<>();
    for (int i = 0; i <= SAMPLES; i++) {
      double f = (double) i / SAMPLES;
      xs.add(axis.log() ? low * Math.pow(high / low, f) : low + (high - low) * f);
    }
    xs.add(axis.measuredHigh(fit));
    List<FitChart.Sample> samples = new ArrayList<>();
    xs.stream()
        .sorted()
        .distinct()
        .forEach(
            x -> {
              Prediction p = fit.predict(axis.users(x, curve), axis.rate(x, curve), level);
              samples.add(
                  new FitChart.Sample(
                      x,
                      p.value(),
                      p.confidenceLow(),
                      p.confidenceHigh(),
                      p.predictionLow(),
                      p.predictionHigh(),
                      p.extrapolated()));
            });
    return samples;
  }

  /** Log scale where the values are all above zero and span a factor of ten or more. */
  static boolean spansDecade(List<Double> values) {
    double low = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double high = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return low > 0 && high / low >= 10;
  }

  private static DoubleFunction<String> tick(Quantity.Unit unit, DoubleFunction<String> format) {
    return unit == Quantity.Unit.CORES ? Units::plain : format;
  }

  private static String caption(SweepAxis axis, double level) {
    String band = percent(level);
    return "Points: the measured sweep points. Solid line: the chosen law over the measured range;"
        + " dashed, over the shaded area: its prediction beyond the measured "
        + axis.title()
        + ", which assumes the law holds there. Darker band: "
        + band
        + " band of the law (where the true curve lies); lighter band: "
        + band
        + " band of a new run (where one more measurement would lie). Bands of a power law are"
        + " asymmetric around its median.";
  }

  static String percent(double level) {
    return Units.plain(level * 100) + "%";
  }

  private static String sci(double value) {
    return String.format(Locale.ROOT, "%.4g", value);
  }
}

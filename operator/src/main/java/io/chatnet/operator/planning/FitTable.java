package io.chatnet.operator.planning;

import io.chatnet.operator.capacity.CapacityModel;
import io.chatnet.operator.capacity.LawFit;
import io.chatnet.operator.capacity.LawFitter;
import io.chatnet.operator.capacity.Quantity;
import io.chatnet.operator.report.Units;
import java.util.Locale;
import java.util.Map;

/**
 * The fit verb's text: per quantity the chosen law, its coefficients and fit, every candidate,
 * residuals.
 */
final class FitTable {
  private FitTable() {}

  static String render(CapacityModel model) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "capacity model of %d points (%s traffic): %s%n",
            model.points().size(),
            model.describeTraffic(),
            String.join(", ", model.points())));
    for (Map.Entry<Quantity, LawFitter.Selection> e : model.fits().entrySet()) {
      LawFit f = e.getValue().best();
      out.append(
          String.format(
              Locale.ROOT,
              "%n%s: %s  coefficients %s  adj. R^2 %s  AICc %s  (%d points, %d dof)%n",
              e.getKey().label(),
              f.law().formula(),
              coefficients(f),
              f.adjustedRSquared() == null
                  ? "-"
                  : String.format(Locale.ROOT, "%.4f", f.adjustedRSquared()),
              Units.plain(f.aicc()),
              f.points(),
              f.degreesOfFreedom()));
      for (LawFitter.Candidate c : e.getValue().candidates()) {
        out.append("  candidate ").append(c.law().formula()).append(": ");
        out.append(
            c.skipped() != null
                ? "not fitted, " + c.skipped()
                : "AICc "
                    + Units.plain(c.aicc())
                    + (c.adjustedRSquared() == null
                        ? ""
                        : String.format(Locale.ROOT, ", adj. R^2 %.4f", c.adjustedRSquared())));
        out.append('\n');
      }
      for (LawFit.Residual r : f.residuals()) {
        out.append(
            String.format(
                Locale.ROOT,
                "  residual %s (users %s, rate %s): measured %s, law %s, %s%n",
                r.source(),
                Units.plain(r.users()),
                Units.plain(r.ratePerUser()),
                PlanTable.format(e.getKey(), r.measured()),
                PlanTable.format(e.getKey(), r.fitted()),
                r.fitted() == 0
                    ? "-"
                    : String.format(Locale.ROOT, "%+.2f%%", 100 * r.residual() / r.fitted())));
      }
    }
    if (model.notFitted() != null) {
      model.notFitted().forEach(n -> out.append("not fitted: ").append(n).append('\n'));
    }
    return out.toString();
  }

  private static String coefficients(LawFit f) {
    StringBuilder s = new StringBuilder();
    char name = 'a';
    for (int i = 0; i < f.coefficients().length; i++) {
      s.append(i == 0 ? "" : ", ")
          .append(name++)
          .append('=')
          .append(String.format(Locale.ROOT, "%.4g", f.coefficients()[i]))
          .append(i == 0 && f.law().logSpace() ? " (se of ln a " : " (se ")
          .append(String.format(Locale.ROOT, "%.2g", f.standardErrors()[i]))
          .append(')');
    }
    return s.toString();
  }
}

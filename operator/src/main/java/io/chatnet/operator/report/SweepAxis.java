package io.chatnet.operator.report;

import io.chatnet.operator.capacity.LawFit;
import io.chatnet.operator.capacity.SweepPoint;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * What the sweep page's charts put across: users, with one curve per measured rate per user (what a
 * test team asks: how does it grow with the user count at our rate), or, for a sweep over the rate
 * alone (one user count), the rate per user with one curve per user count. {@code target} is where
 * the curves end (the prediction's far end); the axis is logarithmic when it spans ten times.
 */
record SweepAxis(boolean byUsers, List<Double> curves, double target, boolean log) {

  static SweepAxis of(List<SweepPoint> points, Double toUsers, double factor) {
    List<SweepPoint> usable =
        points.stream().filter(p -> p.users() > 0 && p.ratePerUser() > 0).toList();
    if (usable.isEmpty()) {
      throw new IllegalArgumentException(
          "no point has users and a message rate per user above zero: nothing to draw");
    }
    long userCounts = usable.stream().mapToDouble(SweepPoint::users).distinct().count();
    long rates = usable.stream().mapToDouble(p -> round(p.ratePerUser())).distinct().count();
    boolean byUsers = userCounts > 1 || rates == 1;
    List<Double> curves =
        usable.stream()
            .map(p -> byUsers ? round(p.ratePerUser()) : p.users())
            .distinct()
            .sorted()
            .toList();
    double low =
        usable.stream().mapToDouble(p -> byUsers ? p.users() : p.ratePerUser()).min().orElseThrow();
    double high =
        usable.stream().mapToDouble(p -> byUsers ? p.users() : p.ratePerUser()).max().orElseThrow();
    double target = byUsers && toUsers != null ? toUsers : high * factor;
    if (!(target > 0)) {
      throw new IllegalArgumentException("the prediction's end must be above zero, not " + target);
    }
    return new SweepAxis(byUsers, curves, target, Math.max(target, high) / low >= 10);
  }

  /** Rates computed as a network rate over users: equal rates compared to nine digits. */
  static double round(double value) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.9g", value));
  }

  double xOf(SweepPoint p) {
    return byUsers ? p.users() : p.ratePerUser();
  }

  double curveOf(SweepPoint p) {
    return byUsers ? round(p.ratePerUser()) : p.users();
  }

  double users(double x, double curve) {
    return byUsers ? x : curve;
  }

  double rate(double x, double curve) {
    return byUsers ? curve : x;
  }

  String title() {
    return byUsers ? "users" : "message rate per user";
  }

  DoubleFunction<String> format() {
    return byUsers ? Units::plain : Units::perSecond;
  }

  String curveName(double curve) {
    return byUsers ? Units.perSecond(curve) + " per user" : Units.plain(curve) + " users";
  }

  double measuredLow(LawFit fit) {
    return byUsers ? fit.usersRange()[0] : fit.rateRange()[0];
  }

  double measuredHigh(LawFit fit) {
    return byUsers ? fit.usersRange()[1] : fit.rateRange()[1];
  }

  /** One sentence for the page: what is across, what is a curve, where the scales are log. */
  String describe() {
    String across =
        byUsers
            ? "Across: users (status-backend clients); one curve per measured message rate per user"
            : "Across: the message rate per user (every point has the same user count); one curve"
                + " per user count";
    return across
        + (log ? ", on a log scale (the points and the prediction span ten times or more)" : "")
        + ". Up: the quantity, on a log scale where its values span ten times or more.";
  }
}

package io.chatnet.operator.report.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * A logarithmic axis for values spanning decades (users from 100 to 100,000), from a round value at
 * or under the lowest to one at or over the highest (1, 2 or 5 times a power of ten). Ticks at 1, 2
 * and 5 per decade over up to three decades, at the powers of ten beyond.
 */
record LogScale(double min, double max, double fromPixel, double toPixel) implements Axis {

  /** A scale covering {@code [low, high]}, both above zero. */
  static LogScale covering(double low, double high, double fromPixel, double toPixel) {
    if (!(low > 0) || !(high > 0)) {
      throw new IllegalArgumentException("a log scale needs values above zero");
    }
    if (!(high > low)) {
      high = low * 10;
    }
    return new LogScale(roundDown(low), roundUp(high), fromPixel, toPixel);
  }

  private static final double[] STEPS = {1, 2, 5};

  static double roundDown(double value) {
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    double best = power;
    for (double s : STEPS) {
      if (s * power <= value * (1 + 1e-12)) {
        best = s * power;
      }
    }
    return best;
  }

  static double roundUp(double value) {
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (double s : STEPS) {
      if (s * power >= value * (1 - 1e-12)) {
        return s * power;
      }
    }
    return 10 * power;
  }

  @Override
  public double pixel(double value) {
    double v = Math.max(value, min);
    return fromPixel
        + (Math.log(v) - Math.log(min)) / (Math.log(max) - Math.log(min)) * (toPixel - fromPixel);
  }

  @Override
  public List<Double> ticks() {
    boolean fine = Math.log10(max / min) <= 3;
    List<Double> ticks = new ArrayList<>();
    for (double power = Math.pow(10, Math.floor(Math.log10(min)));
        power <= max * (1 + 1e-12);
        power *= 10) {
      for (double s : fine ? STEPS : new double[] {1}) {
        double t = s * power;
        if (t >= min * (1 - 1e-12) && t <= max * (1 + 1e-12)) {
          ticks.add(t);
        }
      }
    }
    return ticks;
  }
}

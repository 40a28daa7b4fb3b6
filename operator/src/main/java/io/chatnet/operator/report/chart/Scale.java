package io.chatnet.operator.report.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear value axis from {@code min} to a rounded-up maximum, with about five ticks at 1, 2 or 5
 * times a power of ten, mapped onto a pixel range.
 */
record Scale(double min, double max, double step, double fromPixel, double toPixel)
    implements Axis {

  /** A scale covering {@code [low, high]}; a degenerate range is widened so it has some height. */
  static Scale covering(double low, double high, double fromPixel, double toPixel) {
    return covering(low, high, fromPixel, toPixel, false);
  }

  /**
   * As above; with {@code binary}, steps are nice multiples of a power of 1024 (bytes read as KiB,
   * MiB...), so tick labels come out round.
   */
  static Scale covering(double low, double high, double fromPixel, double toPixel, boolean binary) {
    if (!(high > low)) {
      high = low == 0 ? 1 : low + Math.abs(low) * 0.5;
    }
    double unit = 1;
    while (binary && Math.max(Math.abs(low), Math.abs(high)) >= unit * 1024) {
      unit *= 1024;
    }
    double step = niceStep((high - low) / 5 / unit) * unit;
    double min = Math.floor(low / step) * step;
    double max = Math.ceil(high / step) * step;
    return new Scale(min, max, step, fromPixel, toPixel);
  }

  static double niceStep(double rough) {
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    double fraction = rough / power;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    return nice * power;
  }

  @Override
  public double pixel(double value) {
    return fromPixel + (value - min) / (max - min) * (toPixel - fromPixel);
  }

  @Override
  public List<Double> ticks() {
    List<Double> ticks = new ArrayList<>();
    int count = (int) Math.round((max - min) / step);
    for (int i = 0; i <= count; i++) {
      ticks.add(min + i * step);
    }
    return ticks;
  }
}

package io.chatnet.operator.report.chart;

import java.util.List;

/**
 * A value axis mapped onto a pixel range: linear ({@link Scale}) or logarithmic ({@link LogScale}).
 */
interface Axis {
  double pixel(double value);

  List<Double> ticks();

  double fromPixel();

  double toPixel();
}

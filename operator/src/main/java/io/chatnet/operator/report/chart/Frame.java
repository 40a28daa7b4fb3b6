package io.chatnet.operator.report.chart;

import java.util.function.DoubleFunction;

/** Axes and grid lines shared by the chart types. */
final class Frame {
  private Frame() {}

  /** The chart's title and, under it, one colour key per series name. */
  static void heading(Svg svg, String title, java.util.List<String> seriesNames, double left) {
    svg.text(
        "text", title, "x", 12, "y", 20, "font-size", 14, "font-weight", 600, "fill", Palette.TEXT);
    double x = left;
    for (int s = 0; s < seriesNames.size(); s++) {
      svg.empty("rect", "x", x, "y", 30, "width", 10, "height", 10, "fill", Palette.colour(s));
      svg.text(
          "text", seriesNames.get(s), "x", x + 14, "y", 39, "font-size", 11, "fill", Palette.TEXT);
      x += 24 + 7 * seriesNames.get(s).length();
    }
  }

  /** The vertical value axis on the left, with horizontal grid lines across the plot. */
  static void valueAxis(
      Svg svg, Axis scale, double left, double right, String title, DoubleFunction<String> format) {
    for (double tick : scale.ticks()) {
      double y = scale.pixel(tick);
      svg.empty("line", "x1", left, "x2", right, "y1", y, "y2", y, "stroke", Palette.GRID);
      svg.text(
          "text",
          format.apply(tick),
          "x",
          left - 6,
          "y",
          y + 4,
          "text-anchor",
          "end",
          "font-size",
          10,
          "fill",
          Palette.AXIS);
    }
    svg.empty(
        "line",
        "x1",
        left,
        "x2",
        left,
        "y1",
        scale.fromPixel(),
        "y2",
        scale.toPixel(),
        "stroke",
        Palette.AXIS);
    double middle = (scale.fromPixel() + scale.toPixel()) / 2;
    svg.text(
        "text",
        title,
        "transform",
        "translate(14," + Svg.number(middle) + ") rotate(-90)",
        "text-anchor",
        "middle",
        "font-size",
        11,
        "fill",
        Palette.AXIS);
  }

  /** The horizontal axis at the bottom, with vertical grid lines up the plot. */
  static void horizontalAxis(
      Svg svg, Axis scale, double bottom, double top, String title, DoubleFunction<String> format) {
    for (double tick : scale.ticks()) {
      double x = scale.pixel(tick);
      svg.empty("line", "x1", x, "x2", x, "y1", bottom, "y2", top, "stroke", Palette.GRID);
      svg.text(
          "text",
          format.apply(tick),
          "x",
          x,
          "y",
          bottom + 16,
          "text-anchor",
          "middle",
          "font-size",
          10,
          "fill",
          Palette.AXIS);
    }
    svg.empty(
        "line",
        "x1",
        scale.fromPixel(),
        "x2",
        scale.toPixel(),
        "y1",
        bottom,
        "y2",
        bottom,
        "stroke",
        Palette.AXIS);
    svg.text(
        "text",
        title,
        "x",
        (scale.fromPixel() + scale.toPixel()) / 2,
        "y",
        bottom + 34,
        "text-anchor",
        "middle",
        "font-size",
        11,
        "fill",
        Palette.AXIS);
  }

  /** A measured point: a circle carrying its series and values, with a tooltip. */
  static void point(
      Svg svg,
      String series,
      double x,
      double y,
      double cx,
      double cy,
      String colour,
      String title) {
    svg.open(
        "circle",
        "class",
        "point",
        "data-series",
        series,
        "data-x",
        x,
        "data-y",
        y,
        "cx",
        cx,
        "cy",
        cy,
        "r",
        5,
        "fill",
        colour);
    svg.text("title", title);
    svg.close("circle");
  }
}

package io.chatnet.operator.report.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;

/**
 * A quantity against a driver (user count, message rate), one point per experiment, joined in order
 * of the driver so growth reads left to right. Points whose value was not measured are named under
 * the plot instead of being drawn at zero. Each point carries {@code data-x} and {@code data-y}.
 */
public final class ScatterChart {
  static final int WIDTH = 760;
  static final int HEIGHT = 340;
  private static final int LEFT = 84;
  private static final int RIGHT = 24;
  private static final int TOP = 52;
  private static final int BOTTOM = 76;

  /** One experiment's point; {@code y} null when the experiment did not measure it. */
  public record Point(double x, Double y, String label) {}

  private record Series(String name, List<Point> points) {}

  private final String title;
  private final String xTitle;
  private final DoubleFunction<String> xFormat;
  private final String yTitle;
  private final DoubleFunction<String> yFormat;
  private final List<Series> series = new ArrayList<>();
  private boolean binary;

  public ScatterChart(
      String title,
      String xTitle,
      DoubleFunction<String> xFormat,
      String yTitle,
      DoubleFunction<String> yFormat) {
    this.title = title;
    this.xTitle = xTitle;
    this.xFormat = xFormat;
    this.yTitle = yTitle;
    this.yFormat = yFormat;
  }

  public ScatterChart series(String name, List<Point> points) {
    series.add(new Series(name, points));
    return this;
  }

  /** Values are bytes: ticks at round KiB, MiB, GiB. */
  public ScatterChart binaryUnits() {
    binary = true;
    return this;
  }

  public String svg() {
    Svg svg = new Svg(WIDTH, HEIGHT, title);
    Frame.heading(svg, title, series.stream().map(Series::name).toList(), LEFT);
    double xLow = Double.MAX_VALUE;
    double xHigh = -Double.MAX_VALUE;
    double yHigh = 0;
    for (Series s : series) {
      for (Point p : s.points()) {
        xLow = Math.min(xLow, p.x());
        xHigh = Math.max(xHigh, p.x());
        if (measured(p)) {
          yHigh = Math.max(yHigh, p.y());
        }
      }
    }
    if (xLow > xHigh) {
      xLow = 0;
      xHigh = 1;
    }
    Scale x = Scale.covering(Math.min(0, xLow), xHigh, LEFT, WIDTH - RIGHT);
    Scale y = Scale.covering(0, yHigh, HEIGHT - BOTTOM, TOP, binary);
    Frame.valueAxis(svg, y, LEFT, WIDTH - RIGHT, yTitle, yFormat);
    Frame.horizontalAxis(svg, x, HEIGHT - BOTTOM, TOP, xTitle, xFormat);
    List<String> missing = new ArrayList<>();
    for (int s = 0; s < series.size(); s++) {
      Series one = series.get(s);
      String colour = Palette.colour(s);
      List<Point> drawn =
          one.points().stream()
              .filter(ScatterChart::measured)
              .sorted(Comparator.comparingDouble(Point::x))
              .toList();
      if (drawn.size() > 1) {
        String path =
            drawn.stream()
                .map(p -> Svg.number(x.pixel(p.x())) + "," + Svg.number(y.pixel(p.y())))
                .collect(Collectors.joining(" "));
        svg.empty("polyline", "points", path, "fill", "none", "stroke", colour, "stroke-width", 2);
      }
      for (Point p : drawn) {
        Frame.point(
            svg,
            one.name(),
            p.x(),
            p.y(),
            x.pixel(p.x()),
            y.pixel(p.y()),
            colour,
            p.label() + ": " + yFormat.apply(p.y()) + " at " + xFormat.apply(p.x()));
        if (s == 0) {
          // names once per experiment (the first series), left of points near the right edge
          boolean flip = x.pixel(p.x()) > WIDTH - RIGHT - 120;
          svg.text(
              "text",
              p.label(),
              "x",
              x.pixel(p.x()) + (flip ? -7 : 7),
              "y",
              y.pixel(p.y()) - 7,
              "text-anchor",
              flip ? "end" : "start",
              "font-size",
              9,
              "fill",
              Palette.MUTED);
        }
      }
      one.points().stream()
          .filter(p -> !measured(p))
          .forEach(p -> missing.add(p.label() + " (" + one.name() + ")"));
    }
    if (!missing.isEmpty()) {
      svg.text(
          "text",
          "not measured: " + String.join(", ", missing),
          "class",
          "not-measured",
          "x",
          LEFT,
          "y",
          HEIGHT - 8,
          "font-size",
          10,
          "fill",
          Palette.MUTED);
    }
    return svg.end();
  }

  private static boolean measured(Point p) {
    return p.y() != null && Double.isFinite(p.y());
  }
}

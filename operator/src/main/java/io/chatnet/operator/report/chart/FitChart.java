package io.chatnet.operator.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;

/**
 * Measured points with a fitted law: per series the points, the law as a solid line over the
 * measured range and dashed beyond it (over a shaded area labelled as prediction), and two bands
 * around it, the law's (darker) and a new run's (lighter). Marks carry classes tests and styles
 * find them by: {@code circle.point}, {@code polyline.fit}, {@code polyline.extrapolation}, {@code
 * polygon.band.band-law}, {@code polygon.band.band-run}, each with {@code data-series}.
 */
public final class FitChart {
  static final int WIDTH = 760;
  static final int HEIGHT = 380;
  private static final int LEFT = 84;
  private static final int RIGHT = 24;
  private static final int TOP = 76;
  private static final int BOTTOM = 56;
  private static final String PREDICTION_AREA = "#f3efe6";

  /** A measured point. */
  public record Point(double x, double y, String label) {}

  /**
   * The law at {@code x}: its value, the law's band and the new-run band; {@code extrapolated}
   * beyond the measured range.
   */
  public record Sample(
      double x,
      double value,
      double lawLow,
      double lawHigh,
      double runLow,
      double runHigh,
      boolean extrapolated) {}

  private record Series(String name, List<Point> points, List<Sample> curve) {}

  private final String title;
  private final String xTitle;
  private final DoubleFunction<String> xFormat;
  private final String yTitle;
  private final DoubleFunction<String> yFormat;
  private final List<Series> series = new ArrayList<>();
  private final String lawBand;
  private final String runBand;
  private boolean logX;
  private boolean logY;
  private boolean binary;
  private Double measuredUpTo;

  /** {@code lawBand} and {@code runBand} name the bands in the key, e.g. "95% band of the law". */
  public FitChart(
      String title,
      String xTitle,
      DoubleFunction<String> xFormat,
      String yTitle,
      DoubleFunction<String> yFormat,
      String lawBand,
      String runBand) {
    this.title = title;
    this.xTitle = xTitle;
    this.xFormat = xFormat;
    this.yTitle = yTitle;
    this.yFormat = yFormat;
    this.lawBand = lawBand;
    this.runBand = runBand;
  }

  public FitChart series(String name, List<Point> points, List<Sample> curve) {
    series.add(new Series(name, points, curve));
    return this;
  }

  /** Log scales: for values that span decades; every value drawn must then be above zero. */
  public FitChart logScales(boolean x, boolean y) {
    logX = x;
    logY = y;
    return this;
  }

  /** Values are bytes: linear ticks at round KiB, MiB, GiB. */
  public FitChart binaryUnits() {
    binary = true;
    return this;
  }

  /** The largest measured x: beyond it the curve is a prediction. */
  public FitChart measuredUpTo(double x) {
    measuredUpTo = x;
    return this;
  }

  public String svg() {
    Svg svg = new Svg(WIDTH, HEIGHT, title);
    Frame.heading(svg, title, series.stream().map(Series::name).toList(), LEFT);
    key(svg);
    Axis x = xAxis();
    Axis y = yAxis();
    double plotTop = TOP;
    double plotBottom = HEIGHT - BOTTOM;
    if (measuredUpTo != null && x.pixel(measuredUpTo) < WIDTH - RIGHT - 1) {
      double from = Math.max(LEFT, x.pixel(measuredUpTo));
      svg.empty(
          "rect",
          "class",
          "prediction-area",
          "x",
          from,
          "y",
          plotTop,
          "width",
          WIDTH - RIGHT - from,
          "height",
          plotBottom - plotTop,
          "fill",
          PREDICTION_AREA);
      svg.text(
          "text",
          "prediction: the law extrapolated",
          "x",
          from + 6,
          "y",
          plotTop + 14,
          "font-size",
          11,
          "font-style",
          "italic",
          "fill",
          Palette.AXIS);
    }
    Frame.valueAxis(svg, y, LEFT, WIDTH - RIGHT, yTitle, yFormat);
    Frame.horizontalAxis(svg, x, plotBottom, plotTop, xTitle, xFormat);
    String clip = "plot-" + Integer.toHexString(title.hashCode());
    svg.open("clipPath", "id", clip);
    svg.empty(
        "rect", "x", LEFT, "y", plotTop, "width", WIDTH - LEFT - RIGHT, "height", plotBottom - TOP);
    svg.close("clipPath");
    svg.open("g", "clip-path", "url(#" + clip + ")");
    for (int s = 0; s < series.size(); s++) {
      Series one = series.get(s);
      String colour = Palette.colour(s);
      band(svg, one, "band band-run", 0.12, colour, x, y, true);
      band(svg, one, "band band-law", 0.28, colour, x, y, false);
      List<Sample> measured = one.curve().stream().filter(c -> !c.extrapolated()).toList();
      List<Sample> beyond = new ArrayList<>();
      if (!measured.isEmpty()) {
        beyond.add(measured.get(measured.size() - 1));
      }
      one.curve().stream().filter(Sample::extrapolated).forEach(beyond::add);
      line(svg, one.name(), "fit", measured, colour, null, x, y);
      if (beyond.size() > 1) {
        line(svg, one.name(), "extrapolation", beyond, colour, "7 5", x, y);
      }
    }
    svg.close("g");
    for (int s = 0; s < series.size(); s++) {
      Series one = series.get(s);
      for (Point p : one.points()) {
        Frame.point(
            svg,
            one.name(),
            p.x(),
            p.y(),
            x.pixel(p.x()),
            y.pixel(p.y()),
            Palette.colour(s),
            p.label() + ": " + yFormat.apply(p.y()) + " at " + xFormat.apply(p.x()));
      }
    }
    return svg.end();
  }

  /** The key to the marks under the series names: point, fit, prediction, both bands. */
  private void key(Svg svg) {
    double top = 50;
    double x = LEFT;
    svg.empty("circle", "class", "key", "cx", x + 5, "cy", top + 5, "r", 4, "fill", Palette.AXIS);
    x = keyText(svg, "measured", x + 14, top);
    keyLine(svg, x, top, null);
    x = keyText(svg, "law (measured range)", x + 26, top);
    keyLine(svg, x, top, "7 5");
    x = keyText(svg, "prediction", x + 26, top);
    keyBand(svg, x, top, 0.4);
    x = keyText(svg, lawBand, x + 20, top);
    keyBand(svg, x, top, 0.15);
    keyText(svg, runBand, x + 20, top);
  }

  private static void keyBand(Svg svg, double x, double top, double opacity) {
    svg.empty(
        "rect",
        "class",
        "key",
        "x",
        x,
        "y",
        top,
        "width",
        16,
        "height",
        10,
        "fill",
        Palette.AXIS,
        "fill-opacity",
        opacity);
  }

  private static void keyLine(Svg svg, double x, double top, String dash) {
    List<Object> attributes =
        new ArrayList<>(
            List.of("class", "key", "x1", x, "x2", x + 22, "y1", top + 5, "y2", top + 5));
    attributes.addAll(List.of("stroke", Palette.AXIS, "stroke-width", 2));
    if (dash != null) {
      attributes.addAll(List.of("stroke-dasharray", dash));
    }
    svg.empty("line", attributes.toArray());
  }

  private static double keyText(Svg svg, String text, double x, double top) {
    svg.text("text", text, "x", x, "y", top + 9, "font-size", 11, "fill", Palette.TEXT);
    return x + 6.2 * text.length() + 14;
  }

  private Axis xAxis() {
    double low = Double.MAX_VALUE;
    double high = -Double.MAX_VALUE;
    for (Series s : series) {
      for (Point p : s.points()) {
        low = Math.min(low, p.x());
        high = Math.max(high, p.x());
      }
      for (Sample c : s.curve()) {
        low = Math.min(low, c.x());
        high = Math.max(high, c.x());
      }
    }
    if (low > high) {
      low = logX ? 1 : 0;
      high = logX ? 10 : 1;
    }
    return logX
        ? LogScale.covering(low, high, LEFT, WIDTH - RIGHT)
        : Scale.covering(Math.min(0, low), high, LEFT, WIDTH - RIGHT);
  }

  /**
   * Covers the points, the law and its band; the new run's band only up to three times that (log:
   * ten times), so a wide band far out does not flatten the points (it is clipped at the edge).
   */
  private Axis yAxis() {
    double low = Double.MAX_VALUE;
    double high = -Double.MAX_VALUE;
    for (Series s : series) {
      for (Point p : s.points()) {
        low = Math.min(low, p.y());
        high = Math.max(high, p.y());
      }
      for (Sample c : s.curve()) {
        low = Math.min(low, Math.min(c.value(), positive(c.lawLow())));
        high = Math.max(high, Math.max(c.value(), c.lawHigh()));
      }
    }
    if (low > high) {
      low = logY ? 1 : 0;
      high = logY ? 10 : 1;
    }
    double core = high;
    for (Series s : series) {
      for (Sample c : s.curve()) {
        high = Math.max(high, Math.min(c.runHigh(), core * (logY ? 10 : 3)));
        low = Math.min(low, Math.max(positive(c.runLow()), logY ? low / 10 : low));
      }
    }
    return logY
        ? LogScale.covering(low, high, HEIGHT - BOTTOM, TOP)
        : Scale.covering(Math.min(0, low), high, HEIGHT - BOTTOM, TOP, binary);
  }

  /** On a log axis a band's low end at or under zero is drawn at the axis's bottom. */
  private double positive(double value) {
    return logY && !(value > 0) ? Double.MAX_VALUE : value;
  }

  private static void band(
      Svg svg,
      Series s,
      String css,
      double opacity,
      String colour,
      Axis x,
      Axis y,
      boolean newRun) {
    if (s.curve().size() < 2) {
      return;
    }
    List<String> corners = new ArrayList<>();
    for (Sample c : s.curve()) {
      corners.add(xy(x, y, c.x(), newRun ? c.runHigh() : c.lawHigh()));
    }
    for (int i = s.curve().size() - 1; i >= 0; i--) {
      Sample c = s.curve().get(i);
      corners.add(xy(x, y, c.x(), newRun ? c.runLow() : c.lawLow()));
    }
    svg.empty(
        "polygon",
        "class",
        css,
        "data-series",
        s.name(),
        "points",
        String.join(" ", corners),
        "fill",
        colour,
        "fill-opacity",
        opacity,
        "stroke",
        "none");
  }

  private static void line(
      Svg svg,
      String name,
      String css,
      List<Sample> samples,
      String colour,
      String dash,
      Axis x,
      Axis y) {
    if (samples.size() < 2) {
      return;
    }
    String path =
        samples.stream().map(c -> xy(x, y, c.x(), c.value())).collect(Collectors.joining(" "));
    List<Object> attributes =
        new ArrayList<>(
            List.of(
                "class",
                css,
                "data-series",
                name,
                "points",
                path,
                "fill",
                "none",
                "stroke",
                colour,
                "stroke-width",
                2.5));
    if (dash != null) {
      attributes.addAll(List.of("stroke-dasharray", dash));
    }
    svg.empty("polyline", attributes.toArray());
  }

  private static String xy(Axis x, Axis y, double vx, double vy) {
    // a log axis clamps values at or under zero to its bottom (LogScale.pixel)
    return Svg.number(x.pixel(vx)) + "," + Svg.number(y.pixel(vy));
  }
}

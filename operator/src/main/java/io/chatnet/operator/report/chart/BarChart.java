package io.chatnet.operator.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Grouped vertical bars: one group per category (a traffic kind, a node group), one bar per series
 * (p50, p95, in, out...). A missing value is drawn as the words "not measured" where its bar would
 * stand, never as a zero-height bar. Each bar carries its value in {@code data-value}.
 */
public final class BarChart {
  static final int WIDTH = 760;
  static final int HEIGHT = 320;
  private static final int LEFT = 84;
  private static final int RIGHT = 16;
  private static final int TOP = 52;
  private static final int BOTTOM = 56;

  private record Series(String name, List<Double> values) {}

  private final String title;
  private final String axisTitle;
  private final DoubleFunction<String> format;
  private final List<String> categories = new ArrayList<>();
  private final List<Series> series = new ArrayList<>();
  private boolean binary;

  /**
   * A chart titled {@code title}, whose value axis is named {@code axisTitle} and labelled with
   * {@code format}.
   */
  public BarChart(String title, String axisTitle, DoubleFunction<String> format) {
    this.title = title;
    this.axisTitle = axisTitle;
    this.format = format;
  }

  public BarChart categories(List<String> names) {
    categories.addAll(names);
    return this;
  }

  /** A series with one value (or null: not measured) per category. */
  public BarChart series(String name, List<Double> values) {
    if (values.size() != categories.size()) {
      throw new IllegalArgumentException(
          "series "
              + name
              + " has "
              + values.size()
              + " values for "
              + categories.size()
              + " categories");
    }
    series.add(new Series(name, values));
    return this;
  }

  /** Values are bytes: ticks at round KiB, MiB, GiB. */
  public BarChart binaryUnits() {
    binary = true;
    return this;
  }

  public String svg() {
    Svg svg = new Svg(WIDTH, HEIGHT, title);
    Frame.heading(svg, title, series.stream().map(Series::name).toList(), LEFT);
    double high = 0;
    double low = 0;
    for (Series s : series) {
      for (Double v : s.values()) {
        if (v != null && Double.isFinite(v)) {
          high = Math.max(high, v);
          low = Math.min(low, v);
        }
      }
    }
    // headroom for the value labels over the tallest bar
    Scale scale = Scale.covering(low, high * 1.08, HEIGHT - BOTTOM, TOP, binary);
    Frame.valueAxis(svg, scale, LEFT, WIDTH - RIGHT, axisTitle, format);
    double plotWidth = WIDTH - LEFT - RIGHT;
    double categoryWidth = plotWidth / Math.max(1, categories.size());
    double barWidth = Math.min(56, categoryWidth * 0.8 / Math.max(1, series.size()));
    double baseline = scale.pixel(Math.max(0, scale.min()));
    for (int c = 0; c < categories.size(); c++) {
      double groupLeft = LEFT + c * categoryWidth + (categoryWidth - barWidth * series.size()) / 2;
      categoryLabel(svg, categories.get(c), LEFT + (c + 0.5) * categoryWidth);
      for (int s = 0; s < series.size(); s++) {
        Double value = series.get(s).values().get(c);
        double x = groupLeft + s * barWidth;
        if (value == null || !Double.isFinite(value)) {
          svg.text(
              "text",
              "not measured",
              "class",
              "not-measured",
              "transform",
              "translate("
                  + Svg.number(x + barWidth / 2 + 3)
                  + ","
                  + Svg.number(baseline - 4)
                  + ") rotate(-90)",
              "font-size",
              10,
              "fill",
              Palette.MUTED);
          continue;
        }
        double top = scale.pixel(Math.max(value, 0));
        double bottom = scale.pixel(Math.min(value, 0));
        svg.open(
            "rect",
            "class",
            "bar",
            "data-series",
            series.get(s).name(),
            "data-category",
            categories.get(c),
            "data-value",
            value,
            "x",
            x + 1,
            "y",
            top,
            "width",
            Math.max(1, barWidth - 2),
            "height",
            Math.max(0, bottom - top),
            "fill",
            Palette.colour(s));
        svg.text(
            "title", series.get(s).name() + " " + categories.get(c) + ": " + format.apply(value));
        svg.close("rect");
        String label = format.apply(value);
        // a value label only where it fits over its bar; the tooltip and tables carry it anyway
        if (label.length() * 5.2 <= barWidth + 2) {
          svg.text(
              "text",
              label,
              "x",
              x + barWidth / 2,
              "y",
              top - 3,
              "text-anchor",
              "middle",
              "font-size",
              9,
              "fill",
              Palette.TEXT);
        }
      }
    }
    return svg.end();
  }

  /** A category name under its bars; "name (role)" and "kind / client" go on two lines. */
  private static void categoryLabel(Svg svg, String name, double x) {
    int split = name.indexOf(" (") >= 0 ? name.indexOf(" (") : name.indexOf(" / ");
    String[] lines =
        split < 0
            ? new String[] {name}
            : new String[] {name.substring(0, split), name.substring(split).trim()};
    for (int i = 0; i < lines.length; i++) {
      svg.text(
          "text",
          lines[i],
          "x",
          x,
          "y",
          HEIGHT - BOTTOM + 18 + 14 * i,
          "text-anchor",
          "middle",
          "font-size",
          12,
          "fill",
          Palette.TEXT);
    }
  }
}

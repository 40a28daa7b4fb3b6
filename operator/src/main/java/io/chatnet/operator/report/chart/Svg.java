package io.chatnet.operator.report.chart;

import io.chatnet.operator.report.Html;
import java.util.Locale;

/**
 * A small SVG writer: elements with escaped attributes and text, numbers with a fixed number of
 * decimals so the same figures always give the same bytes.
 */
public final class Svg {
  private final StringBuilder out = new StringBuilder();

  /** Opens the root element of a chart {@code width} by {@code height} pixels. */
  public Svg(int width, int height, String title) {
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(title))
        .append("\">\n");
  }

  /** An empty element; {@code attributes} alternate names and values. */
  public Svg empty(String name, Object... attributes) {
    open(name, attributes);
    out.setLength(out.length() - 1);
    out.append("/>\n");
    return this;
  }

  /** An element holding text (escaped here). */
  public Svg text(String name, String text, Object... attributes) {
    open(name, attributes);
    out.append(Html.escape(text)).append("</").append(name).append(">\n");
    return this;
  }

  /** Opens an element that {@link #close} ends. */
  public Svg open(String name, Object... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name/value pairs");
    }
    out.append('<').append(name);
    for (int i = 0; i < attributes.length; i += 2) {
      out.append(' ')
          .append(attributes[i])
          .append("=\"")
          .append(Html.escape(value(attributes[i + 1])))
          .append('"');
    }
    out.append('>');
    return this;
  }

  public Svg close(String name) {
    out.append("</").append(name).append(">\n");
    return this;
  }

  /** The finished document. */
  public String end() {
    return out + "</svg>\n";
  }

  static String value(Object value) {
    if (value instanceof Double || value instanceof Float) {
      return number(((Number) value).doubleValue());
    }
    return String.valueOf(value);
  }

  /** Coordinates and data values: two decimals, trailing zeros dropped. */
  static String number(double value) {
    String text = String.format(Locale.ROOT, "%.2f", value);
    text = text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    return "-0".equals(text) ? "0" : text;
  }
}

package io.chatnet.operator.report;

/**
 * Escaping for the SVG charts, which our own writer (chart/Svg) builds as text; the pages around
 * them are templates that escape by themselves (ReportTemplates).
 */
public final class Html {
  private Html() {}

  /** Text and attribute values: the five characters HTML gives meaning to. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}

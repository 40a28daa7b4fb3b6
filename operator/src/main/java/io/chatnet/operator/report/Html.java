package io.chatnet.operator.report;

/**
 * Escaping and the page frame shared by the experiment and comparison reports. Everything a user
 * named (experiments, groups, images, fault lines, condition messages) passes through {@link
 * #escape}; the page carries its own style and no script, so it opens offline.
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

  /** A whole page: title (escaped here) and body (already HTML). */
  public static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
        + escape(title)
        + "</title>\n<style>\n"
        + STYLE
        + "</style>\n</head>\n<body>\n"
        + body
        + "</body>\n</html>\n";
  }

  /** A table from rows of cells that are already HTML; the first row is the header. */
  public static String table(String cssClass, java.util.List<java.util.List<String>> rows) {
    StringBuilder out =
        new StringBuilder("<table class=\"").append(escape(cssClass)).append("\">\n");
    for (int r = 0; r < rows.size(); r++) {
      String cell = r == 0 ? "th" : "td";
      out.append("<tr>");
      for (String value : rows.get(r)) {
        out.append('<')
            .append(cell)
            .append('>')
            .append(value)
            .append("</")
            .append(cell)
            .append('>');
      }
      out.append("</tr>\n");
    }
    return out.append("</table>\n").toString();
  }

  /** A two-column table of label (plain text, escaped here) and value (already HTML). */
  public static String facts(java.util.List<java.util.List<String>> rows) {
    StringBuilder out = new StringBuilder("<table class=\"facts\">\n");
    for (var row : rows) {
      out.append("<tr><th>").append(escape(row.get(0))).append("</th><td>").append(row.get(1));
      out.append("</td></tr>\n");
    }
    return out.append("</table>\n").toString();
  }

  /** A figure that was not measured: said so in words, never shown as zero. */
  public static final String NOT_MEASURED = "<span class=\"not-measured\">not measured</span>";

  private static final String STYLE =
      """
      body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2530;
             margin: 24px auto; max-width: 1100px; padding: 0 16px; background: #ffffff; }
      h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px;
      border-bottom: 1px solid #d8dde3; padding-bottom: 4px; } h3 { font-size: 15px; margin: 18px 0 6px; }
      table { border-collapse: collapse; margin: 6px 0 12px; }
      th, td { border: 1px solid #d8dde3; padding: 3px 8px; text-align: left; vertical-align: top; }
      th { background: #f2f4f7; font-weight: 600; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      .verdict { display: inline-block; padding: 2px 10px; border-radius: 4px; font-weight: 700; }
      .verdict.Passed { background: #d7f2dd; color: #135c24; }
      .verdict.Failed { background: #fbd9d7; color: #8a1c13; }
      .verdict.NoCriteria, .verdict.none { background: #eceff3; color: #3b4652; }
      .not-measured { color: #8a94a0; font-style: italic; }
      .on { color: #8a1c13; font-weight: 700; } .off { color: #135c24; } .fixed { color: #555; }
      .note { color: #4a5562; } .charts { display: flex; flex-wrap: wrap; gap: 12px; }
      figure { margin: 0; } figcaption { font-size: 12px; color: #4a5562; max-width: 760px; }
      svg.chart { background: #ffffff; border: 1px solid #e3e7ec; }
      """;
}

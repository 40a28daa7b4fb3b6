package io.chatnet.operator.report;

import io.quarkus.qute.RawString;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The values the report templates lay out: cells, tables, label-value facts and charts. Plain text
 * throughout (the templates escape it); only a chart's SVG goes in raw.
 */
public final class ReportView {
  private ReportView() {}

  /** One table cell: its text, and a CSS class to wrap it in (on, off, not-measured...) or null. */
  public record Cell(String text, String css) {
    /** A figure that was not measured: said so in words, never shown as zero. */
    public static final Cell NOT_MEASURED = new Cell("not measured", "not-measured");

    public static Cell of(String text) {
      return new Cell(text, null);
    }

    public static Cell styled(String css, String text) {
      return new Cell(text, css);
    }

    public static Cell count(long value) {
      return of(ReportView.count(value));
    }

    /** A count that may be absent. */
    public static Cell count(Long value) {
      return value == null ? NOT_MEASURED : count(value.longValue());
    }

    /** A measured figure in its unit; absent or not finite reads "not measured". */
    public static Cell figure(Double value, DoubleFunction<String> format) {
      return value == null || !Double.isFinite(value) ? NOT_MEASURED : of(format.apply(value));
    }
  }

  /** A table: its CSS class (tests and styles find it by that), header, and rows of cells. */
  public record Table(String css, List<String> header, List<List<Cell>> rows) {}

  /** A row of a two-column table of facts. */
  public record Fact(String label, Cell value) {}

  /** A chart (SVG from our own writer, which escapes what it writes) and its caption or null. */
  public record Figure(RawString svg, String caption) {
    public Figure(String svg, String caption) {
      this(new RawString(svg), caption);
    }
  }

  /** A row of plain-text cells. */
  static List<Cell> cells(String... texts) {
    return java.util.Arrays.stream(texts).map(Cell::of).toList();
  }

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  static String orDash(String value) {
    return value == null ? "-" : value;
  }
}

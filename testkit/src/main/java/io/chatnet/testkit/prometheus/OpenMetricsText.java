package io.chatnet.testkit.prometheus;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes series as OpenMetrics text with explicit timestamps, the input of {@code promtool tsdb
 * create-blocks-from openmetrics}. Samples of one metric family are written together (the format
 * requires it), each series in time order (promtool refuses out-of-order samples), and the file
 * ends with {@code # EOF}. Types follow the sample names: {@code _total} a counter, {@code
 * _bucket}/{@code _sum}/{@code _count} beside a {@code _bucket} series a histogram, else a gauge.
 */
public final class OpenMetricsText {
  private OpenMetricsText() {}

  public static void write(List<Series> series, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(series, out);
    }
  }

  public static void write(List<Series> series, Writer out) throws IOException {
    Set<String> names = series.stream().map(Series::name).collect(Collectors.toSet());
    Map<String, List<Series>> families = new LinkedHashMap<>();
    Map<String, String> types = new LinkedHashMap<>();
    for (Series s : series) {
      String family = family(s.name(), names);
      families.computeIfAbsent(family, f -> new ArrayList<>()).add(s);
      types.put(family, type(s.name(), names));
    }
    for (var entry : families.entrySet()) {
      out.write("# TYPE " + entry.getKey() + " " + types.get(entry.getKey()) + "\n");
      for (Series s : entry.getValue()) {
        String prefix = s.name() + labels(s.labels());
        for (Series.Sample sample : s.samples()) {
          out.write(prefix);
          out.write(' ');
          out.write(number(sample.value()));
          out.write(' ');
          out.write(seconds(sample.millis()));
          out.write('\n');
        }
      }
    }
    out.write("# EOF\n");
  }

  static String family(String name, Set<String> names) {
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        if (names.contains(base + "_bucket")) {
          return base;
        }
      }
    }
    return name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
  }

  static String type(String name, Set<String> names) {
    String family = family(name, names);
    if (!family.equals(name) && !name.endsWith("_total")) {
      return "histogram";
    }
    return name.endsWith("_total") ? "counter" : "gauge";
  }

  static String labels(Map<String, String> labels) {
    if (labels.isEmpty()) {
      return "";
    }
    return labels.entrySet().stream()
        .map(e -> e.getKey() + "=\"" + escape(e.getValue()) + "\"")
        .collect(Collectors.joining(",", "{", "}"));
  }

  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    // Shortest repr that parses back to the same double, so the stored value is exact.
    return Double.toString(value);
  }

  static String seconds(long millis) {
    return String.format(
        Locale.ROOT, "%d.%03d", Math.floorDiv(millis, 1000), Math.floorMod(millis, 1000));
  }
}

package io.chatnet.operator.planning;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as a person types them: 1KB (1000 bytes), 1KiB (1024), 32Gi, 512MB, plain bytes; and rates
 * in bits: 1Gbit, 100Mbit (per second). Decimal output for bandwidth (kB/s, as the published
 * figures are stated).
 */
final class Sizes {
  private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)");
  private static final Map<String, Double> UNITS =
      Map.ofEntries(
          Map.entry("", 1.0),
          Map.entry("b", 1.0),
          Map.entry("k", 1e3),
          Map.entry("kb", 1e3),
          Map.entry("m", 1e6),
          Map.entry("mb", 1e6),
          Map.entry("g", 1e9),
          Map.entry("gb", 1e9),
          Map.entry("ki", 1024.0),
          Map.entry("kib", 1024.0),
          Map.entry("mi", 1024.0 * 1024),
          Map.entry("mib", 1024.0 * 1024),
          Map.entry("gi", 1024.0 * 1024 * 1024),
          Map.entry("gib", 1024.0 * 1024 * 1024),
          Map.entry("kbit", 1e3 / 8),
          Map.entry("mbit", 1e6 / 8),
          Map.entry("gbit", 1e9 / 8));

  private Sizes() {}

  /** Bytes (or bytes per second) of {@code text}; {@code option} names it in the error. */
  static double parse(String text, String option) {
    Matcher m = SIZE.matcher(text.trim());
    Double unit = m.matches() ? UNITS.get(m.group(2).toLowerCase(Locale.ROOT)) : null;
    if (unit == null) {
      throw new IllegalArgumentException(
          option
              + " '"
              + text
              + "' is not a size: a number with B, KB, MB, GB (1000s), KiB, MiB, GiB (1024s)"
              + " or Kbit, Mbit, Gbit");
    }
    return Double.parseDouble(m.group(1)) * unit;
  }

  /** Decimal bytes per second: 10 kB/s, 1.5 MB/s. */
  static String rate(double bytesPerSecond) {
    String[] units = {"B/s", "kB/s", "MB/s", "GB/s", "TB/s"};
    int u = 0;
    double v = bytesPerSecond;
    while (Math.abs(v) >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format(
        Locale.ROOT, v >= 100 ? "%.0f %s" : v >= 10 ? "%.1f %s" : "%.2f %s", v, units[u]);
  }
}

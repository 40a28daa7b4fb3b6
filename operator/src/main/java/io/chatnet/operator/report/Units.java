package io.chatnet.operator.report;

import java.util.Locale;

/** How figures read in the reports: binary byte units, milliseconds to seconds, percentages. */
public final class Units {
  private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

  private Units() {}

  public static String bytes(double value) {
    int unit = 0;
    double scaled = value;
    while (Math.abs(scaled) >= 1024 && unit < BYTE_UNITS.length - 1) {
      scaled /= 1024;
      unit++;
    }
    return plain(scaled) + " " + BYTE_UNITS[unit];
  }

  public static String bytesPerSecond(double value) {
    return bytes(value) + "/s";
  }

  public static String millis(double value) {
    return Math.abs(value) >= 1000 ? plain(value / 1000) + " s" : plain(value) + " ms";
  }

  public static String cores(double value) {
    return plain(value) + (value == 1 ? " core" : " cores");
  }

  public static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2f %%", value * 100);
  }

  public static String perSecond(double value) {
    return plain(value) + "/s";
  }

  /** Up to three significant decimals, no trailing zeros, no exponent. */
  public static String plain(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) value);
    }
    double magnitude = Math.abs(value);
    String pattern = magnitude >= 100 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
    String text = String.format(Locale.ROOT, pattern, value);
    return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
  }
}

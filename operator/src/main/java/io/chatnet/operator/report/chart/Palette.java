package io.chatnet.operator.report.chart;

/** Series colours, distinct on screen and in print; a chart cycles through them in order. */
public final class Palette {
  static final String[] COLOURS = {
    "#2f6fb0", "#e07b28", "#3a9a4a", "#b8413b", "#7d5bb5", "#8c6d4f"
  };
  static final String AXIS = "#5b6673";
  static final String GRID = "#e3e7ec";
  static final String TEXT = "#1d2530";
  static final String MUTED = "#8a94a0";

  private Palette() {}

  /** The colour of the {@code index}th series. */
  public static String colour(int index) {
    return COLOURS[index % COLOURS.length];
  }
}

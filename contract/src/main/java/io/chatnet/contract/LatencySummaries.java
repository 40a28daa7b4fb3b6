package io.chatnet.contract;

import java.util.function.UnaryOperator;

/** Helpers over possibly-null {@link LatencySummary} values. */
final class LatencySummaries {
  private LatencySummaries() {}

  /** {@code summary} with its histogram changed by {@code change} (null stays null). */
  static LatencySummary change(LatencySummary summary, UnaryOperator<String> change) {
    if (summary == null || summary.histogram() == null) {
      return summary;
    }
    return summary.withHistogram(change.apply(summary.histogram()));
  }
}

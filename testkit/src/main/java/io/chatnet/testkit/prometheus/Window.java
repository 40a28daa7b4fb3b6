package io.chatnet.testkit.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A measured window [start, end]; both ends are sample instants in a synthetic fixture. */
public record Window(Instant start, Instant end) {
  public Window {
    // Prometheus keeps milliseconds; finer digits would make "the same window" two windows.
    start = start.truncatedTo(ChronoUnit.MILLIS);
    end = end.truncatedTo(ChronoUnit.MILLIS);
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("window end " + end + " is not after its start " + start);
    }
  }

  public Duration duration() {
    return Duration.between(start, end);
  }

  public double seconds() {
    return duration().toMillis() / 1000.0;
  }
}

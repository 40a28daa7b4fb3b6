package io.chatnet.loadgen.measure;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Notes when the registry was last scraped, so a shard can keep serving its metrics after the
 * window until Prometheus has read them: a shard that exits right after the window leaves the last
 * scrape interval's counts unread, and increase() over the window then misses them. Every GET of
 * the metrics path collects the registry, which calls this collector (it adds no series).
 */
public final class ScrapeWatch implements MultiCollector {
  private final Clock clock;
  private final AtomicReference<Instant> last = new AtomicReference<>();

  public ScrapeWatch(Clock clock) {
    this.clock = clock;
  }

  /** A watch on {@code registry}, with the system clock. */
  public static ScrapeWatch on(PrometheusRegistry registry) {
    ScrapeWatch watch = new ScrapeWatch(Clock.systemUTC());
    registry.register(watch);
    return watch;
  }

  @Override
  public MetricSnapshots collect() {
    last.set(clock.instant());
    return new MetricSnapshots();
  }

  /** When the metrics were last read, or null. */
  public Instant lastScrape() {
    return last.get();
  }

  /**
   * Waits until a scrape at or after {@code windowEnd} has happened, at most {@code timeout};
   * returns whether one did (a shard never hangs for a Prometheus that does not come).
   */
  public boolean awaitScrapeAfter(Instant windowEnd, Duration timeout) {
    long until = System.nanoTime() + timeout.toNanos();
    while (true) {
      Instant seen = last.get();
      if (seen != null && !seen.isBefore(windowEnd)) {
        return true;
      }
      long left = until - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}

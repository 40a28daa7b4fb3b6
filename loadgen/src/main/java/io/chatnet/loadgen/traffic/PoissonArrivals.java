package io.chatnet.loadgen.traffic;

import io.chatnet.loadgen.client.EpochMicros;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Exponential gaps between sends: a Poisson process of a given rate, from a seeded generator. */
public final class PoissonArrivals {
  private final SplittableRandom random;
  private final double meanGapMicros;

  public PoissonArrivals(SplittableRandom random, double perSecond) {
    if (perSecond <= 0) {
      throw new IllegalArgumentException("rate must be positive: " + perSecond);
    }
    this.random = random;
    this.meanGapMicros = 1_000_000.0 / perSecond;
  }

  /** The gap to the next send, in microseconds. */
  public long nextGapMicros() {
    return Math.round(-Math.log(1.0 - random.nextDouble()) * meanGapMicros);
  }

  /**
   * Runs {@code action} at Poisson times from now until {@code endMicros} or a stop. Each due time
   * follows the previous due time, not the previous run, so a slow action does not lower the rate.
   */
  public void runUntil(
      ScheduledExecutorService scheduler, long endMicros, AtomicBoolean stop, Runnable action) {
    new Loop(scheduler, endMicros, stop, action).next();
  }

  private final class Loop {
    private final ScheduledExecutorService scheduler;
    private final long endMicros;
    private final AtomicBoolean stop;
    private final Runnable action;
    private long dueMicros = EpochMicros.now();

    Loop(ScheduledExecutorService scheduler, long endMicros, AtomicBoolean stop, Runnable action) {
      this.scheduler = scheduler;
      this.endMicros = endMicros;
      this.stop = stop;
      this.action = action;
    }

    void next() {
      dueMicros += nextGapMicros();
      if (stop.get() || dueMicros >= endMicros) {
        return;
      }
      scheduler.schedule(
          () -> {
            if (!stop.get()) {
              action.run();
              next();
            }
          },
          Math.max(0, dueMicros - EpochMicros.now()),
          TimeUnit.MICROSECONDS);
    }
  }
}

package io.chatnet.loadgen.traffic;

import io.chatnet.loadgen.client.EpochMicros;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Exponential gaps between sends: a Poisson process of a given rate, from a seeded generator. */
public final class PoissonArrivals {
  static final long LATE_LIMIT_MICROS = 1_000_000;

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
    runUntil(scheduler, EpochMicros.now(), endMicros, stop, action);
  }

  /**
   * As above, with due times counted from {@code originMicros} (the plan's start instant), so the
   * schedule is the same whenever and wherever it runs. A due time already more than {@link
   * #LATE_LIMIT_MICROS} past (a shard that started late: its summary's start skew says by how much)
   * is skipped rather than sent in a burst.
   */
  public void runUntil(
      ScheduledExecutorService scheduler,
      long originMicros,
      long endMicros,
      AtomicBoolean stop,
      Runnable action) {
    new Loop(scheduler, originMicros, endMicros, stop, action).next();
  }

  /** The first due times, as offsets from the origin, below {@code horizonMicros} (for tests). */
  public List<Long> offsets(long horizonMicros) {
    List<Long> out = new ArrayList<>();
    for (long due = nextGapMicros(); due < horizonMicros; due += nextGapMicros()) {
      out.add(due);
    }
    return out;
  }

  private final class Loop {
    private final ScheduledExecutorService scheduler;
    private final long endMicros;
    private final AtomicBoolean stop;
    private final Runnable action;
    private long dueMicros;

    Loop(
        ScheduledExecutorService scheduler,
        long originMicros,
        long endMicros,
        AtomicBoolean stop,
        Runnable action) {
      this.scheduler = scheduler;
      this.dueMicros = originMicros;
      this.endMicros = endMicros;
      this.stop = stop;
      this.action = action;
    }

    void next() {
      dueMicros += nextGapMicros();
      long late = EpochMicros.now() - LATE_LIMIT_MICROS;
      while (dueMicros < late) {
        dueMicros += nextGapMicros();
      }
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

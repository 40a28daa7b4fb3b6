package io.chatnet.loadgen.traffic;

import java.util.SplittableRandom;

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
}

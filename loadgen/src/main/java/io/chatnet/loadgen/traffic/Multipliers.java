package io.chatnet.loadgen.traffic;

import io.chatnet.contract.Plan;
import java.util.SplittableRandom;

/**
 * Draws mean-1 multipliers from a plan's {@link Plan.Distribution}: a sender's rate multiplier
 * (Plan.Activity) or a message's size multiplier (Plan.MessageSizes), from a seeded generator.
 */
public final class Multipliers {
  private Multipliers() {}

  /** One multiplier (1 when {@code distribution} is null). */
  public static double draw(Plan.Distribution distribution, SplittableRandom random) {
    if (distribution == null || distribution.name() == null) {
      return 1;
    }
    double u = random.nextDouble();
    switch (distribution.name()) {
      case "constant":
        return 1;
      case "exponential":
        return -Math.log(1 - u);
      case "pareto":
        {
          double alpha = distribution.effectiveShape();
          double scale = (alpha - 1) / alpha; // mean = scale * alpha / (alpha - 1) = 1
          return scale / Math.pow(1 - u, 1 / alpha);
        }
      case "lognormal":
        {
          double sigma = distribution.effectiveShape();
          return Math.exp(-sigma * sigma / 2 + sigma * random.nextGaussian());
        }
      default:
        throw new IllegalArgumentException("unknown distribution " + distribution.name());
    }
  }

  /**
   * A chat message's size: {@code payloadBytes} times a multiplier from {@code sizes}, clamped to
   * its bounds ({@code payloadBytes} itself without sizes).
   */
  public static int size(Plan.MessageSizes sizes, int payloadBytes, SplittableRandom random) {
    if (sizes == null) {
      return payloadBytes;
    }
    long size = Math.round(payloadBytes * draw(sizes.distribution(), random));
    if (sizes.maxBytes() > 0) {
      size = Math.min(size, sizes.maxBytes());
    }
    size = Math.max(size, sizes.minBytes());
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, size));
  }
}

package io.chatnet.operator.reliability;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The random instants of a campaign, drawn from its seed: the same seed, case and trial give the
 * same delay, so a trial that failed is replayed exactly (as far as the machine's timing allows).
 */
record KillSchedule(long seed) {
  /**
   * The delay, within {@code window}, after which trial {@code trial} of {@code campaignCase}
   * kills.
   */
  Duration delay(String campaignCase, int trial, Duration window) {
    long mixed = seed * 1_000_003L + campaignCase.hashCode() * 8191L + trial;
    return Duration.ofMillis(new SplittableRandom(mixed).nextLong(Math.max(1, window.toMillis())));
  }
}

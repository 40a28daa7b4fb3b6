package io.chatnet.operator.report;

import io.chatnet.operator.capacity.Quantity;
import io.chatnet.operator.capacity.SweepPoint;
import io.chatnet.operator.capacity.Traffic;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Sweep points of known laws: relay bandwidth in = 50 * (U*r)^0.9 B/s, client CPU = 0.02 + 1e-5 U +
 * 2e-3 U*r cores, relay memory = 80 MiB constant-ish, 1:1 p95 latency = 300 * U^0.2 * r^0.1 ms,
 * each with multiplicative noise of {@code noise} (seeded).
 */
final class SweepFixtures {
  private SweepFixtures() {}

  static List<SweepPoint> points(double[] users, double[] rates, double noise, long seed) {
    Random random = new Random(seed);
    List<SweepPoint> points = new ArrayList<>();
    for (double u : users) {
      for (double r : rates) {
        double load = u * r;
        Map<Quantity, Double> m = new EnumMap<>(Quantity.class);
        m.put(Quantity.RELAY_BANDWIDTH_IN, 50 * Math.pow(load, 0.9) * jitter(random, noise));
        m.put(Quantity.CLIENT_CPU, (0.02 + 1e-5 * u + 2e-3 * load) * jitter(random, noise));
        m.put(Quantity.RELAY_MEMORY, 80 * 1024 * 1024 * jitter(random, noise));
        m.put(
            Quantity.ONE_TO_ONE_LATENCY_P95,
            300 * Math.pow(u, 0.2) * Math.pow(r, 0.1) * jitter(random, noise));
        points.add(
            new SweepPoint(
                "lab/sweep-" + (long) u + "-" + r,
                u,
                r,
                (int) u,
                Traffic.ONE_TO_ONE,
                null,
                1000,
                m));
      }
    }
    return points;
  }

  /** A 3 x 2 sweep: 100, 300, 1000 users at 0.05 and 0.2 msg/s per user, 5% noise. */
  static List<SweepPoint> threeByTwo() {
    return points(new double[] {100, 300, 1000}, new double[] {0.05, 0.2}, 0.05, 7);
  }

  private static double jitter(Random random, double noise) {
    return Math.exp(noise * random.nextGaussian());
  }
}

package io.chatnet.operator.reliability;

import java.time.Duration;
import java.util.Optional;

/**
 * The soak's sizes, from system properties ({@code chatnet.soak.<name>}) or the environment ({@code
 * SOAK_<NAME>}). The defaults are the short variant (2 networks of 24 pods, one minute of the
 * experiment loop); bench/reliability/soak.sh passes the (10 networks of 1,000 pods, 30
 * minutes) unless told otherwise.
 *
 * @param networks networks soaked at once
 * @param nodes pods of each network (the smoke network's shape, relays scaled)
 * @param length how long the experiment loop runs once every network is Ready
 * @param loop experiments per network in each round of the loop (queued on it one at a time)
 * @param sample how often the operator is sampled
 * @param resync the operator's maximum reconciliation interval (every network and experiment
 *     re-reconciled at least this often, which must cost no writes)
 */
record SoakSettings(
    int networks, int nodes, Duration length, int loop, Duration sample, Duration resync) {

  static SoakSettings fromEnvironment() {
    return new SoakSettings(
        (int) number("networks", 2),
        (int) number("nodes", 24),
        Duration.ofSeconds(
            Optional.ofNullable(setting("seconds"))
                .map(Long::parseLong)
                .orElse(number("minutes", 1) * 60)),
        (int) number("loop", 1),
        Duration.ofSeconds(number("sample-seconds", 10)),
        Duration.ofSeconds(number("resync-seconds", 60)));
  }

  /**
   * Relays of each network: the smoke shape has 8 other pods (boot, store, 4 desktop, 2 mobile).
   */
  int relays() {
    return Math.max(1, nodes - 8);
  }

  /** How long the networks may take to be Ready (kwok starts about 100 pods a second here). */
  /**
   * How long the networks may take to be Ready: 0.4 s a pod (ten 1,000-pod networks: 67 min).
   * Provisioning 10,000 pods took about 2 minutes on a quiet machine (bench/network.md) but about
   * 40 on 2 cores shared with other work; the loop's clock starts only once they are Ready.
   */
  Duration readyWithin() {
    return Duration.ofSeconds(Math.max(300, (long) networks * nodes * 2 / 5));
  }

  private static long number(String name, long fallback) {
    return Optional.ofNullable(setting(name)).map(Long::parseLong).orElse(fallback);
  }

  private static String setting(String name) {
    return Optional.ofNullable(System.getProperty("chatnet.soak." + name))
        .or(
            () ->
                Optional.ofNullable(System.getenv("SOAK_" + name.toUpperCase().replace('-', '_'))))
        .filter(s -> !s.isBlank())
        .orElse(null);
  }
}

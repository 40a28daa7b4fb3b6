package io.chatnet.operator.reliability;

import java.time.Duration;
import java.util.Optional;

/**
 * A campaign's sizes, from system properties ({@code chatnet.reliability.<name>}) or the
 * environment ({@code CHATNET_RELIABILITY_<NAME>}), with defaults that fit `make test` on 2 shared
 * cores; `make bench-reliability` passes larger ones. The seed fixes every random kill instant, so
 * a trial is replayed by running the campaign again with the seed its record shows.
 */
record CampaignSettings(
    long seed,
    int trials,
    int relays,
    Duration killWindow,
    Duration quiet,
    Duration resync,
    Duration convergeWithin) {

  static CampaignSettings fromEnvironment() {
    return new CampaignSettings(
        number("seed", System.currentTimeMillis()),
        (int) number("trials", 1),
        (int) number("relays", 40),
        Duration.ofMillis(number("kill-window-ms", 8000)),
        Duration.ofSeconds(number("quiet-seconds", 6)),
        Duration.ofSeconds(number("resync-seconds", 2)),
        Duration.ofSeconds(number("converge-seconds", 240)));
  }

  static long number(String name, long fallback) {
    return Optional.ofNullable(System.getProperty("chatnet.reliability." + name))
        .or(
            () ->
                Optional.ofNullable(
                    System.getenv("CHATNET_RELIABILITY_" + name.toUpperCase().replace('-', '_'))))
        .filter(s -> !s.isBlank())
        .map(Long::parseLong)
        .orElse(fallback);
  }
}

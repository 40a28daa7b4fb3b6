package io.chatnet.loadgen.client;

import java.time.Instant;

/** Wall-clock time in microseconds since the epoch: send stamps and receive stamps share it. */
public final class EpochMicros {
  private EpochMicros() {}

  public static long now() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}

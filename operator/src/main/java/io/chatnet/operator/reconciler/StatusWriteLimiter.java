package io.chatnet.operator.reconciler;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spaces out status writes that only move ready counts. While 10,000 pods come up, their
 * StatefulSets report progress many times a second; writing each count would make the operator's
 * writes grow with the number of nodes. Phase, condition and generation changes are written at
 * once; count-only changes at most once per interval (the last one is always written, because the
 * reconciler is rescheduled for it).
 */
final class StatusWriteLimiter {
  private static final Duration FORGET_AFTER = Duration.ofHours(1);
  private final Duration interval;
  private final Clock clock;
  private final Map<ResourceID, Instant> lastWrite = new ConcurrentHashMap<>();

  StatusWriteLimiter(Duration interval, Clock clock) {
    this.interval = interval;
    this.clock = clock;
  }

  /** How long a count-only write for this network must wait, if at all. */
  Optional<Duration> waitBeforeCountWrite(ResourceID network) {
    Instant last = lastWrite.get(network);
    if (last == null) {
      return Optional.empty();
    }
    Duration elapsed = Duration.between(last, clock.instant());
    return elapsed.compareTo(interval) >= 0
        ? Optional.empty()
        : Optional.of(interval.minus(elapsed));
  }

  /** Forgets the networks not in {@code live} (deleted: no reconcile of theirs will come). */
  void retain(Set<ResourceID> live) {
    lastWrite.keySet().retainAll(live);
  }

  int size() {
    return lastWrite.size();
  }

  void wrote(ResourceID network) {
    Instant now = clock.instant();
    lastWrite.put(network, now);
    lastWrite.values().removeIf(t -> Duration.between(t, now).compareTo(FORGET_AFTER) > 0);
  }
}

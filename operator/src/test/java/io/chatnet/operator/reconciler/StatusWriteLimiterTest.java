package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StatusWriteLimiterTest {
  Instant now = Instant.parse("2026-11-26T10:00:00Z");
  final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  @Test
  void countOnlyWritesWaitOutTheInterval() {
    StatusWriteLimiter limiter = new StatusWriteLimiter(Duration.ofSeconds(5), clock);
    ResourceID a = new ResourceID("a", "ns");
    assertThat(limiter.waitBeforeCountWrite(a)).isEmpty();
    limiter.wrote(a);
    now = now.plusSeconds(2);
    assertThat(limiter.waitBeforeCountWrite(a)).contains(Duration.ofSeconds(3));
    assertThat(limiter.waitBeforeCountWrite(new ResourceID("b", "ns"))).isEmpty();
    now = now.plusSeconds(3);
    assertThat(limiter.waitBeforeCountWrite(a)).isEmpty();
  }
}

package io.chatnet.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApiOutagesTest {
  static final Instant T0 = Instant.parse("2026-12-02T07:00:00Z");

  /** The instant the tracker reads, moved by the test. */
  static final class Moving implements java.util.function.Supplier<Instant> {
    Instant now = T0;

    @Override
    public Instant get() {
      return now;
    }
  }

  @Test
  void failuresUntilTheFirstAnswerAreOneOutageFromTheFirstFailure() {
    Moving clock = new Moving();
    ApiOutages outages = new ApiOutages(clock);
    outages.failed();
    clock.now = T0.plusSeconds(10);
    outages.failed();
    assertThat(outages.reachable()).isFalse();
    assertThat(outages.last()).isEmpty();
    clock.now = T0.plusSeconds(23);
    outages.answered();
    assertThat(outages.reachable()).isTrue();
    assertThat(outages.last()).contains(new ApiOutages.Outage(T0, T0.plusSeconds(23)));
    assertThat(outages.count()).isEqualTo(1);
    assertThat(outages.seconds()).isEqualTo(23.0);
    clock.now = T0.plusSeconds(30);
    outages.answered();
    assertThat(outages.count()).as("answers without failures are no outage").isEqualTo(1);
  }

  @Test
  void aFailureStreakShorterThanASecondIsNoOutage() {
    Moving clock = new Moving();
    ApiOutages outages = new ApiOutages(clock);
    outages.failed();
    clock.now = T0.plus(ApiOutages.MINIMUM).minus(Duration.ofMillis(1));
    outages.answered();
    assertThat(outages.last()).isEmpty();
    assertThat(outages.count()).isZero();
    assertThat(outages.reachable()).isTrue();
  }

  @Test
  void secondsAddUpOverOutages() {
    Moving clock = new Moving();
    ApiOutages outages = new ApiOutages(clock);
    outages.failed();
    clock.now = T0.plusSeconds(5);
    outages.answered();
    clock.now = T0.plusSeconds(100);
    outages.failed();
    clock.now = T0.plusSeconds(102);
    outages.answered();
    assertThat(outages.count()).isEqualTo(2);
    assertThat(outages.seconds()).isEqualTo(7.0);
    assertThat(outages.last().orElseThrow().start()).isEqualTo(T0.plusSeconds(100));
  }
}

package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatNetwork;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WriteRefusalsTest {
  /** A clock the test moves. */
  static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  final TestClock clock = new TestClock();
  final WriteRefusals refusals = new WriteRefusals(clock);

  static ChatNetwork network(long generation) {
    ChatNetwork network = Serialization.clone(RefusalClassifierTest.NETWORK);
    network.getMetadata().setUid("uid-1");
    network.getMetadata().setGeneration(generation);
    return network;
  }

  WriteRefusals.Round round(long generation) {
    ChatNetwork network = network(generation);
    return refusals.round(network, ChildSpecFields.of(network));
  }

  static final HasMetadata RELAY = RefusalClassifierTest.sts("lab-relay");

  @Test
  void aRefusalRetryingCannotHelpIsNotRetriedBeforeANewGeneration() {
    WriteRefusals.Round first = round(1);
    first.refused(RELAY, "h1", RefusalClassifierTest.error(422, "Invalid", "no"));
    assertThat(first.failing()).contains(RefusalClass.REFUSED);
    assertThat(first.retryAfter()).isEmpty();
    first.finish();

    clock.now = clock.now.plus(Duration.ofHours(1));
    WriteRefusals.Round again = round(1);
    assertThat(again.pending(RELAY, "h1")).isPresent();
    assertThat(again.reason()).contains("WriteRefused");
    // a different desired form, or a new generation, is tried
    assertThat(again.pending(RELAY, "h2")).isEmpty();
    assertThat(round(2).pending(RELAY, "h1")).isEmpty();
  }

  @Test
  void quotaRefusalsBackOffAndAreForgottenOnceWritten() {
    WriteRefusals.Round first = round(1);
    first.refused(RELAY, "h", RefusalClassifierTest.error(403, "Forbidden", "exceeded quota: q"));
    assertThat(first.failing()).isEmpty();
    assertThat(first.reason()).contains("QuotaExceeded");
    assertThat(first.retryAfter()).contains(Duration.ofSeconds(5));
    first.finish();

    clock.now = clock.now.plusSeconds(2);
    WriteRefusals.Round waiting = round(1);
    assertThat(waiting.pending(RELAY, "h")).isPresent();
    assertThat(waiting.retryAfter()).contains(Duration.ofSeconds(3));
    waiting.finish();

    clock.now = clock.now.plusSeconds(3);
    WriteRefusals.Round second = round(1);
    assertThat(second.pending(RELAY, "h")).isEmpty();
    second.refused(RELAY, "h", RefusalClassifierTest.error(403, "Forbidden", "exceeded quota: q"));
    assertThat(second.retryAfter()).contains(Duration.ofSeconds(10));
    second.finish();

    clock.now = clock.now.plusSeconds(10);
    WriteRefusals.Round written = round(1);
    assertThat(written.pending(RELAY, "h")).isEmpty();
    written.accepted(RELAY);
    assertThat(written.reason()).isEmpty();
    written.finish();
    assertThat(round(1).pending(RELAY, "h")).isEmpty();
  }

  @Test
  void backoffIsCapped() {
    assertThat(WriteRefusals.backoff(RefusalClass.FORBIDDEN, 1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(WriteRefusals.backoff(RefusalClass.FORBIDDEN, 30)).isEqualTo(Duration.ofSeconds(60));
    assertThat(WriteRefusals.backoff(RefusalClass.TRANSIENT, 30)).isEqualTo(Duration.ofSeconds(30));
    assertThat(WriteRefusals.backoff(RefusalClass.REFUSED, 1)).isNull();
  }

  @Test
  void aTransientFailureIsShownOnlyOnceItPersists() {
    WriteRefusals.Round first = round(1);
    first.refused(RELAY, "h", RefusalClassifierTest.error(503, "ServiceUnavailable", "busy"));
    assertThat(first.shown()).isEmpty();
    assertThat(first.refusedNow(RELAY)).isTrue();
    assertThat(first.retryAfter()).contains(Duration.ofSeconds(1));
    first.finish();

    clock.now = clock.now.plus(WriteRefusals.PERSISTS);
    WriteRefusals.Round later = round(1);
    later.refused(RELAY, "h", RefusalClassifierTest.error(503, "ServiceUnavailable", "busy"));
    assertThat(later.reason()).contains("WriteFailing");
  }

  @Test
  void theSummaryNamesTheMostSevereFirstAndCountsTheRest() {
    WriteRefusals.Round round = round(1);
    for (int i = 0; i < 4; i++) {
      round.refused(
          new ServiceBuilder().withNewMetadata().withName("svc-" + i).endMetadata().build(),
          "h",
          RefusalClassifierTest.error(403, "Forbidden", "exceeded quota: q" + i));
    }
    round.refused(RELAY, "h", RefusalClassifierTest.error(422, "Invalid", "bad"));
    assertThat(round.reason()).contains("WriteRefused");
    assertThat(round.summary())
        .startsWith("StatefulSet lab-relay (spec.groups[2] (relay)): HTTP 422: bad; Service svc-0")
        .contains("Service svc-1")
        .doesNotContain("svc-2")
        .endsWith("; and 2 more refused objects");
  }

  @Test
  void anEarlierOwnersObjectIsAWaitNotACollision() {
    ChatNetwork network = network(1);
    HasMetadata stale = RefusalClassifierTest.sts("lab-relay");
    stale
        .getMetadata()
        .setOwnerReferences(
            java.util.List.of(
                new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                    .withKind("ChatNetwork")
                    .withName("lab")
                    .withUid("uid-0")
                    .withController(true)
                    .build()));
    assertThat(Applier.controlledByEarlier(stale, network)).isTrue();
    assertThat(Applier.controlledBy(stale, network)).isFalse();
    WriteRefusals.Round round = refusals.round(network, ChildSpecFields.of(network));
    round.awaitingCollection(RELAY, "h", stale);
    assertThat(round.refusedNow(RELAY)).isTrue();
    assertThat(round.failing()).isEmpty();
    assertThat(round.shown()).isEmpty();
    assertThat(round.retryAfter()).contains(Duration.ofSeconds(1));
  }
}

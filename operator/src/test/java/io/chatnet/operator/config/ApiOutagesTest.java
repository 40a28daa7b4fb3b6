package io.chatnet.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApiOutagesTest {
  static final Instant T0 = Instant.parse("2026-12-02T07:00:00Z");
  static final String BASE = "https://127.0.0.1:6443";
  static final URI GET = URI.create(BASE + "/apis/chatnet.io/v1alpha1/namespaces/a/chatnetworks/n");
  static final URI LIST = URI.create(BASE + "/api/v1/namespaces/a/pods?labelSelector=x%3Dy");
  static final URI WATCH =
      URI.create(BASE + "/api/v1/namespaces/a/pods?allowWatchBookmarks=true&watch=true");
  static final URI DISCOVERY = URI.create(BASE + "/apis");
  static final URI CACHED = URI.create(BASE + "/api/v1/namespaces/a/pods?resourceVersion=0");

  /** The instant the tracker reads, moved by the test. */
  static final class Moving implements java.util.function.Supplier<Instant> {
    Instant now = T0;

    @Override
    public Instant get() {
      return now;
    }

    Instant at(long millis) {
      now = T0.plusMillis(millis);
      return now;
    }
  }

  final Moving clock = new Moving();
  final ApiOutages outages = new ApiOutages(clock);

  @Test
  void failuresUntilTheFirstAnswerAreOneOutageFromTheFirstFailure() {
    outages.failed("PATCH", GET, clock.at(0));
    clock.at(10_000);
    outages.failed("GET", GET, null);
    assertThat(outages.reachable()).isFalse();
    assertThat(outages.last()).isEmpty();
    Instant sent = clock.at(22_900);
    clock.at(23_000);
    outages.answered("GET", GET, sent);
    assertThat(outages.reachable()).isTrue();
    assertThat(outages.last()).contains(new ApiOutages.Outage(T0, T0.plusSeconds(23)));
    assertThat(outages.count()).isEqualTo(1);
    assertThat(outages.seconds()).isEqualTo(23.0);
    clock.at(30_000);
    outages.answered("GET", GET, clock.now);
    assertThat(outages.count()).as("answers without failures are no outage").isEqualTo(1);
  }

  @Test
  void aFailureStreakShorterThanASecondIsNoOutage() {
    outages.failed("PUT", GET, clock.at(0));
    clock.now = T0.plus(ApiOutages.MINIMUM).minus(Duration.ofMillis(1));
    outages.answered("PUT", GET, clock.now);
    assertThat(outages.last()).isEmpty();
    assertThat(outages.count()).isZero();
    assertThat(outages.reachable()).isTrue();
  }

  @Test
  void secondsAddUpOverOutages() {
    outages.failed("GET", GET, clock.at(0));
    outages.answered("GET", GET, clock.at(5_000));
    outages.failed("GET", GET, clock.at(100_000));
    outages.answered("GET", GET, clock.at(102_000));
    assertThat(outages.count()).isEqualTo(2);
    assertThat(outages.seconds()).isEqualTo(7.0);
    assertThat(outages.last().orElseThrow().start()).isEqualTo(T0.plusSeconds(100));
  }

  /** etcd down: watch streams, discovery and the watch cache answer between the failures. */
  @Test
  void answersThatNeedNoStorageDoNotEndAnOutage() {
    outages.failed("POST", GET, clock.at(0));
    clock.at(400);
    outages.answered("GET", WATCH, T0);
    outages.answered("GET", DISCOVERY, clock.now);
    outages.answered("GET", CACHED, clock.now);
    assertThat(outages.reachable()).as("still failing after answers that need no etcd").isFalse();
    outages.failed("GET", LIST, clock.at(1_500));
    outages.answered("GET", URI.create(BASE + "/version"), clock.at(2_000));
    outages.answered("GET", URI.create(BASE + "/openapi/v3"), clock.now);
    outages.answered("GET", URI.create(BASE + "/apis/apps/v1"), clock.now);
    outages.answered("GET", URI.create(BASE + "/api/v1"), clock.now);
    assertThat(outages.last()).isEmpty();
    outages.answered("GET", GET, clock.at(4_000));
    assertThat(outages.last()).contains(new ApiOutages.Outage(T0, T0.plusSeconds(4)));
  }

  /** A stopped API server: nothing connects, and any answer says it is back (as before etcd). */
  @Test
  void anUnreachableApiServerIsAnOutageUntilAnyAnswer() {
    outages.unreachable(clock.at(0));
    outages.unreachable(clock.at(3_000));
    assertThat(outages.reachable()).isFalse();
    outages.answered("GET", WATCH, clock.at(6_000));
    assertThat(outages.last()).contains(new ApiOutages.Outage(T0, T0.plusSeconds(6)));
  }

  @Test
  void onceAStorageRequestFailedOnlyAStorageAnswerEndsTheOutage() {
    outages.unreachable(clock.at(0));
    outages.failed("GET", GET, clock.at(1_000));
    outages.answered("GET", DISCOVERY, clock.at(2_000));
    assertThat(outages.reachable()).isFalse();
    outages.answered("DELETE", GET, clock.at(3_000));
    assertThat(outages.last()).contains(new ApiOutages.Outage(T0, T0.plusSeconds(3)));
  }

  @Test
  void failuresOfRequestsThatNeedNoStorageAreNoOutage() {
    outages.failed("GET", WATCH, clock.at(0));
    outages.failed("GET", DISCOVERY, clock.at(500));
    assertThat(outages.reachable()).isTrue();
    outages.answered("GET", GET, clock.at(5_000));
    assertThat(outages.last()).isEmpty();
  }

  /** etcd down: a get hangs until etcd is back and then succeeds; it waited from its send. */
  @Test
  void aRequestThatWaitedForItsAnswerIsAnOutageFromItsSend() {
    outages.answered("GET", GET, clock.at(0));
    Instant first = clock.at(1_000);
    Instant second = clock.at(3_000);
    clock.at(8_000);
    outages.answered("PATCH", GET, first);
    outages.answered("GET", GET, second);
    assertThat(outages.count()).as("waiting side by side: one outage").isEqualTo(1);
    assertThat(outages.last())
        .contains(new ApiOutages.Outage(T0.plusSeconds(1), T0.plusSeconds(8)));
  }

  @Test
  void aShortWaitOrASlowListIsNoOutage() {
    Instant sent = clock.at(0);
    clock.now = T0.plus(ApiOutages.WAITED).minus(Duration.ofMillis(1));
    outages.answered("GET", GET, sent);
    sent = clock.at(10_000);
    clock.at(20_000);
    outages.answered("GET", LIST, sent);
    assertThat(outages.count()).isZero();
  }

  @Test
  void aFailingListCounts() {
    outages.failed("GET", LIST, clock.at(0));
    outages.answered("GET", LIST, clock.at(3_000));
    assertThat(outages.last()).contains(new ApiOutages.Outage(T0, T0.plusSeconds(3)));
  }

  /** A request that timed out after others were answered: storage worked until the last answer. */
  @Test
  void anOutageStartsNoEarlierThanTheLastAnswer() {
    Instant slow = clock.at(0);
    outages.answered("GET", GET, clock.at(9_000));
    clock.at(15_000);
    outages.failed("GET", GET, slow);
    outages.answered("GET", GET, clock.at(15_200));
    assertThat(outages.last())
        .contains(new ApiOutages.Outage(T0.plusSeconds(9), T0.plusMillis(15_200)));
  }

  @Test
  void whichRequestsNeedStorage() {
    assertThat(ApiOutages.storageBacked("GET", GET)).isTrue();
    assertThat(ApiOutages.storageBacked("GET", LIST)).isTrue();
    assertThat(ApiOutages.storageBacked("POST", URI.create(BASE + "/api/v1/namespaces/a/events")))
        .isTrue();
    assertThat(ApiOutages.storageBacked("DELETE", URI.create(BASE + "/apis/apps/v1/x/y/z")))
        .isTrue();
    assertThat(ApiOutages.storageBacked("GET", URI.create(BASE + "/api/v1/namespaces"))).isTrue();
    assertThat(ApiOutages.storageBacked("GET", WATCH)).isFalse();
    assertThat(ApiOutages.storageBacked("GET", URI.create(BASE + "/api/v1/pods?watch=1")))
        .isFalse();
    assertThat(ApiOutages.storageBacked("GET", CACHED)).isFalse();
    assertThat(ApiOutages.storageBacked("GET", DISCOVERY)).isFalse();
    assertThat(ApiOutages.storageBacked("GET", URI.create(BASE + "/api"))).isFalse();
    assertThat(ApiOutages.storageBacked("GET", URI.create(BASE + "/api/v1/"))).isFalse();
    assertThat(ApiOutages.storageBacked("GET", URI.create(BASE + "/apis/apps"))).isFalse();
    assertThat(ApiOutages.storageBacked("GET", URI.create(BASE + "/version"))).isFalse();
    assertThat(ApiOutages.storageBacked("GET", URI.create(BASE + "/openapi/v2"))).isFalse();
    assertThat(ApiOutages.storageBacked("GET", URI.create(BASE + "/readyz"))).isFalse();
    assertThat(ApiOutages.list("GET", LIST)).isTrue();
    assertThat(ApiOutages.list("GET", URI.create(BASE + "/api/v1/namespaces"))).isTrue();
    assertThat(ApiOutages.list("GET", URI.create(BASE + "/apis/apps/v1/statefulsets"))).isTrue();
    assertThat(ApiOutages.list("GET", GET)).isFalse();
    assertThat(ApiOutages.list("GET", URI.create(BASE + "/api/v1/namespaces/a"))).isFalse();
    assertThat(ApiOutages.list("GET", URI.create(BASE + "/api/v1/nodes/n1/status"))).isFalse();
    assertThat(ApiOutages.list("POST", LIST)).isFalse();
  }
}

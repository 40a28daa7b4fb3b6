package io.chatnet.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import io.fabric8.kubernetes.client.http.WebSocketUpgradeResponse;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The send instants the interceptor hands to {@link ApiOutages}, on Fabric8's own request type. */
class ApiOutageInterceptorTest {
  static final Instant T0 = ApiOutagesTest.T0;

  final ApiOutagesTest.Moving clock = new ApiOutagesTest.Moving();
  final ApiOutages outages = new ApiOutages(clock);
  final ApiOutageInterceptor interceptor = new ApiOutageInterceptor(outages);

  static HttpRequest get() {
    return new StandardHttpRequest.Builder().uri(ApiOutagesTest.GET.toString()).build();
  }

  @Test
  void anAnswerIsTimedFromTheSendOfItsOwnRequest() {
    HttpRequest early = get();
    clock.at(0);
    interceptor.consumer(null, early);
    HttpRequest late = get();
    clock.at(4_000);
    interceptor.consumer(null, late);
    clock.at(5_000);
    interceptor.after(late, new WebSocketUpgradeResponse(late, 200), null);
    assertThat(outages.count()).as("the late request waited 1 s").isZero();
    clock.at(6_000);
    interceptor.after(early, new WebSocketUpgradeResponse(early, 200), null);
    assertThat(outages.count()).as("the early one's wait ended at the late one's answer").isZero();
  }

  @Test
  void aTimeoutIsTimedFromTheOldestSendOfTheSameRequest() {
    HttpRequest sent = get();
    clock.at(0);
    interceptor.consumer(null, sent);
    clock.at(15_000);
    // Fabric8 names the request as it was before the interceptors ran: another object
    interceptor.afterConnectionFailure(get(), new TimeoutException());
    HttpRequest again = get();
    clock.at(16_000);
    interceptor.consumer(null, again);
    interceptor.after(again, new WebSocketUpgradeResponse(again, 200), null);
    assertThat(outages.last()).contains(new ApiOutages.Outage(T0, T0.plusSeconds(16)));
  }

  @Test
  void aRefusedConnectionIsTheApiServerUnreachable() {
    clock.at(0);
    interceptor.afterConnectionFailure(get(), new java.net.ConnectException("Connection refused"));
    assertThat(ApiOutageInterceptor.timeout(new java.net.ConnectException())).isFalse();
    assertThat(ApiOutageInterceptor.timeout(new RuntimeException(new TimeoutException()))).isTrue();
    HttpRequest watch =
        new StandardHttpRequest.Builder().uri(ApiOutagesTest.WATCH.toString()).build();
    clock.at(2_000);
    interceptor.consumer(null, watch);
    interceptor.after(watch, new WebSocketUpgradeResponse(watch, 200), null);
    assertThat(outages.last()).contains(new ApiOutages.Outage(T0, T0.plusSeconds(2)));
  }

  @Test
  void a5xxIsAFailureAndA429NoWordOnStorage() {
    HttpRequest first = get();
    clock.at(0);
    interceptor.consumer(null, first);
    interceptor.after(first, new WebSocketUpgradeResponse(first, 504), null);
    HttpRequest throttled = get();
    clock.at(3_000);
    interceptor.consumer(null, throttled);
    interceptor.after(throttled, new WebSocketUpgradeResponse(throttled, 429), null);
    assertThat(outages.reachable()).isFalse();
    HttpRequest answered = get();
    clock.at(4_000);
    interceptor.consumer(null, answered);
    interceptor.after(answered, new WebSocketUpgradeResponse(answered, 404), null);
    assertThat(outages.last()).contains(new ApiOutages.Outage(T0, T0.plusSeconds(4)));
  }
}

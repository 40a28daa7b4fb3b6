package io.chatnet.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatnet.operator.analysis.PrometheusException.Reason;
import io.chatnet.testkit.prometheus.PrometheusServer;
import io.chatnet.testkit.prometheus.PrometheusTest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API client against a real Prometheus, a dead port and a socket that never answers. */
@PrometheusTest
class PrometheusClientTest {
  static PrometheusServer prometheus;

  @BeforeAll
  static void start() {
    prometheus = PrometheusServer.builder().start();
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  PrometheusClient client(URI url) {
    return new PrometheusClient(url, Duration.ofSeconds(2));
  }

  @Test
  void readsAnInstantVectorWithLabelsAndSpecialValues() throws Exception {
    var answer =
        client(prometheus.url())
            .query(
                "label_replace(vector(1.5), \"k\", \"v\", \"\", \"\") or"
                    + " label_replace(vector(NaN), \"k\", \"nan\", \"\", \"\")",
                Instant.now());
    assertThat(answer.samples()).hasSize(2);
    assertThat(answer.samples().get(0).labels()).containsEntry("k", "v");
    assertThat(answer.samples().get(0).value()).isEqualTo(1.5);
    assertThat(answer.samples().get(1).value()).isNaN();
    assertThat(answer.warnings()).isEmpty();
  }

  @Test
  void aBadQueryIsQueryFailedWithPrometheussMessage() {
    assertThatThrownBy(() -> client(prometheus.url()).query("sum(", Instant.now()))
        .isInstanceOfSatisfying(
            PrometheusException.class, e -> assertThat(e.reason()).isEqualTo(Reason.QueryFailed))
        .hasMessageContaining("bad_data")
        .hasMessageContaining("sum(");
  }

  @Test
  void aScalarAnswerIsRefused() {
    assertThatThrownBy(() -> client(prometheus.url()).query("1", Instant.now()))
        .isInstanceOfSatisfying(
            PrometheusException.class, e -> assertThat(e.reason()).isEqualTo(Reason.QueryFailed))
        .hasMessageContaining("expected an instant vector, got scalar");
  }

  @Test
  void aUrlThatIsNotTheApiIsQueryFailed() {
    URI wrong = prometheus.url().resolve("/not-prometheus/");
    assertThatThrownBy(() -> client(wrong).query("up", Instant.now()))
        .isInstanceOfSatisfying(
            PrometheusException.class, e -> assertThat(e.reason()).isEqualTo(Reason.QueryFailed))
        .hasMessageContaining("without the API's JSON");
  }

  @Test
  void answersThatAreNotTheApisAreQueryFailed() {
    PrometheusClient client = client(prometheus.url());
    assertThatThrownBy(
            () ->
                client.parse(
                    "up",
                    200,
                    "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
                        + "\"result\":[{\"metric\":{},\"value\":[1,\"many\"]}]}}"))
        .isInstanceOfSatisfying(
            PrometheusException.class, e -> assertThat(e.reason()).isEqualTo(Reason.QueryFailed))
        .hasMessageContaining("unreadable sample value 'many'");
    assertThatThrownBy(() -> client.parse("up", 502, "<html>Bad Gateway</html>"))
        .hasMessageContaining("HTTP 502 without the API's JSON");
  }

  @Test
  void warningsAreKept() throws Exception {
    var answer =
        client(prometheus.url())
            .parse(
                "up",
                200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]},"
                    + "\"warnings\":[\"partial response\"]}");
    assertThat(answer.warnings()).containsExactly("partial response");
    assertThat(answer.samples()).isEmpty();
  }

  @Test
  void aDeadPortIsUnreachable() {
    URI dead = URI.create("http://127.0.0.1:" + PrometheusServer.freePort());
    assertThatThrownBy(() -> client(dead).query("up", Instant.now()))
        .isInstanceOfSatisfying(
            PrometheusException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.PrometheusUnreachable))
        .hasMessageContaining("cannot reach Prometheus at " + dead);
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort());
      long started = System.nanoTime();
      assertThatThrownBy(() -> client(url).query("up", Instant.now()))
          .isInstanceOfSatisfying(
              PrometheusException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.PrometheusUnreachable))
          .hasMessageContaining("did not answer within 2000 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void credentialsInTheUrlStayOutOfMessages() {
    URI dead = URI.create("http://user:secret@127.0.0.1:" + PrometheusServer.freePort() + "/prom/");
    assertThatThrownBy(() -> client(dead).query("up", Instant.now()))
        .hasMessageNotContaining("secret")
        .hasMessageContaining("127.0.0.1");
  }
}

package io.chatnet.loadgen.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Figures;
import io.chatnet.contract.Plan;
import io.chatnet.loadgen.client.EpochMicros;
import io.chatnet.loadgen.client.Transport;
import io.chatnet.loadgen.measure.DeliveryTracker;
import io.chatnet.loadgen.measure.LoadMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Relay publishes share the shard's send bound: a node that answers late gets no more than the
 * bound of publishes, the ones due meanwhile are dropped and counted, and publishing resumes once
 * answers come.
 */
@Tag("run") // real time: make unit leaves it out
class RelaySenderBoundTest {
  static final int BOUND = 4;
  static final String RELAY = TrafficKind.RELAY.label();

  final Transport transport = new Transport(Duration.ofSeconds(10));
  final Vertx vertx = Vertx.vertx();
  final AtomicBoolean stop = new AtomicBoolean();

  @AfterEach
  void close() throws Exception {
    stop.set(true);
    transport.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void publishesBeyondTheBoundAreDroppedWhileTheNodeDoesNotAnswerAndResumeAfter() throws Exception {
    // A node that accepts every publish 5 s late (seconds to spare on a loaded machine), with
    // nwaku's 200 "OK" (the body is not read).
    AtomicInteger publishes = new AtomicInteger();
    HttpServer node =
        vertx
            .createHttpServer()
            .requestHandler(
                request -> {
                  publishes.incrementAndGet();
                  vertx.setTimer(5_000, t -> request.response().setStatusCode(200).end("OK"));
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    String url = "http://127.0.0.1:" + node.actualPort();
    Plan plan =
        new Plan(
            ContractJson.VERSION,
            "relay-bound",
            Instant.now(),
            0,
            60,
            1,
            "seed-r",
            List.of(),
            null,
            List.of(url),
            new Plan.Traffic(null, null, new Plan.Relay(200, 100, "/chatnet/1/relay-load/proto")),
            null,
            null,
            8,
            new Plan.Waku(16, List.of(32), 50),
            0);
    LoadMetrics metrics = new LoadMetrics();
    long now = EpochMicros.now();
    DeliveryTracker tracker = new DeliveryTracker(metrics, now - 1_000_000, now + 60_000_000);
    SendBound bound = new SendBound(BOUND);
    new RelaySender(plan, 0, transport, tracker, List.of(), now + 60_000_000, stop)
        .bound(bound)
        .start();

    await().atMost(Duration.ofSeconds(4)).until(() -> dropped(metrics) >= 50);
    assertThat(bound.outstanding()).isEqualTo(BOUND);
    assertThat(publishes.get()).isEqualTo(BOUND);
    assertThat(sent(metrics)).isEqualTo(BOUND);

    await().atMost(Duration.ofSeconds(15)).until(() -> publishes.get() > 2 * BOUND);
    stop.set(true);
    await().atMost(Duration.ofSeconds(15)).until(() -> bound.outstanding() == 0);
    assertThat(metrics.failed.labelValues(RELAY, "relay").get()).isZero();
    assertThat((double) publishes.get()).isEqualTo(sent(metrics));
    Figures figures = tracker.figures().get(TrafficKind.RELAY);
    assertThat(figures.dropped()).isEqualTo((long) dropped(metrics));
    assertThat(figures.sent()).isEqualTo(publishes.get());
  }

  private static double sent(LoadMetrics metrics) {
    return metrics.sent.labelValues(RELAY, "relay").get();
  }

  private static double dropped(LoadMetrics metrics) {
    return metrics.dropped.labelValues(RELAY, "relay").get();
  }
}

package io.chatnet.loadgen.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Figures;
import io.chatnet.contract.Plan;
import io.chatnet.loadgen.client.ChatClient;
import io.chatnet.loadgen.client.ClientProfile;
import io.chatnet.loadgen.client.EpochMicros;
import io.chatnet.loadgen.client.Transport;
import io.chatnet.loadgen.measure.DeliveryTracker;
import io.chatnet.loadgen.measure.LoadMetrics;
import io.chatnet.loadgen.standin.StatusBackendStandIn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shard's bound on outstanding sends, against the status-backend stand-in: a client that does
 * not answer gets no more than the bound of requests, the sends due meanwhile are dropped and
 * counted (never sent, failed or expected), and sending resumes once answers come.
 */
@Tag("run") // real time: make unit leaves it out
class ChatSendersBoundTest {
  static final int BOUND = 4;
  static final String ONE_TO_ONE = TrafficKind.ONE_TO_ONE.label();

  final Transport transport = new Transport(Duration.ofSeconds(10));
  StatusBackendStandIn standIn;
  final List<ChatClient> clients = new ArrayList<>();
  final AtomicBoolean stop = new AtomicBoolean();

  @AfterEach
  void close() {
    stop.set(true);
    clients.forEach(ChatClient::close);
    if (standIn != null) {
      standIn.close();
    }
    transport.close();
  }

  @Test
  void sendsBeyondTheBoundAreDroppedWhileTheClientDoesNotAnswerAndResumeAfter() throws Exception {
    standIn = new StatusBackendStandIn(2);
    Plan plan = plan();
    for (Plan.ClientRef ref : plan.clients()) {
      ChatClient client = new ChatClient(ref, transport, Duration.ofSeconds(10));
      clients.add(client);
      client.login(plan.clientSettings()).get(10, TimeUnit.SECONDS);
    }
    // c0 answers 5 s late: the 200/s stream fills the bound long before the first answer, with
    // seconds to spare on a loaded machine
    standIn.faults.slowClients.add("c0");
    standIn.faults.slowMillis = 5_000;
    long rpcsBefore = rpcs("c0");

    LoadMetrics metrics = new LoadMetrics();
    long now = EpochMicros.now();
    // the whole run is measured, so the figures hold every drop
    DeliveryTracker tracker = new DeliveryTracker(metrics, now - 1_000_000, now + 60_000_000);
    SendBound bound = new SendBound(BOUND);
    Schedule.Stream stream =
        new Schedule.Stream(
            TrafficKind.ONE_TO_ONE, 0, 0, "c0", "c1", List.of("c1"), 200, 64, 7L, null);
    new ChatSenders(plan, 0, transport.loop(), tracker, now + 60_000_000, stop)
        .bound(bound)
        .start(List.of(stream), Map.of("c0", clients.get(0), "c1", clients.get(1)), Map.of());

    // Before any answer: exactly the bound is outstanding and reached the client, the rest dropped.
    await().atMost(Duration.ofSeconds(4)).until(() -> dropped(metrics) >= 50);
    assertThat(bound.outstanding()).isEqualTo(BOUND);
    assertThat(sent(metrics)).isEqualTo(BOUND);
    assertThat(rpcs("c0") - rpcsBefore).isEqualTo(BOUND);
    assertThat(failed(metrics)).isZero();

    // Answers come: room frees and later sends are issued again.
    await().atMost(Duration.ofSeconds(15)).until(() -> sent(metrics) > 2 * BOUND);
    stop.set(true);
    await().atMost(Duration.ofSeconds(15)).until(() -> bound.outstanding() == 0);
    assertThat((double) (rpcs("c0") - rpcsBefore)).isEqualTo(sent(metrics));
    assertThat(failed(metrics)).isZero();

    Figures figures = tracker.figures().get(TrafficKind.ONE_TO_ONE);
    assertThat(figures.dropped()).isEqualTo((long) dropped(metrics));
    assertThat(figures.sent()).isEqualTo((long) sent(metrics));
    // dropped sends are not expected: one receipt per send made
    assertThat(figures.expected()).isEqualTo(figures.sent());
    assertThat(figures.failed()).isZero();
  }

  private long rpcs(String client) {
    return standIn.callsOf(client).stream().filter("CallRPC"::equals).count();
  }

  private static double sent(LoadMetrics metrics) {
    return metrics.sent.labelValues(ONE_TO_ONE, "desktop").get();
  }

  private static double failed(LoadMetrics metrics) {
    return metrics.failed.labelValues(ONE_TO_ONE, "desktop").get();
  }

  private static double dropped(LoadMetrics metrics) {
    return metrics.dropped.labelValues(ONE_TO_ONE, "desktop").get();
  }

  private Plan plan() {
    List<Plan.ClientRef> refs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      refs.add(new Plan.ClientRef("c" + i, standIn.url(i), "desktop", ClientProfile.NEWER_ID));
    }
    return new Plan(
        ContractJson.VERSION,
        "bound",
        Instant.now(),
        0,
        60,
        1,
        "seed-1",
        refs,
        null,
        List.of(),
        new Plan.Traffic(null, null, null),
        null,
        // the stand-in's fleet for the newer status-go (as LoadGeneratorContractTest's)
        new Plan.ClientSettings(
            "chatnet", "/etc/chatnet/network/fleets.json", false, false, false, true, false, 9100),
        8,
        null,
        0);
  }
}

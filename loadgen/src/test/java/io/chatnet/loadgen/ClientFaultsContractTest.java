package io.chatnet.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.contract.ClientFaults;
import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Figures;
import io.chatnet.contract.Plan;
import io.chatnet.contract.Summary;
import io.chatnet.loadgen.client.ClientProfile;
import io.chatnet.loadgen.client.Transport;
import io.chatnet.loadgen.measure.LoadMetrics;
import io.chatnet.loadgen.standin.StatusBackendStandIn;
import io.chatnet.loadgen.standin.StatusBackendStandIn.Accepted;
import io.chatnet.loadgen.standin.StatusBackendStandIn.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Client faults against the status-backend stand-in (issue 15): a client that accepts connections
 * but never answers, one that stops answering mid-run, and signals sockets dropped mid-run. The
 * shard must end on time with the other clients' figures, name the unresponsive clients, and count
 * a receipt it could not observe (socket down) apart from one the network lost.
 */
@Tag("run") // real time: make unit leaves it out
class ClientFaultsContractTest {
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
  StatusBackendStandIn standIn;
  final Transport transport = new Transport(Duration.ofSeconds(2));

  @AfterEach
  void stop() {
    if (standIn != null) {
      standIn.close();
    }
    transport.close();
  }

  Plan plan(int clients, int pairs, int durationSeconds) {
    List<Plan.ClientRef> refs = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      refs.add(
          new Plan.ClientRef(
              "c" + i, standIn.url(i), i % 4 == 3 ? "mobile" : "desktop", ClientProfile.NEWER_ID));
    }
    return new Plan(
        ContractJson.VERSION,
        "faults",
        Instant.now().plusMillis(3000),
        1,
        durationSeconds,
        1,
        "seed-1",
        refs,
        null,
        List.of(),
        new Plan.Traffic(new Plan.OneToOne(pairs, 600, 200), null, null),
        null,
        LoadGeneratorContractTest.settings(ClientProfile.NEWER_ID),
        8,
        null,
        0);
  }

  Summary run(Plan plan) {
    return new LoadRun(
            plan, 0, new LoadMetrics(), transport, REQUEST_TIMEOUT, Duration.ofSeconds(1))
        .run(new AtomicBoolean());
  }

  @Test
  void aClientThatNeverAnswersIsNamedNotRetriedAndTheShardEndsOnTime() {
    standIn = new StatusBackendStandIn(8);
    standIn.faults.silentClients.add("c1");
    Plan plan = plan(8, 4, 3);
    Summary summary = run(plan);
    // on time: the window's end plus the grace and the logouts, not a hung call
    assertThat(Duration.between(plan.endAt(), Instant.now())).isLessThan(Duration.ofSeconds(10));
    assertThat(summary.clients().failed()).isEqualTo(1);
    assertThat(summary.clients().failures().get("c1")).contains("no answer within 1000 ms");
    // its Logout timed out: no InitializeApplication, no retry holding up the others' setup
    assertThat(standIn.callsOf("c1")).containsExactly("Logout");
    ClientFaults faults = summary.clientFaults();
    assertThat(faults.unresponsiveClients()).isEqualTo(1);
    assertThat(faults.unresponsive()).containsExactly("c1");
    assertThat(faults.callTimeouts()).isEqualTo(1);
    assertThat(summary.pairs()).isEqualTo(3); // c0+c1 is dropped, the others chat
    assertThat(summary.traffic().get("oneToOne").sent()).isPositive();
  }

  @Test
  void aClientThatStopsAnsweringMidRunFailsItsSendsWithoutLosses() {
    standIn = new StatusBackendStandIn(4);
    Plan plan = plan(4, 2, 4);
    CompletableFuture<Summary> running = CompletableFuture.supplyAsync(() -> run(plan));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> standIn.accepted.stream().anyMatch(a -> a.sender().equals("c0")));
    standIn.faults.silentClients.add("c0");
    Summary summary = running.join();
    assertThat(Duration.between(plan.endAt(), Instant.now())).isLessThan(Duration.ofSeconds(10));
    assertThat(summary.clientFaults().unresponsive()).containsExactly("c0");
    assertThat(summary.clientFaults().callTimeouts()).isPositive();
    Figures figures = summary.traffic().get("oneToOne");
    // its unanswered sends are failed sends, not messages the network lost
    assertThat(figures.failed()).isPositive();
    assertThat(figures.lost()).isZero();
  }

  @Test
  void droppedSocketsAreCountedAndTheirMissedReceiptsAreUnobservedNotLost() {
    standIn = new StatusBackendStandIn(4);
    Plan plan = plan(4, 2, 4);
    CompletableFuture<Summary> running = CompletableFuture.supplyAsync(() -> run(plan));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Instant.now().isAfter(plan.measureFrom()) && standIn.openSockets("c1") == 1);
    for (int i = 0; i < 3; i++) {
      standIn.dropWebSockets("c1");
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> standIn.openSockets("c1") == 1);
    }
    Summary summary = running.join();
    ClientFaults.SignalDrops drops = summary.clientFaults().signalDrops().get("desktop");
    assertThat(drops.drops()).isGreaterThanOrEqualTo(3);
    assertThat(drops.clients()).isEqualTo(1);
    assertThat(summary.clientFaults().unresponsiveClients()).isZero();
    // The stand-in drops a signal when no socket listens (as status-backend does): the network
    // delivered it, the load generator could not see it. Such receipts are unknown, never lost.
    long from = LoadRun.micros(plan.measureFrom());
    long to = LoadRun.micros(plan.endAt());
    List<Accepted> sends =
        standIn.accepted.stream()
            .filter(a -> LoadGeneratorContractTest.inWindow(a.text(), from, to))
            .toList();
    Set<String> texts = sends.stream().map(Accepted::text).collect(Collectors.toSet());
    long expected = sends.stream().mapToLong(a -> a.receivers().size()).sum();
    long seen =
        standIn.deliveries.stream()
            .filter(d -> texts.contains(d.messageText()) && !d.duplicate())
            .map(Delivery::messageText)
            .count();
    Figures figures = summary.traffic().get("oneToOne");
    assertThat(figures.lost()).isZero();
    assertThat(figures.expected() + figures.unknown()).isEqualTo(expected);
    // a frame written just as its socket closed is seen by the stand-in only
    assertThat(figures.received()).isLessThanOrEqualTo(seen);
  }
}

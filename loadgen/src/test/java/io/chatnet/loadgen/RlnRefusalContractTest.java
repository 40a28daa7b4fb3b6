package io.chatnet.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Figures;
import io.chatnet.contract.Plan;
import io.chatnet.contract.Summary;
import io.chatnet.loadgen.client.ClientProfile;
import io.chatnet.loadgen.client.Transport;
import io.chatnet.loadgen.measure.LoadMetrics;
import io.chatnet.loadgen.standin.LightpushRln;
import io.chatnet.loadgen.standin.StatusBackendStandIn;
import io.chatnet.loadgen.standin.StatusBackendStandIn.Accepted;
import io.chatnet.loadgen.traffic.MessageText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Chat load on an RLN network with a low limit: the mobile (light) clients publish through a
 * lightpush service node that refuses over its limit; status-go retries and then signals
 * envelope.expired. The load generator counts those messages as refused (by the sender's kind),
 * never as lost, and its delivery figures cover the other messages.
 */
@Tag("run") // runs the load generator in real time: make unit leaves it out
class RlnRefusalContractTest {
  StatusBackendStandIn standIn;
  final Transport transport = new Transport(Duration.ofSeconds(10));

  @AfterEach
  void stop() {
    if (standIn != null) {
      standIn.close();
    }
    transport.close();
  }

  @Test
  void lightClientMessagesWhoseEnvelopesExpireAreRefusedNotLost() {
    standIn = new StatusBackendStandIn(8, ClientProfile.NEWER_ID);
    standIn.faults.deliveryJitterMillis = 0;
    // One service node, 5 proofs per second; two mobile senders at 10 msg/s each.
    LightpushRln rln = new LightpushRln(5, 1.0);
    standIn.lightpushRln = rln;
    List<Plan.ClientRef> refs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      refs.add(
          new Plan.ClientRef(
              "c" + i, standIn.url(i), i % 4 == 3 ? "mobile" : "desktop", ClientProfile.NEWER_ID));
    }
    Plan plan =
        new Plan(
            ContractJson.VERSION,
            "rln",
            Instant.now().plusMillis(1500),
            1,
            3,
            1,
            "seed-rln",
            refs,
            null,
            List.of(),
            new Plan.Traffic(new Plan.OneToOne(4, 600, 200, 2), null, null),
            null,
            LoadGeneratorContractTest.settings(ClientProfile.NEWER_ID),
            8,
            null,
            0);
    LoadMetrics metrics = new LoadMetrics();
    // A grace longer than status-go's retries (about 0 + 2 + 4 s) so every expiry is seen.
    Summary summary =
        new LoadRun(plan, 0, metrics, transport, Duration.ofSeconds(10), Duration.ofSeconds(8))
            .run(new AtomicBoolean());

    long from = LoadRun.micros(plan.measureFrom());
    long to = LoadRun.micros(plan.endAt());
    Set<String> expired = Set.copyOf(rln.expired);
    List<Accepted> inWindow =
        standIn.accepted.stream()
            .filter(a -> LoadGeneratorContractTest.inWindow(a.text(), from, to))
            .toList();
    List<Accepted> refused = inWindow.stream().filter(a -> expired.contains(a.text())).toList();
    List<Accepted> published = inWindow.stream().filter(a -> !expired.contains(a.text())).toList();
    Set<String> publishedTexts = published.stream().map(Accepted::text).collect(Collectors.toSet());
    long firstDeliveries =
        standIn.deliveries.stream()
            .filter(d -> !d.duplicate() && publishedTexts.contains(d.messageText()))
            .count();

    Figures oneToOne = summary.traffic().get("oneToOne");
    assertThat(refused).isNotEmpty();
    assertThat(rln.refusedAttempts.get()).isGreaterThanOrEqualTo(3L * expired.size());
    assertThat(oneToOne.refused()).isEqualTo(refused.size());
    // Only light clients publish through lightpush: every refusal is a mobile sender's.
    assertThat(oneToOne.refusedBySender())
        .containsExactly(Map.entry("mobile", (long) refused.size()));
    assertThat(refused).allMatch(a -> a.sender().equals("c3") || a.sender().equals("c7"));
    assertThat(oneToOne.failed()).isZero();
    assertThat(oneToOne.sent()).isEqualTo(published.size());
    assertThat(oneToOne.expected())
        .isEqualTo(published.stream().mapToLong(a -> a.receivers().size()).sum());
    assertThat(oneToOne.received()).isEqualTo(firstDeliveries).isEqualTo(oneToOne.expected());
    assertThat(oneToOne.lost()).isZero();
    assertThat(oneToOne.deliveryRatio()).isEqualTo(1.0);
    // The metric counts every refusal, warm-up included, by the sender's kind.
    assertThat(metrics.refused.labelValues("oneToOne", "mobile").get()).isEqualTo(expired.size());
    assertThat(metrics.refused.labelValues("oneToOne", "desktop").get()).isZero();
    assertThat(MessageText.decode(refused.get(0).text())).isPresent();
  }
}

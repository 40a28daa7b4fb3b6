package io.chatnet.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Figures;
import io.chatnet.contract.Plan;
import io.chatnet.contract.Summary;
import io.chatnet.loadgen.client.Transport;
import io.chatnet.loadgen.measure.LoadMetrics;
import io.chatnet.loadgen.standin.NwakuStandIn;
import io.chatnet.loadgen.standin.NwakuStandIn.Version;
import io.chatnet.loadgen.traffic.MessageText;
import io.chatnet.loadgen.traffic.RelaySender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Relay load against stand-in nwaku nodes: what the load generator reports as sent, received,
 * unknown and lost, and its latencies, agree with what the nodes accepted and cached; a publish the
 * node refuses is a failure, never a delivery; an overflowing cache is reported as unknown, never
 * as loss.
 */
@Tag("run") // runs the load generator in real time: make unit leaves it out
class RelayContractTest {
  static final int CLUSTER = 16;
  static final List<Integer> SHARDS = List.of(32, 64);
  static final String CONTENT_TOPIC = "/chatnet/1/relay-load/proto";
  NwakuStandIn nodes;
  final Transport transport = new Transport(Duration.ofSeconds(10));

  @AfterEach
  void stop() {
    if (nodes != null) {
      nodes.close();
    }
    transport.close();
  }

  Plan plan(int nodeCount, int shards, double perSecond, int capacity) {
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < nodeCount; i++) {
      urls.add(nodes.url(i));
    }
    return new Plan(
        ContractJson.VERSION,
        "relay",
        Instant.now().plusMillis(1500),
        1,
        3,
        shards,
        "seed-r",
        List.of(),
        null,
        urls,
        new Plan.Traffic(null, null, new Plan.Relay(perSecond, 300, CONTENT_TOPIC)),
        null,
        null,
        8,
        new Plan.Waku(CLUSTER, SHARDS, capacity),
        0);
  }

  Summary run(Plan plan, int shard) {
    return new LoadRun(
            plan,
            shard,
            new LoadMetrics(),
            transport,
            Duration.ofSeconds(10),
            Duration.ofSeconds(1))
        .run(new AtomicBoolean());
  }

  /** The stand-in's truth for in-window load messages: publishes, and caches at other nodes. */
  record Truth(long published, long cachedElsewhere, List<Double> latenciesMillis) {}

  Truth truth(Plan plan, Set<Integer> receivers) {
    long from = LoadRun.micros(plan.measureFrom());
    long to = LoadRun.micros(plan.endAt());
    Map<String, Integer> publisher = new HashMap<>();
    Map<String, Long> sentAt = new HashMap<>();
    for (NwakuStandIn.Published p : nodes.published) {
      MessageText m = decode(p.payload());
      if (m != null && m.sentMicros() >= from && m.sentMicros() < to) {
        publisher.put(p.payload(), p.node());
        sentAt.put(p.payload(), m.sentMicros());
      }
    }
    List<Double> latencies = new ArrayList<>();
    long elsewhere = 0;
    for (NwakuStandIn.Cached c : nodes.cached) {
      Integer by = publisher.get(c.payload());
      if (by != null && by != c.node() && receivers.contains(c.node())) {
        elsewhere++;
        latencies.add((c.atMicros() - sentAt.get(c.payload())) / 1000.0);
      }
    }
    latencies.sort(Double::compare);
    return new Truth(publisher.size(), elsewhere, latencies);
  }

  static MessageText decode(String payload) {
    return MessageText.decode(
            new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8))
        .orElse(null);
  }

  @Test
  void sentReceivedAndLatencyMatchWhatTheNodesAcceptedAndCached() {
    nodes =
        new NwakuStandIn(
            Version.LOGOS_DELIVERY_V0_38, CLUSTER, 50, List.of(SHARDS, SHARDS, SHARDS));
    nodes.relayDelayMillis = 20;
    Plan plan = plan(3, 1, 30, 50);
    Summary summary = run(plan, 0);

    Figures relay = summary.traffic().get("relay");
    Truth truth = truth(plan, Set.of(0, 1, 2));
    assertThat(relay.sent()).isEqualTo(truth.published()).isGreaterThan(40);
    assertThat(relay.failed()).isZero();
    // Each message is expected at the two receivers it was not published through.
    assertThat(relay.expected()).isEqualTo(2 * relay.sent());
    assertThat(relay.received()).isEqualTo(truth.cachedElsewhere()).isEqualTo(relay.expected());
    assertThat(relay.lost()).isZero();
    assertThat(relay.unknown()).isZero();
    assertThat(relay.deliveryRatio()).isEqualTo(1.0);
    assertThat(summary.relay().relayed()).isEqualTo(relay.sent());
    // Latency is read time minus send time: at least the relay delay, at most one read interval
    // (plus scheduling) above the instant the node cached it.
    double interval = summary.relay().readIntervalMillis();
    double truthP50 = truth.latenciesMillis().get(truth.latenciesMillis().size() / 2);
    assertThat(relay.latencyMillis().p50())
        .isGreaterThanOrEqualTo(20)
        .isBetween(truthP50, truthP50 + interval + 15);
    assertThat(summary.relay().pubsubTopics())
        .containsExactly("/waku/2/rs/16/32", "/waku/2/rs/16/64");
    assertThat(summary.relay().receivers()).isEqualTo(3);
    assertThat(summary.relay().overflows()).isZero();
    // The load went to the static-sharding route, over both shards, never to the auto route.
    assertThat(nodes.requests).noneMatch(r -> r.contains("/auto/"));
    assertThat(nodes.published)
        .extracting(NwakuStandIn.Published::topic)
        .contains("/waku/2/rs/16/32", "/waku/2/rs/16/64");
  }

  @Test
  void aPublishToATopicTheNodeDoesNotRelayIsAFailureNotADelivery() {
    // Node 1 relays shard 32 only. With two load generator shards, shard 0 reads nodes 0 and 2
    // and publishes through nodes 1 and 3; half of node 1's messages go to shard 64.
    nodes =
        new NwakuStandIn(
            Version.NWAKU_V0_36, CLUSTER, 50, List.of(SHARDS, List.of(32), SHARDS, SHARDS));
    Plan plan = plan(4, 2, 40, 50);
    Summary summary = run(plan, 0);

    Figures relay = summary.traffic().get("relay");
    assertThat(relay.failed()).isPositive();
    assertThat(summary.relay().publishFailures())
        .containsKey("400 Failed to publish: Node not subscribed to topic: /waku/2/rs/16/64");
    Truth truth = truth(plan, Set.of(0, 2));
    assertThat(relay.sent()).isEqualTo(truth.published());
    assertThat(relay.received()).isEqualTo(truth.cachedElsewhere()).isEqualTo(relay.expected());
    assertThat(relay.lost()).isZero();
    assertThat(summary.relay().relayed()).isEqualTo(relay.sent()).isPositive();
  }

  @Test
  void anOverflowingCacheIsCountedAsUnknownNeverAsLoss() {
    nodes =
        new NwakuStandIn(Version.LOGOS_DELIVERY_V0_38, CLUSTER, 4, List.of(SHARDS, SHARDS, SHARDS));
    nodes.relayDelayMillis = 1;
    Plan plan = plan(3, 1, 400, 4);
    Summary summary = run(plan, 0);

    Figures relay = summary.traffic().get("relay");
    Truth truth = truth(plan, Set.of(0, 1, 2));
    long expectedAll = 2 * relay.sent();
    // The nodes dropped messages from their caches (the capacity of 4 was overrun), so the reads
    // missed some: without the overflow rule these would be reported lost. Nothing is.
    assertThat(nodes.evicted).isNotEmpty();
    assertThat(summary.relay().overflows()).isPositive();
    assertThat(relay.unknown()).isPositive();
    assertThat(relay.received()).isLessThan(expectedAll);
    assertThat(relay.received() + relay.unknown()).isEqualTo(expectedAll);
    assertThat(relay.lost()).isZero();
    assertThat(relay.expected()).isEqualTo(expectedAll - relay.unknown());
    assertThat(relay.received()).isLessThanOrEqualTo(truth.cachedElsewhere());
  }

  @Test
  void publishesOverTheRlnLimitAreRefusedNotFailedNorLost() {
    // Three RLN publishers with 4 proofs per 1 s each; 30 msg/s over three nodes is 10/s per node:
    // most publishes are over the limit.
    nodes = new NwakuStandIn(Version.NWAKU_V0_36, CLUSTER, 200, List.of(SHARDS, SHARDS, SHARDS));
    nodes.rln(4, 1.0);
    Plan plan = plan(3, 1, 30, 200);
    Summary summary = run(plan, 0);

    Figures relay = summary.traffic().get("relay");
    long from = LoadRun.micros(plan.measureFrom());
    long to = LoadRun.micros(plan.endAt());
    long refusedInWindow =
        nodes.rlnRefused.stream()
            .map(p -> decode(p.payload()))
            .filter(m -> m.sentMicros() >= from && m.sentMicros() < to)
            .count();
    Truth truth = truth(plan, Set.of(0, 1, 2));
    assertThat(relay.refused()).isEqualTo(refusedInWindow).isGreaterThan(relay.sent());
    assertThat(relay.refusedBySender()).containsExactly(Map.entry("relay", refusedInWindow));
    assertThat(relay.failed()).isZero();
    assertThat(summary.relay().publishFailures()).isEmpty();
    // The accepted ones are the node's proofs: at most 4 per node per second of window (+1 epoch).
    assertThat(relay.sent()).isEqualTo(truth.published()).isBetween(1L, 3L * 4 * (3 + 1));
    // Delivery covers accepted messages only: refused ones are not lost.
    assertThat(relay.expected()).isEqualTo(2 * relay.sent());
    assertThat(relay.received()).isEqualTo(relay.expected());
    assertThat(relay.lost()).isZero();
    assertThat(relay.deliveryRatio()).isEqualTo(1.0);
  }

  @Test
  void theStandInAnswersAsNwakuOverTheRlnLimit() throws Exception {
    nodes = new NwakuStandIn(Version.LOGOS_DELIVERY_V0_38, CLUSTER, 50, List.of(SHARDS));
    nodes.rln(2, 3600);
    HttpClient http = HttpClient.newHttpClient();
    String body = "{\"payload\":\"aGk=\",\"contentTopic\":\"" + CONTENT_TOPIC + "\"}";
    String topic = nodes.url(0) + RelaySender.messagesPath("/waku/2/rs/16/32");
    assertThat(post(http, topic, body).statusCode()).isEqualTo(200);
    assertThat(post(http, topic, body).statusCode()).isEqualTo(200);
    HttpResponse<String> third = post(http, topic, body);
    assertThat(third.statusCode()).isEqualTo(500);
    assertThat(third.body())
        .isEqualTo(
            "Failed to publish: error appending RLN proof to message: could not get new message id"
                + " to generate an rln proof: NonceLimitReached: Nonce limit reached. Please wait"
                + " for the next epoch. requested nonce: 2 & nonceLimit: 2");
    // A refused request still advances the counter (nonce_manager.nim).
    assertThat(post(http, topic, body).body()).endsWith("requested nonce: 3 & nonceLimit: 2");
    assertThat(nodes.rlnRefused).hasSize(2);
  }

  @Test
  void theStandInKeepsNwakusRules() throws Exception {
    nodes = new NwakuStandIn(Version.NWAKU_V0_36, CLUSTER, 50, List.of(SHARDS, SHARDS));
    HttpClient http = HttpClient.newHttpClient();
    String body =
        "{\"payload\":\"aGVsbG8=\",\"contentTopic\":\"" + CONTENT_TOPIC + "\",\"timestamp\":1}";
    // The old route: accepted on v0.36.0, but hashed to a shard no node relays.
    HttpResponse<String> auto = post(http, nodes.url(0) + "/relay/v1/auto/messages", body);
    assertThat(auto.statusCode()).isEqualTo(200);
    assertThat(nodes.published)
        .singleElement()
        .extracting(NwakuStandIn.Published::topic)
        .isNotIn("/waku/2/rs/16/32", "/waku/2/rs/16/64");
    assertThat(nodes.cached).isEmpty();

    String topic = RelaySender.messagesPath("/waku/2/rs/16/32");
    assertThat(topic).isEqualTo("/relay/v1/messages/%2Fwaku%2F2%2Frs%2F16%2F32");
    assertThat(post(http, nodes.url(0) + topic, body).body()).isEqualTo("OK");
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> nodes.cached.stream().anyMatch(c -> c.node() == 1));
    assertThat(get(http, nodes.url(1) + topic).body()).contains("\"payload\":\"aGVsbG8=\"");
    // Read once: the cache is empty afterwards.
    assertThat(get(http, nodes.url(1) + topic).body()).isEqualTo("[]");
    assertThat(get(http, nodes.url(1) + RelaySender.messagesPath("/waku/2/rs/16/7")).statusCode())
        .isEqualTo(404);
    assertThat(post(http, nodes.url(0) + RelaySender.messagesPath("/waku/2/rs/16/7"), body).body())
        .isEqualTo("Failed to publish: Node not subscribed to topic: /waku/2/rs/16/7");
    HttpResponse<String> noPayload =
        post(http, nodes.url(0) + topic, "{\"contentTopic\":\"/a/1/b/c\"}");
    assertThat(noPayload.statusCode()).isEqualTo(400);
    assertThat(noPayload.body()).startsWith("Invalid content body, could not decode.");
    String repeated = "{\"payload\":\"aGk=\",\"payload\":\"aGk=\",\"contentTopic\":\"/a/1/b/c\"}";
    assertThat(post(http, nodes.url(0) + topic, repeated).statusCode()).isEqualTo(400);
    assertThat(get(http, nodes.url(0) + "/relay/v2/nothing").statusCode()).isEqualTo(404);
    HttpResponse<String> notSubscribed =
        get(http, nodes.url(0) + "/relay/v1/auto/messages/%2Fchatnet%2F1%2Frelay-load%2Fproto");
    assertThat(notSubscribed.statusCode()).isEqualTo(404);
    assertThat(notSubscribed.body()).isEqualTo(CONTENT_TOPIC);

    nodes.close();
    nodes = new NwakuStandIn(Version.LOGOS_DELIVERY_V0_38, CLUSTER, 50, List.of(SHARDS));
    HttpResponse<String> disabled = post(http, nodes.url(0) + "/relay/v1/auto/messages", body);
    assertThat(disabled.statusCode()).isEqualTo(400);
    assertThat(disabled.body()).isEqualTo("Failed to publish. Autosharding is disabled");
    HttpResponse<String> autoSubscribe =
        post(http, nodes.url(0) + "/relay/v1/auto/subscriptions", "[\"" + CONTENT_TOPIC + "\"]");
    assertThat(autoSubscribe.statusCode()).isEqualTo(500);
    HttpResponse<String> badTopic =
        post(http, nodes.url(0) + "/relay/v1/subscriptions", "[\"chat\"]");
    assertThat(badTopic.statusCode()).isEqualTo(400);
    assertThat(badTopic.body()).isEqualTo("Invalid pubsub topic(s): @[\"chat\"]");
  }

  static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

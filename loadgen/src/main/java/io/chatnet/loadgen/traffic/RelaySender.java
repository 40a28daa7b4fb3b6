package io.chatnet.loadgen.traffic;

import io.chatnet.contract.Plan;
import io.chatnet.loadgen.client.EpochMicros;
import io.chatnet.loadgen.client.Json;
import io.chatnet.loadgen.client.Transport;
import io.chatnet.loadgen.measure.DeliveryTracker;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Raw Waku relay load: each of this shard's {@link Schedule.RelayStream}s publishes at Poisson
 * times through its nwaku node with {@code POST /relay/v1/messages/{pubsubTopic}}, to the network's
 * static-sharding topics in turn. A publish counts as sent when the node answers 200; {@link
 * RelayReader} reads the messages back on other nodes.
 *
 * <p>Why not {@code /relay/v1/auto/messages}: it picks the shard by hashing the content topic,
 * which on nwaku v0.36.0 lands on a shard no chatnet node subscribes to (accepted, relayed to no
 * peer), and logos-delivery v0.38.1 refuses it with 400 "Failed to publish. Autosharding is
 * disabled" when autosharding is off (waku/rest_api/endpoint/relay/handlers.nim).
 *
 * <p>The route and body follow nwaku v0.36.0 waku/waku_api/rest/relay/handlers.nim and types.nim
 * (RelayWakuMessage: payload base64, contentTopic, version, timestamp in ns, meta, ephemeral,
 * proof), unchanged in logos-delivery v0.38.1. The topic is percent-encoded as one path segment, as
 * nwaku's own REST client sends it. The node answers 400 "Failed to publish: Node not subscribed to
 * topic: ..." when it does not relay the topic: that is a failed send, never a delivered one. On an
 * RLN network the node's answer over its rate limit counts as refused, not failed ({@link
 * RlnRefusals}). A publish due while the shard's {@link SendBound} is reached is dropped (counted,
 * not issued), as chat sends are.
 */
public final class RelaySender {
  private static final long TIMEOUT_MILLIS = 10_000;
  private static final int MAX_FAILURE_REASONS = 20;
  private final Plan plan;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final DeliveryTracker tracker;
  private final long endMicros;
  private final AtomicBoolean stop;
  private final List<Schedule.RelayStream> streams;
  private final List<String> topics;
  private final Map<String, List<String>> expectedByNode = new ConcurrentHashMap<>();
  private final List<String> receivers;
  private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
  private SendBound bound = new SendBound();

  /**
   * @param receivers the nodes this shard reads back; a message is expected at each of them but the
   *     node it was published through
   */
  public RelaySender(
      Plan plan,
      int shard,
      Transport transport,
      DeliveryTracker tracker,
      List<String> receivers,
      long endMicros,
      AtomicBoolean stop) {
    this.plan = plan;
    this.http = transport.http();
    this.scheduler = transport.loop();
    this.tracker = tracker;
    this.endMicros = endMicros;
    this.stop = stop;
    this.streams = Schedule.relayStreams(plan, shard);
    this.topics = plan.waku().pubsubTopics();
    this.receivers = List.copyOf(receivers);
  }

  /** Bounds the outstanding publishes by {@code bound} (shared with the shard's chat sends). */
  public RelaySender bound(SendBound bound) {
    this.bound = bound;
    return this;
  }

  public void start() {
    long origin =
        plan.trafficFrom().getEpochSecond() * 1_000_000L + plan.trafficFrom().getNano() / 1_000;
    for (Schedule.RelayStream stream : streams) {
      AtomicLong sequence = new AtomicLong();
      stream
          .arrivals()
          .runUntil(
              scheduler,
              origin,
              endMicros,
              stop,
              () -> publish(stream, sequence.getAndIncrement()));
    }
  }

  /** Why publishes failed (HTTP status and nwaku's text, or the error), with counts. */
  public Map<String, Long> failures() {
    Map<String, Long> out = new LinkedHashMap<>();
    failures.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.put(e.getKey(), e.getValue().get()));
    return out;
  }

  /** The pubsub topic of message {@code n} of stream {@code index}: the topics in turn. */
  static String topic(List<String> topics, int index, long n) {
    return topics.get((int) ((index + n) % topics.size()));
  }

  /** The path of nwaku's publish and read routes for a pubsub topic (one encoded segment). */
  public static String messagesPath(String pubsubTopic) {
    return "/relay/v1/messages/" + URLEncoder.encode(pubsubTopic, StandardCharsets.UTF_8);
  }

  private void publish(Schedule.RelayStream stream, long n) {
    if (!bound.tryIssue()) {
      tracker.dropped(TrafficKind.RELAY, "relay", EpochMicros.now());
      return;
    }
    Plan.Relay relay = plan.traffic().relay();
    MessageText message = new MessageText("r" + stream.index() + "-" + n, EpochMicros.now());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "payload",
        Base64.getEncoder()
            .encodeToString(message.encode(relay.payloadBytes()).getBytes(StandardCharsets.UTF_8)));
    body.put("contentTopic", relay.contentTopic());
    body.put("version", 0);
    body.put("timestamp", message.sentMicros() * 1000);
    List<String> expected =
        expectedByNode.computeIfAbsent(
            stream.node(), node -> receivers.stream().filter(r -> !r.equals(node)).toList());
    tracker.sent(TrafficKind.RELAY, "relay", message, expected);
    try {
      Buffer payload = Buffer.buffer(Json.MAPPER.writeValueAsBytes(body));
      RequestOptions request =
          new RequestOptions()
              .setMethod(HttpMethod.POST)
              .setAbsoluteURI(stream.node() + messagesPath(topic(topics, stream.index(), n)))
              .setConnectTimeout(TIMEOUT_MILLIS)
              .setIdleTimeout(TIMEOUT_MILLIS)
              .putHeader("Content-Type", "application/json");
      http.request(request)
          .compose(r -> r.send(payload))
          .compose(
              response ->
                  response.body().map(b -> new Answer(response.statusCode(), b.toString().strip())))
          .onComplete(
              result -> {
                bound.done();
                Answer answer = result.succeeded() ? result.result() : null;
                if (answer != null && answer.status() == 200) {
                  tracker.accepted(TrafficKind.RELAY, Map.of("relay", (long) expected.size()));
                } else if (answer != null
                    && RlnRefusals.isRateLimited(answer.status(), answer.body())) {
                  tracker.refused(TrafficKind.RELAY, "relay", message);
                } else {
                  fail(
                      message,
                      answer == null
                          ? String.valueOf(result.cause().getMessage())
                          : answer.status() + " " + answer.body());
                }
              });
    } catch (Exception e) {
      bound.done();
      fail(message, String.valueOf(e.getMessage()));
    }
  }

  private record Answer(int status, String body) {}

  private void fail(MessageText message, String reason) {
    tracker.sendFailed(TrafficKind.RELAY, "relay", message);
    String key = reason.length() > 200 ? reason.substring(0, 200) : reason;
    if (failures.size() < MAX_FAILURE_REASONS || failures.containsKey(key)) {
      failures.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }
  }
}

package io.chatnet.loadgen.traffic;

import io.chatnet.loadgen.client.EpochMicros;
import io.chatnet.loadgen.client.Json;
import io.chatnet.loadgen.client.Transport;
import io.chatnet.loadgen.measure.DeliveryTracker;
import io.chatnet.loadgen.plan.Plan;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Raw Waku relay load for Waku-only baselines: Poisson publishes of {@code POST
 * /relay/v1/auto/messages} (REFERENCE.md), round-robin over this shard's share of the nwaku nodes.
 * Delivery across the mesh is read from nwaku's own metrics; here a publish counts as sent when the
 * node accepts it.
 */
public final class RelaySender {
  private static final long TIMEOUT_MILLIS = 10_000;
  private final Plan plan;
  private final int shard;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final DeliveryTracker tracker;
  private final long endMicros;
  private final AtomicBoolean stop;
  private final AtomicLong sequence = new AtomicLong();
  private final List<String> nodes;
  private final PoissonArrivals arrivals;

  public RelaySender(
      Plan plan,
      int shard,
      Transport transport,
      DeliveryTracker tracker,
      long endMicros,
      AtomicBoolean stop) {
    this.plan = plan;
    this.shard = shard;
    this.http = transport.http();
    this.scheduler = transport.loop();
    this.tracker = tracker;
    this.endMicros = endMicros;
    this.stop = stop;
    List<String> all = plan.relayNodes();
    int from = all.size() * shard / plan.shards();
    int to = all.size() * (shard + 1) / plan.shards();
    this.nodes = from == to ? List.of(all.get(shard % all.size())) : all.subList(from, to);
    double perShard = plan.traffic().relay().messagesPerSecond() / plan.shards();
    this.arrivals =
        new PoissonArrivals(
            new SplittableRandom(ChatSenders.seed(plan.seed(), 1000 + shard)), perShard);
  }

  public void start() {
    arrivals.runUntil(scheduler, endMicros, stop, this::publish);
  }

  private void publish() {
    Plan.Relay relay = plan.traffic().relay();
    long n = sequence.incrementAndGet();
    MessageText message = new MessageText("r" + shard + "-" + n, EpochMicros.now());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "payload",
        Base64.getEncoder()
            .encodeToString(message.encode(relay.payloadBytes()).getBytes(StandardCharsets.UTF_8)));
    body.put("contentTopic", relay.contentTopic());
    body.put("version", 0);
    body.put("timestamp", message.sentMicros() * 1000);
    String node = nodes.get((int) (n % nodes.size()));
    tracker.sent(TrafficKind.RELAY, "relay", message, List.of());
    try {
      Buffer payload = Buffer.buffer(Json.MAPPER.writeValueAsBytes(body));
      RequestOptions request =
          new RequestOptions()
              .setMethod(HttpMethod.POST)
              .setAbsoluteURI(node + "/relay/v1/auto/messages")
              .setConnectTimeout(TIMEOUT_MILLIS)
              .setIdleTimeout(TIMEOUT_MILLIS)
              .putHeader("Content-Type", "application/json");
      http.request(request)
          .compose(r -> r.send(payload))
          .compose(response -> response.body().map(b -> response.statusCode()))
          .onComplete(
              result -> {
                if (result.failed() || result.result() / 100 != 2) {
                  tracker.sendFailed(TrafficKind.RELAY, "relay", message);
                }
              });
    } catch (Exception e) {
      tracker.sendFailed(TrafficKind.RELAY, "relay", message);
    }
  }
}

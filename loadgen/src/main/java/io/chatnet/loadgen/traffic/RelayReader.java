package io.chatnet.loadgen.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatnet.contract.Plan;
import io.chatnet.loadgen.client.EpochMicros;
import io.chatnet.loadgen.client.Json;
import io.chatnet.loadgen.client.Transport;
import io.chatnet.loadgen.measure.DeliveryTracker;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Reads relay load back on receiving nwaku nodes through their REST message cache: each node is
 * subscribed to the network's pubsub topics ({@code POST /relay/v1/subscriptions}, a JSON array of
 * topics) and read with {@code GET /relay/v1/messages/{pubsubTopic}}, which returns the messages
 * cached since the last read and empties the cache (nwaku v0.36.0
 * waku/waku_api/rest/relay/handlers.nim; logos-delivery v0.38.1
 * waku/rest_api/endpoint/relay/handlers.nim).
 *
 * <p>The cache holds at most {@code --rest-relay-cache-capacity} messages over all topics (default
 * 50) and drops the oldest to make room (message_cache.nim addMessage), silently. Reads are spaced
 * so a quarter of the capacity arrives between them at the planned rate; when two consecutive
 * rounds of reads return the capacity or more, the node may have dropped messages, and so may a
 * failed read: the node is then marked blind up to that instant and its missing receipts of earlier
 * messages count as unknown, never as lost. Latency is read time minus the send time the message
 * carries, so it overstates by up to one read interval ({@link #intervalMillis}).
 */
public final class RelayReader {
  private static final Logger LOG = Logger.getLogger(RelayReader.class.getName());
  private static final long MIN_INTERVAL_MILLIS = 20;
  private static final long MAX_INTERVAL_MILLIS = 250;
  private final HttpClient http;
  private final ScheduledExecutorService loop;
  private final DeliveryTracker tracker;
  private final List<String> topics;
  private final int capacity;
  private final long intervalMillis;
  private final double rate;
  private final List<Node> nodes = new ArrayList<>();
  private final Map<String, String> subscribeFailures = new LinkedHashMap<>();
  private volatile boolean running;

  public RelayReader(Plan plan, Transport transport, DeliveryTracker tracker) {
    this.http = transport.http();
    this.loop = transport.loop();
    this.tracker = tracker;
    this.topics = plan.waku().pubsubTopics();
    this.capacity = plan.waku().cacheCapacity();
    this.intervalMillis = intervalMillis(plan);
    this.rate = plan.traffic().relay().messagesPerSecond();
  }

  /**
   * The read interval: a quarter of the cache's capacity arrives between reads at the planned
   * network-wide rate (every receiver relays every topic), within 20 to 250 ms.
   */
  public static long intervalMillis(Plan plan) {
    double rate = plan.traffic().relay().messagesPerSecond();
    long ideal = (long) (1000.0 * plan.waku().cacheCapacity() / (4 * rate));
    return Math.max(MIN_INTERVAL_MILLIS, Math.min(MAX_INTERVAL_MILLIS, ideal));
  }

  /**
   * Subscribes each node to the topics; returns the nodes that accepted (only those are expected to
   * receive). Failures are kept for the summary.
   */
  public List<String> subscribe(List<String> receivers, Duration timeout) {
    List<CompletableFuture<String>> answers = new ArrayList<>();
    for (String node : receivers) {
      answers.add(
          request(HttpMethod.POST, node + "/relay/v1/subscriptions", topics)
              .toCompletionStage()
              .toCompletableFuture()
              .exceptionally(e -> "error " + e.getMessage()));
    }
    List<String> usable = new ArrayList<>();
    for (int i = 0; i < receivers.size(); i++) {
      String answer;
      try {
        answer = answers.get(i).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        answer = "error " + e;
      }
      if (answer.startsWith("200 ")) {
        usable.add(receivers.get(i));
        nodes.add(new Node(receivers.get(i)));
      } else {
        subscribeFailures.put(receivers.get(i), answer);
      }
    }
    double perRead = rate * intervalMillis / 1000.0;
    if (2 * perRead >= capacity) {
      LOG.warning(
          "relay load of "
              + rate
              + " msg/s fills a "
              + capacity
              + "-message REST cache between reads every "
              + intervalMillis
              + " ms: receipts will be unknown; run the nodes with --rest-relay-cache-capacity of"
              + " at least "
              + (long) Math.ceil(rate)
              + " or lower the rate");
    }
    return usable;
  }

  /** Starts reading every subscribed node, until {@link #stop}. */
  public void start() {
    running = true;
    for (Node node : nodes) {
      loop.execute(node::round);
    }
  }

  /** Stops reading after one last round per node; completes when those rounds are done. */
  public CompletableFuture<Void> stop() {
    running = false;
    return CompletableFuture.allOf(
        nodes.stream().map(n -> n.finished).toArray(CompletableFuture[]::new));
  }

  /** What the summary says about reading relay load back. */
  public Report report() {
    long polls = nodes.stream().mapToLong(n -> n.reads).sum();
    long overflows = nodes.stream().mapToLong(n -> n.overflows).sum();
    long failed = nodes.stream().mapToLong(n -> n.failedReads).sum();
    return new Report(
        topics,
        nodes.stream().map(n -> n.url).toList(),
        subscribeFailures,
        capacity,
        intervalMillis,
        polls,
        overflows,
        failed);
  }

  /**
   * @param readIntervalMillis latency resolution: a receipt is seen up to this late
   * @param overflows read rounds after which a node may have dropped messages from its cache
   */
  public record Report(
      List<String> pubsubTopics,
      List<String> receivers,
      Map<String, String> subscribeFailures,
      int cacheCapacity,
      long readIntervalMillis,
      long reads,
      long overflows,
      long failedReads) {}

  private final class Node {
    final String url;
    final CompletableFuture<Void> finished = new CompletableFuture<>();
    int previousRound;
    long reads;
    long overflows;
    long failedReads;

    Node(String url) {
      this.url = url;
    }

    /** Reads every topic once (one after another), then schedules the next round. */
    void round() {
      long startedMillis = System.currentTimeMillis();
      boolean last = !running;
      readTopic(0, 0)
          .onComplete(
              result -> {
                long now = EpochMicros.now();
                int count = result.succeeded() ? result.result() : 0;
                if (result.failed()) {
                  failedReads++;
                  tracker.blindUntil(url, now);
                } else if (previousRound + count >= capacity) {
                  overflows++;
                  tracker.blindUntil(url, now);
                }
                previousRound = count;
                reads++;
                if (last) {
                  finished.complete(null);
                } else {
                  long wait = intervalMillis - (System.currentTimeMillis() - startedMillis);
                  loop.schedule(this::round, Math.max(0, wait), TimeUnit.MILLISECONDS);
                }
              });
    }

    /** Reads topics from {@code index} on; the messages counted so far are {@code count}. */
    Future<Integer> readTopic(int index, int count) {
      if (index == topics.size()) {
        return Future.succeededFuture(count);
      }
      String path = RelaySender.messagesPath(topics.get(index));
      return request(HttpMethod.GET, url + path, null)
          .compose(
              answer -> {
                if (!answer.startsWith("200 ")) {
                  return Future.failedFuture("GET " + path + ": " + answer);
                }
                long at = EpochMicros.now();
                int n = 0;
                try {
                  for (JsonNode message : Json.MAPPER.readTree(answer.substring(4))) {
                    n++;
                    received(message, at);
                  }
                } catch (Exception e) {
                  return Future.failedFuture(e);
                }
                return readTopic(index + 1, count + n);
              });
    }

    void received(JsonNode message, long atMicros) {
      String text;
      try {
        text =
            new String(
                Base64.getDecoder().decode(message.path("payload").asText("")),
                StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return; // not load: another application's payload
      }
      tracker.received(url, "relay", text, atMicros);
    }
  }

  /** One request; the answer is "status body". */
  private Future<String> request(HttpMethod method, String uri, Object json) {
    try {
      RequestOptions options =
          new RequestOptions()
              .setMethod(method)
              .setAbsoluteURI(uri)
              .setConnectTimeout(10_000)
              .setIdleTimeout(10_000);
      Buffer body = null;
      if (json != null) {
        options.putHeader("Content-Type", "application/json");
        body = Buffer.buffer(Json.MAPPER.writeValueAsBytes(json));
      }
      Buffer sent = body;
      return http.request(options)
          .compose(r -> sent == null ? r.send() : r.send(sent))
          .compose(r -> r.body().map(b -> r.statusCode() + " " + b.toString()));
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }
}

package io.chatnet.loadgen.standin;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stand-in nwaku nodes (nwaku cannot run here): the relay REST API of nwaku v0.36.0
 * (waku/waku_api/rest/relay/handlers.nim, types.nim, waku/waku_api/message_cache.nim,
 * waku/waku_api/rest/builder.nim) or logos-delivery v0.38.1 (the same files under
 * waku/rest_api/endpoint/relay/ and waku/rest_api/), with in-process relay between the nodes.
 *
 * <p>Rules kept from upstream: unknown routes answer 404; a publish to a topic the node does not
 * relay answers 400 "Failed to publish: Node not subscribed to topic: &lt;topic&gt;"; bodies are
 * decoded as upstream's RelayWakuMessage (payload and contentTopic required and non-empty, version
 * a natural number, timestamp an int64, payload/meta/proof base64, unknown fields ignored, a
 * repeated field refused); a body that is not JSON or text answers 400 "Wrong Content-Type, ...";
 * success is 200 "OK" as text/plain. Each node has a REST message cache of {@code capacity}
 * messages over all topics, subscribed at start to the node's shards (builder.nim); a read of a
 * topic returns and removes its messages, 404 when the cache does not hold the topic; a full cache
 * drops the message with the oldest timestamp. A node's own publishes reach its own cache
 * (WakuRelay triggerSelf, waku_relay/protocol.nim). The autosharding route hashes the content topic
 * over 1024 shards on v0.36.0 (waku_core/topics/sharding.nim, num-shards-in-network default 0), and
 * answers 400 "Failed to publish. Autosharding is disabled" on logos-delivery v0.38.1, where the
 * content-topic subscription route answers 500 (static sharding); a content-topic read of a topic
 * not subscribed answers 404 with the topic. OPTIONS routes and DELETE of content topics are not
 * served (the load generator never uses them): they answer 404 here.
 */
public final class NwakuStandIn implements AutoCloseable {
  /** Which upstream the stand-in follows. */
  public enum Version {
    NWAKU_V0_36,
    LOGOS_DELIVERY_V0_38
  }

  /** A publish as the stand-in accepted it. */
  public record Published(int node, String topic, String payload, long atMicros) {}

  /** A message put into a node's cache (the ground truth of what a read can return). */
  public record Cached(int node, String topic, String payload, long atMicros) {}

  // types.nim readValue refuses a repeated field ("Multiple `x` fields found").
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Pattern MESSAGES = Pattern.compile("^/relay/v1/messages/([^/]+)$");
  private static final Pattern AUTO_MESSAGES = Pattern.compile("^/relay/v1/auto/messages/([^/]+)$");
  private final Vertx vertx = Vertx.vertx();
  private final List<Node> nodes = new ArrayList<>();
  private final Version version;
  private final int clusterId;
  public final Queue<Published> published = new ConcurrentLinkedQueue<>();
  public final Queue<Cached> cached = new ConcurrentLinkedQueue<>();
  public final Queue<Cached> evicted = new ConcurrentLinkedQueue<>();
  public final Queue<String> requests = new ConcurrentLinkedQueue<>();

  /** Publishes a node refused over its RLN limit (the ground truth of refusals). */
  public final Queue<Published> rlnRefused = new ConcurrentLinkedQueue<>();

  /**
   * Makes every node an RLN publisher with its own membership: {@code limit} proofs per {@code
   * epochSeconds} ({@link NonceManager}); over it a REST publish answers 500 with nonce_manager's
   * text, as nwaku does.
   */
  public void rln(long limit, double epochSeconds) {
    synchronized (this) {
      for (Node node : nodes) {
        node.nonces = new NonceManager(limit, epochSeconds);
      }
    }
  }

  /** Relay delay between nodes, in milliseconds. */
  public volatile long relayDelayMillis = 5;

  /**
   * @param shards per node, the shards it relays from start ({@code --shard})
   */
  public NwakuStandIn(Version version, int clusterId, int capacity, List<List<Integer>> shards) {
    this.version = version;
    this.clusterId = clusterId;
    for (int i = 0; i < shards.size(); i++) {
      Node node = new Node(i, capacity);
      for (int shard : shards.get(i)) {
        String topic = "/waku/2/rs/" + clusterId + "/" + shard;
        node.relayed.add(topic);
        node.cacheTopics.add(topic);
      }
      HttpServer server = vertx.createHttpServer().requestHandler(node::handle);
      node.port = await(server.listen(0, "127.0.0.1")).actualPort();
      nodes.add(node);
    }
  }

  public String url(int node) {
    return "http://127.0.0.1:" + nodes.get(node).port;
  }

  @Override
  public void close() {
    await(vertx.close());
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A WakuMessage as the cache keeps it. */
  private record Message(
      String payload,
      String contentTopic,
      long version,
      long timestamp,
      String meta,
      boolean ephemeral,
      String proof) {
    ObjectNode json() {
      // toRelayWakuMessage: meta only when not empty; proof always.
      ObjectNode out = JSON.createObjectNode();
      out.put("payload", payload);
      out.put("contentTopic", contentTopic);
      out.put("version", version);
      out.put("timestamp", timestamp);
      if (!meta.isEmpty()) {
        out.put("meta", meta);
      }
      out.put("ephemeral", ephemeral);
      out.put("proof", proof);
      return out;
    }
  }

  private record Entry(String topic, Message message) {}

  private final class Node {
    final int index;
    final int capacity;
    int port;
    final Set<String> relayed = new HashSet<>();
    final Set<String> cacheTopics = new LinkedHashSet<>();
    final Set<String> contentTopics = new LinkedHashSet<>();
    final List<Entry> cache = new ArrayList<>();
    NonceManager nonces; // null without RLN

    Node(int index, int capacity) {
      this.index = index;
      this.capacity = capacity;
    }

    void handle(HttpServerRequest request) {
      request.body(
          body -> {
            String path = request.path();
            requests.add(index + " " + request.method() + " " + path);
            Buffer content = body.succeeded() ? body.result() : Buffer.buffer();
            synchronized (NwakuStandIn.this) {
              Answer answer =
                  route(request.method(), path, request.getHeader("Content-Type"), content);
              request
                  .response()
                  .setStatusCode(answer.status)
                  .putHeader("Content-Type", answer.json ? "application/json" : "text/plain")
                  .end(answer.body);
            }
          });
    }

    Answer route(HttpMethod method, String path, String contentType, Buffer body) {
      if (path.equals("/relay/v1/subscriptions")) {
        if (method == HttpMethod.POST) {
          return subscribe(contentType, body, true);
        }
        if (method == HttpMethod.DELETE) {
          return subscribe(contentType, body, false);
        }
      }
      Matcher m = MESSAGES.matcher(path);
      if (m.matches()) {
        String topic = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        if (method == HttpMethod.GET) {
          return read(topic);
        }
        if (method == HttpMethod.POST) {
          if (!relayed.contains(topic)) {
            return text(400, "Failed to publish: Node not subscribed to topic: " + topic);
          }
          return publish(topic, contentType, body);
        }
      }
      if (path.equals("/relay/v1/auto/messages") && method == HttpMethod.POST) {
        return autoPublish(contentType, body);
      }
      if (path.equals("/relay/v1/auto/subscriptions") && method == HttpMethod.POST) {
        return autoSubscribe(contentType, body);
      }
      Matcher auto = AUTO_MESSAGES.matcher(path);
      if (auto.matches() && method == HttpMethod.GET) {
        String contentTopic = URLDecoder.decode(auto.group(1), StandardCharsets.UTF_8);
        if (!contentTopics.contains(contentTopic)) {
          return text(404, contentTopic);
        }
        ArrayNode out = JSON.createArrayNode();
        for (Iterator<Entry> it = cache.iterator(); it.hasNext(); ) {
          Entry e = it.next();
          if (e.message.contentTopic.equals(contentTopic)) {
            out.add(e.message.json());
            it.remove();
          }
        }
        return new Answer(200, out.toString(), true);
      }
      return text(404, "");
    }

    Answer subscribe(String contentType, Buffer body, boolean add) {
      if (body.length() == 0) {
        return text(400, "");
      }
      Answer wrong = contentTypeProblem(contentType);
      if (wrong != null) {
        return wrong;
      }
      List<String> topics = new ArrayList<>();
      try {
        JsonNode array = JSON.readTree(body.getBytes());
        if (!array.isArray()) {
          throw new IllegalArgumentException("not an array");
        }
        for (JsonNode t : array) {
          if (!t.isTextual()) {
            throw new IllegalArgumentException("not a string");
          }
          topics.add(t.asText());
        }
      } catch (Exception e) {
        return text(400, "Invalid content body, could not decode. " + e.getMessage());
      }
      if (version == Version.LOGOS_DELIVERY_V0_38) {
        List<String> bad = topics.stream().filter(t -> !staticShard(t)).toList();
        if (!bad.isEmpty()) {
          return text(
              400,
              "Invalid pubsub topic(s): @["
                  + String.join(", ", bad.stream().map(t -> "\"" + t + "\"").toList())
                  + "]");
        }
      }
      for (String topic : topics) {
        if (add) {
          cacheTopics.add(topic);
          relayed.add(topic);
        } else {
          cacheTopics.remove(topic);
          relayed.remove(topic);
          cache.removeIf(e -> e.topic.equals(topic));
        }
      }
      return text(200, "OK");
    }

    /**
     * POST /relay/v1/auto/subscriptions: on v0.36.0 each content topic is subscribed on its hashed
     * shard; logos-delivery v0.38.1 with static sharding refuses (kernel_api/relay.nim
     * getTopicOfSubscriptionEvent), answered as a 500 by the handler.
     */
    Answer autoSubscribe(String contentType, Buffer body) {
      Answer wrong = body.length() == 0 ? text(400, "Missing content body") : null;
      if (wrong == null) {
        wrong = contentTypeProblem(contentType);
      }
      if (wrong != null) {
        return wrong;
      }
      List<String> topics = new ArrayList<>();
      try {
        for (JsonNode t : JSON.readTree(body.getBytes())) {
          topics.add(t.asText());
        }
      } catch (Exception e) {
        return text(400, "Invalid content body, could not decode. " + e.getMessage());
      }
      for (String contentTopic : topics) {
        if (version == Version.LOGOS_DELIVERY_V0_38) {
          return text(
              500,
              "Subscribe failed:Failed to decode subscription event: Static sharding is used,"
                  + " relay subscriptions must specify a pubsub topic");
        }
        String[] parts = contentTopic.split("/");
        if (parts.length != 5) {
          return text(500, "Subscribe failed:Autosharding error: invalid content topic");
        }
        contentTopics.add(contentTopic);
        relayed.add("/waku/2/rs/" + clusterId + "/" + genZeroShard(parts[1], parts[2], 1024));
      }
      return text(200, "OK");
    }

    Answer read(String topic) {
      if (!cacheTopics.contains(topic)) {
        return text(404, "");
      }
      ArrayNode out = JSON.createArrayNode();
      for (Iterator<Entry> it = cache.iterator(); it.hasNext(); ) {
        Entry e = it.next();
        if (e.topic.equals(topic)) {
          out.add(e.message.json());
          it.remove();
        }
      }
      return new Answer(200, out.toString(), true);
    }

    Answer publish(String topic, String contentType, Buffer body) {
      if (body.length() == 0) {
        return text(400, "");
      }
      Object decoded = decode(contentType, body);
      if (decoded instanceof Answer refusal) {
        return refusal;
      }
      Answer refused = appendProof(topic, (Message) decoded);
      if (refused != null) {
        return refused;
      }
      relay(topic, (Message) decoded);
      return text(200, "OK");
    }

    /**
     * handlers.nim: with RLN mounted, the proof is appended after decoding and before validation;
     * no message id left answers 500. Null when the publish may go on.
     */
    Answer appendProof(String topic, Message message) {
      if (nonces == null || nonces.getNonce() != null) {
        return null;
      }
      rlnRefused.add(new Published(index, topic, message.payload, nowMicros()));
      return text(500, nonces.relayRefusal());
    }

    Answer autoPublish(String contentType, Buffer body) {
      if (body.length() == 0) {
        return text(400, "");
      }
      Object decoded = decode(contentType, body);
      if (decoded instanceof Answer refusal) {
        return refusal;
      }
      Message message = (Message) decoded;
      if (version == Version.LOGOS_DELIVERY_V0_38) {
        return text(400, "Failed to publish. Autosharding is disabled");
      }
      String[] parts = message.contentTopic.split("/");
      if (!message.contentTopic.startsWith("/") || parts.length != 5) {
        return text(
            400,
            "Failed to publish. Autosharding error: invalid format: content-topic '"
                + message.contentTopic
                + "' must start with slash");
      }
      String shardTopic = "/waku/2/rs/" + clusterId + "/" + genZeroShard(parts[1], parts[2], 1024);
      Answer refused = appendProof(shardTopic, message);
      if (refused != null) {
        return refused;
      }
      // v0.36.0: generation 0 hashes application and version over 1024 shards.
      relay("/waku/2/rs/" + clusterId + "/" + genZeroShard(parts[1], parts[2], 1024), message);
      return text(200, "OK");
    }

    /** A RelayWakuMessage decoded as types.nim readValue and toWakuMessage do, or the refusal. */
    Object decode(String contentType, Buffer body) {
      Answer wrong = contentTypeProblem(contentType);
      if (wrong != null) {
        return wrong;
      }
      JsonNode json;
      try {
        json = JSON.readTree(body.getBytes());
      } catch (Exception e) {
        return text(400, "Invalid content body, could not decode. " + e.getMessage());
      }
      if (json == null || !json.isObject()) {
        return text(400, "Invalid content body, could not decode. not an object");
      }
      Set<String> seen = new HashSet<>();
      for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
        seen.add(names.next());
      }
      String payload = json.path("payload").isTextual() ? json.path("payload").asText() : null;
      String contentTopic =
          json.path("contentTopic").isTextual() ? json.path("contentTopic").asText() : null;
      if (payload == null || payload.isBlank()) {
        return text(
            400, "Invalid content body, could not decode. Field `payload` is missing or empty");
      }
      if (contentTopic == null || contentTopic.isBlank()) {
        return text(
            400,
            "Invalid content body, could not decode. Field `contentTopic` is missing or empty");
      }
      JsonNode v = json.path("version");
      if (seen.contains("version") && !(v.isIntegralNumber() && v.asLong() >= 0)) {
        return text(400, "Invalid content body, could not decode. version must be a natural");
      }
      JsonNode ts = json.path("timestamp");
      if (seen.contains("timestamp") && !(ts.isIntegralNumber() && ts.canConvertToLong())) {
        return text(400, "Invalid content body, could not decode. timestamp must be an int64");
      }
      JsonNode eph = json.path("ephemeral");
      if (seen.contains("ephemeral") && !eph.isBoolean()) {
        return text(400, "Invalid content body, could not decode. ephemeral must be a bool");
      }
      String meta = json.path("meta").asText("");
      String proof = json.path("proof").asText("");
      for (String b64 : List.of(payload, meta, proof)) {
        try {
          Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
          return text(400, "Incorrect base64 string");
        }
      }
      long timestamp = ts.asLong(0);
      if (timestamp == 0) {
        timestamp = System.currentTimeMillis() * 1_000_000L;
      }
      return new Message(
          payload, contentTopic, v.asLong(0), timestamp, meta, eph.asBoolean(false), proof);
    }

    void relay(String topic, Message message) {
      long now = nowMicros();
      published.add(new Published(index, topic, message.payload, now));
      // triggerSelf: the publisher's own handler sees it at once.
      add(topic, message);
      for (Node other : nodes) {
        if (other != this && other.relayed.contains(topic)) {
          vertx.setTimer(
              Math.max(1, relayDelayMillis),
              id -> {
                synchronized (NwakuStandIn.this) {
                  other.add(topic, message);
                }
              });
        }
      }
    }

    /** message_cache.nim addMessage: idempotent; a full cache drops the oldest timestamp. */
    void add(String topic, Message message) {
      if (!cacheTopics.contains(topic) && !contentTopics.contains(message.contentTopic)) {
        return;
      }
      if (cache.stream().anyMatch(e -> e.message.equals(message))) {
        return;
      }
      if (cache.size() >= capacity) {
        Entry oldest = cache.get(0);
        for (Entry e : cache) {
          if (e.message.timestamp < oldest.message.timestamp) {
            oldest = e;
          }
        }
        cache.remove(oldest);
        evicted.add(new Cached(index, oldest.topic, oldest.message.payload, nowMicros()));
      }
      cache.add(new Entry(topic, message));
      cached.add(new Cached(index, topic, message.payload, nowMicros()));
    }
  }

  static Answer contentTypeProblem(String contentType) {
    String media = contentType == null ? "" : contentType.split(";")[0].trim();
    if (!media.equals("application/json") && !media.equals("text/plain")) {
      return text(400, "Wrong Content-Type, expected application/json or text/plain");
    }
    return null;
  }

  static boolean staticShard(String topic) {
    return topic.matches("^/waku/2/rs/\\d+/\\d+$");
  }

  /** sharding.nim getGenZeroShard: sha256(application & version), last 8 bytes, masked. */
  static int genZeroShard(String application, String version, int count) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest((application + version).getBytes(StandardCharsets.UTF_8));
      long value = 0;
      for (int i = 24; i < 32; i++) {
        value = (value << 8) | (hash[i] & 0xff);
      }
      return (int) (value & (count - 1));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static long nowMicros() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  record Answer(int status, String body, boolean json) {}

  static Answer text(int status, String body) {
    return new Answer(status, body, false);
  }
}

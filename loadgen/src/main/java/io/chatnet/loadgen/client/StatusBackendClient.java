package io.chatnet.loadgen.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * status-backend's HTTP API (REFERENCE.md): every mobile-API function is {@code POST
 * /statusgo/<Function>} with a JSON body; responses carry {@code "error"}. JSON-RPC goes through
 * {@code CallRPC} and needs an id. Futures complete on the transport's event loop.
 */
public final class StatusBackendClient {
  private static final AtomicLong RPC_IDS = new AtomicLong();
  private static final java.util.regex.Pattern COMMUNITIES_METHOD =
      java.util.regex.Pattern.compile("communit", java.util.regex.Pattern.CASE_INSENSITIVE);
  private final Transport transport;
  private final HttpClient http;
  private final String baseUrl;
  private final long timeoutMillis;
  private final AtomicLong timeouts = new AtomicLong();
  // CallRPC's, built once (one send per message): Vert.x reads a request's options when the request
  // is created and keeps neither them nor their headers (it adds a header only for a proxy with
  // credentials, which the load generator never sets), so one instance serves every call
  private final RequestOptions callRpc;

  public StatusBackendClient(Transport transport, String baseUrl, Duration timeout) {
    this.transport = transport;
    this.http = transport.http();
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.timeoutMillis = timeout.toMillis();
    this.callRpc = options("CallRPC");
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** The signals websocket of this client. */
  public URI signalsUri() {
    return URI.create(baseUrl.replaceFirst("^http", "ws") + "/signals");
  }

  /**
   * Calls that got no answer within their deadline ({@link CallTimeoutException}): a client that
   * accepts connections but never answers, or answers too late.
   */
  public long timeouts() {
    return timeouts.get();
  }

  /**
   * Calls a mobile-API function; fails on a non-empty "error", and with a {@link
   * CallTimeoutException} when no answer came in time. Vert.x bounds the wait for a pooled
   * connection (connect timeout) and the silence between the answer's bytes (idle timeout), each by
   * the request timeout; the whole exchange is also cut at twice that, so a server that trickles
   * its answer cannot hold a shard either.
   */
  public CompletableFuture<JsonNode> call(String function, Object body) {
    return timed(function, exchange(function, body, StatusBackendClient::answer));
  }

  private <T> CompletableFuture<T> timed(String function, CompletableFuture<T> exchange) {
    return exchange
        .orTimeout(2 * timeoutMillis, TimeUnit.MILLISECONDS)
        .handle(
            (value, error) -> {
              if (error == null) {
                return value;
              }
              Throwable cause =
                  error instanceof CompletionException && error.getCause() != null
                      ? error.getCause()
                      : error;
              if (cause instanceof TimeoutException) {
                timeouts.incrementAndGet();
                throw new CallTimeoutException(
                    function + ": no answer within " + timeoutMillis + " ms");
              }
              throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
            });
  }

  /** What an answer's status and body are read as (on the event loop). */
  private interface Answer<T> {
    T read(String function, int status, Buffer body);
  }

  private <T> CompletableFuture<T> exchange(String function, Object body, Answer<T> answer) {
    Buffer payload;
    try {
      // wrapped, not copied once more into a buffer of Vert.x's
      payload = Buffer.buffer(Unpooled.wrappedBuffer(Json.MAPPER.writeValueAsBytes(body)));
    } catch (JsonProcessingException e) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("cannot serialise request", e));
    }
    RequestOptions request = "CallRPC".equals(function) ? callRpc : options(function);
    return transport.onLoop(
        () ->
            http.request(request)
                .compose(r -> r.send(payload))
                .compose(
                    response ->
                        response.body().map(b -> answer.read(function, response.statusCode(), b)))
                .toCompletionStage()
                .toCompletableFuture());
  }

  private RequestOptions options(String function) {
    return new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(baseUrl + "/statusgo/" + function)
        .setConnectTimeout(timeoutMillis)
        .setIdleTimeout(timeoutMillis)
        .putHeader("Content-Type", "application/json");
  }

  private static JsonNode answer(String function, int status, Buffer body) {
    failUnlessOk(function, status, body);
    JsonNode json = read(function, body);
    String error = json.path("error").asText("");
    if (!error.isEmpty()) {
      throw new StatusBackendException(function + ": " + error);
    }
    return json;
  }

  /**
   * A JSON-RPC call through CallRPC; returns its "result" or fails with its "error". A Communities
   * method (every one in status-go's wakuext API names a community, e.g. joinCommunity,
   * spectateCommunity, fetchCommunity) is refused before anything is sent: status-go has no switch
   * for Communities, so reports can say they were not used only because the load never calls them.
   */
  public CompletableFuture<JsonNode> rpc(String method, List<?> params) {
    if (COMMUNITIES_METHOD.matcher(method).find()) {
      return communities(method);
    }
    RpcRequest request = new RpcRequest("2.0", RPC_IDS.incrementAndGet(), method, params);
    return call("CallRPC", request)
        .thenApply(
            response -> {
              JsonNode error = response.get("error");
              if (error != null && error.isObject()) {
                throw new StatusBackendException(
                    method + ": " + error.path("message").asText(error.toString()));
              }
              return response.path("result");
            });
  }

  /**
   * A send of a message through CallRPC (wakuext_sendOneToOneMessage, wakuext_sendGroupChatMessage,
   * one per message sent): completes with the client's id of the message, the answer's {@code
   * result.messages[0].id} ("" if it has none), and fails as {@link #rpc} does. The answer is read
   * without a tree (SendAnswer).
   */
  public CompletableFuture<String> sendMessage(String method, List<?> params) {
    if (COMMUNITIES_METHOD.matcher(method).find()) {
      return communities(method);
    }
    RpcRequest request = new RpcRequest("2.0", RPC_IDS.incrementAndGet(), method, params);
    return timed(
        "CallRPC",
        exchange(
            "CallRPC",
            request,
            (function, status, body) -> {
              failUnlessOk(function, status, body);
              return messageId(function, method, body);
            }));
  }

  @SuppressWarnings("deprecation") // getByteBuf: Vert.x 4's only way to the bytes uncopied
  private static String messageId(String function, String method, Buffer body) {
    io.netty.buffer.ByteBuf buf = body.getByteBuf();
    if (buf.hasArray()) {
      return SendAnswer.messageId(
          function,
          method,
          buf.array(),
          buf.arrayOffset() + buf.readerIndex(),
          buf.readableBytes());
    }
    byte[] bytes = body.getBytes();
    return SendAnswer.messageId(function, method, bytes, 0, bytes.length);
  }

  private static <T> CompletableFuture<T> communities(String method) {
    return CompletableFuture.failedFuture(
        new IllegalArgumentException(
            method + ": the load generator never uses Communities (reports rely on it)"));
  }

  /**
   * A JSON-RPC request, written straight from its parameters (one per message sent: no tree of them
   * built first).
   */
  record RpcRequest(String jsonrpc, long id, String method, List<?> params) {}

  private static void failUnlessOk(String function, int status, Buffer body) {
    if (status / 100 != 2) {
      throw new StatusBackendException(
          function + ": HTTP " + status + " " + abbreviate(body.toString(StandardCharsets.UTF_8)));
    }
  }

  private static JsonNode read(String function, Buffer body) {
    if (body.length() == 0) {
      return Json.MAPPER.createObjectNode();
    }
    try {
      JsonNode json = Json.MAPPER.readTree(body.getBytes());
      return json == null || json.isMissingNode() ? Json.MAPPER.createObjectNode() : json;
    } catch (IOException e) {
      throw new StatusBackendException(
          function
              + ": response is not JSON: "
              + abbreviate(body.toString(StandardCharsets.UTF_8)));
    }
  }

  static String abbreviate(String text) {
    return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}

package io.chatnet.loadgen.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * status-backend's HTTP API (REFERENCE.md): every mobile-API function is {@code POST
 * /statusgo/<Function>} with a JSON body; responses carry {@code "error"}. JSON-RPC goes through
 * {@code CallRPC} and needs an id.
 */
public final class StatusBackendClient {
  private static final AtomicLong RPC_IDS = new AtomicLong();
  private final HttpClient http;
  private final String baseUrl;
  private final Duration timeout;

  public StatusBackendClient(HttpClient http, String baseUrl, Duration timeout) {
    this.http = http;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.timeout = timeout;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** The signals websocket of this client. */
  public URI signalsUri() {
    return URI.create(baseUrl.replaceFirst("^http", "ws") + "/signals");
  }

  /** Calls a mobile-API function; fails on a non-empty "error". */
  public CompletableFuture<JsonNode> call(String function, Object body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/statusgo/" + function))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(write(body)))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response -> {
              if (response.statusCode() / 100 != 2) {
                throw new StatusBackendException(
                    function
                        + ": HTTP "
                        + response.statusCode()
                        + " "
                        + abbreviate(response.body()));
              }
              JsonNode json = read(function, response.body());
              String error = json.path("error").asText("");
              if (!error.isEmpty()) {
                throw new StatusBackendException(function + ": " + error);
              }
              return json;
            });
  }

  /** A JSON-RPC call through CallRPC; returns its "result" or fails with its "error". */
  public CompletableFuture<JsonNode> rpc(String method, List<?> params) {
    ObjectNode request = Json.MAPPER.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", RPC_IDS.incrementAndGet());
    request.put("method", method);
    request.set("params", Json.MAPPER.valueToTree(params));
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

  private static String write(Object body) {
    try {
      return Json.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise request", e);
    }
  }

  private static JsonNode read(String function, String body) {
    try {
      return body == null || body.isBlank()
          ? Json.MAPPER.createObjectNode()
          : Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new StatusBackendException(function + ": response is not JSON: " + abbreviate(body));
    }
  }

  private static String abbreviate(String text) {
    return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}

package io.chatnet.operator.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatnet.operator.analysis.PrometheusException.Reason;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Prometheus HTTP API's instant query ({@code POST /api/v1/query}), with a timeout on every
 * request. Errors become {@link PrometheusException}s whose reason is a condition reason; warnings
 * are kept for the caller to report.
 */
public final class PrometheusClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final Duration timeout;
  private final HttpClient http;

  /** One sample of an instant vector. NaN and infinite values are kept as such. */
  public record Sample(Map<String, String> labels, double value) {
    public String label(String name) {
      return labels.getOrDefault(name, "");
    }
  }

  /** An instant vector and the warnings Prometheus attached to it. */
  public record Answer(List<Sample> samples, List<String> warnings) {}

  public PrometheusClient(URI base, Duration timeout) {
    this(base, timeout, newHttpClient(timeout));
  }

  /** With a shared HTTP client: each JDK client keeps a selector thread until it is collected. */
  public PrometheusClient(URI base, Duration timeout, HttpClient http) {
    this.base = base.getPath() != null && base.getPath().endsWith("/") ? base : withSlash(base);
    this.timeout = timeout;
    this.http = http;
  }

  public static HttpClient newHttpClient(Duration connectTimeout) {
    return HttpClient.newBuilder().connectTimeout(connectTimeout).build();
  }

  private static URI withSlash(URI uri) {
    return URI.create(uri + "/");
  }

  /** The URL without user info, for messages (a password in it must not reach status or logs). */
  public static String redacted(URI uri) {
    if (uri.getUserInfo() == null) {
      return uri.toString();
    }
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  /** Evaluates {@code promql} at {@code time}; the answer must be an instant vector. */
  public Answer query(String promql, Instant time) throws PrometheusException {
    String form =
        "query="
            + URLEncoder.encode(promql, StandardCharsets.UTF_8)
            + "&time="
            + String.format(Locale.ROOT, "%.3f", time.toEpochMilli() / 1000.0)
            + "&timeout="
            + timeout.toMillis()
            + "ms";
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("api/v1/query"))
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new PrometheusException(
          Reason.PrometheusUnreachable,
          "Prometheus at "
              + redacted(base)
              + " did not answer within "
              + timeout.toMillis()
              + " ms",
          e);
    } catch (IOException e) {
      throw new PrometheusException(
          Reason.PrometheusUnreachable,
          "cannot reach Prometheus at " + redacted(base) + ": " + describe(e),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusException(Reason.PrometheusUnreachable, "interrupted", e);
    }
    return parse(promql, response.statusCode(), response.body());
  }

  Answer parse(String promql, int statusCode, String body) throws PrometheusException {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      throw new PrometheusException(
          Reason.QueryFailed,
          "Prometheus at "
              + redacted(base)
              + " answered HTTP "
              + statusCode
              + " without the API's JSON (is the URL the Prometheus server?)",
          null);
    }
    if (!"success".equals(json.path("status").asText())) {
      throw new PrometheusException(
          Reason.QueryFailed,
          "query failed (HTTP "
              + statusCode
              + ", "
              + json.path("errorType").asText("error")
              + "): "
              + json.path("error").asText("no message")
              + " in: "
              + promql,
          null);
    }
    String type = json.path("data").path("resultType").asText();
    if (!"vector".equals(type)) {
      throw new PrometheusException(
          Reason.QueryFailed, "expected an instant vector, got " + type + " for: " + promql, null);
    }
    List<Sample> samples = new ArrayList<>();
    for (JsonNode item : json.path("data").path("result")) {
      Map<String, String> labels = new LinkedHashMap<>();
      item.path("metric")
          .fields()
          .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
      String text = item.path("value").path(1).asText();
      try {
        samples.add(new Sample(labels, value(text)));
      } catch (NumberFormatException e) {
        throw new PrometheusException(
            Reason.QueryFailed, "unreadable sample value '" + text + "' for: " + promql, e);
      }
    }
    List<String> warnings = new ArrayList<>();
    json.path("warnings").forEach(w -> warnings.add(w.asText()));
    return new Answer(samples, warnings);
  }

  private static double value(String text) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }
}

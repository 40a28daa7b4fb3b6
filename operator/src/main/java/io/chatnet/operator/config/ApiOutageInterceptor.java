package io.chatnet.operator.config;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Tells {@link ApiOutages} of every request the operator's client completes, with the instant it
 * was sent. Fabric8 7.5.2's StandardHttpClient.consumeBytesOnce hands the same request object to
 * {@link #consumer} just before sending and to {@link #after} with its answer, so the send instant
 * is kept per request object (weakly: a request that never completes is forgotten with it). A
 * connection failure or timeout (StandardHttpClient.shouldRetry) names the request as it was before
 * the interceptors ran, a different object: its send instant is the oldest kept one of the same
 * method and URI. A timeout is a failure of the request (storage may be down); any other failure
 * means the API server could not be reached.
 */
final class ApiOutageInterceptor implements Interceptor {
  private final ApiOutages outages;
  private final Map<HttpRequest, Instant> sent = Collections.synchronizedMap(new WeakHashMap<>());

  ApiOutageInterceptor(ApiOutages outages) {
    this.outages = outages;
  }

  @Override
  public AsyncBody.Consumer<List<ByteBuffer>> consumer(
      AsyncBody.Consumer<List<ByteBuffer>> consumer, HttpRequest request) {
    sent.put(request, outages.now());
    return consumer;
  }

  @Override
  public void after(
      HttpRequest request,
      HttpResponse<?> response,
      AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    Instant at = sent.remove(request);
    if (response.code() >= 500) {
      outages.failed(request.method(), request.uri(), at);
    } else if (response.code() != 429) { // throttled: no word on storage either way
      outages.answered(request.method(), request.uri(), at);
    }
  }

  @Override
  public void afterConnectionFailure(HttpRequest request, Throwable failure) {
    Instant at = oldestSent(request);
    if (timeout(failure)) { // sent, not answered in time: with etcd down requests hang
      outages.failed(request.method(), request.uri(), at);
    } else {
      outages.unreachable(at);
    }
  }

  /** Fabric8's own request timeout (AsyncUtils.withTimeout) or the HTTP client's. */
  static boolean timeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException
          || t instanceof java.net.SocketTimeoutException
          || t instanceof java.net.http.HttpTimeoutException
          || t.getClass().getSimpleName().contains("Timeout")) {
        return true;
      }
    }
    return false;
  }

  private Instant oldestSent(HttpRequest request) {
    synchronized (sent) {
      HttpRequest oldest = null;
      for (Map.Entry<HttpRequest, Instant> e : sent.entrySet()) {
        HttpRequest r = e.getKey();
        if (r != null
            && r.method().equals(request.method())
            && r.uri().equals(request.uri())
            && (oldest == null || e.getValue().isBefore(sent.get(oldest)))) {
          oldest = r;
        }
      }
      return oldest == null ? null : sent.remove(oldest);
    }
  }
}

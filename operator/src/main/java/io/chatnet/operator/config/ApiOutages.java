package io.chatnet.operator.config;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * What the operator's client saw of the API server's availability: an outage is a stretch of at
 * least {@link #MINIMUM} in which every request failed to connect or was answered 5xx (an API
 * server restarting, or one whose etcd is down), ended by the first answer below 500. Fed by the
 * operator client's HTTP interceptor ({@link OperatorClient}); read by the reconcilers (the
 * ApiServerReachable condition) and the metrics ({@link ApiOutageMetrics}). One per process, as the
 * client is.
 */
public final class ApiOutages implements Interceptor {
  /** Shorter failure streaks (one 500 among successes) are not an outage. */
  public static final Duration MINIMUM = Duration.ofSeconds(1);

  private static final Logger LOG = Logger.getLogger(ApiOutages.class);
  private static final ApiOutages SHARED = new ApiOutages(Instant::now);

  /** One outage the operator lived through: from its first failure to the first answer. */
  public record Outage(Instant start, Instant end) {
    public Duration length() {
      return Duration.between(start, end);
    }
  }

  private final Supplier<Instant> clock;
  private Instant failingSince;
  private Outage last;
  private long count;
  private Duration total = Duration.ZERO;

  ApiOutages(Supplier<Instant> clock) {
    this.clock = clock;
  }

  /** The process's tracker (the one the operator's client reports to). */
  public static ApiOutages shared() {
    return SHARED;
  }

  synchronized void failed() {
    if (failingSince == null) {
      failingSince = clock.get();
    }
  }

  synchronized void answered() {
    if (failingSince == null) {
      return;
    }
    Outage outage = new Outage(failingSince, clock.get());
    failingSince = null;
    if (outage.length().compareTo(MINIMUM) >= 0) {
      last = outage;
      count++;
      total = total.plus(outage.length());
      LOG.warnf(
          "the API server answered again after %d s of failures (%s to %s); carrying on",
          outage.length().toSeconds(), outage.start(), outage.end());
    }
  }

  /** The latest outage that ended, if any. */
  public synchronized Optional<Outage> last() {
    return Optional.ofNullable(last);
  }

  /** Whether the latest request got an answer (false while failing). */
  public synchronized boolean reachable() {
    return failingSince == null;
  }

  public synchronized long count() {
    return count;
  }

  /** Seconds spent in outages that ended. */
  public synchronized double seconds() {
    return total.toMillis() / 1000.0;
  }

  @Override
  public void after(
      HttpRequest request,
      HttpResponse<?> response,
      AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    if (response.code() >= 500) {
      failed();
    } else {
      answered();
    }
  }

  @Override
  public void afterConnectionFailure(HttpRequest request, Throwable failure) {
    failed();
  }
}

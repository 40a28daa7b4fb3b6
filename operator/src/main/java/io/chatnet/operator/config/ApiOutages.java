package io.chatnet.operator.config;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * What the operator's client saw of the API server's availability, from the requests that need its
 * storage (etcd): gets, lists, creates, updates, patches and deletes ({@link #storageBacked}). An
 * outage is a stretch of at least {@link #MINIMUM} in which every such request failed (timed out or
 * was answered 5xx) or waited {@link #WAITED} or more for its answer, ended by the first
 * storage-backed answer below 500. It starts when the first of those requests was sent (a request
 * that waits does so from its send), but never before the previous storage answer. A stopped API
 * server is seen as before: requests of any kind failing to connect, until any answer.
 *
 * <p>Why only those requests: with etcd down the API server stays up and keeps answering what needs
 * no etcd (open watch streams, discovery, lists at resourceVersion=0 from its watch cache), while
 * gets and writes hang until etcd is back, or fail after a timeout (local cluster, kube-apiserver
 * v1.35.4, etcd v3.6.5, seen with restart.sh kill etcd: a get sent during a 6 s outage answered 200
 * after 9 s; a create 504 "request did not complete within requested timeout" after 34 s; a list at
 * resourceVersion=0 200 at once). Those answers, interleaved with the failures, used to end every
 * outage before it reached 1 s.
 *
 * <p>Not seen: an outage in which the operator sent no storage-backed request (its objects idle,
 * nothing waited); a request that waits less than {@link #WAITED} and then succeeds; a slow list
 * that succeeds (a large list can take seconds on a loaded machine without any outage; a failing
 * list counts). Fed by {@link ApiOutageInterceptor} on the operator's client ({@link
 * OperatorClient}); read by the reconcilers (the ApiServerReachable condition) and the metrics
 * ({@link ApiOutageMetrics}). One per process, as the client is.
 */
public final class ApiOutages {
  /** Shorter failure streaks (one 500 among successes) are not an outage. */
  public static final Duration MINIMUM = Duration.ofSeconds(1);

  /**
   * A storage-backed request answered this long after it was sent waited for storage: with etcd
   * down requests hang rather than fail. Above the 1 s of a failure streak because a healthy but
   * loaded API server can be slow too.
   */
  public static final Duration WAITED = Duration.ofSeconds(2);

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
  private boolean storageFailed;
  private Instant lastAnswer = Instant.MIN;
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

  /** The instant the tracker reads (the interceptor stamps send instants with it). */
  Instant now() {
    return clock.get();
  }

  /**
   * Whether a request needs the API server's storage to be answered: not a watch, not discovery
   * (/api, /api/v1, /apis, /apis/group[/version], /version, /openapi, health and metrics) and not a
   * get or list at resourceVersion=0 (served from the watch cache).
   */
  static boolean storageBacked(String method, URI uri) {
    String[] path = segments(uri);
    int prefix = path.length > 0 && path[0].equals("api") ? 2 : 3;
    if (path.length == 0
        || !(path[0].equals("api") || path[0].equals("apis"))
        || path.length <= prefix) {
      return false;
    }
    if (!"GET".equalsIgnoreCase(method)) {
      return true;
    }
    String query = uri.getRawQuery() == null ? "" : "&" + uri.getRawQuery() + "&";
    return !query.contains("&watch=true&")
        && !query.contains("&watch=1&")
        && !query.contains("&resourceVersion=0&");
  }

  /** Whether a storage-backed GET names no object (a list, which may be slow when large). */
  static boolean list(String method, URI uri) {
    if (!"GET".equalsIgnoreCase(method)) {
      return false;
    }
    String[] path = segments(uri);
    int rest = path.length - (path[0].equals("api") ? 2 : 3);
    boolean namespaced = rest >= 3 && path[path.length - rest].equals("namespaces");
    return namespaced ? rest == 3 : rest == 1;
  }

  private static String[] segments(URI uri) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String trimmed = path.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
  }

  /**
   * A request sent at {@code sent} (null if unknown: now) failed to connect: the API server does
   * not answer at all, whatever the request (as before storage-backed requests were told apart).
   */
  synchronized void unreachable(Instant sent) {
    failingFrom(sent == null ? clock.get() : sent);
  }

  /**
   * A request sent at {@code sent} (null if unknown: now) timed out or was answered 5xx: only a
   * storage-backed answer ends the outage then.
   */
  synchronized void failed(String method, URI uri, Instant sent) {
    if (storageBacked(method, uri)) {
      failingFrom(sent == null ? clock.get() : sent);
      storageFailed = true;
    }
  }

  private void failingFrom(Instant sent) {
    Instant from = later(sent, lastAnswer);
    if (failingSince == null || from.isBefore(failingSince)) {
      failingSince = from;
    }
  }

  /** A request sent at {@code sent} (null if unknown) was answered below 500. */
  synchronized void answered(String method, URI uri, Instant sent) {
    boolean storage = storageBacked(method, uri);
    if (!storage && (failingSince == null || storageFailed)) {
      return; // a watch, discovery or the watch cache says nothing of etcd
    }
    Instant now = clock.get();
    Instant from = failingSince;
    if (storage && sent != null && !list(method, uri)) {
      Instant waitedFrom = later(sent, lastAnswer);
      if (Duration.between(waitedFrom, now).compareTo(WAITED) >= 0
          && (from == null || waitedFrom.isBefore(from))) {
        from = waitedFrom;
      }
    }
    failingSince = null;
    storageFailed = false;
    if (storage) {
      lastAnswer = later(now, lastAnswer);
    }
    if (from == null) {
      return;
    }
    Outage outage = new Outage(from, now);
    if (outage.length().compareTo(MINIMUM) >= 0) {
      last = outage;
      count++;
      total = total.plus(outage.length());
      LOG.warnf(
          "the API server answered again after %d s of failures (%s to %s); carrying on",
          outage.length().toSeconds(), outage.start(), outage.end());
    }
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** The latest outage that ended, if any. */
  public synchronized Optional<Outage> last() {
    return Optional.ofNullable(last);
  }

  /** Whether the latest storage-backed request got an answer (false while failing). */
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
}

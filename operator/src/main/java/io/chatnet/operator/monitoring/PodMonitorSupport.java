package io.chatnet.operator.monitoring;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Whether the cluster serves the Prometheus Operator's PodMonitor (API discovery, as for Chaos
 * Mesh), asked at most once per {@link #TTL} so a reconcile loop does not query discovery each
 * time. A failed discovery counts as "not served" until the next check; nothing else depends on the
 * answer than whether PodMonitors are written.
 */
public final class PodMonitorSupport {
  public static final Duration TTL = Duration.ofSeconds(30);
  private final BooleanSupplier probe;
  private final Clock clock;
  private Instant checkedAt;
  private boolean served;

  public PodMonitorSupport(KubernetesClient client) {
    this(
        () -> client.supports(ScrapeConvention.API_VERSION, ScrapeConvention.POD_MONITOR),
        Clock.systemUTC());
  }

  PodMonitorSupport(BooleanSupplier probe, Clock clock) {
    this.probe = probe;
    this.clock = clock;
  }

  public synchronized boolean served() {
    Instant now = clock.instant();
    if (checkedAt == null || !now.isBefore(checkedAt.plus(TTL))) {
      try {
        served = probe.getAsBoolean();
      } catch (RuntimeException e) {
        served = false;
      }
      checkedAt = now;
    }
    return served;
  }
}

package io.chatnet.operator.config;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The SDK's reconcile metrics (reconciliations started, succeeded, failed, their duration, queue
 * size, per controller) in the application's Micrometer registry, served on /q/metrics. Produced
 * here because with the extension's default provider the packaged application served no reconcile
 * series at all after reconciling (LeaderElectionIT reads them from both replicas).
 *
 * <p>Also the sizes of the operator's own per-object memos, {@code
 * chatnet_operator_memo_entries{memo}}, so a soak or a long real run can see that none grows.
 */
@Singleton
public class OperatorMetrics {
  /** The gauge's name (Prometheus: chatnet_operator_memo_entries). */
  public static final String MEMO_ENTRIES = "chatnet.operator.memo.entries";

  /** Registry to memo name to the source read; the latest registered under a name is read. */
  private static final Map<MeterRegistry, Map<String, IntSupplier>> MEMOS =
      new ConcurrentHashMap<>();

  /**
   * Publishes {@code size} as {@code chatnet_operator_memo_entries{memo="<memo>"}} in the global
   * registry (Quarkus adds its Prometheus registry to it, so /q/metrics serves it).
   */
  public static void memoEntries(String memo, IntSupplier size) {
    memoEntries(io.micrometer.core.instrument.Metrics.globalRegistry, memo, size);
  }

  /**
   * As {@link #memoEntries(String, IntSupplier)} in {@code registry}. A later source under the same
   * name replaces the earlier one (a test JVM builds reconcilers more than once); the gauge reads
   * whichever is current.
   */
  public static void memoEntries(MeterRegistry registry, String memo, IntSupplier size) {
    Map<String, IntSupplier> sources =
        MEMOS.computeIfAbsent(registry, r -> new ConcurrentHashMap<>());
    if (sources.put(memo, size) == null) {
      Gauge.builder(MEMO_ENTRIES, sources, s -> s.get(memo).getAsInt())
          .tag("memo", memo)
          .description("entries an operator memo holds now")
          .strongReference(true)
          .register(registry);
    }
  }

  @Produces
  @Singleton
  Metrics metrics(MeterRegistry registry) {
    return MicrometerMetricsV2.newBuilder(registry).build();
  }
}

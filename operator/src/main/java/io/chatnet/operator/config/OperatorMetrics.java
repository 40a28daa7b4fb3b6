package io.chatnet.operator.config;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The SDK's reconcile metrics (reconciliations started, succeeded, failed, their duration, queue
 * size, per controller) in the application's Micrometer registry, served on /q/metrics. Produced
 * here because with the extension's default provider the packaged application served no reconcile
 * series at all after reconciling (LeaderElectionIT reads them from both replicas).
 */
@Singleton
public class OperatorMetrics {

  @Produces
  @Singleton
  Metrics metrics(MeterRegistry registry) {
    return MicrometerMetricsV2.newBuilder(registry).build();
  }
}

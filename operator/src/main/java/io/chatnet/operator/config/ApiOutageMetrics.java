package io.chatnet.operator.config;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

/**
 * The API server outages the operator lived through, on /q/metrics: {@code
 * chatnet_api_outages_total}, {@code chatnet_api_outage_seconds_total} (time spent waiting in
 * outages that ended) and {@code chatnet_api_reachable} (0 while requests fail).
 */
@Singleton
@Startup
public class ApiOutageMetrics {
  ApiOutageMetrics(MeterRegistry registry) {
    ApiOutages outages = ApiOutages.shared();
    FunctionCounter.builder("chatnet.api.outages", outages, ApiOutages::count)
        .description(
            "API server outages (every storage-backed request failing or waiting for 1 s or more) that ended")
        .register(registry);
    FunctionCounter.builder("chatnet.api.outage.seconds", outages, ApiOutages::seconds)
        .description("Seconds the operator waited in API server outages that ended")
        .register(registry);
    Gauge.builder("chatnet.api.reachable", outages, o -> o.reachable() ? 1 : 0)
        .description(
            "1 while the API server answers the operator, 0 while every storage-backed request fails")
        .register(registry);
  }
}

package io.chatnet.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Operator settings (application.properties, environment, or the Helm chart's values). */
@ConfigMapping(prefix = "chatnet")
public interface OperatorConfig {
  /**
   * Default images of what the operator adds (nwaku groups get their version's image, see
   * NodeVersion).
   */
  Images images();

  /** The cluster's DNS domain, used in the stable names of pods (pod.service.ns.svc.DOMAIN). */
  @WithDefault("cluster.local")
  String clusterDomain();

  interface Images {
    /** Image with tc (iproute2) for the network-conditions init container. */
    @WithDefault("nicolaka/netshoot:v0.13")
    String netem();

    /**
     * The load generator image (built from loadgen/). No default here: application.properties gets
     * the name of the image built alongside the operator from the build.
     */
    String loadgen();
  }

  /**
   * Slack an experiment's load generator Job gets beyond setup, warm-up, window and grace before it
   * is declared hung (at least this many seconds, or a tenth of the run if longer).
   */
  @WithDefault("120")
  int experimentDeadlineMarginSeconds();

  /** Where experiments' figures are read when their spec names no Prometheus. */
  Prometheus prometheus();

  interface Prometheus {
    /**
     * Base URL of the Prometheus HTTP API (env CHATNET_PROMETHEUS_URL); without it, and without
     * spec.prometheus.url, results come from the load generators alone.
     */
    Optional<String> url();

    /** Timeout of one query; the whole analysis of an experiment gets three times this. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * How long after the window's end an unreachable or failing Prometheus is asked again before
     * the experiment finishes without its figures (a restart or a scrape outage should not cost a
     * whole run's metrics).
     */
    @WithDefault("60s")
    Duration retryFor();
  }

  /** The values the pure manifest builders need. */
  default BuildDefaults buildDefaults() {
    return new BuildDefaults(
        images().netem(), images().loadgen(), clusterDomain(), experimentDeadlineMarginSeconds());
  }
}

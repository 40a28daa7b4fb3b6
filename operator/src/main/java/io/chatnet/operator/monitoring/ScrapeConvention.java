package io.chatnet.operator.monitoring;

import static io.chatnet.operator.naming.ScrapeNames.PATH;
import static io.chatnet.operator.naming.ScrapeNames.PORT_NAME;
import static io.chatnet.operator.naming.ScrapeNames.TARGET_LABELS;
import static io.chatnet.operator.naming.ScrapeNames.metaLabel;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpointBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.RelabelConfig;
import io.fabric8.openshift.api.model.monitoring.v1.RelabelConfigBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The metric label convention every chatnet series carries, shared by the PodMonitors, the
 * annotation-based scrape config in docs/metrics.md, the results analyzer and the dashboards:
 * {@code namespace}, {@code pod}, and one target label per chatnet pod label.
 */
public final class ScrapeConvention {
  /** monitoring.coreos.com/v1, as Fabric8's typed model declares it. */
  public static final String API_VERSION = HasMetadata.getApiVersion(PodMonitor.class);

  public static final String POD_MONITOR = HasMetadata.getKind(PodMonitor.class);

  /**
   * The network nodes' scrape interval, set explicitly rather than left to the Prometheus's global
   * default (often 30 s or 1 m, which would leave a short window with one or two samples).
   */
  public static final String INTERVAL = "15s";

  private ScrapeConvention() {}

  /**
   * PodMonitor relabelings producing the target labels from pod labels (the Prometheus Operator
   * adds {@code namespace} and {@code pod} itself). An absent pod label yields an empty value,
   * which Prometheus drops.
   */
  public static List<RelabelConfig> relabelings() {
    List<RelabelConfig> rules = new ArrayList<>();
    TARGET_LABELS.forEach(
        (podLabel, target) ->
            rules.add(
                new RelabelConfigBuilder()
                    .withAction("replace")
                    .withSourceLabels(metaLabel(podLabel))
                    .withTargetLabel(target)
                    .build()));
    return rules;
  }

  /**
   * One podMetricsEndpoints entry, scraped every {@code interval} (e.g. "15s"): the port named
   * {@value io.chatnet.operator.naming.ScrapeNames#PORT_NAME}, with the relabelings.
   */
  static PodMetricsEndpoint endpoint(String interval) {
    return new PodMetricsEndpointBuilder()
        .withPort(PORT_NAME)
        .withInterval(interval)
        .withPath(PATH)
        .withRelabelings(relabelings())
        .build();
  }
}

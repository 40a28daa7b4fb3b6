package io.chatnet.operator.naming;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names of the metric label convention every chatnet series carries, shared by the PodMonitors
 * (monitoring.ScrapeConvention), the annotation-based scrape config in docs/metrics.md, the results
 * analyzer and the dashboards: {@code namespace}, {@code pod}, and one target label per chatnet pod
 * label; plus the scrape annotations and the metrics port name pods carry.
 */
public final class ScrapeNames {
  /** The container port name every scraped container uses. */
  public static final String PORT_NAME = "metrics";

  public static final String PATH = "/metrics";

  public static final String SCRAPE_ANNOTATION = "prometheus.io/scrape";
  public static final String PORT_ANNOTATION = "prometheus.io/port";
  public static final String PATH_ANNOTATION = "prometheus.io/path";

  /** The pod role label value of load generator pods. */
  public static final String LOADGEN_ROLE = "loadgen";

  /** Pod label to target label, in the order the relabelings apply them. */
  public static final Map<String, String> TARGET_LABELS = targetLabels();

  private ScrapeNames() {}

  private static Map<String, String> targetLabels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.NETWORK, "chatnet_network");
    labels.put(Labels.GROUP, "chatnet_group");
    labels.put(Labels.ROLE, "chatnet_role");
    labels.put(ExperimentNames.EXPERIMENT_LABEL, "chatnet_experiment");
    return Collections.unmodifiableMap(labels);
  }

  /**
   * Annotations for a Prometheus that discovers pods by annotation (kubernetes_sd with the relabel
   * rules of docs/metrics.md). They are set whether or not PodMonitors are made: they are inert for
   * the Prometheus Operator, and flipping them when its CRD comes or goes would roll every
   * StatefulSet of every network.
   */
  public static Map<String, String> annotations(int port) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(SCRAPE_ANNOTATION, "true");
    annotations.put(PORT_ANNOTATION, String.valueOf(port));
    annotations.put(PATH_ANNOTATION, PATH);
    return annotations;
  }

  /** Prometheus's service-discovery name of a pod label ({@code chatnet.io/group} and so on). */
  public static String metaLabel(String podLabel) {
    return "__meta_kubernetes_pod_label_" + podLabel.replaceAll("[^a-zA-Z0-9_]", "_");
  }
}

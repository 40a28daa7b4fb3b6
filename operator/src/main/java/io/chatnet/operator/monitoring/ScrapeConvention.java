package io.chatnet.operator.monitoring;

import io.chatnet.operator.experiment.ExperimentNames;
import io.chatnet.operator.network.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metric label convention every chatnet series carries, shared by the PodMonitors, the
 * annotation-based scrape config in docs/metrics.md, the results analyzer and the dashboards:
 * {@code namespace}, {@code pod}, and one target label per chatnet pod label.
 */
public final class ScrapeConvention {
  public static final String API_VERSION = "monitoring.coreos.com/v1";
  public static final String POD_MONITOR = "PodMonitor";

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

  private ScrapeConvention() {}

  private static Map<String, String> targetLabels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.NETWORK, "chatnet_network");
    labels.put(Labels.GROUP, "chatnet_group");
    labels.put(Labels.ROLE, "chatnet_role");
    labels.put(ExperimentNames.EXPERIMENT_LABEL, "chatnet_experiment");
    return java.util.Collections.unmodifiableMap(labels);
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

  /**
   * PodMonitor relabelings producing the target labels from pod labels (the Prometheus Operator
   * adds {@code namespace} and {@code pod} itself). An absent pod label yields an empty value,
   * which Prometheus drops.
   */
  public static List<Map<String, Object>> relabelings() {
    List<Map<String, Object>> rules = new ArrayList<>();
    TARGET_LABELS.forEach(
        (podLabel, target) -> {
          Map<String, Object> rule = new LinkedHashMap<>();
          rule.put("action", "replace");
          rule.put("sourceLabels", List.of(metaLabel(podLabel)));
          rule.put("targetLabel", target);
          rules.add(rule);
        });
    return rules;
  }

  /** One podMetricsEndpoints entry: the port named {@value #PORT_NAME}, with the relabelings. */
  /**
   * The network nodes' scrape interval, set explicitly rather than left to the Prometheus's global
   * default (often 30 s or 1 m, which would leave a short window with one or two samples).
   */
  public static final String INTERVAL = "15s";

  /** One scrape endpoint of the convention, scraped every {@code interval} (e.g. "15s"). */
  static Map<String, Object> endpoint(String interval) {
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("port", PORT_NAME);
    endpoint.put("interval", interval);
    endpoint.put("path", PATH);
    endpoint.put("relabelings", relabelings());
    return endpoint;
  }
}

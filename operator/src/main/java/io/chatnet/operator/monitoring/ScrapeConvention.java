package io.chatnet.operator.monitoring;

import static io.chatnet.operator.naming.ScrapeNames.PATH;
import static io.chatnet.operator.naming.ScrapeNames.PORT_NAME;
import static io.chatnet.operator.naming.ScrapeNames.TARGET_LABELS;
import static io.chatnet.operator.naming.ScrapeNames.metaLabel;

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

  private ScrapeConvention() {}

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

  /**
   * One podMetricsEndpoints entry: the port named {@value
   * io.chatnet.operator.naming.ScrapeNames#PORT_NAME}, with the relabelings.
   */
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

package io.chatnet.operator.naming;

import io.chatnet.operator.api.ChatSweep;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names and labels of what a sweep owns: networks {@code <sweep>-n<k>} (k counts the network
 * shapes, from 1), experiments {@code <sweep>-p<i>} (i the point, from 1) and the report ConfigMap
 * {@code <sweep>-report}. Deterministic, so a restarted operator finds what it made.
 */
public final class SweepNames {
  public static final String SWEEP_LABEL = "chatnet.io/sweep";
  public static final String POINT_LABEL = "chatnet.io/sweep-point";

  private SweepNames() {}

  public static String network(String sweep, int shape) {
    return sweep + "-n" + shape;
  }

  public static String experiment(String sweep, int point) {
    return sweep + "-p" + point;
  }

  public static String reportConfigMap(ChatSweep sweep) {
    return sweep.getMetadata().getName() + "-report";
  }

  /** Labels of a sweep's network or experiment (point null) or of its report. */
  public static Map<String, String> labels(ChatSweep sweep, Integer point) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.MANAGED_BY, Labels.MANAGER);
    labels.put(Labels.PART_OF, "chatnet-sweep");
    labels.put(SWEEP_LABEL, sweep.getMetadata().getName());
    if (point != null) {
      labels.put(POINT_LABEL, String.valueOf(point));
    }
    return labels;
  }
}

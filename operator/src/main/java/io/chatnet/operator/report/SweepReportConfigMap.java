package io.chatnet.operator.report;

import io.chatnet.operator.api.ChatSweep;
import io.chatnet.operator.capacity.CapacityModel;
import io.chatnet.operator.capacity.SweepPoint;
import io.chatnet.operator.naming.SweepNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sweep's report ConfigMap ({@code <sweep>-report}): model.json (the capacity model fitted from
 * the points) and points.json (every point: axis values, experiment, outcome, and the measured
 * point the model was fitted on, absent for a point without a usable report) and report.html (the
 * sweep's page: {@link SweepReportPage} over the measured points and the model). Pure.
 */
public final class SweepReportConfigMap {
  public static final String MODEL_KEY = "model.json";
  public static final String POINTS_KEY = "points.json";
  public static final String PAGE_KEY = "report.html";

  private SweepReportConfigMap() {}

  /** One point of points.json. */
  public record Point(
      int index,
      Map<String, String> values,
      String experiment,
      String phase,
      String verdict,
      SweepPoint measured) {}

  /** points.json's content. */
  public record Points(String sweep, List<Point> points) {}

  public static ConfigMap build(ChatSweep sweep, CapacityModel model, List<Point> points) {
    Map<String, String> data = new TreeMap<>();
    data.put(MODEL_KEY, model.toJson());
    List<SweepPoint> measured =
        points.stream().map(Point::measured).filter(java.util.Objects::nonNull).toList();
    data.put(
        PAGE_KEY,
        SweepReportPage.render("Sweep " + sweep.getMetadata().getName(), measured, model));
    data.put(POINTS_KEY, ReportJson.write(new Points(sweep.getMetadata().getName(), points)));
    long size = ReportConfigMap.dataBytes(data);
    if (size > ReportConfigMap.MAX_DATA_BYTES) {
      throw new ReportConfigMap.TooLargeException(
          "the report of sweep "
              + sweep.getMetadata().getName()
              + " is "
              + size
              + " bytes, over the "
              + ReportConfigMap.MAX_DATA_BYTES
              + "-byte limit of a ConfigMap");
    }
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(SweepNames.reportConfigMap(sweep))
        .withNamespace(sweep.getMetadata().getNamespace())
        .withLabels(SweepNames.labels(sweep, null))
        .endMetadata()
        .withData(data)
        .build();
  }
}

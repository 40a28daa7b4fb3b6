package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatSweep;
import io.chatnet.operator.api.ChatSweepStatus;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.SweepPhase;
import io.chatnet.operator.api.SweepPointStatus;
import io.chatnet.operator.capacity.CapacityModel;
import io.chatnet.operator.capacity.SweepPoint;
import io.chatnet.operator.naming.SweepNames;
import io.chatnet.operator.report.ReportConfigMap;
import io.chatnet.operator.report.ReportJson;
import io.chatnet.operator.report.SweepPoints;
import io.chatnet.operator.report.SweepReportConfigMap;
import io.chatnet.operator.status.Conditions;
import io.chatnet.operator.status.EventRecorder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ChatSweepReconciler's last step, once every point is recorded: each Succeeded point's report.json
 * (from the report ConfigMap its experiment wrote) into a capacity point (SweepPoints), the model
 * fitted (CapacityModel.fit), and the sweep's report ConfigMap written with model.json and
 * points.json. No usable point (every one failed, or none measured users and a rate) fails the
 * sweep, saying why.
 */
final class SweepReportStep {
  static final String CONDITION = "ReportStored";
  private final KubernetesClient client;
  private final Clock clock;

  SweepReportStep(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * @return whether to try again later (the ConfigMap could not be written yet)
   */
  boolean store(ChatSweep sweep, ChatSweepStatus status, Optional<ConfigMap> live) {
    List<SweepReportConfigMap.Point> points = new ArrayList<>();
    List<SweepPoint> measured = new ArrayList<>();
    for (SweepPointStatus p : status.getPoints()) {
      SweepPoint point = null;
      if (p.getPhase() == ExperimentPhase.Succeeded && p.getReportConfigMap() != null) {
        point = read(sweep, p).orElse(null);
      }
      if (point != null) {
        measured.add(point);
      }
      points.add(
          new SweepReportConfigMap.Point(
              p.getIndex(),
              p.getValues(),
              p.getExperiment(),
              String.valueOf(p.getPhase()),
              p.getVerdict(),
              point));
    }
    CapacityModel model;
    try {
      if (measured.isEmpty()) {
        throw new IllegalArgumentException(
            "no point Succeeded with a readable report ("
                + status.getPointsFailed()
                + " of "
                + status.getPointsTotal()
                + " failed; see status.points)");
      }
      model = CapacityModel.fit(measured);
    } catch (IllegalArgumentException e) {
      fail(sweep, status, "NoUsablePoints", "no capacity model: " + e.getMessage());
      return false;
    }
    try {
      ConfigMap report = SweepReportConfigMap.build(sweep, model, points);
      new Applier(client).apply(sweep, report, live);
    } catch (ReportConfigMap.TooLargeException e) {
      fail(sweep, status, "TooLarge", e.getMessage());
      return false;
    } catch (KubernetesClientException e) {
      Conditions.upsert(
          status.getConditions(),
          CONDITION,
          false,
          "WriteFailed",
          "ConfigMap "
              + SweepNames.reportConfigMap(sweep)
              + " could not be written (HTTP "
              + e.getCode()
              + "); retrying",
          clock.instant());
      return true;
    }
    String name = SweepNames.reportConfigMap(sweep);
    status.setReportConfigMap(name);
    status.setPhase(SweepPhase.Succeeded);
    Conditions.upsert(
        status.getConditions(),
        CONDITION,
        true,
        "Stored",
        "model.json ("
            + model.fits().size()
            + " quantities fitted on "
            + measured.size()
            + " points) and points.json are in ConfigMap "
            + name,
        clock.instant());
    new EventRecorder(client)
        .normal(
            sweep,
            "SweepDone",
            "report stored in ConfigMap " + name + " (" + status.getProgress() + " points)");
    return false;
  }

  /** A point's report.json, listed by name (the chart grants list on ConfigMaps, not get). */
  private Optional<SweepPoint> read(ChatSweep sweep, SweepPointStatus p) {
    List<ConfigMap> found =
        client
            .configMaps()
            .inNamespace(sweep.getMetadata().getNamespace())
            .withField("metadata.name", p.getReportConfigMap())
            .list()
            .getItems();
    if (found.isEmpty() || found.get(0).getData() == null) {
      return Optional.empty();
    }
    String json = found.get(0).getData().get(ReportConfigMap.JSON_KEY);
    if (json == null) {
      return Optional.empty();
    }
    return Optional.of(
        SweepPoints.of(ReportJson.read(json, "ConfigMap " + p.getReportConfigMap())));
  }

  private void fail(ChatSweep sweep, ChatSweepStatus status, String reason, String message) {
    status.setPhase(SweepPhase.Failed);
    Conditions.upsert(status.getConditions(), CONDITION, false, reason, message, clock.instant());
    new EventRecorder(client).warning(sweep, reason, message);
  }
}

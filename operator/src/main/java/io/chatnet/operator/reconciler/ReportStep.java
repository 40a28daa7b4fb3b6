package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.naming.ExperimentNames;
import io.chatnet.operator.report.ExperimentReport;
import io.chatnet.operator.report.ReportConfigMap;
import io.chatnet.operator.status.Conditions;
import io.chatnet.operator.status.EventRecorder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/** ChatExperimentReconciler's act stage for a finished experiment: its report ConfigMap. */
final class ReportStep {
  static final String REPORT_CONDITION = "ReportStored";
  private static final String REPORT_TOO_LARGE = "TooLarge";
  private static final Duration REPORT_RETRY = Duration.ofSeconds(10);
  private static final Logger LOG = Logger.getLogger(ReportStep.class);
  private final KubernetesClient client;
  private final Clock clock;

  ReportStep(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * Report step: once the experiment is Succeeded or Failed, its report (report.json and
   * report.html, rendered from spec, status and network) goes into a ConfigMap it owns, named in
   * status.reportConfigMap. A report too large for a ConfigMap is said so in condition ReportStored
   * and not retried; a failed write is retried.
   */
  void store(
      ChatExperiment experiment,
      ChatNetwork network,
      ChatExperimentStatus status,
      Context<ChatExperiment> context,
      Applier applier,
      WriteRefusals.Round refused) {
    ChatExperiment finished = client.getKubernetesSerialization().clone(experiment);
    finished.setStatus(status);
    String name = ExperimentNames.reportConfigMap(experiment);
    try {
      ConfigMap report = ReportConfigMap.build(finished, ExperimentReport.of(finished, network));
      Optional<ConfigMap> live =
          context.getSecondaryResources(ConfigMap.class).stream()
              .filter(c -> c.getMetadata().getName().equals(name))
              .findFirst();
      applier.apply(experiment, report, live);
      if (refused.refusedNow(report)) {
        Optional<WriteRefusal> refusal = refused.of(report);
        Conditions.upsert(
            status.getConditions(),
            REPORT_CONDITION,
            false,
            refusal.map(r -> r.refusalClass().reason()).orElse("WriteFailed"),
            refusal
                .map(WriteRefusal::describe)
                .orElse("ConfigMap " + name + " could not be written yet; retrying"),
            clock.instant());
        return;
      }
      status.setReportConfigMap(name);
      Conditions.upsert(
          status.getConditions(),
          REPORT_CONDITION,
          true,
          "Stored",
          "report.json and report.html are in ConfigMap " + name,
          clock.instant());
    } catch (ReportConfigMap.TooLargeException e) {
      Conditions.upsert(
          status.getConditions(),
          REPORT_CONDITION,
          false,
          REPORT_TOO_LARGE,
          e.getMessage(),
          clock.instant());
      new EventRecorder(client).warning(experiment, "ReportTooLarge", e.getMessage());
    } catch (KubernetesClientException e) {
      Conditions.upsert(
          status.getConditions(),
          REPORT_CONDITION,
          false,
          "WriteFailed",
          "ConfigMap " + name + " could not be written (HTTP " + e.getCode() + "); retrying",
          clock.instant());
      LOG.warnf(
          "experiment %s/%s: report ConfigMap not written: %s",
          experiment.getMetadata().getNamespace(),
          experiment.getMetadata().getName(),
          e.getMessage());
    }
  }

  static boolean pending(ChatExperimentStatus status) {
    return status.getReportConfigMap() == null
        && status.getConditions().stream()
            .noneMatch(
                c ->
                    REPORT_CONDITION.equals(c.getType()) && REPORT_TOO_LARGE.equals(c.getReason()));
  }

  static UpdateControl<ChatExperiment> retryIfPending(
      UpdateControl<ChatExperiment> control, ChatExperimentStatus status) {
    return pending(status) ? control.rescheduleAfter(REPORT_RETRY) : control;
  }
}

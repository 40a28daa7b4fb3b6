package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentSpec;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.ShardStatus;
import io.chatnet.operator.config.BuildDefaults;
import io.chatnet.operator.experiment.ExperimentPlan;
import io.chatnet.operator.experiment.ExperimentTimeline;
import io.chatnet.operator.experiment.LoadGeneratorJob;
import io.chatnet.operator.experiment.PlanConfigMap;
import io.chatnet.operator.monitoring.LoadGeneratorPodMonitor;
import io.chatnet.operator.monitoring.PodMonitorSupport;
import io.chatnet.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * ChatExperimentReconciler's act stage for the steps Start and Run: the plan (which fixes the start
 * instant), the load generator Job and its PodMonitor, written unless they already match, and the
 * start recorded in status once (phase Preparing, NetworkReady and Scheduled true).
 */
final class PrepareStep {
  private static final Logger LOG = Logger.getLogger(PrepareStep.class);
  private final BuildDefaults defaults;
  private final Clock clock;
  private final PodMonitorSupport podMonitors;

  PrepareStep(BuildDefaults defaults, Clock clock, PodMonitorSupport podMonitors) {
    this.defaults = defaults;
    this.clock = clock;
    this.podMonitors = podMonitors;
  }

  /** Writes the plan (fixing the start instant) and the Job, unless they already match. */
  void prepare(
      ChatExperiment experiment,
      ChatNetwork network,
      ChatExperimentStatus status,
      Instant start,
      Optional<ConfigMap> plan,
      Optional<Job> job,
      Applier applier,
      WriteRefusals.Round refused) {
    ChatExperimentSpec spec = experiment.getSpec();
    boolean planRefused = false;
    if (plan.isEmpty() || !start.toString().equals(PlanConfigMap.start(plan.get()))) {
      ConfigMap desired =
          PlanConfigMap.build(
              experiment,
              ExperimentPlan.build(experiment, network, start, defaults.clusterDomain()),
              start);
      applier.apply(experiment, desired, plan);
      // the Job mounts the plan: without it its pods would wait for a volume that never comes
      planRefused = refused.refusedNow(desired);
    }
    if (planRefused && status.getPlannedStart() == null) {
      // no start is fixed until the plan is written: a quota fixed later gets a full setup period
      return;
    }
    if (job.isEmpty() && !planRefused && clock.instant().isBefore(start)) {
      applier.apply(experiment, LoadGeneratorJob.build(experiment, defaults), job);
      applyPodMonitor(experiment, applier);
    }
    if (status.getPlannedStart() == null) {
      String networkName = spec.getNetworkRef().getName();
      status.setPlannedStart(start.toString());
      status.setWindowEnd(ExperimentTimeline.of(spec, start).end().toString());
      status.setPhase(ExperimentPhase.Preparing);
      status.setShards(new ShardStatus());
      status.getShards().setTotal(spec.getLoadGenerator().getReplicas());
      setCondition(status, "NetworkReady", true, "Ready", "network " + networkName + " is Ready");
      setCondition(
          status,
          ChatExperimentReconciler.SCHEDULED,
          true,
          "Started",
          "no other experiment runs on network " + networkName);
      LOG.infof(
          "experiment %s/%s: load generator starts at %s",
          experiment.getMetadata().getNamespace(), experiment.getMetadata().getName(), start);
    }
  }

  /** The shards' PodMonitor, written with the Job where the Prometheus Operator is installed. */
  private void applyPodMonitor(ChatExperiment experiment, Applier applier) {
    if (!podMonitors.served()) {
      return;
    }
    try {
      applier.apply(experiment, LoadGeneratorPodMonitor.build(experiment), Optional.empty());
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "experiment %s/%s: cannot write its PodMonitor (%s); pods keep their scrape annotations",
          experiment.getMetadata().getNamespace(),
          experiment.getMetadata().getName(),
          e.getMessage());
    }
  }

  private void setCondition(
      ChatExperimentStatus status, String type, boolean value, String reason, String message) {
    Conditions.upsert(status.getConditions(), type, value, reason, message, clock.instant());
  }
}

package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.experiment.PlanConfigMap;
import io.chatnet.operator.experiment.ShardFailures;
import io.chatnet.operator.experiment.ShardSummaries;
import io.chatnet.operator.naming.ExperimentNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * What ChatExperimentReconciler sees in one pass, read once from the informers' caches: the
 * experiment (with the status it had), its network (null when absent), plan ConfigMap, Job, pods,
 * the shards' summaries (read once the Job finished), the other experiments on the same network,
 * the planned start (null before one is fixed) and the clock's reading. {@link ExperimentStep}
 * decides on it alone.
 */
record ExperimentObservation(
    ChatExperiment experiment,
    ChatExperimentStatus status,
    ChatNetwork network,
    Optional<ConfigMap> plan,
    Optional<Job> job,
    List<Pod> pods,
    ShardSummaries.Read summaries,
    List<ChatExperiment> onSameNetwork,
    Instant plannedStart,
    Instant now) {
  private static final Logger LOG = Logger.getLogger(ExperimentObservation.class);

  static ExperimentObservation observe(
      ChatExperiment experiment,
      ChatExperimentStatus status,
      Context<ChatExperiment> context,
      List<ChatExperiment> onSameNetwork,
      Instant now) {
    Optional<ConfigMap> plan =
        context.getSecondaryResources(ConfigMap.class).stream()
            .filter(
                c -> c.getMetadata().getName().equals(ExperimentNames.planConfigMap(experiment)))
            .findFirst();
    Optional<Job> job =
        context.getSecondaryResources(Job.class).stream()
            .filter(j -> j.getMetadata().getName().equals(ExperimentNames.job(experiment)))
            .findFirst();
    List<Pod> pods = new ArrayList<>(context.getSecondaryResources(Pod.class));
    ShardSummaries.Read summaries =
        job.flatMap(ExperimentObservation::finished).isPresent()
            ? summaries(experiment, pods)
            : ShardSummaries.NONE;
    return new ExperimentObservation(
        experiment,
        status,
        context.getSecondaryResource(ChatNetwork.class).orElse(null),
        plan,
        job,
        pods,
        summaries,
        onSameNetwork,
        plannedStart(status, plan),
        now);
  }

  private static Instant plannedStart(ChatExperimentStatus status, Optional<ConfigMap> plan) {
    if (status.getPlannedStart() != null) {
      return Instant.parse(status.getPlannedStart());
    }
    return plan.map(p -> p.getMetadata().getAnnotations())
        .map(a -> a.get(PlanConfigMap.START_ANNOTATION))
        .map(Instant::parse)
        .orElse(null);
  }

  /** The Job's Complete or Failed condition, once it has one. */
  static Optional<JobCondition> finished(Job job) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(
            c ->
                ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                    && "True".equals(c.getStatus()))
        .findFirst();
  }

  /**
   * The one place summaries are read (from the termination messages of the shards' pods). One
   * summary per shard, from its pod that succeeded: a retried shard's failed attempt (which may
   * have left a summary too) would otherwise count its messages twice.
   */
  static ShardSummaries.Read summaries(ChatExperiment experiment, List<Pod> pods) {
    Map<String, String> byShard = new TreeMap<>();
    for (Pod pod : pods) {
      if (!experiment
              .getMetadata()
              .getName()
              .equals(pod.getMetadata().getLabels().get(ExperimentNames.EXPERIMENT_LABEL))
          || pod.getStatus() == null
          || !"Succeeded".equals(pod.getStatus().getPhase())
          || pod.getStatus().getContainerStatuses() == null) {
        continue;
      }
      String shard =
          pod.getMetadata().getAnnotations() == null
              ? pod.getMetadata().getName()
              : pod.getMetadata()
                  .getAnnotations()
                  .getOrDefault(ShardFailures.INDEX_ANNOTATION, pod.getMetadata().getName());
      for (var container : pod.getStatus().getContainerStatuses()) {
        var terminated = container.getState() == null ? null : container.getState().getTerminated();
        if (terminated != null
            && terminated.getMessage() != null
            && !terminated.getMessage().isBlank()) {
          byShard.put(shard, terminated.getMessage());
        }
      }
    }
    // read with the contract's mapper: unknown contract versions become problems, not figures
    ShardSummaries.Read read = ShardSummaries.read(byShard);
    read.unreadable().forEach(shard -> LOG.warnf("shard %s left an unreadable summary", shard));
    return read;
  }
}

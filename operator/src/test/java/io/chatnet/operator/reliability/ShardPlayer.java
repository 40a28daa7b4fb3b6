package io.chatnet.operator.reliability;

import io.chatnet.operator.ShardPods;
import io.chatnet.operator.naming.ExperimentNames;
import io.chatnet.operator.reconciler.ChatExperimentLifecycleTest;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the load generator shards' end while the operator runs out of process: kwok completes a
 * Job's pods without a container, and every half second this writes the summary a real shard leaves
 * as its termination message onto each completed pod that has none (as the experiment tests do). An
 * experiment can be held: its shards report nothing until released, which keeps it Analyzing
 * (waiting for summaries) for as long as a trial needs.
 */
final class ShardPlayer implements AutoCloseable {
  private final KubernetesClient client;
  private final String namespace;
  private final Set<String> held = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  ShardPlayer(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    timer.scheduleWithFixedDelay(this::play, 0, 500, TimeUnit.MILLISECONDS);
  }

  void hold(String experiment) {
    held.add(experiment);
  }

  void release(String experiment) {
    held.remove(experiment);
  }

  private void play() {
    try {
      for (Pod pod :
          client
              .pods()
              .inNamespace(namespace)
              .withLabel(ExperimentNames.EXPERIMENT_LABEL)
              .list()
              .getItems()) {
        String experiment = pod.getMetadata().getLabels().get(ExperimentNames.EXPERIMENT_LABEL);
        if (held.contains(experiment)
            || !"Succeeded".equals(pod.getStatus().getPhase())
            || reported(pod)) {
          continue;
        }
        int shard =
            Integer.parseInt(
                pod.getMetadata().getAnnotations().get("batch.kubernetes.io/job-completion-index"));
        ShardPods.terminate(
            client,
            namespace,
            pod.getMetadata().getName(),
            0,
            "Completed",
            ChatExperimentLifecycleTest.summaryJson(experiment, shard));
      }
    } catch (Exception e) {
      System.out.println("shard player: " + e); // the next round tries again
    }
  }

  private static boolean reported(Pod pod) {
    return pod.getStatus().getContainerStatuses().stream()
        .map(ContainerStatus::getState)
        .anyMatch(
            s ->
                s != null
                    && s.getTerminated() != null
                    && s.getTerminated().getMessage() != null
                    && !s.getTerminated().getMessage().isBlank());
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}

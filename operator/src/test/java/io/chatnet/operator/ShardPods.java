package io.chatnet.operator;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;

/**
 * Plays a load generator shard's end on the local cluster, where kwok runs no container: the pod's
 * loadgen container terminated with an exit code, a reason and the termination message a real shard
 * writes (its summary, or why it failed). The pod's phase follows the exit code.
 */
public final class ShardPods {
  private ShardPods() {}

  public static void terminate(
      KubernetesClient client,
      String namespace,
      String pod,
      int exitCode,
      String reason,
      String message) {
    terminate(client, namespace, pod, "loadgen", exitCode, reason, message);
  }

  /** As above for the pod's one container {@code container} (any Job's pod, e.g. RLN's). */
  public static void terminate(
      KubernetesClient client,
      String namespace,
      String pod,
      String container,
      int exitCode,
      String reason,
      String message) {
    // kwok writes the pod's status too (completing it): an edit made between its writes fails on
    // the resource version with 409 Conflict, and is made again on the fresh pod.
    for (int attempt = 1; ; attempt++) {
      try {
        write(client, namespace, pod, container, exitCode, reason, message);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
  }

  private static void write(
      KubernetesClient client,
      String namespace,
      String pod,
      String container,
      int exitCode,
      String reason,
      String message) {
    client
        .pods()
        .inNamespace(namespace)
        .withName(pod)
        .editStatus(
            p -> {
              p.getStatus().setPhase(exitCode == 0 ? "Succeeded" : "Failed");
              p.getStatus()
                  .setContainerStatuses(
                      List.of(
                          new ContainerStatusBuilder()
                              .withName(container)
                              .withImage(p.getSpec().getContainers().get(0).getImage())
                              .withImageID("")
                              .withReady(false)
                              .withRestartCount(0)
                              .withState(
                                  new ContainerStateBuilder()
                                      .withNewTerminated()
                                      .withExitCode(exitCode)
                                      .withReason(reason)
                                      .withMessage(message)
                                      .endTerminated()
                                      .build())
                              .build()));
              return p;
            });
  }
}

package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.RlnGroupStatus;
import io.chatnet.operator.api.RlnStatus;
import io.chatnet.operator.naming.Labels;
import io.chatnet.operator.rln.RlnBinding;
import io.chatnet.operator.rln.RlnBringUp;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RlnBringUpStep's count of registered RLN memberships: pods of publishing groups whose keystore
 * init container exited 0, listed only while registration is incomplete and at most every {@link
 * #REGISTRATION_LOOK} per network.
 */
final class RlnRegistrations {
  /** How often pods of publishing groups are listed while registration is incomplete. */
  static final Duration REGISTRATION_LOOK = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final Map<ResourceID, Instant> lastLook = new ConcurrentHashMap<>();

  RlnRegistrations(KubernetesClient client) {
    this.client = client;
  }

  /** Forgets the registration looks of networks not in {@code live} (NetworkMemos prunes). */
  void retain(Set<ResourceID> live) {
    lastLook.keySet().retainAll(live);
  }

  int size() {
    return lastLook.size();
  }

  /**
   * Registered memberships per publishing group: pods whose keystore init container exited 0. Pods
   * of publishing groups are listed (the network's pod informer holds bootstrap and service pods
   * only) while a group has fewer registered than funded pods, at most every {@link
   * #REGISTRATION_LOOK}; otherwise the recorded counts stand.
   */
  Map<String, Integer> registered(ChatNetwork network, RlnStatus previous, Instant now) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    if (previous == null || previous.getContractAddress() == null) {
      return counts;
    }
    ResourceID key = ResourceID.fromResource(network);
    Instant last = lastLook.get(key);
    if (!incomplete(network, previous)
        || (last != null && Duration.between(last, now).compareTo(REGISTRATION_LOOK) < 0)) {
      return counts;
    }
    lastLook.put(key, now);
    for (NodeGroup g : RlnBringUp.publishing(network)) {
      int count =
          (int)
              client
                  .pods()
                  .inNamespace(network.getMetadata().getNamespace())
                  .withLabel(Labels.NETWORK, network.getMetadata().getName())
                  .withLabel(Labels.GROUP, g.getName())
                  .list()
                  .getItems()
                  .stream()
                  .filter(RlnRegistrations::keystoreWritten)
                  .count();
      counts.put(g.getName(), count);
    }
    return counts;
  }

  /** Whether some group has funded pods (that may run) not yet seen registered. */
  static boolean incomplete(ChatNetwork network, RlnStatus status) {
    for (NodeGroup g : RlnBringUp.publishing(network)) {
      Optional<RlnGroupStatus> gs =
          status.getGroups().stream().filter(s -> s.getName().equals(g.getName())).findFirst();
      int funded = gs.map(RlnGroupStatus::getFunded).orElse(0);
      int registered = gs.map(RlnGroupStatus::getRegistered).orElse(0);
      if (registered < Math.min(funded, g.getReplicas())) {
        return true;
      }
    }
    return false;
  }

  static boolean keystoreWritten(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getInitContainerStatuses() == null) {
      return false;
    }
    for (ContainerStatus s : pod.getStatus().getInitContainerStatuses()) {
      if (RlnBinding.KEYSTORE_INIT_CONTAINER.equals(s.getName())
          && s.getState() != null
          && s.getState().getTerminated() != null
          && Integer.valueOf(0).equals(s.getState().getTerminated().getExitCode())) {
        return true;
      }
    }
    return false;
  }
}

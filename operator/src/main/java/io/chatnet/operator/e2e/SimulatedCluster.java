package io.chatnet.operator.e2e;

import io.fabric8.kubernetes.api.model.Node;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a cluster can run containers at all. kwok marks the nodes it simulates with the
 * annotation {@code kwok.x-k8s.io/node: fake} (its documented node template; the local cluster's
 * up.sh registers its nodes so): pods placed there turn Running without a container ever starting,
 * so an end-to-end check of real images is meaningless on them. A cluster without any node runs
 * nothing either.
 */
public final class SimulatedCluster {
  public static final String KWOK_ANNOTATION = "kwok.x-k8s.io/node";
  public static final String KWOK_FAKE = "fake";

  private SimulatedCluster() {}

  public static boolean simulated(Node node) {
    Map<String, String> annotations = node.getMetadata().getAnnotations();
    return annotations != null && KWOK_FAKE.equals(annotations.get(KWOK_ANNOTATION));
  }

  /** Why the cluster runs no containers, when it runs none; empty when some node is real. */
  public static Optional<String> runsNoContainers(List<Node> nodes) {
    if (nodes.isEmpty()) {
      return Optional.of("it has no nodes");
    }
    if (nodes.stream().allMatch(SimulatedCluster::simulated)) {
      return Optional.of(
          "all "
              + nodes.size()
              + " of its nodes are kwok's simulated nodes, annotated "
              + KWOK_ANNOTATION
              + "="
              + KWOK_FAKE);
    }
    return Optional.empty();
  }
}

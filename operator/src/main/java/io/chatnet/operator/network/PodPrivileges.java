package io.chatnet.operator.network;

import io.chatnet.operator.api.NodeGroup;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a pod runs with beyond the restricted Pod Security level: containers run as root, added
 * capabilities, privileged containers. {@link #of(PodSpec)} reads a built pod; {@link
 * #of(NodeGroup)} says what GroupStatefulSet builds for a group (only netem adds anything), so the
 * report can say it from the spec alone; a unit test keeps the two equal.
 */
public record PodPrivileges(
    List<String> rootContainers, List<String> addedCapabilities, boolean privileged) {
  public static final PodPrivileges NONE = new PodPrivileges(List.of(), List.of(), false);

  /** True when the pod needs more than the restricted level allows. */
  public boolean any() {
    return privileged || !rootContainers.isEmpty() || !addedCapabilities.isEmpty();
  }

  public static PodPrivileges of(NodeGroup group) {
    return group.getNetworkConditions() == null
        ? NONE
        : new PodPrivileges(
            List.of(GroupStatefulSet.NETEM_CONTAINER), GroupStatefulSet.NETEM_CAPABILITIES, false);
  }

  public static PodPrivileges of(PodSpec pod) {
    List<String> root = new ArrayList<>();
    Set<String> capabilities = new TreeSet<>();
    boolean privileged = false;
    Long podUser =
        pod.getSecurityContext() == null ? null : pod.getSecurityContext().getRunAsUser();
    for (Container c :
        Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream()).toList()) {
      SecurityContext sc = c.getSecurityContext();
      Long user = sc != null && sc.getRunAsUser() != null ? sc.getRunAsUser() : podUser;
      if (user != null && user == 0L) {
        root.add(c.getName());
      }
      if (sc != null && sc.getCapabilities() != null && sc.getCapabilities().getAdd() != null) {
        capabilities.addAll(sc.getCapabilities().getAdd());
      }
      privileged |= sc != null && Boolean.TRUE.equals(sc.getPrivileged());
    }
    return new PodPrivileges(List.copyOf(root), List.copyOf(capabilities), privileged);
  }
}

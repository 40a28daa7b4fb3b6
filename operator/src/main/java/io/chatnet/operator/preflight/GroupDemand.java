package io.chatnet.operator.preflight;

import io.chatnet.operator.api.NodeGroup;
import io.fabric8.kubernetes.api.model.PodSpec;

/**
 * What one group adds: {@code added} pods built from {@code pod} (the template GroupStatefulSet
 * builds), and the objects to create (its StatefulSet and Service when new, key Secrets).
 *
 * @param index the group's position in spec.groups, for messages naming the spec field
 */
public record GroupDemand(
    int index,
    NodeGroup group,
    PodSpec pod,
    int added,
    boolean newStatefulSet,
    boolean newService,
    int newSecrets) {

  public String field() {
    return "spec.groups[" + index + "]";
  }

  /** "group relay (spec.groups[1])" */
  public String describe() {
    return "group " + group.getName() + " (" + field() + ")";
  }
}

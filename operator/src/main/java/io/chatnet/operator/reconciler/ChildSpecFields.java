package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.naming.ExperimentNames;
import io.chatnet.operator.naming.Names;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which field of the owner's spec a child object comes from, so a refusal can say what to change:
 * {@code spec.groups[2] (relay)} for a group's objects, narrowed by the refusal's field paths (its
 * StatusDetails causes) to e.g. {@code spec.groups[2].resources (relay)}. Pure.
 */
public final class ChildSpecFields {
  /** Child field path fragments and the group field they come from. */
  private static final Map<String, String> GROUP_FIELDS =
      orderedMap(
          "initContainers", "networkConditions",
          "resources", "resources",
          "nodeSelector", "nodeSelector",
          "affinity", "nodeSelector",
          "tolerations", "tolerations",
          ".image", "image",
          "spec.replicas", "replicas");

  /** Job field path fragments and the loadGenerator field they come from. */
  private static final Map<String, String> JOB_FIELDS =
      orderedMap(
          "resources", "resources",
          ".image", "image",
          "parallelism", "replicas",
          "completions", "replicas");

  private final String owner;
  private final List<Child> children;

  private record Child(
      Set<String> kinds,
      String name,
      boolean prefix,
      String field,
      String nameField,
      String label,
      Map<String, String> narrowing) {}

  private ChildSpecFields(String owner, List<Child> children) {
    this.owner = owner;
    this.children = children;
  }

  /**
   * A network's children: its ConfigMap, PodMonitor, and each group's Service, StatefulSet, keys.
   */
  public static ChildSpecFields of(ChatNetwork network) {
    java.util.ArrayList<Child> children = new java.util.ArrayList<>();
    List<NodeGroup> groups = network.getSpec().getGroups();
    for (int i = 0; i < groups.size(); i++) {
      NodeGroup group = groups.get(i);
      String base = "spec.groups[" + i + "]";
      String label = " (" + group.getName() + ")";
      String name = Names.group(network, group);
      children.add(
          new Child(
              Set.of("StatefulSet", "Service"),
              name,
              false,
              base,
              "metadata.name + " + base + ".name",
              label,
              GROUP_FIELDS));
      children.add(
          new Child(
              Set.of("Secret"),
              name + "-keys-",
              true,
              base,
              "metadata.name + " + base + ".name",
              label,
              Map.of()));
    }
    children.add(
        new Child(
            Set.of("ConfigMap"),
            Names.networkConfig(network),
            false,
            "spec",
            "metadata.name",
            "",
            Map.of()));
    return new ChildSpecFields("network", children);
  }

  /** An experiment's children: plan and report ConfigMaps, the load generator Job, PodMonitor. */
  public static ChildSpecFields of(ChatExperiment experiment) {
    return new ChildSpecFields(
        "experiment",
        List.of(
            new Child(
                Set.of("ConfigMap"),
                ExperimentNames.planConfigMap(experiment),
                false,
                "spec",
                "metadata.name",
                "",
                Map.of()),
            new Child(
                Set.of("ConfigMap"),
                ExperimentNames.reportConfigMap(experiment),
                false,
                "status (its report)",
                "metadata.name",
                "",
                Map.of()),
            new Child(
                Set.of("Job", "PodMonitor"),
                ExperimentNames.job(experiment),
                false,
                "spec.loadGenerator",
                "metadata.name",
                "",
                JOB_FIELDS)));
  }

  /** The spec field of a refused write of {@code object}, narrowed by the refusal's field paths. */
  public String field(HasMetadata object, List<String> causeFields) {
    Child child = childOf(object);
    if (child == null) {
      return "spec";
    }
    Set<String> fields = new LinkedHashSet<>();
    for (String cause : causeFields) {
      if (cause.equals("metadata.name") || cause.startsWith("metadata.labels")) {
        fields.add(child.nameField());
        continue;
      }
      child.narrowing().entrySet().stream()
          .filter(e -> cause.contains(e.getKey()))
          .findFirst()
          .ifPresent(e -> fields.add(child.field() + "." + e.getValue()));
    }
    return (fields.isEmpty() ? child.field() : String.join(", ", fields)) + child.label();
  }

  /** The field that chose a child's name: what to change when another owner holds the name. */
  public String nameField(HasMetadata object) {
    Child child = childOf(object);
    return child == null ? "metadata.name" : child.nameField() + child.label();
  }

  /** "network" or "experiment": what the owner is called in messages. */
  public String owner() {
    return owner;
  }

  private Child childOf(HasMetadata object) {
    String name = object.getMetadata().getName();
    for (Child child : children) {
      boolean match =
          child.prefix()
              ? name.startsWith(child.name())
                  && name.substring(child.name().length()).chars().allMatch(Character::isDigit)
              : name.equals(child.name());
      if (match && child.kinds().contains(object.getKind())) {
        return child;
      }
    }
    return null;
  }

  private static Map<String, String> orderedMap(String... pairs) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}

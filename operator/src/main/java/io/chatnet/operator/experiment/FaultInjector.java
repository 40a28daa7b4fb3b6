package io.chatnet.operator.experiment;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentFault;
import io.chatnet.operator.api.FaultType;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.naming.ExperimentNames;
import io.chatnet.operator.naming.Labels;
import io.chatnet.operator.naming.Names;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Applies an experiment's faults when they fall due: pod kills natively (deleting a seeded choice
 * of the group's pods), network faults as Chaos Mesh NetworkChaos objects owned by the experiment.
 */
public final class FaultInjector {
  public static final String CHAOS_API = "chaos-mesh.org/v1alpha1";
  private final KubernetesClient client;

  public FaultInjector(KubernetesClient client) {
    this.client = client;
  }

  /** Whether Chaos Mesh's NetworkChaos is served by this cluster (API discovery, no CRD read). */
  public boolean chaosMeshAvailable() {
    return client.supports(CHAOS_API, "NetworkChaos");
  }

  /** Applies fault {@code index}; returns a line for the status's fault log. */
  public String apply(ChatExperiment experiment, ChatNetwork network, int index) {
    ExperimentFault fault = experiment.getSpec().getFaults().get(index);
    NodeGroup group =
        network.getSpec().getGroups().stream()
            .filter(g -> g.getName().equals(fault.getGroup()))
            .findFirst()
            .orElse(null);
    if (group == null) {
      return index
          + ": "
          + fault.getType()
          + " skipped: the network has no group "
          + fault.getGroup();
    }
    int count = (int) Math.ceil(fault.getFraction() * group.getReplicas());
    if (fault.getType() == FaultType.POD_KILL) {
      List<Integer> victims = victims(experiment, index, group.getReplicas(), count);
      for (int ordinal : victims) {
        client
            .pods()
            .inNamespace(network.getMetadata().getNamespace())
            .withName(Names.pod(network.getMetadata().getName(), group.getName(), ordinal))
            .delete();
      }
      return index
          + ": podKill deleted "
          + victims.size()
          + " pods of "
          + group.getName()
          + " "
          + victims;
    }
    client.resource(networkChaos(experiment, network, fault, index)).create();
    return String.format(
        Locale.ROOT,
        "%d: %s on %.0f%% of %s for %d s (NetworkChaos %s)",
        index,
        fault.getType().name().toLowerCase(Locale.ROOT),
        fault.getFraction() * 100,
        group.getName(),
        fault.getDurationSeconds(),
        chaosName(experiment, index));
  }

  static List<Integer> victims(ChatExperiment experiment, int index, int replicas, int count) {
    List<Integer> ordinals = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      ordinals.add(i);
    }
    Collections.shuffle(
        ordinals, new Random((experiment.getMetadata().getName() + "/" + index).hashCode()));
    List<Integer> chosen = new ArrayList<>(ordinals.subList(0, Math.min(count, replicas)));
    Collections.sort(chosen);
    return chosen;
  }

  public static String chaosName(ChatExperiment experiment, int index) {
    return experiment.getMetadata().getName() + "-fault-" + index;
  }

  static GenericKubernetesResource networkChaos(
      ChatExperiment experiment, ChatNetwork network, ExperimentFault fault, int index) {
    String ns = network.getMetadata().getNamespace();
    Map<String, Object> selector = new LinkedHashMap<>();
    selector.put("namespaces", List.of(ns));
    selector.put(
        "labelSelectors",
        Map.of(Labels.NETWORK, network.getMetadata().getName(), Labels.GROUP, fault.getGroup()));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("mode", "fixed-percent");
    spec.put("value", String.valueOf(Math.round(fault.getFraction() * 100)));
    spec.put("selector", selector);
    spec.put("duration", fault.getDurationSeconds() + "s");
    switch (fault.getType()) {
      case DELAY -> {
        spec.put("action", "delay");
        spec.put("delay", Map.of("latency", fault.getLatencyMillis() + "ms"));
      }
      case LOSS -> {
        spec.put("action", "loss");
        spec.put("loss", Map.of("loss", String.valueOf(fault.getLossPercent())));
      }
      default -> {
        spec.put("action", "partition");
        spec.put("direction", "both");
        spec.put(
            "target",
            Map.of(
                "mode",
                "all",
                "selector",
                Map.of(
                    "namespaces", List.of(ns),
                    "labelSelectors", Map.of(Labels.NETWORK, network.getMetadata().getName()))));
      }
    }
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(CHAOS_API)
        .withKind("NetworkChaos")
        .withNewMetadata()
        .withName(chaosName(experiment, index))
        .withNamespace(ns)
        .withLabels(ExperimentNames.labels(experiment))
        .addNewOwnerReference()
        .withApiVersion(experiment.getApiVersion())
        .withKind(experiment.getKind())
        .withName(experiment.getMetadata().getName())
        .withUid(experiment.getMetadata().getUid())
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .addToAdditionalProperties("spec", spec)
        .build();
  }
}

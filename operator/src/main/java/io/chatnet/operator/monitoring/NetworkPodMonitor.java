package io.chatnet.operator.monitoring;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PodMonitor of a network's nodes (nwaku and status-backend): every pod of the network that
 * belongs to a group, on its {@code metrics} port. Load generator pods carry the network label but
 * no group, so they are left to their experiment's {@link LoadGeneratorPodMonitor}.
 */
public final class NetworkPodMonitor {
  private NetworkPodMonitor() {}

  public static String name(ChatNetwork network) {
    return network.getMetadata().getName() + "-nodes";
  }

  public static GenericKubernetesResource build(ChatNetwork network) {
    Map<String, Object> selector = new LinkedHashMap<>();
    selector.put(
        "matchLabels",
        Map.of(Labels.NETWORK, network.getMetadata().getName(), Labels.MANAGED_BY, Labels.MANAGER));
    selector.put("matchExpressions", List.of(Map.of("key", Labels.GROUP, "operator", "Exists")));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("selector", selector);
    spec.put("podMetricsEndpoints", List.of(ScrapeConvention.endpoint(ScrapeConvention.INTERVAL)));
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(ScrapeConvention.API_VERSION)
        .withKind(ScrapeConvention.POD_MONITOR)
        .withNewMetadata()
        .withName(name(network))
        .withNamespace(network.getMetadata().getNamespace())
        .withLabels(Labels.network(network))
        .endMetadata()
        .addToAdditionalProperties("spec", spec)
        .build();
  }
}

package io.chatnet.operator.monitoring;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.naming.Labels;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitorBuilder;

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

  public static PodMonitor build(ChatNetwork network) {
    return new PodMonitorBuilder()
        .withNewMetadata()
        .withName(name(network))
        .withNamespace(network.getMetadata().getNamespace())
        .withLabels(Labels.network(network))
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .addToMatchLabels(Labels.NETWORK, network.getMetadata().getName())
        .addToMatchLabels(Labels.MANAGED_BY, Labels.MANAGER)
        .addNewMatchExpression()
        .withKey(Labels.GROUP)
        .withOperator("Exists")
        .endMatchExpression()
        .endSelector()
        .withPodMetricsEndpoints(ScrapeConvention.endpoint(ScrapeConvention.INTERVAL))
        .endSpec()
        .build();
  }
}

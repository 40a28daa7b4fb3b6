package io.chatnet.operator.network;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.naming.Labels;
import io.chatnet.operator.naming.Names;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;

/**
 * The headless Service of a group: it gives each pod a stable DNS name, published before the pod is
 * ready, because nodes dial each other while they start.
 */
public final class GroupService {
  private GroupService() {}

  public static Service build(ChatNetwork network, NodeGroup group) {
    List<ServicePort> ports =
        group.getKind() == GroupKind.NWAKU
            ? List.of(
                port("libp2p", WakuPorts.LIBP2P, "TCP"),
                port("discv5", WakuPorts.DISCV5, "UDP"),
                port("rest", WakuPorts.REST, "TCP"),
                port("metrics", WakuPorts.METRICS, "TCP"))
            : List.of(
                port("api", WakuPorts.CLIENT_API, "TCP"),
                port("metrics", WakuPorts.CLIENT_METRICS, "TCP"));
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(Names.group(network, group))
        .withNamespace(network.getMetadata().getNamespace())
        .withLabels(Labels.group(network, group))
        .endMetadata()
        .withNewSpec()
        .withClusterIP("None")
        .withPublishNotReadyAddresses(true)
        .withSelector(Labels.selector(network, group))
        .withPorts(ports)
        .endSpec()
        .build();
  }

  private static ServicePort port(String name, int port, String protocol) {
    return new ServicePortBuilder()
        .withName(name)
        .withPort(port)
        .withNewTargetPort(name)
        .withProtocol(protocol)
        .build();
  }
}

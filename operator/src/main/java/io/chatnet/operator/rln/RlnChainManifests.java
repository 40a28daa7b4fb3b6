package io.chatnet.operator.rln;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-network chain: one anvil pod (Deployment) behind a ClusterIP Service. Args as
 * waku-simulator's foundry service (034c60e docker-compose.yml: --block-time=3 --gas-limit=30000000
 * --gas-price=1 --silent) and the chain id of the spec; a TCP readiness probe on the RPC port as
 * vacp2p/10ksim's anvil-deployment.yaml. The owner reference the Applier adds makes deleting the
 * network delete the chain.
 */
public final class RlnChainManifests {
  /**
   * The foundry image waku-simulator pins (034c60e docker-compose.yml); anvil is on its PATH.
   * Pinned by tag: nightly tags of foundry are immutable builds of one commit.
   */
  public static final String ANVIL_IMAGE =
      "ghcr.io/foundry-rs/foundry:nightly-9b73e06e1fe376738b92ae081107620291d50188";

  public static final int RPC_PORT = 8545;

  /** The chain id when the spec gives none (waku-simulator's). */
  public static final long DEFAULT_CHAIN_ID = 1234;

  private RlnChainManifests() {}

  public static String name(ChatNetwork network) {
    return network.getMetadata().getName() + "-rln-chain";
  }

  /** The URL nodes and Jobs reach the chain at (a single-label host passes nwaku's URL check). */
  public static String rpcUrl(ChatNetwork network) {
    return "http://" + name(network) + ":" + RPC_PORT;
  }

  public static long chainId(ChatNetwork network) {
    Long id = network.getSpec().getRln().getChain().getChainId();
    return id == null ? DEFAULT_CHAIN_ID : id;
  }

  static Map<String, String> labels(ChatNetwork network) {
    Map<String, String> labels = new LinkedHashMap<>(Labels.network(network));
    labels.put("chatnet.io/rln", "chain");
    return labels;
  }

  public static Deployment deployment(ChatNetwork network) {
    Map<String, String> labels = labels(network);
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name(network))
        .withNamespace(network.getMetadata().getNamespace())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        // one chain: a second pod would be a second, empty chain
        .withNewStrategy()
        .withType("Recreate")
        .endStrategy()
        .withNewSelector()
        .withMatchLabels(labels)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .addNewContainer()
        .withName("anvil")
        .withImage(ANVIL_IMAGE)
        .withCommand("anvil")
        .withArgs(anvilArgs(chainId(network)))
        .addNewPort()
        .withName("rpc")
        .withContainerPort(RPC_PORT)
        .endPort()
        .withNewReadinessProbe()
        .withNewTcpSocket()
        .withNewPort(RPC_PORT)
        .endTcpSocket()
        .withPeriodSeconds(2)
        .endReadinessProbe()
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  static List<String> anvilArgs(long chainId) {
    return List.of(
        "--host=0.0.0.0",
        "--port=" + RPC_PORT,
        "--chain-id=" + chainId,
        "--block-time=3",
        "--gas-limit=30000000",
        "--gas-price=1",
        "--silent");
  }

  public static Service service(ChatNetwork network) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name(network))
        .withNamespace(network.getMetadata().getNamespace())
        .withLabels(labels(network))
        .endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(labels(network))
        .addNewPort()
        .withName("rpc")
        .withPort(RPC_PORT)
        .withNewTargetPort(RPC_PORT)
        .endPort()
        .endSpec()
        .build();
  }
}

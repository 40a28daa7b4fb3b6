package io.chatnet.operator.reliability;

import io.chatnet.operator.Scenarios;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What ExperimentFaultCampaignIT's experiment trials need around them, for the campaigns that reuse
 * those trials with another fault (control plane restarts, leader failover): its history and shard
 * player, and its Ready network.
 */
final class ExperimentStage {
  private ExperimentStage() {}

  static void setUp(KubernetesClient client, TestNamespace ns, CampaignSettings settings)
      throws InterruptedException {
    ExperimentFaultCampaignIT.history = new ExperimentHistory(client, ns.name());
    ExperimentFaultCampaignIT.player = new ShardPlayer(client, ns.name());
    client
        .resource(Scenarios.manifest("smoke.yaml", ns.name(), ExperimentFaultCampaignIT.NETWORK))
        .create();
    Campaign.awaitClean(
        () -> NetworkFaultCampaignIT.converged(client, ns, ExperimentFaultCampaignIT.NETWORK),
        settings.convergeWithin());
  }

  static void tearDown(KubernetesClient client) {
    ExperimentFaultCampaignIT.uncordon(client);
    if (ExperimentFaultCampaignIT.player != null) {
      ExperimentFaultCampaignIT.player.close();
    }
    if (ExperimentFaultCampaignIT.history != null) {
      ExperimentFaultCampaignIT.history.close();
    }
  }
}

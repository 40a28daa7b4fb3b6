package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.network.GroupStatefulSet;
import io.chatnet.operator.rln.RlnBinding;
import io.chatnet.operator.rln.RlnEndpoints;
import io.chatnet.operator.rln.RlnFixtures;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A publishing group held at its funded count is not ready, however ready its running pods are:
 * readiness compares the StatefulSet with the spec's replicas, so the network never claims Ready
 * before every node it asked for runs.
 */
class RlnClampedReadinessTest {
  static final RlnEndpoints CHAIN =
      new RlnEndpoints(
          "http://net-rln-chain:8545", "0x0165878A594ca255338adfa4d48449f69242Eb8F", 1234);

  static StatefulSet running(ChatNetwork network, NodeGroup group, int funded) {
    StatefulSet sts =
        GroupStatefulSet.build(
            network,
            group,
            1,
            Scenarios.DEFAULTS,
            Optional.of(new RlnBinding(CHAIN, Map.of(group.getName(), funded))));
    int pods = sts.getSpec().getReplicas();
    sts.getMetadata().setGeneration(1L);
    sts.setStatus(
        new StatefulSetStatusBuilder()
            .withObservedGeneration(1L)
            .withReplicas(pods)
            .withReadyReplicas(pods)
            .withUpdatedReplicas(pods)
            .build());
    return sts;
  }

  @Test
  void aGroupHeldBelowItsReplicasIsNotReadyUntilAllAreFunded() {
    ChatNetwork network = RlnFixtures.network("{enabled: true}");
    NodeGroup relay = network.getSpec().getGroups().get(1); // 3 replicas
    assertThat(running(network, relay, 2).getSpec().getReplicas()).isEqualTo(2);
    assertThat(NetworkStatusCalculator.groupReady(relay, running(network, relay, 2))).isFalse();
    assertThat(NetworkStatusCalculator.groupReady(relay, running(network, relay, 3))).isTrue();
  }
}

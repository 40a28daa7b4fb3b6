package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.contract.Plan;
import io.chatnet.loadgen.client.Json;
import io.chatnet.loadgen.plan.Assignment;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentBehaviours;
import io.chatnet.operator.api.GroupRole;
import io.chatnet.operator.api.PeriodicBehaviour;
import io.chatnet.operator.experiment.ExperimentPlan;
import io.chatnet.operator.network.NetworkConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecChecksTest {
  @Test
  void aStaticTopologyTooLargeForTheConfigMapIsReportedWithTheField() {
    ChatNetwork network = Scenarios.network("relay-only.yaml", "ns");
    network.getSpec().getGroups().get(0).setReplicas(4000);
    network.getSpec().getDiscovery().setDegree(8);
    var configMap = NetworkConfigMap.build(network, Map.of(), "cluster.local");
    assertThat(NetworkConfigMap.dataBytes(configMap))
        .isGreaterThan(NetworkConfigMap.MAX_DATA_BYTES);
    assertThat(SpecChecks.problems(network, configMap))
        .singleElement()
        .asString()
        .startsWith("spec.discovery:")
        .contains("use discovery mode discv5");
  }

  @Test
  void theScenariosPassTheChecks() {
    for (String file : new String[] {"smoke.yaml", "relay-only.yaml", "baseline-1to1-1000.yaml"}) {
      ChatNetwork network = Scenarios.network(file, "ns");
      assertThat(
              SpecChecks.problems(
                  network, NetworkConfigMap.build(network, Map.of(), "cluster.local")))
          .as(file)
          .isEmpty();
    }
  }

  static ChatExperiment experiment(String traffic) {
    return Serialization.unmarshal(
        """
        apiVersion: chatnet.io/v1alpha1
        kind: ChatExperiment
        metadata: {name: e, namespace: ns}
        spec:
          networkRef: {name: smoke}
          traffic: %s
        """
            .formatted(traffic),
        ChatExperiment.class);
  }

  /** smoke.yaml: 4 desktop and 2 mobile status-backend clients, relay and service nodes. */
  static ChatNetwork smoke() {
    ChatNetwork network = Scenarios.network("smoke.yaml", "ns");
    network.getMetadata().setName("smoke");
    return network;
  }

  @Test
  void trafficTheClientsCannotFormIsRefusedNamingTheFieldsAndNumbers() {
    assertThat(
            SpecChecks.problems(
                experiment("{oneToOne: {pairs: 3, messagesPerMinute: 1}}"), smoke()))
        .isEmpty();
    assertThat(
            SpecChecks.problems(
                experiment("{oneToOne: {pairs: 4, messagesPerMinute: 1}}"), smoke()))
        .containsExactly(
            "spec.traffic.oneToOne.pairs=4 needs 8 clients (a client chats in at most one pair or"
                + " group), network smoke has 6 status-backend clients");
    assertThat(
            SpecChecks.problems(
                experiment(
                    "{oneToOne: {pairs: 1, messagesPerMinute: 1}, privateGroups: {groups: 2,"
                        + " membersPerGroup: 3, messagesPerMinute: 1}}"),
                smoke()))
        .containsExactly(
            "spec.traffic.oneToOne.pairs=1 and spec.traffic.privateGroups.groups=2 x"
                + " membersPerGroup=3 need 8 clients (a client chats in at most one pair or group),"
                + " network smoke has 6 status-backend clients");
    assertThat(
            SpecChecks.problems(
                experiment(
                    "{oneToOne: {pairs: 1, desktopMobilePairs: 1, messagesPerMinute: 1},"
                        + " privateGroups: {groups: 2, membersPerGroup: 2, mobileMembersPerGroup:"
                        + " 1, messagesPerMinute: 1}}"),
                smoke()))
        .containsExactly(
            "spec.traffic.oneToOne.desktopMobilePairs=1 and spec.traffic.privateGroups.groups=2"
                + " with mobileMembersPerGroup=1 of membersPerGroup=2 need 3 mobile clients,"
                + " network smoke has 2");
    ChatNetwork noRelays = smoke();
    noRelays.getSpec().getGroups().stream()
        .filter(g -> g.getRole() == GroupRole.RELAY || g.getRole() == GroupRole.SERVICE)
        .forEach(g -> g.setReplicas(0));
    assertThat(SpecChecks.problems(experiment("{relay: {messagesPerSecond: 5}}"), noRelays))
        .containsExactly(
            "spec.traffic.relay needs nwaku nodes with role relay or service to publish through,"
                + " network smoke has none");
  }

  @Test
  void behavioursOnANetworkWithoutMobileClientsAreRefused() {
    ChatExperiment churn = experiment("{oneToOne: {pairs: 1, messagesPerMinute: 1}}");
    churn.getSpec().setBehaviours(new ExperimentBehaviours());
    PeriodicBehaviour offline = new PeriodicBehaviour();
    offline.setFraction(0.5);
    offline.setPeriodSeconds(60);
    offline.setDurationSeconds(10);
    churn.getSpec().getBehaviours().setOffline(offline);
    assertThat(SpecChecks.problems(churn, smoke())).isEmpty();
    ChatNetwork desktopsOnly = smoke();
    desktopsOnly.getSpec().getGroups().stream()
        .filter(g -> g.getRole() == GroupRole.MOBILE)
        .forEach(g -> g.setReplicas(0));
    assertThat(SpecChecks.problems(churn, desktopsOnly))
        .containsExactly(
            "spec.behaviours apply to mobile clients only, network smoke has no mobile clients");
  }

  /** The operator and the load generator agree on what fits (the load generator re-checks). */
  @Test
  void theOperatorsCheckAndTheLoadGeneratorsAgree() throws Exception {
    ChatNetwork network = smoke();
    String[] traffics = {
      "{oneToOne: {pairs: 3, messagesPerMinute: 1}}",
      "{oneToOne: {pairs: 4, messagesPerMinute: 1}}",
      "{oneToOne: {pairs: 2, desktopMobilePairs: 2, messagesPerMinute: 1}}",
      "{oneToOne: {pairs: 3, desktopMobilePairs: 3, messagesPerMinute: 1}}",
      "{privateGroups: {groups: 2, membersPerGroup: 3, mobileMembersPerGroup: 1,"
          + " messagesPerMinute: 1}}",
      "{privateGroups: {groups: 2, membersPerGroup: 3, mobileMembersPerGroup: 2,"
          + " messagesPerMinute: 1}}",
      "{oneToOne: {pairs: 1, messagesPerMinute: 1}, privateGroups: {groups: 1, membersPerGroup:"
          + " 4, messagesPerMinute: 1}}",
      "{oneToOne: {pairs: 1, messagesPerMinute: 1}, privateGroups: {groups: 1, membersPerGroup:"
          + " 5, messagesPerMinute: 1}}"
    };
    int refused = 0;
    for (String traffic : traffics) {
      ChatExperiment experiment = experiment(traffic);
      experiment.getMetadata().setUid("u");
      String json =
          Json.MAPPER.writeValueAsString(
              ExperimentPlan.build(experiment, network, Instant.now(), "cluster.local"));
      Plan plan = Json.MAPPER.readValue(json, Plan.class);
      boolean operatorRefuses = !SpecChecks.problems(experiment, network).isEmpty();
      assertThat(Assignment.problems(plan).isEmpty()).as(traffic).isEqualTo(!operatorRefuses);
      refused += operatorRefuses ? 1 : 0;
    }
    assertThat(refused).isEqualTo(4);
  }
}

package io.chatnet.operator.reconciler;

import static io.chatnet.operator.reconciler.RlnRefusalClusterTest.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.ShardPods;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.api.RlnGroupStatus;
import io.chatnet.operator.identity.EthAccount;
import io.chatnet.operator.rln.RlnBringUp;
import io.chatnet.operator.rln.RlnFixtures;
import io.chatnet.operator.rln.RlnJobs;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RLN bring-up on the local cluster, Job completion played as the experiment tests do: kwok
 * runs no container, completes each Job pod with exit 0, and the test writes the termination
 * message a real deploy Job would (its KEY=VALUE addresses). The chain Deployment turns available
 * by the real controllers and kwok's ready pods.
 */
@LocalClusterTest
class RlnBringUpClusterTest {
  static final String CONTRACT = RlnFixtures.CONTRACT;
  static final String TOKEN = RlnFixtures.TOKEN;
  static final String OUTPUTS = RlnFixtures.DEPLOY_OUTPUTS;

  static InProcessOperator operator;

  /** anvil's account 0 key without 0x (rln/RlnJobs keeps it in the deployer Secret only). */
  static final String DEPLOYER_KEY_HEX =
      "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  @BeforeAll
  static void start(KubernetesClient client, TestNamespace ns) {
    Crds.install(client);
    operator = InProcessOperator.start(ns.name(), Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  static String spec(int relays) {
    return """
        seed: rln-up
        rln: {enabled: true, userMessageLimit: 20}
        groups:
        - {name: boot, kind: nwaku, role: bootstrap, replicas: 1, version: logos-delivery-v0.38.1}
        - {name: relay, kind: nwaku, role: relay, replicas: %d, version: logos-delivery-v0.38.1}
        """
        .formatted(relays);
  }

  @Test
  void goesThroughItsStepsInOrderScalesUpFundingOnlyNewOrdinalsAndLeavesNothingWhenDeleted(
      KubernetesClient client, TestNamespace ns) {
    String net = "rlnup";
    create(client, ns, net, spec(2));

    // nothing but the chain and the deploy Job before the contract is known
    Pod deployPod = finishedJobPod(client, ns, net + "-rln-deploy");
    assertThat(statefulSets(client, ns, net)).isEmpty();
    assertOwnedByNetwork(
        client,
        ns,
        net,
        client.apps().deployments().inNamespace(ns.name()).withName(net + "-rln-chain").get());
    assertOwnedByNetwork(
        client,
        ns,
        net,
        client.services().inNamespace(ns.name()).withName(net + "-rln-chain").get());
    assertOwnedByNetwork(
        client,
        ns,
        net,
        client.batch().v1().jobs().inNamespace(ns.name()).withName(net + "-rln-deploy").get());
    writeTermination(client, ns, deployPod.getMetadata().getName(), 0, OUTPUTS);

    ChatNetwork ready = awaitRlnReason(client, ns, net, RlnBringUp.READY);
    Condition rlnReady = condition(ready, "RlnReady");
    assertThat(rlnReady.getStatus()).isEqualTo("True");
    assertThat(rlnReady.getMessage()).contains(CONTRACT);
    assertThat(ready.getStatus().getRln().getContractAddress()).isEqualTo(CONTRACT);
    assertThat(ready.getStatus().getRln().getTokenAddress()).isEqualTo(TOKEN);
    assertThat(ready.getStatus().getRln().getRpcUrl())
        .isEqualTo("http://" + net + "-rln-chain:8545");
    assertThat(funded(ready, "relay")).isEqualTo(2);
    Job firstRound =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(ns.name())
            .withName(net + "-rln-fund-relay-0-1")
            .get();
    assertThat(firstRound).isNotNull();
    assertOwnedByNetwork(client, ns, net, firstRound);
    // each step reached is a Normal event, in order
    assertThat(rlnEventReasons(client, ns, net))
        .containsSubsequence(
            RlnBringUp.CHAIN_STARTING,
            RlnBringUp.CONTRACT_DEPLOYING,
            RlnBringUp.FUNDING,
            RlnBringUp.READY);
    await(net + " groups applied")
        .atMost(Duration.ofSeconds(90))
        .until(() -> statefulSets(client, ns, net).size() == 2);

    // scale-up: one new round for ordinals 2..3, the first Job untouched
    client
        .resources(ChatNetwork.class)
        .inNamespace(ns.name())
        .withName(net)
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\": \"replace\", \"path\": \"/spec/groups/1/replicas\", \"value\": 4}]");
    await("funded 4")
        .atMost(Duration.ofSeconds(120))
        .until(
            () -> {
              ChatNetwork live = live(client, ns, net);
              return funded(live, "relay") == 4
                  && "True".equals(condition(live, "RlnReady").getStatus());
            });
    List<Job> rounds = rlnJobs(client, ns, net, "fund");
    assertThat(rounds)
        .extracting(j -> j.getMetadata().getName())
        .containsExactly(net + "-rln-fund-relay-0-1", net + "-rln-fund-relay-2-3");
    assertThat(rounds.get(0).getMetadata().getUid()).isEqualTo(firstRound.getMetadata().getUid());
    assertThat(rounds.get(0).getMetadata().getCreationTimestamp())
        .isEqualTo(firstRound.getMetadata().getCreationTimestamp());
    // the deploy Job ran once
    assertThat(rlnJobs(client, ns, net, "deploy")).hasSize(1);

    // no key in what the operator wrote outside Secrets: status, events, Jobs, chain, ConfigMaps
    String written =
        Serialization.asJson(live(client, ns, net).getStatus())
            + Serialization.asJson(events(client, ns, net))
            + Serialization.asJson(client.batch().v1().jobs().inNamespace(ns.name()).list())
            + Serialization.asJson(client.apps().deployments().inNamespace(ns.name()).list())
            + Serialization.asJson(client.configMaps().inNamespace(ns.name()).list());
    assertThat(written).doesNotContain(DEPLOYER_KEY_HEX);
    for (int ordinal = 0; ordinal < 4; ordinal++) {
      assertThat(written)
          .doesNotContain(
              EthAccount.derive("rln-up", "relay", ordinal).privateKeyHex().substring(2));
    }

    // deletion: owner references take everything, Jobs' pods included
    client.resources(ChatNetwork.class).inNamespace(ns.name()).withName(net).delete();
    await(net + " leaves nothing")
        .atMost(Duration.ofSeconds(120))
        .until(() -> leftOf(client, ns, net).isEmpty());
  }

  @Test
  void aDeployJobWithoutItsAddressesFailsTheStepWithItsReasonAndAWarning(
      KubernetesClient client, TestNamespace ns) {
    String net = "rlnbad";
    create(client, ns, net, spec(2));
    Pod pod = finishedJobPod(client, ns, net + "-rln-deploy");
    writeTermination(client, ns, pod.getMetadata().getName(), 0, "TOKEN_ADDRESS=0xnope\n");

    ChatNetwork failed = awaitRlnReason(client, ns, net, RlnBringUp.STEP_FAILED);
    assertThat(failed.getStatus().getPhase()).isEqualTo(NetworkPhase.Failed);
    for (String type : List.of("RlnReady", "Ready")) {
      Condition c = condition(failed, type);
      assertThat(c.getStatus()).as(type).isEqualTo("False");
      assertThat(c.getReason()).as(type).isEqualTo(RlnBringUp.STEP_FAILED);
      assertThat(c.getMessage())
          .as(type)
          .contains("Job " + net + "-rln-deploy")
          .contains("TOKEN_ADDRESS is not an address")
          .contains("RLN_CONTRACT_ADDRESS missing");
    }
    await(net + " Warning event")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                events(client, ns, net).stream()
                    .anyMatch(
                        e ->
                            "Warning".equals(e.getType())
                                && RlnBringUp.STEP_FAILED.equals(e.getReason())
                                && e.getMessage().contains(net + "-rln-deploy")));
    assertThat(failed.getStatus().getRln().getContractAddress()).isNull();
    assertThat(statefulSets(client, ns, net)).isEmpty();
    assertThat(rlnJobs(client, ns, net, "fund")).isEmpty();
  }

  // ---- helpers

  static ChatNetwork live(KubernetesClient client, TestNamespace ns, String name) {
    return client.resources(ChatNetwork.class).inNamespace(ns.name()).withName(name).get();
  }

  static Condition condition(ChatNetwork network, String type) {
    return network.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  static int funded(ChatNetwork network, String group) {
    return network.getStatus().getRln() == null
        ? 0
        : network.getStatus().getRln().getGroups().stream()
            .filter(g -> group.equals(g.getName()))
            .mapToInt(RlnGroupStatus::getFunded)
            .findFirst()
            .orElse(0);
  }

  static ChatNetwork awaitRlnReason(
      KubernetesClient client, TestNamespace ns, String name, String reason) {
    await(name + " RlnReady " + reason)
        .atMost(Duration.ofSeconds(120))
        .until(
            () -> {
              ChatNetwork n = live(client, ns, name);
              return n.getStatus() != null
                  && n.getStatus().getConditions().stream()
                      .anyMatch(
                          c -> "RlnReady".equals(c.getType()) && reason.equals(c.getReason()));
            });
    return live(client, ns, name);
  }

  /** The Job's pod once kwok completed it. */
  static Pod finishedJobPod(KubernetesClient client, TestNamespace ns, String job) {
    await(job + " pod completed by kwok")
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                client
                    .pods()
                    .inNamespace(ns.name())
                    .withLabel("job-name", job)
                    .list()
                    .getItems()
                    .stream()
                    .anyMatch(p -> "Succeeded".equals(p.getStatus().getPhase())));
    return client.pods().inNamespace(ns.name()).withLabel("job-name", job).list().getItems().get(0);
  }

  /** What a real Job's container leaves: terminated, its exit code and termination message. */
  static void writeTermination(
      KubernetesClient client, TestNamespace ns, String pod, int exitCode, String message) {
    ShardPods.terminate(
        client,
        ns.name(),
        pod,
        RlnJobs.CONTAINER,
        exitCode,
        exitCode == 0 ? "Completed" : "Error",
        message);
  }

  /** The network's RLN Jobs of one kind (deploy, fund). */
  static List<Job> rlnJobs(KubernetesClient client, TestNamespace ns, String net, String kind) {
    return client
        .batch()
        .v1()
        .jobs()
        .inNamespace(ns.name())
        .withLabel(RlnJobs.RLN_LABEL, kind)
        .list()
        .getItems()
        .stream()
        .filter(j -> j.getMetadata().getName().startsWith(net + "-"))
        .sorted(Comparator.comparing(j -> j.getMetadata().getName()))
        .toList();
  }

  static void assertOwnedByNetwork(
      KubernetesClient client, TestNamespace ns, String net, HasMetadata object) {
    assertThat(object).isNotNull();
    assertThat(object.getMetadata().getOwnerReferences())
        .anyMatch(
            r ->
                "ChatNetwork".equals(r.getKind())
                    && net.equals(r.getName())
                    && Boolean.TRUE.equals(r.getController()));
  }

  static List<Event> events(KubernetesClient client, TestNamespace ns, String net) {
    return client.v1().events().inNamespace(ns.name()).list().getItems().stream()
        .filter(e -> net.equals(e.getInvolvedObject().getName()))
        // creation order: timestamps have one-second resolution, etcd revisions grow
        .sorted(Comparator.comparingLong(e -> Long.parseLong(e.getMetadata().getResourceVersion())))
        .toList();
  }

  static List<String> rlnEventReasons(KubernetesClient client, TestNamespace ns, String net) {
    return events(client, ns, net).stream()
        .filter(e -> e.getReason().startsWith("Rln"))
        .map(Event::getReason)
        .toList();
  }

  static List<String> statefulSets(KubernetesClient client, TestNamespace ns, String net) {
    return names(client.apps().statefulSets().inNamespace(ns.name()).list().getItems(), net);
  }

  /** Every Deployment, Service, Job, pod, Secret and ConfigMap of the network still present. */
  static List<String> leftOf(KubernetesClient client, TestNamespace ns, String net) {
    List<String> left = new ArrayList<>();
    String n = ns.name();
    Stream.of(
            names(client.apps().deployments().inNamespace(n).list().getItems(), net),
            names(client.apps().replicaSets().inNamespace(n).list().getItems(), net),
            names(client.services().inNamespace(n).list().getItems(), net),
            names(client.batch().v1().jobs().inNamespace(n).list().getItems(), net),
            names(client.pods().inNamespace(n).list().getItems(), net),
            names(client.secrets().inNamespace(n).list().getItems(), net),
            names(client.configMaps().inNamespace(n).list().getItems(), net),
            names(client.apps().statefulSets().inNamespace(n).list().getItems(), net))
        .forEach(left::addAll);
    return left;
  }

  static List<String> names(List<? extends HasMetadata> objects, String net) {
    return objects.stream()
        .map(o -> o.getKind() + "/" + o.getMetadata().getName())
        .filter(name -> name.substring(name.indexOf('/') + 1).startsWith(net + "-"))
        .toList();
  }

  static Optional<Condition> find(ChatNetwork n, String type) {
    return n.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}

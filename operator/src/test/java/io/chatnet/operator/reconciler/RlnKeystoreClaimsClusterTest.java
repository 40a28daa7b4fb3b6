package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatnet.operator.Crds;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.RlnSpec;
import io.chatnet.operator.network.GroupStatefulSet;
import io.chatnet.operator.network.NodeKeySecrets;
import io.chatnet.operator.network.RlnAccountSecrets;
import io.chatnet.operator.network.RlnGroupPods;
import io.chatnet.operator.rln.RlnBinding;
import io.chatnet.operator.rln.RlnEndpoints;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On the local cluster (real API server, scheduler and kube-controller-manager's PV controller;
 * kwok plays the kubelets): a bound RLN publishing group's StatefulSet, built by GroupStatefulSet
 * and written by the Applier as the reconciler does, gets one keystore claim per pod, bound to
 * pre-created PersistentVolumes of the spec's storage class (the local cluster has no provisioner),
 * and its pods turn Ready; more funded accounts add exactly the new pods and claims, the old claims
 * untouched. And the API server refuses RLN settings changed after creation.
 */
@LocalClusterTest
class RlnKeystoreClaimsClusterTest {
  static final RlnEndpoints CHAIN =
      new RlnEndpoints(
          "http://net-rln-chain:8545", "0x0165878A594ca255338adfa4d48449f69242Eb8F", 1234);

  @BeforeAll
  static void crds(KubernetesClient client) {
    Crds.install(client);
  }

  static ChatNetwork create(KubernetesClient client, TestNamespace ns, String name, String spec) {
    return RlnRefusalClusterTest.create(client, ns, name, spec);
  }

  @Test
  void publishingPodsBindTheirKeystoreClaimsAndAScaleUpAddsOnlyNewOnes(
      KubernetesClient client, TestNamespace ns) {
    String storageClass = "keystore-" + ns.name();
    List<PersistentVolume> volumes = new java.util.ArrayList<>();
    try {
      client
          .storage()
          .v1()
          .storageClasses()
          .resource(
              new StorageClassBuilder()
                  .withNewMetadata()
                  .withName(storageClass)
                  .endMetadata()
                  .withProvisioner("kubernetes.io/no-provisioner")
                  .withVolumeBindingMode("Immediate")
                  .build())
          .create();
      for (int i = 0; i < 4; i++) {
        volumes.add(
            client
                .persistentVolumes()
                .resource(
                    new PersistentVolumeBuilder()
                        .withNewMetadata()
                        .withName(storageClass + "-" + i)
                        .endMetadata()
                        .withNewSpec()
                        .withStorageClassName(storageClass)
                        .withCapacity(Map.of("storage", new Quantity("1Mi")))
                        .withAccessModes("ReadWriteOnce")
                        .withPersistentVolumeReclaimPolicy("Retain")
                        .withNewHostPath()
                        .withPath("/var/lib/chatnet-test/" + storageClass + "/" + i)
                        .endHostPath()
                        .endSpec()
                        .build())
                .create());
      }
      ChatNetwork network =
          create(
              client,
              ns,
              "net",
              """
              seed: claims
              rln: {enabled: true, keystoreStorageClass: %s}
              groups:
              - {name: boot, kind: nwaku, role: bootstrap, replicas: 1}
              - {name: relay, kind: nwaku, role: relay, replicas: 4}
              """
                  .formatted(storageClass));
      NodeGroup relay = network.getSpec().getGroups().get(1);
      Applier applier = new Applier(client);
      for (Secret secret : NodeKeySecrets.build(network, relay)) {
        applier.apply(network, secret, Optional.empty());
      }
      for (Secret secret : RlnAccountSecrets.all(network)) {
        applier.apply(network, secret, Optional.empty());
      }

      // two accounts funded: two pods, two claims
      apply(client, applier, network, relay, 2);
      awaitBoundAndReady(client, ns, 2);
      Map<String, String> before = claimUids(client, ns);
      assertThat(before).containsOnlyKeys("rln-net-relay-0", "rln-net-relay-1");

      // all four funded: two more pods and claims; the first two claims are the same objects
      apply(client, applier, network, relay, 4);
      awaitBoundAndReady(client, ns, 4);
      Map<String, String> after = claimUids(client, ns);
      assertThat(after)
          .containsOnlyKeys(
              "rln-net-relay-0", "rln-net-relay-1", "rln-net-relay-2", "rln-net-relay-3");
      assertThat(after).containsAllEntriesOf(before);
      // every claim on a volume of the spec's class
      assertThat(
              client
                  .persistentVolumeClaims()
                  .inNamespace(ns.name())
                  .withLabel("chatnet.io/network", "net")
                  .list()
                  .getItems())
          .allSatisfy(
              c -> {
                assertThat(c.getSpec().getStorageClassName()).isEqualTo(storageClass);
                assertThat(c.getSpec().getVolumeName()).startsWith(storageClass + "-");
              });
      // each pod registers first, from the node's image
      assertThat(client.pods().inNamespace(ns.name()).withLabel("chatnet.io/group", "relay").list())
          .satisfies(
              pods ->
                  assertThat(pods.getItems())
                      .hasSize(4)
                      .allSatisfy(
                          p ->
                              assertThat(p.getSpec().getInitContainers().get(0).getName())
                                  .isEqualTo(RlnBinding.KEYSTORE_INIT_CONTAINER)));
    } finally {
      // volumes are cluster-wide: released once the namespace's claims are gone
      client.apps().statefulSets().inNamespace(ns.name()).delete();
      client.persistentVolumeClaims().inNamespace(ns.name()).delete();
      for (PersistentVolume v : volumes) {
        client.resource(v).delete();
      }
      client.storage().v1().storageClasses().withName(storageClass).delete();
    }
  }

  /**
   * A claim nothing can bind (its class provisions nothing and has no volumes): the group's
   * diagnosis names the claim and the spec field, beside the scheduler's own words.
   */
  @Test
  void aPodWaitingForItsKeystoreClaimIsDiagnosedWithTheClaimAndTheField(
      KubernetesClient client, TestNamespace ns) {
    ChatNetwork network =
        create(
            client,
            ns,
            "pend",
            """
            seed: pending
            rln: {enabled: true, keystoreStorageClass: no-such-class}
            groups:
            - {name: boot, kind: nwaku, role: bootstrap, replicas: 1}
            - {name: relay, kind: nwaku, role: relay, replicas: 1}
            """);
    NodeGroup relay = network.getSpec().getGroups().get(1);
    apply(client, new Applier(client), network, relay, 1);
    await("pod pend-relay-0 unschedulable for its claim")
        .atMost(Duration.ofSeconds(120))
        .until(
            () -> {
              var pod = client.pods().inNamespace(ns.name()).withName("pend-relay-0").get();
              return pod != null
                  && pod.getStatus() != null
                  && pod.getStatus().getConditions().stream()
                      .anyMatch(
                          c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()));
            });
    GroupDiagnosis.Cause cause =
        GroupDiagnosis.causeOf(client.pods().inNamespace(ns.name()).withName("pend-relay-0").get());
    assertThat(cause.reason()).isEqualTo("Unschedulable");
    assertThat(cause.message())
        .contains("keystore claim rln-pend-relay-0 is not bound")
        .contains("spec.rln.keystoreStorageClass")
        .contains("PersistentVolumeClaims");
    assertThat(client.persistentVolumeClaims().inNamespace(ns.name()).withName("rln-pend-relay-0"))
        .satisfies(c -> assertThat(c.get().getStatus().getPhase()).isEqualTo("Pending"));
    client.apps().statefulSets().inNamespace(ns.name()).delete();
    client.persistentVolumeClaims().inNamespace(ns.name()).delete();
  }

  private static void apply(
      KubernetesClient client, Applier applier, ChatNetwork network, NodeGroup relay, int funded) {
    StatefulSet desired =
        GroupStatefulSet.build(
            network,
            relay,
            NodeKeySecrets.chunks(relay.getReplicas()),
            Scenarios.DEFAULTS,
            Optional.of(new RlnBinding(CHAIN, Map.of("relay", funded))));
    assertThat(desired.getSpec().getVolumeClaimTemplates())
        .extracting(c -> c.getMetadata().getName())
        .containsExactly(RlnGroupPods.CLAIM);
    StatefulSet live =
        client
            .apps()
            .statefulSets()
            .inNamespace(network.getMetadata().getNamespace())
            .withName(desired.getMetadata().getName())
            .get();
    applier.apply(network, desired, Optional.ofNullable(live));
  }

  private static void awaitBoundAndReady(KubernetesClient client, TestNamespace ns, int pods) {
    await(pods + " keystore claims bound and " + pods + " pods ready")
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              List<PersistentVolumeClaim> claims =
                  client
                      .persistentVolumeClaims()
                      .inNamespace(ns.name())
                      .withLabel("chatnet.io/network", "net")
                      .list()
                      .getItems();
              StatefulSet sts =
                  client.apps().statefulSets().inNamespace(ns.name()).withName("net-relay").get();
              return claims.size() == pods
                  && claims.stream().allMatch(c -> "Bound".equals(c.getStatus().getPhase()))
                  && sts.getStatus() != null
                  && Integer.valueOf(pods).equals(sts.getStatus().getReadyReplicas());
            });
  }

  private static Map<String, String> claimUids(KubernetesClient client, TestNamespace ns) {
    return client
        .persistentVolumeClaims()
        .inNamespace(ns.name())
        .withLabel("chatnet.io/network", "net")
        .list()
        .getItems()
        .stream()
        .collect(
            Collectors.toMap(
                c -> c.getMetadata().getName(),
                c -> c.getMetadata().getUid(),
                (a, b) -> a,
                HashMap::new));
  }

  @Test
  void rlnSettingsThatShapeTheClaimsCannotChangeAfterCreation(
      KubernetesClient client, TestNamespace ns) {
    String groups =
        """
        groups:
        - {name: boot, kind: nwaku, role: bootstrap, replicas: 1}
        - {name: relay, kind: nwaku, role: relay, replicas: 2}
        - {name: more, kind: nwaku, role: relay, replicas: 2}
        """;
    create(client, ns, "plain", "seed: s\n" + groups);
    assertRefused(
        client,
        ns,
        "plain",
        n -> {
          RlnSpec rln = new RlnSpec();
          rln.setEnabled(true);
          n.getSpec().setRln(rln);
        },
        "spec.rln.enabled cannot change after the network is created");

    create(client, ns, "rln", "seed: s\nrln: {enabled: true}\n" + groups);
    assertRefused(
        client,
        ns,
        "rln",
        n -> n.getSpec().getRln().setEnabled(false),
        "spec.rln.enabled cannot change after the network is created");
    assertRefused(
        client,
        ns,
        "rln",
        n -> n.getSpec().getRln().setKeystoreStorageClass("fast"),
        "spec.rln.keystoreStorageClass cannot change after creation");
    assertRefused(
        client,
        ns,
        "rln",
        n -> n.getSpec().getRln().setValidatorGroups(List.of("more")),
        "spec.rln.validatorGroups cannot change after creation");
    // the limit shapes no claim: it may change
    client
        .resources(ChatNetwork.class)
        .inNamespace(ns.name())
        .withName("rln")
        .edit(
            n -> {
              n.getSpec().getRln().setUserMessageLimit(100);
              return n;
            });
    // and extraArgs cannot set any rln-relay option
    assertRefused(
        client,
        ns,
        "plain",
        n -> {
          n.getSpec().getGroups().get(1).setExtraArgs(List.of("--rln-relay-cred-path=/x"));
        },
        "extraArgs must not set flags the operator manages (use the spec fields instead):"
            + " --rln-relay-cred-path=/x");
  }

  private static void assertRefused(
      KubernetesClient client,
      TestNamespace ns,
      String name,
      java.util.function.Consumer<ChatNetwork> change,
      String message) {
    assertThatThrownBy(
            () ->
                client
                    .resources(ChatNetwork.class)
                    .inNamespace(ns.name())
                    .withName(name)
                    .edit(
                        n -> {
                          change.accept(n);
                          return n;
                        }))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(message);
  }
}

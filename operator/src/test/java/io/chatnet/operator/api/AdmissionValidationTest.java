package io.chatnet.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatnet.operator.Crds;
import io.chatnet.operator.Scenarios;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real API server rejects bad ChatNetworks and ChatExperiments at admission, with a message
 * naming the field and the rule. Each file in src/test/resources/invalid-networks/ states what its
 * rejection must say ("# expect: ..." lines). The ready scenarios in test-scenarios/ must all be
 * accepted.
 */
@LocalClusterTest
class AdmissionValidationTest {
  static final List<Path> CORPORA =
      List.of(
          Path.of("src/test/resources/invalid-networks"),
          Path.of("src/test/resources/invalid-experiments"));

  @BeforeAll
  static void installCrds(KubernetesClient client) {
    Crds.install(client);
  }

  static Stream<Path> invalidManifests() throws IOException {
    List<Path> all = new java.util.ArrayList<>();
    for (Path corpus : CORPORA) {
      try (Stream<Path> files = Files.list(corpus)) {
        files.filter(p -> p.toString().endsWith(".yaml")).forEach(all::add);
      }
    }
    return all.stream().sorted();
  }

  static Stream<Path> scenarios() throws IOException {
    return Files.list(Scenarios.dir())
        .filter(p -> p.toString().endsWith(".yaml"))
        .filter(p -> read(p).contains("apiVersion: chatnet.io/"))
        .sorted();
  }

  @Test
  void theCorpusCoversAtLeastSixtySixNetworkAndTwentyEightExperimentMistakes() throws IOException {
    assertThat(invalidManifests().filter(p -> p.toString().contains("invalid-networks")).count())
        .isGreaterThanOrEqualTo(66);
    assertThat(invalidManifests().filter(p -> p.toString().contains("invalid-experiments")).count())
        .isGreaterThanOrEqualTo(28);
  }

  @Test
  void anExperimentCannotBeChangedOnceCreated(KubernetesClient client, TestNamespace ns) {
    ChatExperiment created =
        client
            .resource(
                Serialization.unmarshal(
                    """
                    apiVersion: chatnet.io/v1alpha1
                    kind: ChatExperiment
                    metadata: {name: frozen}
                    spec:
                      networkRef: {name: net}
                      durationSeconds: 60
                      traffic: {oneToOne: {pairs: 2, messagesPerMinute: 6}}
                    """,
                    ChatExperiment.class))
            .inNamespace(ns.name())
            .create();
    created.getSpec().setDurationSeconds(120);
    assertThatThrownBy(() -> client.resource(created).inNamespace(ns.name()).update())
        .hasMessageContaining("an experiment's spec cannot change once created");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidManifests")
  void isRejectedWithAMessageNamingFieldAndRule(
      Path manifest, KubernetesClient client, TestNamespace ns) {
    String yaml = read(manifest);
    List<String> expected =
        yaml.lines()
            .filter(l -> l.startsWith("# expect: "))
            .map(l -> l.substring("# expect: ".length()))
            .toList();
    assertThat(expected).as("expectations in %s", manifest).isNotEmpty();
    GenericKubernetesResource object =
        Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    object.getMetadata().setNamespace(ns.name());
    assertThatThrownBy(() -> client.resource(object).dryRun().create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .satisfies(
            e -> {
              for (String part : expected) {
                assertThat(e.getMessage()).contains(part);
              }
              // A rule that reads an absent optional field fails with "no such key" instead of
              // saying its own message: every rule must guard optional fields with has().
              assertThat(e.getMessage()).doesNotContain("no such key");
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void readyScenariosAreAccepted(Path manifest, KubernetesClient client, TestNamespace ns)
      throws IOException {
    List<io.fabric8.kubernetes.api.model.HasMetadata> objects;
    try (var in = Files.newInputStream(manifest)) {
      objects = client.load(in).items();
    }
    assertThat(objects).isNotEmpty();
    for (var object : objects) {
      object.getMetadata().setNamespace(ns.name());
      var accepted = client.resource(object).dryRun().create();
      assertThat(accepted.getMetadata().getName()).isEqualTo(object.getMetadata().getName());
    }
  }

  @Test
  void versionsOfTheGroupsKindAndUnmanagedExtraArgsAreAccepted(
      KubernetesClient client, TestNamespace ns) {
    ChatNetwork network =
        Serialization.unmarshal(
            """
            apiVersion: chatnet.io/v1alpha1
            kind: ChatNetwork
            metadata: {name: versions}
            spec:
              seed: s
              groups:
              - {name: boot, kind: nwaku, role: bootstrap, replicas: 1, version: nwaku-v0.36.0}
              - name: relay
                kind: nwaku
                role: relay
                replicas: 2
                version: logos-delivery-v0.38.1
                extraArgs: ["--log-level=DEBUG", "--max-msg-size=150KiB", "--storenode=x"]
              - {name: beta, kind: nwaku, role: relay, replicas: 1, version: nwaku-v0.37.1-beta}
              - name: desk
                kind: status-backend
                role: desktop
                replicas: 1
                image: sb:1
                version: status-go-b22c58bd
                extraArgs: ["--rest=1"]
            """,
            ChatNetwork.class);
    ChatNetwork stored = client.resource(network).inNamespace(ns.name()).dryRun().create();
    assertThat(stored.getSpec().getGroups())
        .extracting(g -> g.effectiveVersion().id())
        .containsExactly(
            "nwaku-v0.36.0", "logos-delivery-v0.38.1", "nwaku-v0.37.1-beta", "status-go-b22c58bd");
  }

  /**
   * What the admission rules check is refused only when Kubernetes would refuse it: quantities as
   * integers and strings of every suffix, hugepages and extended resources, prefixed label keys,
   * empty label values, every toleration form, registry ports, digests, and the longest names.
   */
  @Test
  void validResourcesSelectorsTolerationsImagesAndNamesAreAccepted(
      KubernetesClient client, TestNamespace ns) {
    String digest = "sha256:" + "0123456789abcdef".repeat(4);
    ChatNetwork network =
        Serialization.unmarshal(
            """
            apiVersion: chatnet.io/v1alpha1
            kind: ChatNetwork
            metadata: {name: a-network-name-of-thirty-chars}
            spec:
              seed: s
              groups:
              - {name: boot, kind: nwaku, role: bootstrap, replicas: 1}
              - name: relay-group-twenty-c
                kind: nwaku
                role: relay
                replicas: 2
                image: registry.example.com:5000/waku/nwaku:v0.36.0@%s
                resources:
                  requests: {cpu: 1, memory: 512Mi, ephemeral-storage: 1G, hugepages-2Mi: 0}
                  limits: {cpu: "2", memory: 1.5Gi, example.com/gpu: 1, hugepages-2Mi: 0}
                nodeSelector:
                  kubernetes.io/arch: amd64
                  node.example.com/pool: chat_pool.1
                  dedicated: ""
                tolerations:
                - {operator: Exists}
                - {key: dedicated, operator: Equal, value: chat, effect: NoSchedule}
                - {key: dedicated, value: chat}
                - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 300}
                - {key: example.com/spot, operator: Exists, effect: PreferNoSchedule}
                networkConditions: {latencyMillis: 20, image: "nicolaka/netshoot:v0.13"}
            """
                .formatted(digest),
            ChatNetwork.class);
    ChatNetwork stored = client.resource(network).inNamespace(ns.name()).dryRun().create();
    NodeGroup relay = stored.getSpec().getGroups().get(1);
    assertThat(relay.getResources().getRequests().get("cpu").toString()).isEqualTo("1");
    assertThat(relay.getResources().getLimits().get("memory").toString()).isEqualTo("1.5Gi");
    assertThat(relay.getTolerations()).hasSize(5);
    assertThat(relay.getNodeSelector()).containsEntry("dedicated", "");

    ChatExperiment experiment =
        Serialization.unmarshal(
            """
            apiVersion: chatnet.io/v1alpha1
            kind: ChatExperiment
            metadata: {name: 1st-experiment-name-of-fifty-one-characters-exactly}
            spec:
              networkRef: {name: a-network-name-of-thirty-chars}
              durationSeconds: 60
              warmupSeconds: 30
              traffic:
                oneToOne: {pairs: 2, messagesPerMinute: 0.5}
                privateGroups: {groups: 1, membersPerGroup: 3, messagesPerMinute: 1}
                relay: {messagesPerSecond: 0.01}
              faults:
              - {type: podKill, group: relay-group-twenty-c, fraction: 0.5, atSeconds: 10}
              - {type: podKill, group: relay-group-twenty-c, fraction: 1, atSeconds: 10}
              - {type: podKill, group: relay-group-twenty-c, fraction: 0.1, atSeconds: 89}
              criteria: {minDeliveryRatio: 0, maxLatencyP95Millis: 0.5}
              loadGenerator:
                replicas: 256
                image: chatnet/loadgen:test
                resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {memory: 256Mi}}
            """,
            ChatExperiment.class);
    assertThat(experiment.getMetadata().getName()).hasSize(NameRules.EXPERIMENT_NAME_MAX);
    assertThat(network.getMetadata().getName()).hasSize(NameRules.NETWORK_NAME_MAX);
    ChatExperiment admitted = client.resource(experiment).inNamespace(ns.name()).dryRun().create();
    assertThat(admitted.getSpec().getFaults()).hasSize(3);
  }

  /**
   * features.communities and features.storeConfirmation were removed (status-go has no switch for
   * either): a manifest written before still applies, the API server drops the two fields, and the
   * switches that remain keep their values.
   */
  @Test
  @SuppressWarnings("unchecked")
  void removedFeatureSwitchesArePrunedNotRefused(KubernetesClient client, TestNamespace ns) {
    GenericKubernetesResource old =
        Serialization.unmarshal(
            Serialization.asYaml(Scenarios.manifest("smoke.yaml", ns.name(), "old-features")),
            GenericKubernetesResource.class);
    java.util.Map<String, Object> spec =
        (java.util.Map<String, Object>) old.getAdditionalProperties().get("spec");
    spec.put(
        "features",
        new java.util.LinkedHashMap<>(
            java.util.Map.of("communities", true, "storeConfirmation", false, "backup", true)));
    GenericKubernetesResource stored = client.resource(old).dryRun().create();
    java.util.Map<String, Object> features =
        (java.util.Map<String, Object>)
            ((java.util.Map<String, Object>) stored.getAdditionalProperties().get("spec"))
                .get("features");
    assertThat(features)
        .doesNotContainKeys("communities", "storeConfirmation")
        .containsEntry("backup", true)
        .containsEntry("statusUpdates", false);
  }

  @Test
  void defaultsAreFilledInByTheApiServer(KubernetesClient client, TestNamespace ns) {
    ChatNetwork minimal = Scenarios.manifest("smoke.yaml", ns.name(), "defaults");
    ChatNetwork stored = client.resource(minimal).dryRun().create();
    ChatNetworkSpec spec = stored.getSpec();
    ChatNetworkSpec javaDefaults = new ChatNetworkSpec();
    assertThat(spec.getClusterId()).isEqualTo(javaDefaults.getClusterId()).isEqualTo(16);
    assertThat(spec.getShards()).isEqualTo(javaDefaults.getShards()).containsExactly(32, 64);
    assertThat(spec.getDiscovery().getMode()).isEqualTo(DiscoveryMode.DISCV5);
    assertThat(spec.getFeatures().isStatusUpdates()).isFalse();
    assertThat(spec.getFeatures().isMissingMessageVerification()).isTrue();
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each class of refused write on the real local API server: a ResourceQuota (403 exceeded quota), a
 * ValidatingAdmissionPolicy (422 denied), an object of the child's name held by someone else, and
 * two networks whose names meet. Each must show as a condition naming the object, the API server's
 * message and the spec field, and as a Warning event, within 10 s.
 */
@LocalClusterTest
class WriteRefusalTest {
  static final Duration SHOWN_WITHIN = Duration.ofSeconds(10);
  static InProcessOperator operator;

  @BeforeAll
  static void startOperator(KubernetesClient client, TestNamespace ns) {
    Crds.install(client);
    operator = InProcessOperator.start(ns.name(), Duration.ofSeconds(2));
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  static ChatNetwork network(TestNamespace ns, String name, String... groups) {
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: chatnet.io/v1alpha1
            kind: ChatNetwork
            metadata: {name: %s, namespace: %s}
            spec:
              seed: %s
              # Preflight would hold a network a quota cannot admit before any write; these tests
              # drive the write path itself, as when a quota tightens after preflight passed.
              preflight: {skipChecks: [quota]}
              groups:
            """
                .formatted(name, ns.name(), name));
    for (String group : groups) {
      String[] parts = group.split(":");
      yaml.append(
          "  - {name: %s, kind: nwaku, role: %s, replicas: %s}\n"
              .formatted(parts[0], parts[1], parts[2]));
    }
    return Serialization.unmarshal(yaml.toString(), ChatNetwork.class);
  }

  /** Waits (at most 10 s) for condition WritesAccepted=False with {@code reason}. */
  static Condition awaitRefusal(
      KubernetesClient client,
      TestNamespace ns,
      Class<? extends HasMetadata> type,
      String name,
      String reason) {
    AtomicReference<Condition> seen = new AtomicReference<>();
    await(name + " " + reason)
        .atMost(SHOWN_WITHIN)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              HasMetadata live = client.resources(type).inNamespace(ns.name()).withName(name).get();
              Optional<Condition> c = writesAccepted(live);
              c.ifPresent(seen::set);
              return c.isPresent()
                  && "False".equals(c.get().getStatus())
                  && reason.equals(c.get().getReason());
            });
    return seen.get();
  }

  static Optional<Condition> writesAccepted(HasMetadata live) {
    List<Condition> conditions =
        live instanceof ChatNetwork n && n.getStatus() != null
            ? n.getStatus().getConditions()
            : live instanceof ChatExperiment e && e.getStatus() != null
                ? e.getStatus().getConditions()
                : List.of();
    return conditions.stream()
        .filter(c -> WriteRefusalStatus.CONDITION.equals(c.getType()))
        .findFirst();
  }

  /** Waits (at most 10 s) for a Warning event with {@code reason} on {@code name}. */
  static Event awaitWarning(KubernetesClient client, TestNamespace ns, String name, String reason) {
    AtomicReference<Event> seen = new AtomicReference<>();
    await("Warning " + reason + " on " + name)
        .atMost(SHOWN_WITHIN)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              client.v1().events().inNamespace(ns.name()).list().getItems().stream()
                  .filter(e -> name.equals(e.getInvolvedObject().getName()))
                  .filter(e -> "Warning".equals(e.getType()) && reason.equals(e.getReason()))
                  .findFirst()
                  .ifPresent(seen::set);
              return seen.get() != null;
            });
    return seen.get();
  }

  static ChatNetwork get(KubernetesClient client, TestNamespace ns, String name) {
    return client.resources(ChatNetwork.class).inNamespace(ns.name()).withName(name).get();
  }

  @Test
  void quotaRefusalsAreShownRetriedAndClearWhenTheQuotaGoes(
      KubernetesClient client, TestNamespace ns) {
    var quota =
        client
            .resource(
                new ResourceQuotaBuilder()
                    .withNewMetadata()
                    .withName("no-sets")
                    .withNamespace(ns.name())
                    .endMetadata()
                    .withNewSpec()
                    .withHard(
                        Map.of(
                            "count/statefulsets.apps",
                            new io.fabric8.kubernetes.api.model.Quantity("0"),
                            "count/secrets",
                            new io.fabric8.kubernetes.api.model.Quantity("0")))
                    .endSpec()
                    .build())
            .create();
    try {
      awaitQuotaEnforced(client, ns);
      client.resource(network(ns, "quota", "boot:bootstrap:1", "boot2:bootstrap:1")).create();

      Condition refused = awaitRefusal(client, ns, ChatNetwork.class, "quota", "QuotaExceeded");
      // two key Secrets and two StatefulSets: the first three are named, the fourth counted
      assertThat(refused.getMessage())
          .contains("Secret quota-boot-keys-0 (spec.groups[0] (boot)): HTTP 403 Forbidden")
          .contains("exceeded quota no-sets")
          .contains("withheld")
          .contains("Secret quota-boot2-keys-0 (spec.groups[1] (boot2))")
          .contains("StatefulSet quota-boot (spec.groups[0] (boot)): HTTP 403")
          .contains("and 1 more refused object");
      assertThat(awaitWarning(client, ns, "quota", "QuotaExceeded").getMessage())
          .contains("Secret quota-boot-keys-0 (spec.groups[0] (boot))")
          .contains("exceeded quota no-sets");
      // not Failed: a quota can be raised without a spec change; the Services went on
      assertThat(get(client, ns, "quota").getStatus().getPhase()).isNotEqualTo(NetworkPhase.Failed);
      assertThat(client.services().inNamespace(ns.name()).withName("quota-boot").get()).isNotNull();
      assertThat(client.services().inNamespace(ns.name()).withName("quota-boot2").get())
          .isNotNull();
    } finally {
      client.resource(quota).delete();
    }
    long generation = get(client, ns, "quota").getMetadata().getGeneration();
    ChatNetwork ready =
        ChatNetworkLifecycleTest.awaitPhase(client, ns, "quota", NetworkPhase.Ready, "2/2");
    assertThat(ready.getMetadata().getGeneration()).isEqualTo(generation);
    assertThat(writesAccepted(ready).orElseThrow().getStatus()).isEqualTo("True");
    assertThat(writesAccepted(ready).orElseThrow().getReason()).isEqualTo("Accepted");
  }

  /** A quota is enforced once the quota controller has counted usage. */
  private static void awaitQuotaEnforced(KubernetesClient client, TestNamespace ns) {
    await("quota counted")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              var q = client.resourceQuotas().inNamespace(ns.name()).withName("no-sets").get();
              return q.getStatus() != null && q.getStatus().getUsed() != null;
            });
  }

  @Test
  void anAdmissionPolicyDenialFailsTheNetworkUntilTheSpecChanges(
      KubernetesClient client, TestNamespace ns) {
    String policy = "chatnet-deny-" + ns.name();
    List<HasMetadata> objects =
        denyPolicy(
            policy,
            ns,
            "apps",
            "statefulsets",
            "chatnet.io/group",
            "boot2",
            "group boot2 is not allowed here");
    try {
      objects.forEach(o -> client.resource(o).create());
      awaitDenied(
          client,
          new StatefulSetBuilder()
              .withNewMetadata()
              .withName("probe")
              .withNamespace(ns.name())
              .withLabels(Map.of("chatnet.io/group", "boot2"))
              .endMetadata()
              .withNewSpec()
              .withNewSelector()
              .withMatchLabels(Map.of("a", "b"))
              .endSelector()
              .withNewTemplate()
              .withNewMetadata()
              .withLabels(Map.of("a", "b"))
              .endMetadata()
              .withNewSpec()
              .addNewContainer()
              .withName("c")
              .withImage("busybox:1.36")
              .endContainer()
              .endSpec()
              .endTemplate()
              .endSpec()
              .build());

      client.resource(network(ns, "vap", "boot:bootstrap:1", "boot2:bootstrap:1")).create();
      Condition refused = awaitRefusal(client, ns, ChatNetwork.class, "vap", "WriteRefused");
      assertThat(refused.getMessage())
          .startsWith("StatefulSet vap-boot2 (spec.groups[1] (boot2)): HTTP 422: ")
          .contains("ValidatingAdmissionPolicy '" + policy + "'")
          .contains("group boot2 is not allowed here");
      ChatNetwork failed = get(client, ns, "vap");
      assertThat(failed.getStatus().getPhase()).isEqualTo(NetworkPhase.Failed);
      assertThat(failed.getStatus().getConditions().get(0).getReason()).isEqualTo("WriteRefused");
      assertThat(awaitWarning(client, ns, "vap", "WriteRefused").getMessage())
          .isEqualTo(refused.getMessage());
      // the other group went on
      assertThat(client.apps().statefulSets().inNamespace(ns.name()).withName("vap-boot").get())
          .isNotNull();

      // a new generation without the refused group is tried again
      ChatNetworkLifecycleTest.edit(
          client,
          ns,
          "vap",
          n -> n.getSpec().getGroups().removeIf(g -> g.getName().equals("boot2")));
      ChatNetwork ready =
          ChatNetworkLifecycleTest.awaitPhase(client, ns, "vap", NetworkPhase.Ready, "1/1");
      assertThat(writesAccepted(ready).orElseThrow().getStatus()).isEqualTo("True");
    } finally {
      objects.forEach(o -> client.resource(o).delete());
    }
  }

  @Test
  void aForeignObjectOfAChildsNameIsNeverOverwritten(KubernetesClient client, TestNamespace ns) {
    Service foreign =
        client
            .resource(
                new ServiceBuilder()
                    .withNewMetadata()
                    .withName("foreign-boot")
                    .withNamespace(ns.name())
                    .withLabels(Map.of("app", "someone-else"))
                    .endMetadata()
                    .withNewSpec()
                    .withClusterIP("None")
                    .addNewPort()
                    .withPort(80)
                    .endPort()
                    .endSpec()
                    .build())
            .create();
    client.resource(network(ns, "foreign", "boot:bootstrap:1")).create();

    Condition refused = awaitRefusal(client, ns, ChatNetwork.class, "foreign", "NameCollision");
    assertThat(refused.getMessage())
        .isEqualTo(
            "Service foreign-boot (metadata.name + spec.groups[0].name (boot)): already exists,"
                + " controlled by no owner (not created for this network); not overwritten");
    assertThat(get(client, ns, "foreign").getStatus().getPhase()).isEqualTo(NetworkPhase.Failed);
    awaitWarning(client, ns, "foreign", "NameCollision");
    sleepThroughResyncs();
    Service after = client.services().inNamespace(ns.name()).withName("foreign-boot").get();
    assertThat(after.getMetadata().getResourceVersion())
        .isEqualTo(foreign.getMetadata().getResourceVersion());
    assertThat(after.getMetadata().getOwnerReferences()).isNullOrEmpty();

    // once its owner removes it, the network proceeds without a spec change
    client.resource(foreign).delete();
    ChatNetworkLifecycleTest.awaitPhase(client, ns, "foreign", NetworkPhase.Ready, "1/1");
  }

  @Test
  void twoNetworksWhoseChildNamesMeetTheSecondIsRefused(KubernetesClient client, TestNamespace ns) {
    client.resource(network(ns, "lab-a", "boot:bootstrap:1")).create();
    ChatNetworkLifecycleTest.awaitPhase(client, ns, "lab-a", NetworkPhase.Ready, "1/1");
    String firstUid = get(client, ns, "lab-a").getMetadata().getUid();
    List<HasMetadata> before = children(client, ns);
    assertThat(before).allSatisfy(o -> assertThat(ownerUid(o)).isEqualTo(firstUid));

    client.resource(network(ns, "lab", "a-boot:bootstrap:1")).create();
    Condition refused = awaitRefusal(client, ns, ChatNetwork.class, "lab", "NameCollision");
    assertThat(refused.getMessage())
        .contains(
            "Secret lab-a-boot-keys-0 (metadata.name + spec.groups[0].name (a-boot)): already"
                + " exists, controlled by ChatNetwork lab-a; not overwritten")
        .contains("Service lab-a-boot (metadata.name + spec.groups[0].name (a-boot))")
        .contains("StatefulSet lab-a-boot (metadata.name + spec.groups[0].name (a-boot))");
    assertThat(get(client, ns, "lab").getStatus().getPhase()).isEqualTo(NetworkPhase.Failed);
    assertThat(awaitWarning(client, ns, "lab", "NameCollision").getMessage())
        .isEqualTo(refused.getMessage());

    sleepThroughResyncs();
    List<HasMetadata> after = children(client, ns);
    assertThat(after).hasSize(before.size());
    for (int i = 0; i < before.size(); i++) {
      assertThat(ownerUid(after.get(i))).isEqualTo(firstUid);
      assertThat(after.get(i).getMetadata().getResourceVersion())
          .as(after.get(i).getKind() + " " + after.get(i).getMetadata().getName())
          .isEqualTo(before.get(i).getMetadata().getResourceVersion());
    }
    assertThat(get(client, ns, "lab-a").getStatus().getPhase()).isEqualTo(NetworkPhase.Ready);
  }

  private static List<HasMetadata> children(KubernetesClient client, TestNamespace ns) {
    StatefulSet sts =
        client.apps().statefulSets().inNamespace(ns.name()).withName("lab-a-boot").get();
    Service svc = client.services().inNamespace(ns.name()).withName("lab-a-boot").get();
    Secret keys = client.secrets().inNamespace(ns.name()).withName("lab-a-boot-keys-0").get();
    return List.of(sts, svc, keys);
  }

  private static String ownerUid(HasMetadata object) {
    return object.getMetadata().getOwnerReferences().get(0).getUid();
  }

  @Test
  void anExperimentWhosePlanNameIsTakenFails(KubernetesClient client, TestNamespace ns) {
    ChatExperimentLifecycleTest.readyNetwork(client, ns, "plannet");
    var foreign =
        client
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("taken-plan")
                    .withNamespace(ns.name())
                    .endMetadata()
                    .withData(Map.of("mine", "yes"))
                    .build())
            .create();
    client.resource(ChatExperimentLifecycleTest.experiment(ns, "taken", "plannet", "")).create();

    Condition refused = awaitRefusal(client, ns, ChatExperiment.class, "taken", "NameCollision");
    assertThat(refused.getMessage())
        .isEqualTo(
            "ConfigMap taken-plan (metadata.name): already exists, controlled by no owner (not"
                + " created for this experiment); not overwritten");
    ChatExperiment failed =
        ChatExperimentLifecycleTest.awaitPhase(client, ns, "taken", ExperimentPhase.Failed);
    assertThat(failed.getStatus().getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo("Failed");
              assertThat(c.getReason()).isEqualTo("NameCollision");
              assertThat(c.getMessage()).isEqualTo(refused.getMessage());
            });
    awaitWarning(client, ns, "taken", "NameCollision");
    assertThat(client.batch().v1().jobs().inNamespace(ns.name()).withName("taken-loadgen").get())
        .isNull();
    assertThat(
            client
                .configMaps()
                .inNamespace(ns.name())
                .withName("taken-plan")
                .get()
                .getMetadata()
                .getResourceVersion())
        .isEqualTo(foreign.getMetadata().getResourceVersion());
  }

  @Test
  void anExperimentWhoseJobAnAdmissionPolicyDeniesFails(KubernetesClient client, TestNamespace ns) {
    ChatExperimentLifecycleTest.readyNetwork(client, ns, "jobnet");
    String policy = "chatnet-deny-job-" + ns.name();
    List<HasMetadata> objects =
        denyPolicy(policy, ns, "batch", "jobs", "chatnet.io/experiment", "denied", "no load here");
    try {
      objects.forEach(o -> client.resource(o).create());
      awaitDenied(
          client,
          new JobBuilder()
              .withNewMetadata()
              .withName("probe")
              .withNamespace(ns.name())
              .withLabels(Map.of("chatnet.io/experiment", "denied"))
              .endMetadata()
              .withNewSpec()
              .withNewTemplate()
              .withNewSpec()
              .withRestartPolicy("Never")
              .addNewContainer()
              .withName("c")
              .withImage("busybox:1.36")
              .endContainer()
              .endSpec()
              .endTemplate()
              .endSpec()
              .build());
      client.resource(ChatExperimentLifecycleTest.experiment(ns, "denied", "jobnet", "")).create();

      Condition refused = awaitRefusal(client, ns, ChatExperiment.class, "denied", "WriteRefused");
      assertThat(refused.getMessage())
          .startsWith("Job denied-loadgen (spec.loadGenerator): HTTP 422: ")
          .contains("ValidatingAdmissionPolicy '" + policy + "'")
          .contains("no load here");
      assertThat(
              ChatExperimentLifecycleTest.awaitPhase(client, ns, "denied", ExperimentPhase.Failed)
                  .getStatus()
                  .getConditions())
          .anySatisfy(
              c -> {
                assertThat(c.getType()).isEqualTo("Failed");
                assertThat(c.getReason()).isEqualTo("WriteRefused");
              });
      awaitWarning(client, ns, "denied", "WriteRefused");
    } finally {
      objects.forEach(o -> client.resource(o).delete());
    }
  }

  /** A policy and binding denying {@code resource} in this namespace with label key=value. */
  static List<HasMetadata> denyPolicy(
      String name,
      TestNamespace ns,
      String group,
      String resource,
      String key,
      String value,
      String message) {
    String expression =
        "!has(object.metadata.labels) || !('%1$s' in object.metadata.labels)".formatted(key)
            + " || object.metadata.labels['%1$s'] != '%2$s'".formatted(key, value);
    String yaml =
        """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: %1$s}
        spec:
          failurePolicy: Fail
          matchConstraints:
            resourceRules:
            - apiGroups: ["%2$s"]
              apiVersions: ["*"]
              operations: ["CREATE", "UPDATE"]
              resources: ["%3$s"]
          validations:
          - expression: "%4$s"
            message: "%5$s"
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: {name: %1$s}
        spec:
          policyName: %1$s
          validationActions: [Deny]
          matchResources:
            namespaceSelector:
              matchLabels: {kubernetes.io/metadata.name: %6$s}
        """
            .formatted(name, group, resource, expression.replace("\"", "\\\""), message, ns.name());
    return List.of(yaml.split("---")).stream()
        .map(doc -> (HasMetadata) Serialization.unmarshal(doc))
        .toList();
  }

  /** Waits until a dry-run create of {@code probe} is denied: the policy is in force. */
  static void awaitDenied(KubernetesClient client, HasMetadata probe) {
    await("policy in force")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              try {
                client.resource(probe).dryRun().create();
                return false;
              } catch (KubernetesClientException e) {
                return e.getCode() == 422;
              }
            });
  }

  private static void sleepThroughResyncs() {
    try {
      Thread.sleep(5000); // two of the operator's 2 s resyncs: time to overwrite, were it to
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

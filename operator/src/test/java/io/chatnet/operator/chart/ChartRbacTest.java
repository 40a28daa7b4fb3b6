package io.chatnet.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatnet.operator.AuditLog;
import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.reconciler.ChatExperimentLifecycleTest;
import io.chatnet.testkit.LocalCluster;
import io.chatnet.testkit.LocalClusterExtension;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart applied to the local cluster (server-side dry-run, then for real), and its
 * ServiceAccount checked by the API server's own authorizer (RBAC): allowed every verb and resource
 * the operator uses, refused what it does not need, and able to run the real reconcilers through a
 * network and an experiment.
 */
@LocalClusterTest
class ChartRbacTest {
  static final String FIELD_MANAGER = "chatnet-chart-test";

  /**
   * One API permission: a verb on a resource (group "" is the core group), on any object or on the
   * one named.
   */
  record Access(String verb, String group, String resource, String name) {
    static List<Access> of(String group, String resource, String... verbs) {
      return List.of(verbs).stream().map(v -> new Access(v, group, resource, null)).toList();
    }

    static List<Access> named(String name, List<Access> accesses) {
      return accesses.stream()
          .map(a -> new Access(a.verb(), a.group(), a.resource(), name))
          .toList();
    }

    String subresource() {
      return resource.contains("/") ? resource.substring(resource.indexOf('/') + 1) : null;
    }

    String baseResource() {
      return resource.contains("/") ? resource.substring(0, resource.indexOf('/')) : resource;
    }
  }

  /**
   * Everything the operator does in a watched namespace, read from the code: informers (list,
   * watch) in both reconcilers, server-side apply (create and patch) in Applier, deletions in
   * StaleGroups.prune, ChatExperimentReconciler.fail and FaultInjector (pod kills), status patches
   * by the SDK, Events by EventRecorder, NetworkChaos by FaultInjector, PodMonitors and report
   * ConfigMaps for monitoring and results, and ResourceQuotas and LimitRanges read by
   * PreflightStep.
   */
  static final List<Access> OPERATOR_USES =
      concat(
          Access.of("chatnet.io", "chatnetworks", "list", "watch"),
          Access.of("chatnet.io", "chatexperiments", "list", "watch"),
          Access.of("chatnet.io", "chatsweeps", "list", "watch"),
          Access.of("chatnet.io", "chatnetworks/status", "patch"),
          Access.of("chatnet.io", "chatexperiments/status", "patch"),
          Access.of("chatnet.io", "chatsweeps/status", "patch"),
          // a sweep's networks and experiments (ChatSweepReconciler)
          Access.of("chatnet.io", "chatnetworks", "create", "patch", "delete"),
          Access.of("chatnet.io", "chatexperiments", "create", "patch", "delete"),
          Access.of("apps", "statefulsets", "list", "watch", "create", "patch", "delete"),
          // the RLN bring-up's chain (RlnBringUpStep)
          Access.of("apps", "deployments", "list", "watch", "create", "patch"),
          Access.of("", "services", "list", "watch", "create", "patch", "delete"),
          Access.of("", "secrets", "list", "watch", "create", "patch", "delete"),
          Access.of("", "configmaps", "get", "list", "watch", "create", "patch"),
          Access.of("batch", "jobs", "list", "watch", "create", "patch", "delete"),
          Access.of("", "pods", "list", "watch", "delete"),
          Access.of("", "events", "create", "list"),
          Access.of("chaos-mesh.org", "networkchaos", "create"),
          Access.of("", "resourcequotas", "list"),
          Access.of("", "limitranges", "list"),
          Access.of(
              "monitoring.coreos.com",
              "podmonitors",
              "get",
              "list",
              "watch",
              "create",
              "patch",
              "delete"));

  /**
   * Leader election's Lease, in the release namespace only: JOSDK's LeaderElectionManager creates
   * it and Fabric8's LeaseLock reads, renews (update) and takes it over (patch), this one Lease.
   */
  static List<Access> leaderElection(String lease) {
    return concat(
        Access.of("coordination.k8s.io", "leases", "create"),
        Access.named(lease, Access.of("coordination.k8s.io", "leases", "get", "update", "patch")));
  }

  /** Other Leases: those of other controllers sharing the namespace. */
  static final List<Access> OTHER_LEASES =
      Access.named(
          "kube-controller-manager",
          Access.of("coordination.k8s.io", "leases", "get", "update", "patch", "delete"));

  /**
   * Never needed in a watched namespace: running code in pods, escalation, changing the user's
   * specs (a sweep's own networks and experiments are the exception above).
   */
  static final List<Access> NOT_NEEDED_IN_NAMESPACE =
      concat(
          Access.of("", "pods", "create", "get", "update", "patch"),
          Access.of("", "pods/exec", "create"),
          Access.of("", "pods/log", "get"),
          Access.of("", "serviceaccounts/token", "create"),
          Access.of("", "configmaps", "delete", "update"),
          Access.of("", "secrets", "get", "update"),
          Access.of("chatnet.io", "chatnetworks", "update"),
          Access.of("chatnet.io", "chatexperiments", "update"),
          Access.of("chatnet.io", "chatsweeps", "create", "update", "patch", "delete"),
          Access.of("rbac.authorization.k8s.io", "roles", "create", "bind", "escalate"),
          Access.of("rbac.authorization.k8s.io", "rolebindings", "create"),
          Access.of("apps", "deployments", "update", "delete"));

  /**
   * Preflight's cluster-scoped reads (PreflightStep): nodes for capacity, the namespace for its Pod
   * Security labels. Granted with watch.scope=cluster only; namespace-scoped, preflight notes them
   * unknown.
   */
  static final List<Access> PREFLIGHT_CLUSTER_READS =
      concat(Access.of("", "nodes", "list"), Access.of("", "namespaces", "get"));

  /** Never needed at cluster scope, whatever the watch scope. */
  static final List<Access> NOT_NEEDED_IN_CLUSTER =
      concat(
          Access.of("", "nodes", "get", "watch", "patch"),
          Access.of("", "namespaces", "list", "create", "delete"),
          Access.of(
              "apiextensions.k8s.io",
              "customresourcedefinitions",
              "get",
              "create",
              "update",
              "patch",
              "delete"),
          Access.of("rbac.authorization.k8s.io", "clusterroles", "create", "bind", "escalate"),
          Access.of("rbac.authorization.k8s.io", "clusterrolebindings", "create"),
          Access.of("admissionregistration.k8s.io", "validatingwebhookconfigurations", "create"));

  static String watched2;
  static final List<HasMetadata> clusterScoped = new ArrayList<>();

  @SafeVarargs
  static List<Access> concat(List<Access>... lists) {
    return List.of(lists).stream().flatMap(List::stream).toList();
  }

  /**
   * The namespace-scoped install used by most tests: watching this class's namespace and a second
   * one, the Lease in this class's namespace.
   */
  @BeforeAll
  static void installNamespaceScoped(KubernetesClient client, TestNamespace ns) {
    Crds.install(client); // shared by every test: applied, never deleted
    watched2 = ns.name() + "-w2";
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(watched2)
                .addToLabels(LocalClusterExtension.TEST_LABEL, "true")
                .endMetadata()
                .build())
        .create();
    List<HasMetadata> objects =
        Helm.template(
            Helm.chart(),
            "chatnet",
            ns.name(),
            "--set",
            "watch.scope=namespaces",
            "--set",
            "watch.namespaces={" + ns.name() + "," + watched2 + "}");
    applyDryRunThenForReal(client, objects);
  }

  @AfterAll
  static void removeWhatOutlivesTheNamespace(KubernetesClient client) {
    for (HasMetadata object : clusterScoped) {
      client.resource(object).delete();
    }
    if (watched2 != null) {
      client.namespaces().withName(watched2).delete();
    }
  }

  static void applyDryRunThenForReal(KubernetesClient client, List<HasMetadata> objects) {
    for (HasMetadata object : objects) {
      client
          .resource(object)
          .dryRun()
          .fieldManager(FIELD_MANAGER)
          .forceConflicts()
          .serverSideApply();
    }
    for (HasMetadata object : objects) {
      assertThat(client.resource(object).get())
          .as(
              "a dry run creates nothing: "
                  + object.getKind()
                  + " "
                  + object.getMetadata().getName())
          .isNull();
    }

    objects.stream()
        .filter(o -> o.getMetadata().getNamespace() == null)
        .forEach(clusterScoped::add);
    client.resourceList(objects).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    for (HasMetadata object : objects) {
      assertThat(client.resource(object).get())
          .as(object.getKind() + " " + object.getMetadata().getName())
          .isNotNull();
    }
  }

  static String serviceAccount(TestNamespace ns, String name) {
    return "system:serviceaccount:" + ns.name() + ":" + name;
  }

  /** Asks the API server's authorizer whether the ServiceAccount may do this. */
  static boolean allowed(
      KubernetesClient client, TestNamespace ns, String account, String namespace, Access access) {
    SubjectAccessReview review =
        new SubjectAccessReviewBuilder()
            .withNewSpec()
            .withUser(serviceAccount(ns, account))
            .withGroups(
                "system:serviceaccounts",
                "system:serviceaccounts:" + ns.name(),
                "system:authenticated")
            .withNewResourceAttributes()
            .withNamespace(namespace)
            .withVerb(access.verb())
            .withGroup(access.group())
            .withResource(access.baseResource())
            .withSubresource(access.subresource())
            .withName(access.name())
            .endResourceAttributes()
            .endSpec()
            .build();
    return client
        .authorization()
        .v1()
        .subjectAccessReview()
        .create(review)
        .getStatus()
        .getAllowed();
  }

  static List<String> refused(
      KubernetesClient client,
      TestNamespace ns,
      String account,
      String namespace,
      List<Access> wanted) {
    return wanted.stream()
        .filter(a -> !allowed(client, ns, account, namespace, a))
        .map(a -> a + " in " + (namespace == null ? "the cluster" : namespace))
        .toList();
  }

  static List<String> granted(
      KubernetesClient client,
      TestNamespace ns,
      String account,
      String namespace,
      List<Access> unwanted) {
    return unwanted.stream()
        .filter(a -> allowed(client, ns, account, namespace, a))
        .map(a -> a + " in " + (namespace == null ? "the cluster" : namespace))
        .toList();
  }

  @Test
  void namespaceScopedServiceAccountMayDoWhatTheOperatorDoesInWatchedNamespacesOnly(
      KubernetesClient client, TestNamespace ns) {
    for (String watched : List.of(ns.name(), watched2)) {
      assertThat(refused(client, ns, "chatnet", watched, OPERATOR_USES)).isEmpty();
      assertThat(granted(client, ns, "chatnet", watched, NOT_NEEDED_IN_NAMESPACE)).isEmpty();
    }
    assertThat(refused(client, ns, "chatnet", ns.name(), leaderElection("chatnet"))).isEmpty();
    assertThat(granted(client, ns, "chatnet", ns.name(), OTHER_LEASES)).isEmpty();
    assertThat(granted(client, ns, "chatnet", watched2, leaderElection("chatnet"))).isEmpty();

    // Nothing at all outside the watched namespaces: not other namespaces' Secrets, not the
    // cluster-wide lists a cluster-scoped install would use.
    for (String elsewhere : List.of("default", "kube-system", ns.name() + "-unwatched")) {
      assertThat(granted(client, ns, "chatnet", elsewhere, OPERATOR_USES)).isEmpty();
      assertThat(granted(client, ns, "chatnet", elsewhere, leaderElection("chatnet"))).isEmpty();
    }
    assertThat(granted(client, ns, "chatnet", null, OPERATOR_USES)).isEmpty();
    assertThat(granted(client, ns, "chatnet", null, NOT_NEEDED_IN_CLUSTER)).isEmpty();
    assertThat(granted(client, ns, "chatnet", null, PREFLIGHT_CLUSTER_READS)).isEmpty();
  }

  @Test
  void clusterScopedServiceAccountMayDoWhatTheOperatorDoesEverywhereButNoMore(
      KubernetesClient client, TestNamespace ns) {
    List<HasMetadata> objects =
        Helm.template(Helm.chart(), "chatnet-cw", ns.name(), "--set", "watch.scope=cluster");
    assertThat(objects.stream().filter(o -> o.getMetadata().getNamespace() == null))
        .extracting(HasMetadata::getKind)
        .containsExactlyInAnyOrder("ClusterRole", "ClusterRoleBinding");
    applyDryRunThenForReal(client, objects);

    for (String anywhere : List.of(ns.name(), "default", ns.name() + "-unwatched")) {
      assertThat(refused(client, ns, "chatnet-cw", anywhere, OPERATOR_USES)).isEmpty();
      assertThat(granted(client, ns, "chatnet-cw", anywhere, NOT_NEEDED_IN_NAMESPACE)).isEmpty();
    }
    List<Access> clusterWideInformers =
        OPERATOR_USES.stream().filter(a -> List.of("list", "watch").contains(a.verb())).toList();
    assertThat(refused(client, ns, "chatnet-cw", null, clusterWideInformers)).isEmpty();
    assertThat(granted(client, ns, "chatnet-cw", null, NOT_NEEDED_IN_CLUSTER)).isEmpty();
    assertThat(refused(client, ns, "chatnet-cw", null, PREFLIGHT_CLUSTER_READS)).isEmpty();
    assertThat(refused(client, ns, "chatnet-cw", ns.name(), leaderElection("chatnet-cw")))
        .isEmpty();
    assertThat(granted(client, ns, "chatnet-cw", ns.name(), OTHER_LEASES)).isEmpty();
    assertThat(granted(client, ns, "chatnet-cw", "default", leaderElection("chatnet-cw")))
        .isEmpty();
  }

  @Test
  void reconcilersRunAsTheServiceAccountThroughANetworkAndAnExperiment(
      KubernetesClient client, TestNamespace ns) throws Exception {
    String agent = "chatnet-operator-as-chart-serviceaccount";
    Instant from = Instant.now();
    Config config = Config.fromKubeconfig(Files.readString(LocalCluster.get().kubeconfig()));
    config.setUserAgent(agent);
    config.setImpersonateUsername(serviceAccount(ns, "chatnet"));
    config.setImpersonateGroups(
        "system:serviceaccounts", "system:serviceaccounts:" + ns.name(), "system:authenticated");
    KubernetesClient asServiceAccount = new KubernetesClientBuilder().withConfig(config).build();
    assertThatThrownBy(() -> asServiceAccount.nodes().list())
        .as("the client acts as the ServiceAccount, which may not list nodes")
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));

    try (InProcessOperator operator =
        InProcessOperator.start(ns.name(), Duration.ofSeconds(2), asServiceAccount)) {
      ChatExperimentLifecycleTest.readyNetwork(client, ns, "lab");
      String faults =
          "  faults:\n  - {type: podKill, group: relay, fraction: 0.25, atSeconds: 1}\n";
      client.resource(ChatExperimentLifecycleTest.experiment(ns, "exp", "lab", faults)).create();
      ChatExperiment preparing =
          ChatExperimentLifecycleTest.awaitPhase(client, ns, "exp", ExperimentPhase.Preparing);
      Instant start = Instant.parse(preparing.getStatus().getPlannedStart());
      await("past the start and the fault")
          .atMost(Duration.ofSeconds(30))
          .until(() -> Instant.now().isAfter(start.plusSeconds(2)));
      ChatExperimentLifecycleTest.reportSummaries(client, ns, "exp");
      ChatExperiment done =
          ChatExperimentLifecycleTest.awaitPhase(client, ns, "exp", ExperimentPhase.Succeeded);
      assertThat(done.getStatus().getFaultLog())
          .singleElement()
          .satisfies(line -> assertThat(line).startsWith("0: podKill deleted"));
    }

    // Namespace-scoped, preflight may not read nodes or the namespace: it says so and does not
    // block.
    ChatNetwork lab =
        client.resources(ChatNetwork.class).inNamespace(ns.name()).withName("lab").get();
    assertThat(lab.getStatus().getConditions())
        .filteredOn(c -> c.getType().equals("Preflight"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getReason()).isEqualTo("Passed");
              assertThat(c.getMessage())
                  .contains("quota: no ResourceQuota in the namespace")
                  .contains("Pod Security level unknown: the operator may not get namespace")
                  .contains("capacity unknown: the operator may not list nodes");
            });

    // Events are a courtesy the recorder does not fail on; check they were written.
    assertThat(client.v1().events().inNamespace(ns.name()).list().getItems())
        .filteredOn(
            e -> e.getSource() != null && "chatnet-operator".equals(e.getSource().getComponent()))
        .extracting(e -> e.getInvolvedObject().getName() + " " + e.getReason())
        .contains("lab Ready", "exp Succeeded");
    AuditLog audit = new AuditLog(LocalCluster.get().auditLog().orElseThrow());
    assertThat(audit.writesBy(agent, from))
        .extracting(w -> w.verb() + " " + w.resource())
        .contains(
            "patch statefulsets",
            "patch services",
            "patch secrets",
            "patch configmaps",
            "patch jobs",
            "delete pods",
            "create events",
            "patch chatnetworks",
            "patch chatexperiments");
    assertThat(audit.forbiddenWritesBy(agent, from)).isEmpty();
  }
}

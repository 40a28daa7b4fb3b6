package io.chatnet.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart rendered and linted by the real (pinned) helm; no cluster needed. */
@Tag("helm")
class HelmChartTest {
  static final String NS = "chatnet-system";

  static <T extends HasMetadata> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static List<HasMetadata> ofKind(List<HasMetadata> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
  }

  static Container operatorContainer(List<HasMetadata> objects) {
    List<Deployment> deployments = ofType(objects, Deployment.class);
    assertThat(deployments).hasSize(1);
    return deployments.get(0).getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static Map<String, String> env(Container container) {
    return container.getEnv().stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  @Test
  void lintsCleanInStrictMode() {
    Helm.Result lint = Helm.run(List.of("lint", "--strict", Helm.chart().toString()));
    assertThat(lint.exit()).as(lint.out() + lint.err()).isZero();
    assertThat(lint.out())
        .contains("1 chart(s) linted, 0 chart(s) failed")
        .doesNotContain("[WARNING]");
  }

  @Test
  void shipsTheRepositoryCrdsAlsoWhenPackaged(@TempDir Path dir) throws IOException {
    List<Map<?, ?>> expected = new ArrayList<>();
    try (Stream<Path> files = Files.list(Helm.repo().resolve("crds"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        // through the same typed model as helm's output, so numbers compare alike
        expected.add(Helm.YAML.convertValue(Helm.parse(Files.readString(file)).get(0), Map.class));
      }
    }
    assertThat(expected)
        .extracting(crd -> (Object) ((Map<?, ?>) crd.get("metadata")).get("name"))
        .containsExactly(
            "chatexperiments.chatnet.io", "chatnetworks.chatnet.io", "chatsweeps.chatnet.io");
    assertThat(crdsOf(Helm.chart().toString())).containsExactlyInAnyOrderElementsOf(expected);

    Helm.ok(List.of("package", Helm.chart().toString(), "--destination", dir.toString()));
    Path archive;
    try (Stream<Path> files = Files.list(dir)) {
      archive = files.filter(f -> f.toString().endsWith(".tgz")).findFirst().orElseThrow();
    }
    assertThat(crdsOf(archive.toString())).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** The CRDs helm installs from a chart (directory or archive). */
  private static List<Map<?, ?>> crdsOf(String chart) {
    return Helm.parse(Helm.ok(List.of("template", "crds", chart, "--include-crds"))).stream()
        .filter(o -> "CustomResourceDefinition".equals(o.getKind()))
        .<Map<?, ?>>map(o -> Helm.YAML.convertValue(o, Map.class))
        .toList();
  }

  @Test
  void rendersOneDashboardConfigMapPerRepositoryDashboard() throws IOException {
    long files;
    try (Stream<Path> list = Files.list(Helm.repo().resolve("dashboards"))) {
      files = list.filter(f -> f.toString().endsWith(".json")).count();
    }
    List<HasMetadata> objects = Helm.template(Helm.chart(), "chatnet", NS);
    assertThat(ofType(objects, ConfigMap.class))
        .filteredOn(c -> "1".equals(c.getMetadata().getLabels().get("grafana_dashboard")))
        .hasSize((int) files);
  }

  @Test
  void dashboardsFolderBecomesConfigMapsForGrafanasSidecar(@TempDir Path dir) throws IOException {
    Path chart = copyOfChart(dir);
    Path dashboards = chart.resolve("dashboards");
    assertThat(dashboardConfigMaps(chart)).as("an empty dashboards folder").isEmpty();

    String overview = "{\n  \"title\": \"Network overview\",\n  \"panels\": []\n}\n";
    String latency = "{\"title\": \"Latency <p95> & delivery\"}";
    Files.writeString(dashboards.resolve("network-overview.json"), overview);
    Files.writeString(dashboards.resolve("Latency_Delivery.json"), latency);
    Files.writeString(dashboards.resolve("notes.txt"), "not a dashboard");

    List<ConfigMap> maps = dashboardConfigMaps(chart);
    assertThat(maps)
        .extracting(c -> c.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "chatnet-dashboard-network-overview", "chatnet-dashboard-latency-delivery");
    Map<String, String> data =
        maps.stream()
            .flatMap(c -> c.getData().entrySet().stream())
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(data)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("network-overview.json", overview, "latency-delivery.json", latency));
    assertThat(maps).allSatisfy(c -> assertThat(c.getMetadata().getNamespace()).isEqualTo(NS));

    List<HasMetadata> relabelled =
        Helm.template(
            chart,
            "chatnet",
            NS,
            "--set",
            "dashboards.label=grafana_dashboard_chatnet",
            "--set",
            "dashboards.labelValue=yes",
            "--set",
            "dashboards.namespace=monitoring",
            "--set",
            "dashboards.annotations.grafana_folder=chatnet");
    assertThat(ofType(relabelled, ConfigMap.class))
        .hasSize(2)
        .allSatisfy(
            c -> {
              assertThat(c.getMetadata().getLabels())
                  .containsEntry("grafana_dashboard_chatnet", "yes")
                  .doesNotContainKey("grafana_dashboard");
              assertThat(c.getMetadata().getNamespace()).isEqualTo("monitoring");
              assertThat(c.getMetadata().getAnnotations())
                  .containsEntry("grafana_folder", "chatnet");
            });
    assertThat(
            ofType(
                Helm.template(chart, "chatnet", NS, "--set", "dashboards.enabled=false"),
                ConfigMap.class))
        .isEmpty();
  }

  private static List<ConfigMap> dashboardConfigMaps(Path chart) {
    return ofType(Helm.template(chart, "chatnet", NS), ConfigMap.class).stream()
        .filter(c -> "1".equals(c.getMetadata().getLabels().get("grafana_dashboard")))
        .toList();
  }

  /** The chart with its links resolved, and an empty dashboards folder of its own. */
  private static Path copyOfChart(Path dir) throws IOException {
    Path source = Helm.chart();
    Path target = dir.resolve("chatnet");
    try (Stream<Path> files = Files.walk(source, FileVisitOption.FOLLOW_LINKS)) {
      for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else if (!file.startsWith(source.resolve("dashboards"))) {
          Files.copy(file, copy);
        }
      }
    }
    return target;
  }

  @Test
  void serviceMonitorOnlyWhereThePrometheusOperatorIsServed() {
    assertThat(ofKind(Helm.template(Helm.chart(), "chatnet", NS), "ServiceMonitor")).isEmpty();
    assertThat(
            ofKind(
                Helm.template(
                    Helm.chart(), "chatnet", NS, "--api-versions", "monitoring.coreos.com/v1"),
                "ServiceMonitor"))
        .as("the group version served with other kinds only (PodMonitor, say)")
        .isEmpty();

    List<HasMetadata> objects =
        Helm.template(
            Helm.chart(),
            "chatnet",
            NS,
            "--api-versions",
            "monitoring.coreos.com/v1/ServiceMonitor");
    List<HasMetadata> monitors = ofKind(objects, "ServiceMonitor");
    assertThat(monitors).hasSize(1);
    // The Prometheus Operator's model is on the classpath (PodMonitors): the chart's ServiceMonitor
    // reads back typed.
    var spec =
        ((io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor) monitors.get(0)).getSpec();
    var service =
        ofKind(objects, "Service").stream()
            .map(io.fabric8.kubernetes.api.model.Service.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(spec.getSelector().getMatchLabels()).isEqualTo(service.getSpec().getSelector());
    assertThat(spec.getEndpoints())
        .singleElement()
        .satisfies(
            endpoint -> {
              assertThat(endpoint.getPort()).isEqualTo("http");
              assertThat(endpoint.getPath()).isEqualTo("/q/metrics");
            });
    assertThat(
            ofKind(
                Helm.template(
                    Helm.chart(),
                    "chatnet",
                    NS,
                    "--api-versions",
                    "monitoring.coreos.com/v1/ServiceMonitor",
                    "--set",
                    "metrics.serviceMonitor.enabled=false"),
                "ServiceMonitor"))
        .isEmpty();
  }

  @Test
  void clusterScopeGrantsAClusterRoleAndWatchesEverything() {
    List<HasMetadata> objects =
        Helm.template(Helm.chart(), "chatnet", NS, "--set", "watch.scope=cluster");
    assertThat(ofType(objects, ClusterRole.class))
        .singleElement()
        .satisfies(r -> assertThat(r.getMetadata().getName()).isEqualTo(NS + "-chatnet"));
    assertThat(ofKind(objects, "ClusterRoleBinding")).hasSize(1);
    // the one Role is leader election's, in the release namespace
    assertThat(ofType(objects, Role.class))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getMetadata().getNamespace()).isEqualTo(NS);
              assertThat(r.getRules())
                  .allSatisfy(rule -> assertThat(rule.getResources()).containsExactly("leases"));
              // all but create are held to the release's own Lease
              assertThat(r.getRules())
                  .allSatisfy(
                      rule ->
                          assertThat(
                                  rule.getVerbs().equals(List.of("create"))
                                      || rule.getResourceNames().equals(List.of("chatnet")))
                              .as(rule.toString())
                              .isTrue());
            });
    assertThat(env(operatorContainer(objects)))
        .containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "JOSDK_ALL_NAMESPACES");
  }

  @Test
  void namespacesScopeGrantsARoleInEachWatchedNamespaceOnly() {
    List<HasMetadata> objects =
        Helm.template(
            Helm.chart(),
            "chatnet",
            NS,
            "--set",
            "watch.scope=namespaces",
            "--set",
            "watch.namespaces={team-a,team-b}");
    assertThat(ofType(objects, ClusterRole.class)).isEmpty();
    assertThat(ofKind(objects, "ClusterRoleBinding")).isEmpty();
    assertThat(ofType(objects, Role.class))
        .extracting(r -> r.getMetadata().getNamespace() + "/" + r.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "team-a/chatnet", "team-b/chatnet", NS + "/chatnet-leader-election");
    assertThat(ofType(objects, RoleBinding.class))
        .allSatisfy(
            b ->
                assertThat(b.getSubjects())
                    .singleElement()
                    .satisfies(
                        s -> {
                          assertThat(s.getName()).isEqualTo("chatnet");
                          assertThat(s.getNamespace()).isEqualTo(NS);
                        }));
    assertThat(env(operatorContainer(objects)))
        .containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "team-a,team-b");

    List<HasMetadata> ownOnly =
        Helm.template(Helm.chart(), "chatnet", NS, "--set", "watch.scope=namespaces");
    // Least privilege by default: without any value the chart is the release namespace only.
    List<HasMetadata> byDefault = Helm.template(Helm.chart(), "chatnet", NS);
    assertThat(ofType(byDefault, ClusterRole.class)).isEmpty();
    assertThat(ofKind(byDefault, "ClusterRoleBinding")).isEmpty();
    assertThat(ofType(byDefault, Role.class))
        .extracting(r -> r.getMetadata().getNamespace() + "/" + r.getMetadata().getName())
        .containsExactlyInAnyOrder(NS + "/chatnet", NS + "/chatnet-leader-election");
    assertThat(env(operatorContainer(byDefault)))
        .containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", NS);
    assertThat(ofType(ownOnly, Role.class))
        .extracting(r -> r.getMetadata().getNamespace())
        .containsOnly(NS);
    assertThat(env(operatorContainer(ownOnly)))
        .containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", NS);
  }

  @Test
  void operatorDeploymentIsLockedDownProbedAndConfigured() throws IOException {
    Map<?, ?> chartYaml =
        Helm.YAML.unmarshal(Files.readString(Helm.chart().resolve("Chart.yaml")), Map.class);
    List<HasMetadata> objects =
        Helm.template(
            Helm.chart(),
            "chatnet",
            NS,
            "--set",
            "operator.prometheusUrl=http://prometheus.monitoring:9090",
            "--set",
            "operator.reconcileThreads=4",
            "--set",
            "operator.images.netem=nicolaka/netshoot:v0.14");
    Deployment deployment = ofType(objects, Deployment.class).get(0);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("chatnet");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    Container container = pod.getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("chatnet/operator:" + chartYaml.get("appVersion"));
    var security = container.getSecurityContext();
    assertThat(security.getReadOnlyRootFilesystem()).isTrue();
    assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getVolumeMounts())
        .singleElement()
        .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    assertThat(pod.getVolumes())
        .singleElement()
        .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
    assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
    assertThat(container.getResources().getLimits()).containsKey("memory");
    assertThat(env(container))
        .containsEntry("CHATNET_PROMETHEUS_URL", "http://prometheus.monitoring:9090")
        .containsEntry("QUARKUS_OPERATOR_SDK_CONCURRENT_RECONCILIATION_THREADS", "4")
        .containsEntry("CHATNET_IMAGES_NETEM", "nicolaka/netshoot:v0.14")
        .doesNotContainKey("CHATNET_IMAGES_NWAKU")
        .containsEntry("CHATNET_LEADER_ELECTION_ENABLED", "true")
        .containsEntry("CHATNET_LEADER_ELECTION_LEASE_NAME", "chatnet")
        .containsEntry("CHATNET_LEADER_ELECTION_LEASE_NAMESPACE", NS);

    assertThat(env(operatorContainer(Helm.template(Helm.chart(), "chatnet", NS))))
        .doesNotContainKey("CHATNET_PROMETHEUS_URL");
    assertThat(
            operatorContainer(Helm.template(Helm.chart(), "chatnet", NS, "--set", "image.tag=dev"))
                .getImage())
        .isEqualTo("chatnet/operator:dev");
  }

  @Test
  void badValuesAreRefusedAtRenderTimeNamingTheValue() {
    assertRefused("/watch/scope", "--set", "watch.scope=namespace");
    assertRefused("leaderElection.enabled", "--set", "leaderElection.enabled=false");
    assertRefused("/operator/reconcileThreads", "--set", "operator.reconcileThreads=0");
    assertRefused("/leaderElection/leaseDuration", "--set", "leaderElection.leaseDuration=15");
    assertRefused("replicas", "--set", "replicas=3");
    assertRefused(
        "Bad_Namespace",
        "--set",
        "watch.scope=namespaces",
        "--set",
        "watch.namespaces={Bad_Namespace}");
  }

  private static void assertRefused(String named, String... options) {
    List<String> args = new ArrayList<>(List.of("template", "chatnet", Helm.chart().toString()));
    args.addAll(List.of(options));
    Helm.Result result = Helm.run(args);
    assertThat(result.exit()).as(String.join(" ", options)).isNotZero();
    assertThat(result.err()).contains(named);
  }
}

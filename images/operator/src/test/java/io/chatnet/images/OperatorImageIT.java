package io.chatnet.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.testkit.CrdInstaller;
import io.chatnet.testkit.LocalCluster;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.chatnet.testkit.image.BuiltImageTest;
import io.chatnet.testkit.image.ImageRootFs;
import io.chatnet.testkit.image.ImageTarball;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operator's image tarball (images/operator/target/jib-image.tar, `make images`): its name and
 * config as the build set them, its default load generator image equal to the load generator
 * tarball's name, and its entrypoint run from its own layers against the local cluster, watching
 * only this test's namespace, until it reconciles a network there.
 */
@LocalClusterTest
class OperatorImageIT extends BuiltImageTest {
  private static final String CONTROLLER_NAMESPACES =
      "QUARKUS_OPERATOR_SDK_CONTROLLERS_%s_NAMESPACES";

  @Test
  void nameAndConfigComeFromTheBuild() throws Exception {
    assertThat(image.repoTags()).containsExactly(ImageTarball.builtName());
    assertThat(image.entrypoint())
        .startsWith("/opt/java/bin/java", "-XX:MaxRAMPercentage=75")
        .contains("-Djava.util.logging.manager=org.jboss.logmanager.LogManager")
        .endsWith("-jar", "/app/quarkus-run.jar");
    assertThat(image.user()).isEqualTo("65532:65532");
    assertThat(image.workingDir()).isEqualTo("/app");
    assertThat(image.exposedPorts()).containsExactly("8080/tcp");
    assertThat(image.labels())
        .containsEntry("org.opencontainers.image.title", "chatnet-operator")
        .containsEntry("org.opencontainers.image.version", System.getProperty("chatnet.image.tag"));
    assertThat(image.computedDiffIds()).isEqualTo(image.diffIds());
    // The runtime first; the Quarkus dependencies in a layer of their own, apart from the
    // application (so a code change rebuilds a small layer); no JVM besides the runtime's.
    List<List<String>> layers = new ArrayList<>();
    for (int i = 0; i < image.layers().size(); i++) {
      layers.add(image.layerEntries(i));
    }
    assertThat(layers.get(0)).contains("./opt/java/bin/java");
    List<List<String>> withDependencies =
        layers.stream()
            .filter(entries -> entries.stream().anyMatch(e -> e.startsWith("app/lib/main/")))
            .toList();
    assertThat(withDependencies).hasSize(1);
    List<String> dependencies = withDependencies.get(0);
    assertThat(dependencies).allMatch(e -> e.startsWith("app/lib") || e.equals("app/"));
    List<String> application = layers.get(layers.size() - 1);
    assertThat(application)
        .contains("app/quarkus-run.jar", "app/quarkus/quarkus-application.dat")
        .anyMatch(e -> e.matches("app/app/chatnet-operator-.*\\.jar"))
        .noneMatch(e -> e.startsWith("app/lib/") && e.endsWith(".jar"));
    assertThat(layers.subList(1, layers.size()))
        .allSatisfy(entries -> assertThat(entries).noneMatch(e -> e.contains("opt/java")));
  }

  @Test
  void defaultLoadGeneratorImageIsTheBuiltOne() throws Exception {
    ImageTarball loadgen =
        ImageTarball.read(
            Path.of(System.getProperty("chatnet.loadgen.image.tarball")), work.resolve("loadgen"));
    Path appJar;
    try (Stream<Path> jars = Files.list(rootFs.resolve("/app/app"))) {
      appJar = jars.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow();
    }
    Properties properties = new Properties();
    try (JarFile jar = new JarFile(appJar.toFile());
        InputStream in = jar.getInputStream(jar.getEntry("application.properties"))) {
      properties.load(in);
    }
    assertThat(loadgen.repoTags()).hasSize(1);
    assertThat(properties.getProperty("chatnet.images.loadgen"))
        .isEqualTo(loadgen.repoTags().get(0));
  }

  @Test
  void runtimeStartsAsTheNonRootUser() throws Exception {
    ImageRootFs.Result version =
        rootFs.runCommand(List.of("/opt/java/bin/java", "-version"), Duration.ofSeconds(60));
    assertThat(version.exitCode()).as(version.output()).isZero();
    assertThat(version.output()).contains("openjdk version \"17.");
  }

  /**
   * The real entrypoint with the cluster's kubeconfig where the image user's home is: it starts,
   * reports ready, reconciles a network in this test's namespace, stops cleanly on SIGTERM, and
   * writes nothing outside /tmp.
   */
  @Test
  void startsAndReconcilesInItsNamespace(KubernetesClient client, TestNamespace namespace)
      throws Exception {
    CrdInstaller.install(client);
    Path kubeconfig = rootFs.resolve("/home/nonroot/.kube/config");
    Files.createDirectories(kubeconfig.getParent());
    Files.writeString(kubeconfig, LocalCluster.get().selfContainedKubeconfig());
    Files.setPosixFilePermissions(kubeconfig, PosixFilePermissions.fromString("rw-------"));
    for (Path owned : List.of(kubeconfig.getParent(), kubeconfig)) {
      Files.setAttribute(owned, "unix:uid", 65532);
      Files.setAttribute(owned, "unix:gid", 65532);
    }
    Map<String, String> before = rootFs.snapshotOutsideScratch();
    int port = freePort();
    Path log = work.resolve("operator.log");
    ImageRootFs.Container operator =
        rootFs.startEntrypoint(
            List.of(),
            Map.of(
                "QUARKUS_HTTP_PORT",
                String.valueOf(port),
                CONTROLLER_NAMESPACES.formatted("CHATNETWORK"),
                namespace.name(),
                CONTROLLER_NAMESPACES.formatted("CHATEXPERIMENT"),
                namespace.name()),
            log);
    try {
      await("the operator started (log: " + log + ")")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> !operator.isAlive() || Files.readString(log).contains("started in"));
      assertThat(operator.isAlive()).as(Files.readString(log)).isTrue();
      HttpClient http = HttpClient.newHttpClient();
      await("ready")
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> ready(http, port));

      try (InputStream smoke =
          Files.newInputStream(
              Path.of(System.getProperty("chatnet.repo.dir"), "test-scenarios", "smoke.yaml"))) {
        for (var item : client.load(smoke).items()) {
          client.resource(item).inNamespace(namespace.name()).create();
        }
      }
      await("the network reconciled by the operator in the image")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> phase(client, namespace.name()) != null);
      assertThat(client.apps().statefulSets().inNamespace(namespace.name()).list().getItems())
          .isNotEmpty();
    } finally {
      operator.stop(Duration.ofSeconds(30));
    }
    assertThat(Files.readString(log)).as("a clean shutdown on SIGTERM").contains("stopped in");
    assertThat(ImageRootFs.changes(before, rootFs.snapshotOutsideScratch())).isEmpty();
  }

  private static boolean ready(HttpClient http, int port) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 && response.body().contains("UP");
  }

  private static Object phase(KubernetesClient client, String namespace) {
    GenericKubernetesResource network =
        client
            .genericKubernetesResources("chatnet.io/v1alpha1", "ChatNetwork")
            .inNamespace(namespace)
            .withName("smoke")
            .get();
    Object status = network == null ? null : network.getAdditionalProperties().get("status");
    return status instanceof Map<?, ?> map ? map.get("phase") : null;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

package io.chatnet.operator;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/** Installs the committed CRDs (crds/) on the local cluster: tests exercise exactly those. */
public final class Crds {
  private Crds() {}

  public static synchronized void install(KubernetesClient client) {
    Path dir = Path.of(System.getProperty("chatnet.repo.dir", "..")).resolve("crds");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        CustomResourceDefinition crd;
        try (InputStream in = Files.newInputStream(file)) {
          crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
        }
        client.resource(crd).fieldManager("chatnet-tests").forceConflicts().serverSideApply();
        await("CRD " + crd.getMetadata().getName() + " established")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> established(client, crd.getMetadata().getName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean established(KubernetesClient client, String name) {
    CustomResourceDefinition live =
        client.apiextensions().v1().customResourceDefinitions().withName(name).get();
    return live != null
        && live.getStatus() != null
        && live.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}

package io.chatnet.testkit;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Installs the committed CRDs (crds/) on the local cluster: tests exercise exactly those. */
public final class CrdInstaller {
  private CrdInstaller() {}

  /** Applies every CRD in the repository's {@code crds/} and waits until each is established. */
  public static synchronized void install(KubernetesClient client) {
    Path dir = Path.of(System.getProperty(KubeconfigLocator.REPO_PROPERTY, "..")).resolve("crds");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        CustomResourceDefinition crd;
        try (InputStream in = Files.newInputStream(file)) {
          crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
        }
        client.resource(crd).fieldManager("chatnet-tests").forceConflicts().serverSideApply();
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName(crd.getMetadata().getName())
            .waitUntilCondition(CrdInstaller::established, 30, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the CRD is served: condition Established is True (conditions may still be absent). */
  public static boolean established(CustomResourceDefinition live) {
    return live != null
        && live.getStatus() != null
        // the apiserver writes the status before its conditions: an empty list is "not yet"
        && live.getStatus().getConditions() != null
        && live.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}

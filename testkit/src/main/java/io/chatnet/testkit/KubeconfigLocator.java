package io.chatnet.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the kubeconfig of the cluster tests run against.
 *
 * <p>Tests never follow {@code KUBECONFIG}: a developer's current context may be a shared or
 * production cluster, and these tests create and delete namespaces and thousands of pods. They use
 * the local simulated cluster ({@code .cluster/kubeconfig} in the repository, written by {@code
 * make cluster-up}) unless {@code CHATNET_KUBECONFIG} (or the system property {@code
 * chatnet.kubeconfig}) names another file on purpose.
 */
public final class KubeconfigLocator {
  static final String ENV = "CHATNET_KUBECONFIG";
  static final String PROPERTY = "chatnet.kubeconfig";
  static final String REPO_PROPERTY = "chatnet.repo.dir";
  static final Path LOCAL = Path.of(".cluster", "kubeconfig");

  private KubeconfigLocator() {}

  /** The kubeconfig to use, or an explanation of where it was looked for. */
  public static Path locate() {
    return explicit()
        .or(KubeconfigLocator::inRepository)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "No local cluster kubeconfig found: looked for "
                        + LOCAL
                        + " in the repository (from "
                        + Path.of("").toAbsolutePath()
                        + " upwards). Run `make cluster-up` first, or set "
                        + ENV
                        + " to a kubeconfig meant for tests."));
  }

  private static Optional<Path> explicit() {
    String value = System.getProperty(PROPERTY, System.getenv(ENV));
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    Path path = Path.of(value);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(ENV + " names " + path + ", which is not a file");
    }
    return Optional.of(path);
  }

  private static Optional<Path> inRepository() {
    String repo = System.getProperty(REPO_PROPERTY);
    Path start = repo != null ? Path.of(repo) : Path.of("").toAbsolutePath();
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(LOCAL);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}

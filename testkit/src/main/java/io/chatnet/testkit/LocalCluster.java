package io.chatnet.testkit;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The cluster that tests talk to: by default the local simulated one started by {@code make
 * cluster-up}. One shared client per test JVM; it is checked once, so a missing cluster fails with
 * one clear message instead of a timeout per test.
 */
public final class LocalCluster {
  /**
   * How long a control plane component's watch may stay blind after the API server comes back:
   * client-go's reflector retries a failed watch with a backoff that stops at [30, 60) s
   * (kubernetes client-go v0.35.4, tools/cache/reflector.go: defaultBackoffMax 30 s, jitter 1.0),
   * then lists again. Measured here: a namespace made after a 30 s API server outage got its
   * default ServiceAccount 42.6 s later (bench/reliability.md, finding 17).
   */
  public static final Duration INFORMER_CATCH_UP = Duration.ofSeconds(120);

  private static LocalCluster instance;

  private final Path kubeconfig;
  private final KubernetesClient client;

  private LocalCluster(Path kubeconfig) {
    this.kubeconfig = kubeconfig;
    this.client = newClient(kubeconfig);
    try {
      client.getKubernetesVersion();
    } catch (KubernetesClientException e) {
      client.close();
      throw new IllegalStateException(
          "The cluster in "
              + kubeconfig
              + " does not answer ("
              + e.getMessage()
              + "). Start it with `make cluster-up`.",
          e);
    }
  }

  /** The shared cluster handle, connecting on first use. */
  public static synchronized LocalCluster get() {
    if (instance == null) {
      instance = new LocalCluster(KubeconfigLocator.locate());
      Runtime.getRuntime().addShutdownHook(new Thread(instance.client::close));
    }
    return instance;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  /**
   * The API server's audit log (writes by anyone but the simulated control plane, one JSON event a
   * line), when the cluster is the local one started by cluster/scripts/up.sh.
   */
  public Optional<Path> auditLog() {
    Path log = kubeconfig.toAbsolutePath().getParent().resolve("logs").resolve("audit.log");
    return Files.isRegularFile(log) ? Optional.of(log) : Optional.empty();
  }

  /**
   * The kubeconfig with the certificate and key files it names inlined as data, for a process that
   * cannot see this machine's files (e.g. an image run from its own root directory).
   */
  public String selfContainedKubeconfig() {
    KubernetesSerialization yaml = new KubernetesSerialization();
    io.fabric8.kubernetes.api.model.Config config;
    try {
      config =
          yaml.unmarshal(
              Files.readString(kubeconfig), io.fabric8.kubernetes.api.model.Config.class);
      for (NamedCluster named : config.getClusters()) {
        Cluster cluster = named.getCluster();
        if (cluster.getCertificateAuthority() != null) {
          cluster.setCertificateAuthorityData(inline(cluster.getCertificateAuthority()));
          cluster.setCertificateAuthority(null);
        }
      }
      for (NamedAuthInfo named : config.getUsers()) {
        AuthInfo user = named.getUser();
        if (user.getClientCertificate() != null) {
          user.setClientCertificateData(inline(user.getClientCertificate()));
          user.setClientCertificate(null);
        }
        if (user.getClientKey() != null) {
          user.setClientKeyData(inline(user.getClientKey()));
          user.setClientKey(null);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot inline the files of kubeconfig " + kubeconfig, e);
    }
    return yaml.asYaml(config);
  }

  private String inline(String file) throws IOException {
    // Relative paths in a kubeconfig are relative to its own directory.
    Path path = kubeconfig.toAbsolutePath().getParent().resolve(file);
    return Base64.getEncoder().encodeToString(Files.readAllBytes(path));
  }

  /** The shared client; do not close it. */
  public KubernetesClient client() {
    return client;
  }

  /** A client of its own for a caller that needs different settings or will close it. */
  public static KubernetesClient newClient(Path kubeconfig) {
    return newClient(kubeconfig, null);
  }

  /** A client of its own that announces itself with {@code userAgent} (seen in audit logs). */
  public static KubernetesClient newClient(Path kubeconfig, String userAgent) {
    String content;
    try {
      content = Files.readString(kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
    }
    Config config = Config.fromKubeconfig(content);
    if (userAgent != null) {
      config.setUserAgent(userAgent);
    }
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}

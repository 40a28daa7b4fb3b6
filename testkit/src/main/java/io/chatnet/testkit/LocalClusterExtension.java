package io.chatnet.testkit;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each test class a fresh namespace on the local cluster, ready for pods (its default
 * ServiceAccount made), and deletes it (with everything in it) after the class. Namespaces carry
 * the label {@value #TEST_LABEL} so leftovers of a killed run can be found and removed.
 */
public final class LocalClusterExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  public static final String TEST_LABEL = "chatnet.io/test";
  private static final Logger LOG = LoggerFactory.getLogger(LocalClusterExtension.class);
  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(LocalClusterExtension.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public void beforeAll(ExtensionContext context) {
    KubernetesClient client = LocalCluster.get().client();
    TestNamespace namespace = new TestNamespace(namespaceName(context.getRequiredTestClass()));
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace.name())
                .addToLabels(TEST_LABEL, "true")
                .addToAnnotations("chatnet.io/test-class", context.getRequiredTestClass().getName())
                .endMetadata()
                .build())
        .create();
    context.getStore(STORE).put(TestNamespace.class, namespace);
    LOG.info("created test namespace {}", namespace);
    awaitDefaultServiceAccount(client, namespace);
  }

  /**
   * The ServiceAccount admission plugin refuses every pod of a namespace (403 "error looking up
   * service account") until kube-controller-manager has made the namespace's default
   * ServiceAccount: well under a second normally, up to a minute after an API server restart (its
   * watch of namespaces reconnects with backoff). A test starts once its namespace takes pods.
   */
  private static void awaitDefaultServiceAccount(KubernetesClient client, TestNamespace namespace) {
    Instant began = Instant.now();
    try {
      client
          .serviceAccounts()
          .inNamespace(namespace.name())
          .withName("default")
          .waitUntilCondition(
              Objects::nonNull, LocalCluster.INFORMER_CATCH_UP.toSeconds(), TimeUnit.SECONDS);
    } catch (KubernetesClientTimeoutException e) {
      throw new IllegalStateException(
          "kube-controller-manager made no default ServiceAccount in "
              + namespace.name()
              + " within "
              + LocalCluster.INFORMER_CATCH_UP
              + ": pods cannot be created there",
          e);
    }
    Duration took = Duration.between(began, Instant.now());
    if (took.toMillis() > 2_000) {
      LOG.info(
          "default ServiceAccount of {} after {} ms (kube-controller-manager's watch trailed)",
          namespace,
          took.toMillis());
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    TestNamespace namespace =
        context.getStore(STORE).remove(TestNamespace.class, TestNamespace.class);
    if (namespace != null) {
      // The namespace controller removes the contents; tests do not wait for it.
      LocalCluster.get().client().namespaces().withName(namespace.name()).delete();
      LOG.info("deleted test namespace {}", namespace);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KubernetesClient.class
        || type == TestNamespace.class
        || type == LocalCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == KubernetesClient.class) {
      return LocalCluster.get().client();
    }
    if (type == LocalCluster.class) {
      return LocalCluster.get();
    }
    TestNamespace namespace = context.getStore(STORE).get(TestNamespace.class, TestNamespace.class);
    if (namespace == null) {
      throw new ParameterResolutionException(
          "TestNamespace is created before all tests of the class; it is not available here");
    }
    return namespace;
  }

  /** A DNS-1123 label: a prefix from the class name and a random suffix, at most 63 characters. */
  static String namespaceName(Class<?> testClass) {
    String base =
        testClass
            .getSimpleName()
            .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
            .replaceAll("([A-Z])([A-Z][a-z])", "$1-$2")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9-]", "");
    if (base.length() > 48) {
      base = base.substring(0, 48);
    }
    base = base.replaceAll("-+$", "");
    String suffix = Integer.toString(RANDOM.nextInt(36 * 36 * 36 * 36), 36);
    return "t-" + base + "-" + suffix;
  }
}

package io.chatnet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The extension hands a class its own namespace and removes it afterwards. */
class LocalClusterExtensionTest {
  static final AtomicReference<String> seen = new AtomicReference<>();

  /** Run through the JUnit engine below, not by Surefire (nested classes are not discovered). */
  @LocalClusterTest
  static class UsesANamespace {
    @Test
    void namespaceExistsDuringTheClass(KubernetesClient client, TestNamespace ns) {
      Namespace live = client.namespaces().withName(ns.name()).get();
      assertThat(live).isNotNull();
      assertThat(live.getMetadata().getLabels())
          .containsEntry(LocalClusterExtension.TEST_LABEL, "true");
      seen.set(ns.name());
    }
  }

  @Test
  @Tag("cluster") // runs the class above against the local cluster
  void createsANamespacePerClassAndDeletesIt() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(UsesANamespace.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1).failed(0));

    String name = seen.get();
    assertThat(name).startsWith("t-uses-a-namespace-");
    KubernetesClient client = LocalCluster.get().client();
    await("namespace " + name + " deleted")
        .atMost(Duration.ofMinutes(1))
        .until(
            () -> {
              Namespace ns = client.namespaces().withName(name).get();
              return ns == null || ns.getMetadata().getDeletionTimestamp() != null;
            });
  }

  @Test
  void namespaceNamesAreValidDnsLabels() {
    class AVeryLongTestClassNameThatWouldOverflowTheSixtyThreeCharacterLimitOfLabels {}
    String name =
        LocalClusterExtension.namespaceName(
            AVeryLongTestClassNameThatWouldOverflowTheSixtyThreeCharacterLimitOfLabels.class);
    assertThat(name).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    assertThat(LocalClusterExtension.namespaceName(LocalClusterExtensionTest.class))
        .matches("t-local-cluster-extension-test-[a-z0-9]+");
  }
}

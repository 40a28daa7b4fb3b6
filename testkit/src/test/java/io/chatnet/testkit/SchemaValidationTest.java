package io.chatnet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proof that the tests talk to a real API server: the CRD's OpenAPI schema and CEL rule are
 * enforced at admission, with messages that name the field.
 */
@LocalClusterTest
class SchemaValidationTest {
  static CustomResourceDefinition crd;

  @BeforeAll
  static void installCrd(KubernetesClient client) {
    crd =
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .load(SchemaValidationTest.class.getResourceAsStream("/probe-crd.yaml"))
            .item();
    client.resource(crd).serverSideApply();
    await("CRD established")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                CrdInstaller.established(
                    client
                        .apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName(crd.getMetadata().getName())
                        .get()));
  }

  @AfterAll
  static void removeCrd(KubernetesClient client) {
    client.resource(crd).delete();
  }

  @Test
  void acceptsAValidObject(KubernetesClient client, TestNamespace ns) {
    GenericKubernetesResource created =
        client.resource(probe(ns, "valid", "{\"replicas\": 3, \"role\": \"relay\"}")).create();
    assertThat(created.getMetadata().getUid()).isNotBlank();
  }

  @Test
  void rejectsAValueBelowTheSchemaMinimum(KubernetesClient client, TestNamespace ns) {
    assertThatThrownBy(
            () ->
                client
                    .resource(probe(ns, "negative", "{\"replicas\": -1, \"role\": \"relay\"}"))
                    .create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining("spec.replicas")
        .hasMessageContaining("should be greater than or equal to 0");
  }

  @Test
  void rejectsAValueOutsideTheEnum(KubernetesClient client, TestNamespace ns) {
    assertThatThrownBy(
            () ->
                client
                    .resource(probe(ns, "badrole", "{\"replicas\": 1, \"role\": \"miner\"}"))
                    .create())
        .hasMessageContaining("spec.role")
        .hasMessageContaining("Unsupported value: \"miner\"");
  }

  @Test
  void rejectsWhatTheCelRuleForbids(KubernetesClient client, TestNamespace ns) {
    assertThatThrownBy(
            () ->
                client
                    .resource(probe(ns, "bootzero", "{\"replicas\": 0, \"role\": \"bootstrap\"}"))
                    .create())
        .hasMessageContaining("a bootstrap group needs at least one replica");
  }

  private static GenericKubernetesResource probe(TestNamespace ns, String name, String specJson) {
    String json =
        """
        {"apiVersion": "testkit.chatnet.io/v1", "kind": "Probe",
         "metadata": {"name": "%s", "namespace": "%s"}, "spec": %s}
        """
            .formatted(name, ns.name(), specJson);
    return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
        json, GenericKubernetesResource.class);
  }
}

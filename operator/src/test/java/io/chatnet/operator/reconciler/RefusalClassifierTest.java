package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatNetwork;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class RefusalClassifierTest {
  static final ChatNetwork NETWORK =
      Serialization.unmarshal(
          """
          apiVersion: chatnet.io/v1alpha1
          kind: ChatNetwork
          metadata: {name: lab, namespace: ns}
          spec:
            seed: s
            groups:
            - {name: boot, kind: nwaku, role: bootstrap, replicas: 1}
            - {name: store, kind: nwaku, role: service, replicas: 1}
            - {name: relay, kind: nwaku, role: relay, replicas: 3}
          """,
          ChatNetwork.class);

  static KubernetesClientException error(
      int code, String reason, String message, String... fields) {
    StatusBuilder status =
        new StatusBuilder().withCode(code).withReason(reason).withMessage(message);
    var details = status.withNewDetails();
    for (String field : fields) {
      details.addNewCause().withField(field).withReason("FieldValueInvalid").endCause();
    }
    Status built = details.endDetails().build();
    return new KubernetesClientException(built);
  }

  static HasMetadata sts(String name) {
    return new StatefulSetBuilder().withNewMetadata().withName(name).endMetadata().build();
  }

  @Test
  void codesAndMessagesSortIntoClasses() {
    assertThat(RefusalClassifier.classify(422, "StatefulSet.apps \"x\" is invalid"))
        .isEqualTo(RefusalClass.REFUSED);
    assertThat(RefusalClassifier.classify(400, "bad request")).isEqualTo(RefusalClass.REFUSED);
    assertThat(
            RefusalClassifier.classify(
                403,
                "statefulsets.apps \"x\" is forbidden: exceeded quota: q, requested:"
                    + " count/statefulsets.apps=1"))
        .isEqualTo(RefusalClass.QUOTA_EXCEEDED);
    assertThat(
            RefusalClassifier.classify(
                403, "jobs.batch \"x\" is forbidden: User \"op\" cannot create resource"))
        .isEqualTo(RefusalClass.FORBIDDEN);
    // a policy or webhook answering 403 still refuses the same object again
    assertThat(
            RefusalClassifier.classify(
                403,
                "x is forbidden: ValidatingAdmissionPolicy 'p' with binding 'b' denied request"))
        .isEqualTo(RefusalClass.REFUSED);
    assertThat(
            RefusalClassifier.classify(
                400, "admission webhook \"v.example.com\" denied the request: no"))
        .isEqualTo(RefusalClass.REFUSED);
    for (int code : new int[] {0, 404, 409, 429, 500, 503, 504}) {
      assertThat(RefusalClassifier.classify(code, "try later"))
          .as("HTTP " + code)
          .isEqualTo(RefusalClass.TRANSIENT);
    }
  }

  @Test
  void causesNarrowTheSpecFieldOfAGroupObject() {
    WriteRefusal refusal =
        RefusalClassifier.refusal(
            sts("lab-relay"),
            error(
                422,
                "Invalid",
                "StatefulSet.apps \"lab-relay\" is invalid:"
                    + " spec.template.spec.containers[0].resources.requests: Invalid value: \"2\"",
                "spec.template.spec.containers[0].resources.requests",
                "spec.template.spec.nodeSelector"),
            ChildSpecFields.of(NETWORK));
    assertThat(refusal.refusalClass()).isEqualTo(RefusalClass.REFUSED);
    assertThat(refusal.field())
        .isEqualTo("spec.groups[2].resources, spec.groups[2].nodeSelector (relay)");
    assertThat(refusal.describe())
        .isEqualTo(
            "StatefulSet lab-relay (spec.groups[2].resources, spec.groups[2].nodeSelector"
                + " (relay)): HTTP 422: StatefulSet.apps \"lab-relay\" is invalid:"
                + " spec.template.spec.containers[0].resources.requests: Invalid value: \"2\"");
  }

  @Test
  void aSecretsRefusalNeverRepeatsTheApiServersMessage() {
    HasMetadata secret =
        new SecretBuilder().withNewMetadata().withName("lab-boot-keys-0").endMetadata().build();
    WriteRefusal invalid =
        RefusalClassifier.refusal(
            secret,
            error(
                422,
                "Invalid",
                "Secret \"lab-boot-keys-0\" is invalid: data[0]: Invalid value: \"c2VjcmV0a2V5\"",
                "data[0]"),
            ChildSpecFields.of(NETWORK));
    assertThat(invalid.message())
        .isEqualTo(
            "HTTP 422 Invalid at data[0] (the API server's full message is withheld: it may echo"
                + " Secret data)")
        .doesNotContain("c2VjcmV0a2V5");
    assertThat(invalid.field()).isEqualTo("spec.groups[0] (boot)");

    WriteRefusal quota =
        RefusalClassifier.refusal(
            secret,
            error(
                403,
                "Forbidden",
                "secrets \"lab-boot-keys-0\" is forbidden: exceeded quota: small, requested:"
                    + " count/secrets=1, used: count/secrets=4, limited: count/secrets=4"),
            ChildSpecFields.of(NETWORK));
    assertThat(quota.refusalClass()).isEqualTo(RefusalClass.QUOTA_EXCEEDED);
    assertThat(quota.message()).startsWith("HTTP 403 Forbidden: exceeded quota small (");

    WriteRefusal policy =
        RefusalClassifier.refusal(
            secret,
            error(
                422,
                "Invalid",
                "secrets \"x\" is forbidden: ValidatingAdmissionPolicy 'no-keys' with binding"
                    + " 'b' denied request: value \"s3cr3t\" is not allowed"),
            ChildSpecFields.of(NETWORK));
    assertThat(policy.message())
        .startsWith("HTTP 422 Invalid: denied by ValidatingAdmissionPolicy no-keys (")
        .doesNotContain("s3cr3t");
  }

  @Test
  void longMessagesAreCutOnOneLine() {
    String message = "line one\n" + "x".repeat(1000);
    WriteRefusal refusal =
        RefusalClassifier.refusal(
            sts("lab-boot"), error(500, "InternalError", message), ChildSpecFields.of(NETWORK));
    assertThat(refusal.message()).hasSize(RefusalClassifier.MAX_MESSAGE).doesNotContain("\n");
    assertThat(refusal.refusalClass()).isEqualTo(RefusalClass.TRANSIENT);
  }
}

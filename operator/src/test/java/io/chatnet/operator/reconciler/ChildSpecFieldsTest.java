package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatExperiment;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildSpecFieldsTest {
  final ChildSpecFields network = ChildSpecFields.of(RefusalClassifierTest.NETWORK);

  static HasMetadata secret(String name) {
    return new SecretBuilder().withNewMetadata().withName(name).endMetadata().build();
  }

  @Test
  void eachNetworkChildNamesTheGroupItCameFrom() {
    assertThat(network.field(RefusalClassifierTest.sts("lab-store"), List.of()))
        .isEqualTo("spec.groups[1] (store)");
    assertThat(
            network.field(
                new ServiceBuilder().withNewMetadata().withName("lab-relay").endMetadata().build(),
                List.of("metadata.name")))
        .isEqualTo("metadata.name + spec.groups[2].name (relay)");
    assertThat(network.field(secret("lab-relay-keys-1"), List.of()))
        .isEqualTo("spec.groups[2] (relay)");
    assertThat(network.nameField(secret("lab-boot-keys-0")))
        .isEqualTo("metadata.name + spec.groups[0].name (boot)");
    assertThat(
            network.field(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("lab-network")
                    .endMetadata()
                    .build(),
                List.of()))
        .isEqualTo("spec");
    // same name, other kind: a PodMonitor is not a group's object
    assertThat(
            network.field(
                new GenericKubernetesResourceBuilder()
                    .withKind("PodMonitor")
                    .withNewMetadata()
                    .withName("lab-relay")
                    .endMetadata()
                    .build(),
                List.of()))
        .isEqualTo("spec");
    assertThat(network.field(secret("lab-relay-keys-x"), List.of())).isEqualTo("spec");
  }

  @Test
  void groupFieldsFollowTheChildsFieldPaths() {
    assertThat(
            network.field(
                RefusalClassifierTest.sts("lab-relay"),
                List.of("spec.template.spec.initContainers[0].securityContext.privileged")))
        .isEqualTo("spec.groups[2].networkConditions (relay)");
    assertThat(
            network.field(
                RefusalClassifierTest.sts("lab-relay"),
                List.of("spec.template.spec.tolerations[0].key")))
        .isEqualTo("spec.groups[2].tolerations (relay)");
    assertThat(
            network.field(
                RefusalClassifierTest.sts("lab-relay"),
                List.of("spec.template.spec.containers[0].image")))
        .isEqualTo("spec.groups[2].image (relay)");
    assertThat(
            network.field(
                RefusalClassifierTest.sts("lab-relay"), List.of("spec.template.spec.hostname")))
        .isEqualTo("spec.groups[2] (relay)");
  }

  @Test
  void experimentChildren() {
    ChatExperiment experiment =
        Serialization.unmarshal(
            """
            apiVersion: chatnet.io/v1alpha1
            kind: ChatExperiment
            metadata: {name: run, namespace: ns}
            spec:
              networkRef: {name: lab}
              traffic: {oneToOne: {pairs: 1, messagesPerMinute: 1}}
            """,
            ChatExperiment.class);
    ChildSpecFields fields = ChildSpecFields.of(experiment);
    HasMetadata job =
        new JobBuilder().withNewMetadata().withName("run-loadgen").endMetadata().build();
    assertThat(fields.field(job, List.of("spec.template.spec.containers[0].resources.limits")))
        .isEqualTo("spec.loadGenerator.resources");
    assertThat(fields.field(job, List.of("spec.parallelism")))
        .isEqualTo("spec.loadGenerator.replicas");
    assertThat(fields.field(job, List.of("metadata.name"))).isEqualTo("metadata.name");
    assertThat(
            fields.nameField(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("run-plan")
                    .endMetadata()
                    .build()))
        .isEqualTo("metadata.name");
    assertThat(
            fields.field(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("run-report")
                    .endMetadata()
                    .build(),
                List.of()))
        .isEqualTo("status (its report)");
  }
}

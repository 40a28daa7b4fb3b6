package io.chatnet.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Plan;
import io.chatnet.operator.Crds;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.experiment.LoadGeneratorJob;
import io.chatnet.operator.experiment.PlanConfigMap;
import io.chatnet.operator.network.GroupService;
import io.chatnet.operator.network.GroupStatefulSet;
import io.chatnet.operator.network.NetworkConfigMap;
import io.chatnet.operator.network.NodeKeySecrets;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The name limits admission enforces (NameRules) are enough: a ChatNetwork and a ChatExperiment
 * with the longest names admission allows produce children the real API server accepts, including
 * the pods their controllers would create (the largest ordinal and index, and the labels the
 * StatefulSet and Job controllers add). The corpus shows one character more is refused.
 */
@LocalClusterTest
class LongestNamesMakeValidChildrenTest {
  static final String NETWORK = "longest-network-name-is-30char";
  static final String GROUP = "relay-group-20-chars";
  static final String EXPERIMENT = "the-longest-experiment-name-admission-allows-is-51c";

  @BeforeAll
  static void installCrds(KubernetesClient client) {
    Crds.install(client);
  }

  @Test
  void theLongestNamesAreTheLimits() {
    assertThat(NETWORK).hasSize(NameRules.NETWORK_NAME_MAX).matches(NameRules.RFC1035_LABEL);
    assertThat(GROUP).hasSize(NameRules.GROUP_NAME_MAX).matches(NameRules.RFC1035_LABEL);
    assertThat(EXPERIMENT).hasSize(NameRules.EXPERIMENT_NAME_MAX).matches(NameRules.RFC1123_LABEL);
  }

  @Test
  void aNetworkWithTheLongestNamesGetsValidChildren(KubernetesClient client, TestNamespace ns) {
    ChatNetwork network =
        Serialization.unmarshal(
            """
            apiVersion: chatnet.io/v1alpha1
            kind: ChatNetwork
            metadata: {name: %s}
            spec:
              seed: s
              groups:
              - {name: boot, kind: nwaku, role: bootstrap, replicas: 1}
              - {name: %s, kind: nwaku, role: relay, replicas: 100000}
            """
                .formatted(NETWORK, GROUP),
            ChatNetwork.class);
    network.getMetadata().setNamespace(ns.name());
    ChatNetwork admitted = client.resource(network).dryRun().create();
    admitted.getMetadata().setUid("00000000-0000-0000-0000-000000000001");
    NodeGroup group = admitted.getSpec().getGroups().get(1);

    StatefulSet statefulSet =
        GroupStatefulSet.build(
            admitted, group, NodeKeySecrets.chunks(group.getReplicas()), Scenarios.DEFAULTS);
    accepted(client, ns, statefulSet);
    accepted(client, ns, GroupService.build(admitted, group));
    accepted(client, ns, NodeKeySecrets.build(admitted, group).get(0));
    accepted(client, ns, NetworkConfigMap.build(admitted, Map.of(), "cluster.local"));

    // The pod the StatefulSet controller makes last: ordinal replicas - 1, host name the pod
    // name, labelled with its revision (<statefulset>-<hash>, a hash of up to 10 digits).
    String sts = statefulSet.getMetadata().getName();
    String pod = sts + "-" + (group.getReplicas() - 1);
    Map<String, String> labels = new LinkedHashMap<>(labels(statefulSet.getSpec().getTemplate()));
    labels.put("controller-revision-hash", sts + "-4294967295");
    labels.put("statefulset.kubernetes.io/pod-name", pod);
    labels.put("apps.kubernetes.io/pod-index", String.valueOf(group.getReplicas() - 1));
    Pod last =
        new PodBuilder()
            .withMetadata(new ObjectMetaBuilder().withName(pod).withLabels(labels).build())
            .withSpec(statefulSet.getSpec().getTemplate().getSpec())
            .editSpec()
            .withHostname(pod)
            .withSubdomain(statefulSet.getSpec().getServiceName())
            .endSpec()
            .build();
    accepted(client, ns, last);
  }

  @Test
  void anExperimentWithTheLongestNamesGetsValidChildren(KubernetesClient client, TestNamespace ns) {
    ChatExperiment experiment =
        Serialization.unmarshal(
            """
            apiVersion: chatnet.io/v1alpha1
            kind: ChatExperiment
            metadata: {name: %s}
            spec:
              networkRef: {name: %s}
              durationSeconds: 60
              traffic: {oneToOne: {pairs: 2, messagesPerMinute: 6}}
              loadGenerator: {replicas: 256}
            """
                .formatted(EXPERIMENT, NETWORK),
            ChatExperiment.class);
    experiment.getMetadata().setNamespace(ns.name());
    ChatExperiment admitted = client.resource(experiment).dryRun().create();
    admitted.getMetadata().setUid("00000000-0000-0000-0000-000000000002");

    // The Job validation checks <job>-<last index> as the pods' host name.
    Job job = LoadGeneratorJob.build(admitted, Scenarios.DEFAULTS);
    accepted(client, ns, job);
    accepted(
        client,
        ns,
        PlanConfigMap.build(
            admitted,
            new Plan(
                ContractJson.VERSION,
                null,
                Instant.EPOCH,
                0,
                0,
                1,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                null,
                0),
            Instant.EPOCH));

    // The pod the Job controller makes for the last index, with the labels it adds.
    String jobName = job.getMetadata().getName();
    int last = admitted.getSpec().getLoadGenerator().getReplicas() - 1;
    Map<String, String> labels = new LinkedHashMap<>(labels(job.getSpec().getTemplate()));
    labels.put("batch.kubernetes.io/job-name", jobName);
    labels.put("job-name", jobName);
    labels.put("batch.kubernetes.io/job-completion-index", String.valueOf(last));
    labels.put("batch.kubernetes.io/controller-uid", "00000000-0000-0000-0000-000000000003");
    Pod pod =
        new PodBuilder()
            .withMetadata(
                new ObjectMetaBuilder()
                    .withName(jobName + "-" + last + "-abcde")
                    .withLabels(labels)
                    .build())
            .withSpec(job.getSpec().getTemplate().getSpec())
            .editSpec()
            .withHostname(jobName + "-" + last)
            .endSpec()
            .build();
    accepted(client, ns, pod);
  }

  private static Map<String, String> labels(PodTemplateSpec template) {
    return template.getMetadata().getLabels();
  }

  private static void accepted(KubernetesClient client, TestNamespace ns, HasMetadata object) {
    object.getMetadata().setNamespace(ns.name());
    object.getMetadata().setOwnerReferences(null);
    HasMetadata stored = client.resource(object).dryRun().create();
    assertThat(stored.getMetadata().getName()).isEqualTo(object.getMetadata().getName());
  }
}

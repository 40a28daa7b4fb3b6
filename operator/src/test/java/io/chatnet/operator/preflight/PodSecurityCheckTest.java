package io.chatnet.operator.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NetworkConditions;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.experiment.LoadGeneratorJob;
import io.chatnet.operator.preflight.PodSecurityCheck.Level;
import io.chatnet.operator.preflight.PodSecurityCheck.Policy;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Pod Security levels against the pod templates GroupStatefulSet builds. */
class PodSecurityCheckTest {
  final ChatNetwork smoke = Scenarios.network("smoke.yaml", "team-a");

  static Policy policy(String level, String version) {
    return version == null
        ? Policy.of(Map.of(PodSecurityCheck.ENFORCE, level))
        : Policy.of(
            Map.of(PodSecurityCheck.ENFORCE, level, PodSecurityCheck.ENFORCE_VERSION, version));
  }

  List<GroupDemand> demands() {
    return NetworkDemand.of(smoke, Map.of(), Set.of(), Scenarios.DEFAULTS);
  }

  NodeGroup relay() {
    return smoke.getSpec().getGroups().get(1);
  }

  void addNetworkConditions() {
    NetworkConditions conditions = new NetworkConditions();
    conditions.setLatencyMillis(50);
    relay().setNetworkConditions(conditions);
  }

  @Test
  void everyBuiltTemplateMeetsRestricted() {
    for (GroupDemand d : demands()) {
      assertThat(PodSecurityCheck.violations(d.pod(), policy("restricted", null)))
          .as(d.describe())
          .isEmpty();
    }
  }

  @Test
  void theLoadGeneratorJobMeetsRestrictedToo() throws Exception {
    ChatExperiment experiment =
        io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
            java.nio.file.Files.readString(
                Scenarios.dir().resolve("experiment-private-groups.yaml")),
            ChatExperiment.class);
    experiment.getMetadata().setNamespace("lab");
    PodSpec job =
        LoadGeneratorJob.build(experiment, Scenarios.DEFAULTS).getSpec().getTemplate().getSpec();
    assertThat(job.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(PodSecurityCheck.violations(job, policy("restricted", null))).isEmpty();
  }

  @Test
  void netemBreaksBaselineByItsCapabilityAndRestrictedByRootToo() {
    addNetworkConditions();
    PodSpec pod = demands().get(1).pod();
    assertThat(PodSecurityCheck.violations(pod, policy("privileged", null))).isEmpty();
    assertThat(PodSecurityCheck.violations(pod, policy("baseline", "latest")))
        .extracting(PodSecurityCheck.Violation::describe)
        .containsExactly(
            "init container netem: securityContext.capabilities.add NET_ADMIN (baseline:"
                + " capabilities)");
    assertThat(PodSecurityCheck.violations(pod, policy("restricted", null)))
        .extracting(PodSecurityCheck.Violation::describe)
        .containsExactly(
            "init container netem: securityContext.capabilities.add NET_ADMIN (baseline:"
                + " capabilities)",
            "init container netem: securityContext.runAsNonRoot false (restricted: runAsNonRoot)",
            "init container netem: securityContext.runAsUser=0 (restricted: runAsUser)",
            "init container netem: securityContext.capabilities.add NET_ADMIN (restricted:"
                + " capabilities)");
    // Policy v1.21 predates the runAsUser (1.23) and restricted capabilities (1.22) rules.
    assertThat(PodSecurityCheck.violations(pod, policy("restricted", "v1.21")))
        .extracting(PodSecurityCheck.Violation::rule)
        .containsExactly("baseline: capabilities", "restricted: runAsNonRoot");
  }

  @Test
  void theFindingNamesTheLevelTheContainerAndTheFix() {
    addNetworkConditions();
    List<Finding> findings = PodSecurityCheck.findings("lab", policy("baseline", null), demands());
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.reason()).isEqualTo("PodSecurity");
              assertThat(f.message())
                  .isEqualTo(
                      "namespace lab enforces Pod Security baseline (version latest), which refuses the"
                          + " pods of group relay (spec.groups[1]): init container netem:"
                          + " securityContext.capabilities.add NET_ADMIN (baseline: capabilities)."
                          + " spec.groups[1].networkConditions adds the netem init container, which runs"
                          + " tc as root with NET_ADMIN (only the privileged level allows it). Fix:"
                          + " kubectl label namespace lab pod-security.kubernetes.io/enforce=privileged"
                          + " --overwrite, or drop spec.groups[1].networkConditions, or set"
                          + " spec.preflight.skipChecks: [podSecurity]");
            });
  }

  @Test
  void restrictedWantsEachFieldSetWhereThePodDoesNotSetIt() {
    PodSpec bare =
        new PodSpecBuilder()
            .addNewContainer()
            .withName("app")
            .withImage("x")
            .endContainer()
            .addNewVolume()
            .withName("host")
            .withNewHostPath()
            .withPath("/var")
            .endHostPath()
            .endVolume()
            .withHostNetwork(true)
            .build();
    assertThat(PodSecurityCheck.violations(bare, policy("baseline", null)))
        .extracting(PodSecurityCheck.Violation::rule)
        .containsExactly("baseline: host namespaces", "baseline: hostPath volumes");
    assertThat(PodSecurityCheck.violations(bare, policy("restricted", null)))
        .extracting(PodSecurityCheck.Violation::rule)
        .contains(
            "restricted: privilege escalation",
            "restricted: runAsNonRoot",
            "restricted: seccomp",
            "restricted: capabilities");
  }

  @Test
  void labelsReadAsTheAdmissionPluginReadsThem() {
    assertThat(Policy.of(Map.of()).level()).isEqualTo(Level.PRIVILEGED);
    assertThat(Policy.of(Map.of()).labelled()).isFalse();
    assertThat(policy("baseline", "v1.30").minor()).isEqualTo(30);
    assertThat(policy("restricted", "latest").minor()).isEqualTo(Integer.MAX_VALUE);
    assertThat(policy("restricted", null).describe()).isEqualTo("restricted (version latest)");
  }
}

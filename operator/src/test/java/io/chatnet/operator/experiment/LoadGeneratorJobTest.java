package io.chatnet.operator.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatExperiment;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import org.junit.jupiter.api.Test;

/** The load generator's pods run as the image's non-root user on a read-only root file system. */
class LoadGeneratorJobTest {
  final ChatExperiment experiment =
      ExperimentBuildersTest.experiment("experiment-private-groups.yaml");
  final PodSpec pod =
      LoadGeneratorJob.build(experiment, Scenarios.DEFAULTS).getSpec().getTemplate().getSpec();
  final Container container = pod.getContainers().get(0);

  @Test
  void runsAsTheImageUserWithoutPrivileges() {
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(65532L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(container.getSecurityContext().getPrivileged()).isNull();
  }

  @Test
  void writesOnlyToAnEmptyDirOnAReadOnlyRoot() {
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    VolumeMount tmp =
        container.getVolumeMounts().stream()
            .filter(m -> m.getMountPath().equals("/tmp"))
            .findFirst()
            .orElseThrow();
    Volume scratch =
        pod.getVolumes().stream()
            .filter(v -> v.getName().equals(tmp.getName()))
            .findFirst()
            .orElseThrow();
    assertThat(scratch.getEmptyDir()).isNotNull();
    // The summary file goes to the scratch volume; the termination message is the kubelet's file.
    int summary = container.getArgs().indexOf("--summary");
    assertThat(container.getArgs().get(summary + 1)).startsWith("/tmp/");
    assertThat(container.getArgs()).doesNotContain("--termination-log");
    assertThat(container.getTerminationMessagePath()).isNull(); // the default, /dev/termination-log
    assertThat(
            container.getVolumeMounts().stream()
                .filter(m -> !Boolean.TRUE.equals(m.getReadOnly()))
                .map(VolumeMount::getMountPath))
        .containsExactly("/tmp");
  }

  @Test
  void theImageOnlyComesFromTheExperimentOrTheOperatorDefault() {
    assertThat(container.getImage()).isEqualTo(Scenarios.DEFAULTS.loadgenImage());
    assertThat(container.getCommand()).isNullOrEmpty(); // the image's entrypoint runs
  }
}

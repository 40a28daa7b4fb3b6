package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.rln.RlnBinding;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A membership counts as registered once the pod's keystore init container exited 0. */
class RlnRegistrationCountTest {
  static Pod pod(ContainerStatus... init) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("net-relay-0")
        .endMetadata()
        .withNewStatus()
        .withInitContainerStatuses(List.of(init))
        .endStatus()
        .build();
  }

  static ContainerStatus init(String name, Integer exit, boolean running) {
    ContainerStatusBuilder b = new ContainerStatusBuilder().withName(name);
    if (running) {
      b.withNewState().withNewRunning().endRunning().endState();
    } else {
      b.withNewState().withNewTerminated().withExitCode(exit).endTerminated().endState();
    }
    return b.build();
  }

  @Test
  void onlyAKeystoreInitContainerThatExitedZeroCounts() {
    String keystore = RlnBinding.KEYSTORE_INIT_CONTAINER;
    assertThat(RlnRegistrations.keystoreWritten(pod(init(keystore, 0, false)))).isTrue();
    assertThat(RlnRegistrations.keystoreWritten(pod(init(keystore, 1, false)))).isFalse();
    assertThat(RlnRegistrations.keystoreWritten(pod(init(keystore, null, true)))).isFalse();
    assertThat(RlnRegistrations.keystoreWritten(pod(init("other", 0, false)))).isFalse();
    assertThat(RlnRegistrations.keystoreWritten(pod())).isFalse();
    assertThat(RlnRegistrations.keystoreWritten(new PodBuilder().build())).isFalse();
  }
}

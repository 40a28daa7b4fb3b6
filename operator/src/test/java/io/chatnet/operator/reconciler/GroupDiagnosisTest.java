package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupDiagnosisTest {
  static PodBuilder pod(String name) {
    return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().endSpec();
  }

  static Pod ready(String name) {
    return pod(name)
        .editSpec()
        .withNodeName("n1")
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .endCondition()
        .endStatus()
        .build();
  }

  static Pod unschedulable(String name) {
    return pod(name)
        .withNewStatus()
        .withPhase("Pending")
        .addNewCondition()
        .withType("PodScheduled")
        .withStatus("False")
        .withReason("Unschedulable")
        .withMessage("0/20 nodes are available: 20 Insufficient cpu.")
        .endCondition()
        .endStatus()
        .build();
  }

  static Pod waiting(String name, String reason, String message) {
    return pod(name)
        .editSpec()
        .withNodeName("n1")
        .endSpec()
        .withNewStatus()
        .withPhase("Pending")
        .addNewCondition()
        .withType("PodScheduled")
        .withStatus("True")
        .endCondition()
        .addNewCondition()
        .withType("Ready")
        .withStatus("False")
        .withReason("ContainersNotReady")
        .endCondition()
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName("node")
                .withNewState()
                .withNewWaiting()
                .withReason(reason)
                .withMessage(message)
                .endWaiting()
                .endState()
                .build())
        .endStatus()
        .build();
  }

  static Pod crashLooping(String name) {
    return pod(name)
        .editSpec()
        .withNodeName("n1")
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName("node")
                .withNewState()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .withMessage("back-off 5m0s restarting failed container")
                .endWaiting()
                .endState()
                .withNewLastState()
                .withNewTerminated()
                .withExitCode(1)
                .withReason("Error")
                .endTerminated()
                .endLastState()
                .build())
        .endStatus()
        .build();
  }

  static Pod probeFailing(String name) {
    return pod(name)
        .editSpec()
        .withNodeName("n1")
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .addNewCondition()
        .withType("Ready")
        .withStatus("False")
        .withMessage("containers with unready status: [node]")
        .endCondition()
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName("node")
                .withReady(false)
                .withNewState()
                .withNewRunning()
                .endRunning()
                .endState()
                .build())
        .endStatus()
        .build();
  }

  static Event failedCreate(String time, String message) {
    return new EventBuilder()
        .withReason("FailedCreate")
        .withType("Warning")
        .withMessage(message)
        .withLastTimestamp(time)
        .withNewInvolvedObject()
        .withKind("StatefulSet")
        .withName("lab-relay")
        .endInvolvedObject()
        .build();
  }

  @Test
  void countsEachCauseWithItsFirstPodAsTheExampleMostPodsFirst() {
    List<Pod> pods = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pods.add(ready("lab-relay-" + i));
    }
    pods.add(unschedulable("lab-relay-7"));
    pods.add(unschedulable("lab-relay-5"));
    pods.add(unschedulable("lab-relay-6"));
    pods.add(waiting("lab-relay-8", "ImagePullBackOff", "Back-off pulling image \"x:1\""));
    pods.add(crashLooping("lab-relay-9"));
    pods.add(probeFailing("lab-relay-10"));
    GroupDiagnosis d = GroupDiagnosis.of("relay", 11, pods, List.of());
    assertThat(d.ready()).isEqualTo(5);
    assertThat(d.causes())
        .extracting(c -> c.reason() + "=" + c.pods() + "@" + c.examplePod())
        .containsExactly(
            "Unschedulable=3@lab-relay-5",
            "ReadinessProbeFailing=1@lab-relay-10",
            "ImagePullBackOff=1@lab-relay-8",
            "CrashLoopBackOff=1@lab-relay-9");
    assertThat(d.summary())
        .isEqualTo(
            "3 Unschedulable (e.g. lab-relay-5: 0/20 nodes are available: 20 Insufficient cpu.);"
                + " 1 ReadinessProbeFailing (e.g. lab-relay-10: containers running, readiness"
                + " probe not passing (containers with unready status: [node])); 1"
                + " ImagePullBackOff (e.g. lab-relay-8: container node: Back-off pulling image"
                + " \"x:1\"); 1 CrashLoopBackOff (e.g. lab-relay-9: container node: container"
                + " node exited with code 1 (Error))");
    assertThat(d.transientOnly()).isFalse();
  }

  @Test
  void podsNeverCreatedAreExplainedByTheLatestFailedCreateEvent() {
    GroupDiagnosis d =
        GroupDiagnosis.of(
            "relay",
            3,
            List.of(ready("lab-relay-0")),
            List.of(
                failedCreate("2026-12-01T10:00:00Z", "older"),
                failedCreate(
                    "2026-12-01T10:00:05Z",
                    "create Pod lab-relay-1 in StatefulSet lab-relay failed error: pods"
                        + " \"lab-relay-1\" is forbidden: violates PodSecurity \"restricted\"")));
    assertThat(d.causes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.reason()).isEqualTo("FailedCreate");
              assertThat(c.pods()).isEqualTo(2);
              assertThat(c.message()).contains("violates PodSecurity");
            });
    assertThat(d.transientOnly()).isFalse();
  }

  @Test
  void missingPodsWithoutAnEventAndNoCauseAtAllAreOnlyTransient() {
    GroupDiagnosis notYet = GroupDiagnosis.of("relay", 2, List.of(), List.of());
    assertThat(notYet.summary()).startsWith("2 NotCreated");
    assertThat(notYet.transientOnly()).isTrue();
    GroupDiagnosis lagging = GroupDiagnosis.of("relay", 1, List.of(ready("a-0")), List.of());
    assertThat(lagging.summary()).isEqualTo("no not-ready pod found");
    assertThat(lagging.transientOnly()).isTrue();
  }

  @Test
  void longMessagesAreCutAndFlattened() {
    String longMessage = "line one\n" + "x".repeat(500);
    GroupDiagnosis d =
        GroupDiagnosis.of(
            "relay",
            1,
            List.of(waiting("a-0", "CreateContainerConfigError", longMessage)),
            List.of());
    String summary = d.summary();
    assertThat(summary).doesNotContain("\n").endsWith("...)");
    assertThat(summary.length()).isLessThan(GroupDiagnosis.MESSAGE_LIMIT + 60);
  }
}

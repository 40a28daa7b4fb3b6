package io.chatnet.operator.reliability;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;

/**
 * Asks kube-scheduler itself whether it sees every node cordoned: a bare pod that tolerates nothing
 * is created, and the scheduler either refuses it (condition PodScheduled=False, reason
 * Unschedulable: every node in its cache is cordoned) or places it (its cache is behind: the probe
 * is removed and another tried a second later). The probe never runs anything: kwok pulls no image.
 */
final class CordonProbe {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration PER_PROBE = Duration.ofSeconds(15);

  private CordonProbe() {}

  /**
   * Returns once a probe in {@code namespace} was refused; throws if none was within {@code limit}.
   */
  static void awaitRefused(KubernetesClient client, String namespace, Duration limit)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    int placed = 0;
    String last = "no probe answered";
    while (Instant.now().isBefore(deadline)) {
      Pod probe = null;
      try {
        probe = client.resource(probe(namespace)).create();
        Outcome outcome = await(client, probe, deadline, PER_PROBE);
        if (outcome == Outcome.REFUSED) {
          return;
        }
        if (outcome == Outcome.PLACED) {
          placed++;
          last = placed + " probe(s) placed: the scheduler did not have every node cordoned";
        }
      } catch (KubernetesClientException e) {
        last = "probe unwritable: " + e.getMessage(); // an API server still coming back
      } finally {
        if (probe != null) {
          remove(client, probe);
        }
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException(
        "kube-scheduler did not honour the cordon within " + limit + ": " + last);
  }

  /**
   * Returns once the scheduler placed a probe in {@code namespace} (the probe then removed): its
   * watches of pods and nodes answer again. After an API server restart they can trail for up to a
   * minute (LocalCluster.INFORMER_CATCH_UP); a test that needs the scheduler's answer within
   * seconds asks this first. Throws if no probe was placed within {@code limit}.
   */
  static Duration awaitPlaced(KubernetesClient client, String namespace, Duration limit)
      throws InterruptedException {
    Instant began = Instant.now();
    Pod probe = client.resource(probe(namespace)).create();
    try {
      Outcome outcome = await(client, probe, began.plus(limit), limit);
      if (outcome != Outcome.PLACED) {
        throw new IllegalStateException(
            "kube-scheduler placed no probe in " + namespace + " within " + limit + ": " + outcome);
      }
      return Duration.between(began, Instant.now());
    } finally {
      remove(client, probe);
    }
  }

  private enum Outcome {
    REFUSED,
    PLACED,
    UNDECIDED
  }

  private static Outcome await(
      KubernetesClient client, Pod probe, Instant deadline, Duration perProbe)
      throws InterruptedException {
    Instant until = Instant.now().plus(perProbe);
    if (until.isAfter(deadline)) {
      until = deadline;
    }
    while (Instant.now().isBefore(until)) {
      Pod seen =
          client
              .pods()
              .inNamespace(probe.getMetadata().getNamespace())
              .withName(probe.getMetadata().getName())
              .get();
      if (seen != null && seen.getSpec().getNodeName() != null) {
        return Outcome.PLACED;
      }
      if (seen != null && seen.getStatus() != null && refused(seen)) {
        return Outcome.REFUSED;
      }
      Thread.sleep(POLL.toMillis());
    }
    return Outcome.UNDECIDED;
  }

  private static boolean refused(Pod pod) {
    for (PodCondition c : pod.getStatus().getConditions()) {
      if ("PodScheduled".equals(c.getType())
          && "False".equals(c.getStatus())
          && "Unschedulable".equals(c.getReason())) {
        return true;
      }
    }
    return false;
  }

  private static void remove(KubernetesClient client, Pod probe) {
    try {
      client.resource(probe).withGracePeriod(0).delete();
    } catch (KubernetesClientException e) {
      System.out.println(
          "cordon probe left: " + e.getMessage()); // the namespace's deletion ends it
    }
  }

  static Pod probe(String namespace) {
    return new PodBuilder()
        .withNewMetadata()
        .withGenerateName("cordon-probe-")
        .withNamespace(namespace)
        .addToLabels("app.kubernetes.io/name", "cordon-probe")
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withTerminationGracePeriodSeconds(0L)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(65532L)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName("probe")
        .withImage("registry.invalid/chatnet/cordon-probe:1")
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .addToDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .endContainer()
        .endSpec()
        .build();
  }
}

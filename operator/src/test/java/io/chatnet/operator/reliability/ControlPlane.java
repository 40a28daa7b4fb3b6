package io.chatnet.operator.reliability;

import io.chatnet.testkit.LocalCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local cluster's etcd and kube-apiserver as a campaign's fault: SIGKILL one of them, leave it
 * down for a while, start it again on the same ports, flags and data dir and wait until it is
 * healthy. The commands are cluster/scripts/restart.sh's (which shares up.sh's start functions), so
 * the restarted process is exactly the one the cluster began with.
 */
public final class ControlPlane {
  public enum Component {
    APISERVER("apiserver"),
    ETCD("etcd");

    final String script;

    Component(String script) {
      this.script = script;
    }
  }

  /** What one outage was: the component, when it was killed, and how long it was down. */
  public record Outage(Component component, Instant killed, Duration down) {
    @Override
    public String toString() {
      return component.script + " down " + down.toMillis() + " ms";
    }

    Instant ended() {
      return killed.plus(down);
    }
  }

  /**
   * Outages from this long on can outlast a node's lease: kwok renews its 40 s leases (up.sh) every
   * 10 s, so the controller-manager may have last seen a renewal 10 s before the outage began.
   */
  static final Duration LEASE_AT_RISK = Duration.ofSeconds(30);

  /** How long the simulated cluster is given to react to an outage's end (below). */
  static final Duration SETTLE = Duration.ofSeconds(15);

  /** How long every node must have kept its Ready condition before a trial may converge. */
  static final Duration NODES_STEADY = Duration.ofSeconds(10);

  /**
   * What keeps the cluster from being settled after {@code outage}: a trial converges no earlier.
   * An outage longer than kwok's node lease (40 s) lets kube-controller-manager mark nodes NotReady
   * and their pods not ready a few seconds after the outage ends, and kwok sets them back: the
   * operator rightly reports Degraded, then Ready, and those writes are the cluster's doing, not
   * writes after convergence (bench/reliability.md, finding 15). So, after an outage of {@link
   * #LEASE_AT_RISK} or more: {@link #SETTLE} after the outage's end, every node Ready, none with a
   * Ready transition in the last {@link #NODES_STEADY}. An unanswered request counts as not settled
   * yet.
   */
  static List<String> unsettled(KubernetesClient client, Outage outage) {
    if (outage == null || outage.down().compareTo(LEASE_AT_RISK) < 0) {
      return List.of();
    }
    Instant now = Instant.now();
    if (now.isBefore(outage.ended().plus(SETTLE))) {
      return List.of("the cluster settling after the outage (" + SETTLE.toSeconds() + " s)");
    }
    try {
      return client.nodes().list().getItems().stream()
          .flatMap(
              n ->
                  n.getStatus().getConditions().stream()
                      .filter(c -> "Ready".equals(c.getType()))
                      .filter(
                          c ->
                              !"True".equals(c.getStatus())
                                  || Instant.parse(c.getLastTransitionTime())
                                      .isAfter(now.minus(NODES_STEADY)))
                      .map(
                          c ->
                              "node "
                                  + n.getMetadata().getName()
                                  + " Ready="
                                  + c.getStatus()
                                  + " since "
                                  + c.getLastTransitionTime()))
          .toList();
    } catch (KubernetesClientException e) {
      return List.of("nodes unread: " + e.getMessage());
    }
  }

  private ControlPlane() {}

  /**
   * Kills {@code component}, sleeps {@code pause} (the outage the trial is about, not a wait for a
   * state), starts it again and returns once it answers its health check. The API server's audit
   * log must survive the restart (it is appended to, never truncated): the campaign counts the
   * operator's writes after convergence from it.
   */
  public static Outage restart(Component component, Duration pause)
      throws IOException, InterruptedException {
    Path audit = LocalCluster.get().auditLog().orElseThrow();
    long auditBefore = Files.size(audit);
    script("kill", component);
    Instant killed = Instant.now();
    Thread.sleep(pause.toMillis());
    script("start", component);
    Duration down = Duration.between(killed, Instant.now());
    if (Files.size(audit) < auditBefore) {
      throw new IllegalStateException(
          "the audit log shrank across the " + component.script + " restart: " + audit);
    }
    return new Outage(component, killed, down);
  }

  private static void script(String action, Component component)
      throws IOException, InterruptedException {
    Path repo = Path.of(System.getProperty("chatnet.repo.dir", "..")).toAbsolutePath().normalize();
    Path log =
        Files.createDirectories(Path.of("target", "reliability")).resolve("control-plane.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    repo.resolve("cluster/scripts/restart.sh").toString(),
                    action,
                    component.script))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // the cluster whose kubeconfig the tests use, on the ports it was started with
    builder
        .environment()
        .put(
            "CHATNET_CLUSTER_STATE",
            LocalCluster.get().kubeconfig().toAbsolutePath().getParent().toString());
    Process process = builder.start();
    if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "restart.sh " + action + " " + component.script + " failed; see " + log.toAbsolutePath());
    }
  }
}

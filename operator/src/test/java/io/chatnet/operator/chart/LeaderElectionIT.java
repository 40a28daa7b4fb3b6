package io.chatnet.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.operator.AuditLog;
import io.chatnet.operator.Crds;
import io.chatnet.operator.reconciler.ChatExperimentLifecycleTest;
import io.chatnet.testkit.LocalCluster;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two operator processes (the packaged Quarkus app, as the chart's two replicas) against the local
 * cluster, acting as the chart's ServiceAccount, watching only this test's namespace and electing a
 * leader through a Lease there: only the leader writes; when it is killed (SIGKILL) the standby
 * takes the Lease within the lease time and reconciles what comes next.
 */
@LocalClusterTest
class LeaderElectionIT {
  static final Duration LEASE = Duration.ofSeconds(10);
  static final Duration RENEW = Duration.ofSeconds(7);
  static final Duration RETRY = Duration.ofSeconds(2);

  /**
   * The lease time, plus what the protocol adds: a standby counts the lease from when it saw the
   * last renewal (not from the holder's clock), and both renewals and its checks come every retry
   * period with up to 20% jitter (Fabric8's LeaderElector), so up to about two retry periods more.
   */
  static final Duration HANDOVER_BOUND = LEASE.plus(RETRY.multipliedBy(12).dividedBy(5));

  static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");
  static final Pattern RECONCILES =
      Pattern.compile(
          "(?m)^reconciliations_started_total\\{controller_name=\"chatnetwork\"} (\\S+)$");

  private final List<OperatorProcess> started = new ArrayList<>();

  /** One operator process, its log file, and the user agent its requests carry. */
  record OperatorProcess(String identity, String agent, Process process, Path log) {
    Optional<Integer> port() throws IOException {
      Matcher m = LISTENING.matcher(Files.readString(log));
      return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** The readiness probe's status code, or -1 before the HTTP server is up. */
    int ready() throws IOException, InterruptedException {
      return get("/q/health/ready").map(HttpResponse::statusCode).orElse(-1);
    }

    /** ChatNetwork reconciles this process has started, from its own /q/metrics. */
    double networkReconciles() throws IOException, InterruptedException {
      String metrics = get("/q/metrics").orElseThrow().body();
      Matcher m = RECONCILES.matcher(metrics);
      return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private Optional<HttpResponse<String>> get(String path)
        throws IOException, InterruptedException {
      Optional<Integer> port = port();
      if (port.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.get() + path))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString()));
    }
  }

  @AfterEach
  void killEveryProcess() throws InterruptedException {
    for (OperatorProcess p : started) {
      p.process().destroyForcibly();
      p.process().waitFor();
      System.out.println("operator " + p.identity() + " log: " + p.log());
    }
  }

  private OperatorProcess start(TestNamespace ns, String lease, String identity)
      throws IOException {
    Path jar =
        Path.of(System.getProperty("chatnet.operator.app", "target/quarkus-app/quarkus-run.jar"));
    assertThat(jar)
        .as("the packaged operator (mvn verify runs this test after package)")
        .isRegularFile();
    String agent = "chatnet-leader-election-" + identity;
    // kept with the build's output for a look after a failure, replaced by the next run
    Path log =
        Files.createDirectories(Path.of("target", "leader-election-it"))
            .resolve(identity + ".log")
            .toAbsolutePath();
    List<String> command = new ArrayList<>();
    // setpriv: the process is killed with this JVM, should the JVM die before @AfterEach runs
    if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
      command.addAll(List.of("/usr/bin/setpriv", "--pdeathsig", "KILL"));
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Dquarkus.http.port=0",
            "-Dquarkus.operator-sdk.namespaces=" + ns.name(),
            "-Dchatnet.leader-election.enabled=true",
            "-Dchatnet.leader-election.lease-name=" + lease,
            "-Dchatnet.leader-election.lease-namespace=" + ns.name(),
            "-Dchatnet.leader-election.identity=" + identity,
            "-Dchatnet.leader-election.lease-duration=" + LEASE.toSeconds() + "s",
            "-Dchatnet.leader-election.renew-deadline=" + RENEW.toSeconds() + "s",
            "-Dchatnet.leader-election.retry-period=" + RETRY.toSeconds() + "s",
            "-Dkubernetes.user.agent=" + agent,
            // act as the chart's ServiceAccount: its RBAC must be enough for all of this
            "-Dkubernetes.impersonate.username=" + serviceAccount(ns),
            "-Dkubernetes.impersonate.group=system:serviceaccounts,system:serviceaccounts:"
                + ns.name()
                + ",system:authenticated",
            "-jar",
            jar.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("KUBECONFIG", LocalCluster.get().kubeconfig().toString());
    OperatorProcess process = new OperatorProcess(identity, agent, builder.start(), log);
    started.add(process);
    return process;
  }

  static String serviceAccount(TestNamespace ns) {
    return "system:serviceaccount:" + ns.name() + ":chatnet";
  }

  static Optional<String> holder(KubernetesClient client, TestNamespace ns, String lease) {
    Lease live = client.resources(Lease.class).inNamespace(ns.name()).withName(lease).get();
    return Optional.ofNullable(live).map(l -> l.getSpec().getHolderIdentity());
  }

  private void awaitHolder(
      KubernetesClient client, TestNamespace ns, String lease, OperatorProcess p, Duration within) {
    await(p.identity() + " holds the Lease")
        .atMost(within)
        .pollInterval(Duration.ofMillis(100))
        .failFast(
            "an operator process exited; see its log",
            () -> started.stream().anyMatch(s -> !s.process().isAlive() && s != killed))
        .until(() -> holder(client, ns, lease).equals(Optional.of(p.identity())));
  }

  private OperatorProcess killed;

  @Test
  void onlyTheLeaderReconcilesAndTheStandbyTakesOverWithinTheLeaseTime(
      KubernetesClient client, TestNamespace ns) throws Exception {
    Crds.install(client);
    List<HasMetadata> rbac =
        Helm.template(Helm.chart(), "chatnet", ns.name(), "--set", "watch.scope=namespaces")
            .stream()
            .filter(o -> Set.of("ServiceAccount", "Role", "RoleBinding").contains(o.getKind()))
            .toList();
    ChartRbacTest.applyDryRunThenForReal(client, rbac);
    String lease = "chatnet"; // the release's full name: its Role grants this Lease only
    AuditLog audit = new AuditLog(LocalCluster.get().auditLog().orElseThrow());
    Instant began = Instant.now();

    OperatorProcess a = start(ns, lease, "replica-a");
    awaitHolder(client, ns, lease, a, Duration.ofMinutes(2));
    OperatorProcess b = start(ns, lease, "replica-b");
    await("the standby is up and ready (a rollout must not wait for it to lead)")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> b.ready() == 200);
    assertThat(a.ready()).isEqualTo(200);

    ChatExperimentLifecycleTest.readyNetwork(client, ns, "first");
    assertThat(holder(client, ns, lease)).contains(a.identity());
    assertThat(audit.writesBy(a.agent(), began))
        .as("the leader applied the first network")
        .anyMatch(w -> w.resource().equals("statefulsets") && w.name().startsWith("first-"));
    // its one "write" is the SDK's check of its own Lease permissions, a query that changes nothing
    assertThat(audit.writesBy(b.agent(), began))
        .as("the standby changed nothing")
        .allMatch(w -> w.resource().equals("selfsubjectrulesreviews"));
    assertThat(audit.writersBy(a.agent(), began)).containsExactly(serviceAccount(ns));
    assertThat(a.networkReconciles()).as("the leader's reconciles (its /q/metrics)").isPositive();
    assertThat(b.networkReconciles()).as("the standby's reconciles").isZero();

    killed = a;
    a.process().destroyForcibly(); // SIGKILL: no graceful release of the Lease
    a.process().waitFor();
    Instant killedAt = Instant.now();
    awaitHolder(client, ns, lease, b, HANDOVER_BOUND.plusSeconds(5));
    Duration handover = Duration.between(killedAt, Instant.now());
    System.out.printf(
        "leader election: handover %d ms after SIGKILL (lease %s, retry %s)%n",
        handover.toMillis(), LEASE, RETRY);
    assertThat(handover).isLessThanOrEqualTo(HANDOVER_BOUND);

    Instant takeover = Instant.now();
    ChatExperimentLifecycleTest.readyNetwork(client, ns, "second");
    assertThat(audit.writesBy(b.agent(), takeover))
        .as("the new leader applied the second network")
        .anyMatch(w -> w.resource().equals("statefulsets") && w.name().startsWith("second-"));
    assertThat(audit.writersBy(b.agent(), began)).containsExactly(serviceAccount(ns));
    assertThat(b.networkReconciles()).as("the new leader's reconciles").isPositive();
    assertThat(audit.forbiddenWritesBy("chatnet-leader-election-", began)).isEmpty();
  }
}

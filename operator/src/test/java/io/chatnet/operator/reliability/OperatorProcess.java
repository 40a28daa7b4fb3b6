package io.chatnet.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.operator.Scenarios;
import io.chatnet.testkit.LocalCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged operator (target/quarkus-app, as the chart's image runs it) as a separate process
 * watching one namespace, so a campaign can kill it with SIGKILL at any instant and start another.
 * Its requests carry the user agent {@code chatnet-reliability-<n>/}; every process of a campaign
 * shares the prefix {@link #AGENT_PREFIX}, which is how its writes are found in the audit log.
 */
final class OperatorProcess implements AutoCloseable {
  static final String AGENT_PREFIX = "chatnet-reliability-";
  private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");

  private final int number;
  private final Process process;
  private final Path log;

  private OperatorProcess(int number, Process process, Path log) {
    this.number = number;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts operator number {@code n} of a campaign on {@code namespace}, both controllers
   * re-reconciling every {@code resync} so that a quiet interval of a few resyncs shows whether an
   * unchanged object costs writes.
   */
  static OperatorProcess start(String campaign, int n, String namespace, Duration resync)
      throws IOException {
    return start(campaign, n, namespace, resync, List.of());
  }

  /** As {@link #start(String, int, String, Duration)}, with more system properties (-D...). */
  static OperatorProcess start(
      String campaign, int n, String namespace, Duration resync, List<String> properties)
      throws IOException {
    Path jar =
        Path.of(System.getProperty("chatnet.operator.app", "target/quarkus-app/quarkus-run.jar"));
    assertThat(jar)
        .as("the packaged operator (mvn package, or verify, builds it before this test)")
        .isRegularFile();
    Path log =
        Files.createDirectories(Path.of("target", "reliability", campaign))
            .resolve("operator-" + n + ".log")
            .toAbsolutePath();
    List<String> command = new ArrayList<>();
    // setpriv: the process dies with this JVM, should the JVM die before close() runs
    if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
      command.addAll(List.of("/usr/bin/setpriv", "--pdeathsig", "KILL"));
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-XX:TieredStopAtLevel=1", // start-up dominates a trial; C1 alone starts sooner
            "-Dquarkus.http.port=0",
            "-Dquarkus.operator-sdk.namespaces=" + namespace,
            "-Dquarkus.operator-sdk.controllers.chatnetwork.max-reconciliation-interval=" + resync,
            "-Dquarkus.operator-sdk.controllers.chatexperiment.max-reconciliation-interval="
                + resync,
            // the builders' defaults the invariants compare with (Scenarios.DEFAULTS)
            "-Dchatnet.images.netem=" + Scenarios.DEFAULTS.netemImage(),
            "-Dchatnet.images.loadgen=" + Scenarios.DEFAULTS.loadgenImage(),
            "-Dchatnet.cluster-domain=" + Scenarios.DEFAULTS.clusterDomain(),
            "-Dkubernetes.user.agent=" + agent(n)));
    command.addAll(properties);
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("KUBECONFIG", LocalCluster.get().kubeconfig().toString());
    return new OperatorProcess(n, builder.start(), log);
  }

  /** Waits until the process answers its readiness probe (informers started). */
  OperatorProcess awaitReady(Duration within) {
    await("operator process ready, log " + log)
        .atMost(within)
        .pollInterval(Duration.ofMillis(200))
        .failFast("the operator process exited; see " + log, () -> !process.isAlive())
        .until(() -> ready() == 200);
    return this;
  }

  /** SIGKILL, as the kernel's OOM killer or a node loss does: no shutdown hook runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /**
   * The user agent of process {@code n}: the prefix, its number, a slash (so 1 is not 10's prefix).
   */
  static String agent(int n) {
    return AGENT_PREFIX + n + "/";
  }

  /** Its number in the campaign (n of start). */
  int number() {
    return number;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Its exit status once it has exited (137 after a SIGKILL); fails while it runs. */
  int exitCode() {
    return process.exitValue();
  }

  Path log() {
    return log;
  }

  long pid() {
    return process.pid();
  }

  /** The HTTP port it listens on (/q/health, /q/metrics), once its log names it; else -1. */
  int httpPort() throws IOException {
    Matcher m = LISTENING.matcher(Files.readString(log));
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  private int ready() throws IOException, InterruptedException {
    int port = httpPort();
    if (port < 0) {
      return -1;
    }
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}

package io.chatnet.operator.e2e;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.config.KubeconfigClient;
import io.chatnet.operator.naming.ExperimentNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code make e2e}: the end-to-end check a user runs against a real cluster before a big run. On a
 * cluster that runs no containers (the local kwok one) it says so in one line and stops. Otherwise
 * it checks the CRDs and the operator, applies test-scenarios/e2e's network and experiment in their
 * own namespace, waits for each with a deadline, judges the finished experiment with {@link
 * E2eAssertions}, prints the findings and deletes the namespace (unless --keep). Exit 0 when every
 * finding passed (or the cluster runs no containers), 1 otherwise.
 */
@Command(
    name = "chatnet-e2e",
    mixinStandardHelpOptions = true,
    description = "End-to-end check of chatnet on a real cluster (make e2e).")
public final class E2eCheck implements Callable<Integer> {
  static final String FIELD_MANAGER = "chatnet-e2e";

  @Option(
      names = "--kubeconfig",
      description = "Kubeconfig file (default: KUBECONFIG, then ~/.kube/config).")
  Path kubeconfig;

  @Option(
      names = {"-n", "--namespace"},
      defaultValue = "chatnet-e2e",
      description = "Namespace to run in, created and deleted (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(
      names = "--manifests",
      defaultValue = "test-scenarios/e2e",
      description = "Directory with network.yaml and experiment.yaml (default: ${DEFAULT-VALUE}).")
  Path manifests;

  @Option(
      names = "--run-on-simulated",
      hidden = true,
      description =
          "Go on where no container runs (tests of the check's own steps on the local cluster).")
  boolean runOnSimulated;

  @Option(names = "--keep", description = "Keep the namespace afterwards.")
  boolean keep;

  @Option(
      names = "--skip-operator-check",
      description =
          "Do not look for the operator's Deployment (an operator run outside the cluster).")
  boolean skipOperatorCheck;

  @Option(
      names = "--network-timeout",
      defaultValue = "PT15M",
      description =
          "How long the network may take to turn Ready (ISO-8601, default ${DEFAULT-VALUE}).")
  Duration networkTimeout;

  @Option(
      names = "--experiment-timeout",
      defaultValue = "PT10M",
      description =
          "How long the experiment may take after its setup, warm-up and window (default"
              + " ${DEFAULT-VALUE}).")
  Duration experimentMargin;

  @Option(
      names = "--poll",
      defaultValue = "PT5S",
      description = "Interval between status reads (default ${DEFAULT-VALUE}).")
  Duration poll;

  private PrintStream out = System.out;

  public static void main(String[] args) {
    System.exit(run(System.out, args));
  }

  static int run(PrintStream out, String... args) {
    E2eCheck check = new E2eCheck();
    check.out = out;
    CommandLine cli = new CommandLine(check);
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          out.println("make e2e: " + e.getMessage());
          return 1;
        });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    try (KubernetesClient client = KubeconfigClient.of(kubeconfig)) {
      String server = client.getMasterUrl().toString();
      List<Node> nodes;
      try {
        nodes = client.nodes().list().getItems();
      } catch (KubernetesClientException e) {
        if (e.getCode() == 403) {
          out.println(
              "make e2e: cannot list nodes (403), so cannot tell a simulated cluster; going on");
          nodes = null;
        } else {
          out.println("make e2e: cannot reach the cluster at " + server + ": " + e.getMessage());
          return 1;
        }
      }
      if (nodes != null) {
        Optional<String> simulated = SimulatedCluster.runsNoContainers(nodes);
        if (simulated.isPresent() && !runOnSimulated) {
          out.println(
              "make e2e: the cluster at "
                  + server
                  + " runs no containers ("
                  + simulated.get()
                  + "); the end-to-end check needs a real cluster, stopping.");
          return 0;
        }
        long fake = nodes.stream().filter(SimulatedCluster::simulated).count();
        if (fake > 0) {
          say(
              fake
                  + " of "
                  + nodes.size()
                  + " nodes are simulated by kwok: pods placed there never run");
        }
      }
      return check(client);
    }
  }

  private int check(KubernetesClient client) throws IOException, InterruptedException {
    ChatNetwork network = E2eFiles.read(manifests.resolve("network.yaml"), ChatNetwork.class);
    ChatExperiment experiment =
        E2eFiles.read(manifests.resolve("experiment.yaml"), ChatExperiment.class);
    Optional<String> problem = E2ePrerequisites.crdsServed(client);
    if (problem.isEmpty() && !skipOperatorCheck) {
      problem = E2ePrerequisites.operatorRunning(client, this::say);
    }
    if (problem.isPresent()) {
      out.println("make e2e: " + problem.get());
      return 1;
    }
    boolean passed = false;
    try {
      prepareNamespace(client);
      E2eWaits waits = new E2eWaits(out, namespace, poll);
      Optional<ChatNetwork> ready = waits.networkReady(client, network, networkTimeout);
      if (ready.isEmpty()) {
        return 1;
      }
      Optional<ChatExperiment> finished =
          waits.experimentFinished(client, experiment, experimentMargin);
      if (finished.isEmpty()) {
        return 1;
      }
      ChatExperiment done = finished.get();
      String reportName =
          Objects.requireNonNullElse(
              done.getStatus().getReportConfigMap(), ExperimentNames.reportConfigMap(done));
      ConfigMap report = client.configMaps().inNamespace(namespace).withName(reportName).get();
      List<E2eAssertions.Finding> findings = E2eAssertions.check(done, ready.get(), report);
      out.print(E2eAssertions.table(findings));
      passed = E2eAssertions.allPassed(findings);
      say(passed ? "passed" : "FAILED");
      return passed ? 0 : 1;
    } finally {
      if (keep) {
        say("keeping namespace " + namespace + " (kubectl delete namespace " + namespace + ")");
      } else {
        say("deleting namespace " + namespace + " (KEEP=1 keeps it)");
        client.namespaces().withName(namespace).delete();
      }
    }
  }

  /**
   * A fresh namespace: one left terminating by an earlier run is waited out (bounded); a leftover
   * experiment (kept with --keep) is deleted, since an experiment runs once.
   */
  private void prepareNamespace(KubernetesClient client) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    Namespace existing = client.namespaces().withName(namespace).get();
    while (existing != null && existing.getMetadata().getDeletionTimestamp() != null) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "namespace " + namespace + " is still terminating after 3 minutes");
      }
      say("namespace " + namespace + " is terminating; waiting");
      Thread.sleep(poll.toMillis());
      existing = client.namespaces().withName(namespace).get();
    }
    if (existing == null) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
      say("created namespace " + namespace);
    }
    var leftovers = client.resources(ChatExperiment.class).inNamespace(namespace);
    if (!leftovers.list().getItems().isEmpty()) {
      say("deleting the experiments an earlier run left in " + namespace);
      leftovers.delete();
      new E2eWaits(out, namespace, poll)
          .waitFor(
              () -> leftovers.list().getItems().isEmpty() ? true : null,
              Duration.ofMinutes(2),
              "earlier experiments to go");
    }
  }

  private void say(String line) {
    out.println("make e2e: " + line);
  }
}

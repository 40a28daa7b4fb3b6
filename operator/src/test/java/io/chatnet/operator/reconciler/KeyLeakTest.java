package io.chatnet.operator.reconciler;

import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.awaitExperiment;
import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.experiment;
import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.reportSummaries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.monitoring.ScrapeConvention;
import io.chatnet.operator.security.KeyMaterial;
import io.chatnet.operator.security.LeakScan;
import io.chatnet.operator.security.LeakScan.Place;
import io.chatnet.operator.security.LogCapture;
import io.chatnet.operator.security.SecretForm;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * No key material anywhere but the key Secrets: after a full run on the local cluster (a network of
 * nwaku nodes with keys, an experiment through to its report, the test playing the load generator's
 * shards), every place a secret could leak to is collected and grepped for every form of every node
 * key and for the seed they derive from (KeyMaterial): statuses, Events, the operator's log output
 * at every level, every ConfigMap (the network's, the plan, the report's report.json and
 * report.html), the PodMonitors, and the pods, StatefulSets, Services and Jobs (their annotations,
 * args and env). The second test plants a key in the operator's log through the reconciler's own
 * logger and shows the same check failing on it.
 */
@LocalClusterTest
class KeyLeakTest {
  /** Not a word any object carries by chance: a hit is the seed, not a coincidence. */
  static final String SEED = "leakcheck-q7w3x9z";

  @Test
  void noKeyMaterialOutsideTheKeySecretsAfterAFullRun(KubernetesClient client, TestNamespace ns)
      throws Exception {
    Crds.install(client);
    PodMonitorClusterTest.installPodMonitorCrd(client);
    List<String> log;
    try (LogCapture capture = LogCapture.start();
        InProcessOperator operator = InProcessOperator.start(ns.name(), Duration.ofSeconds(2))) {
      ChatNetwork network = Scenarios.manifest("smoke.yaml", ns.name(), "keyed");
      network.getSpec().setSeed(SEED);
      client.resource(network).create();
      ChatNetworkLifecycleTest.awaitPhase(client, ns, "keyed", NetworkPhase.Ready, "16/16");
      // no seed of its own: the plan's traffic seed then comes from the network's
      client.resource(experiment(ns, "run", "keyed", "")).create();
      reportSummaries(client, ns, "run");
      awaitExperiment(client, ns, "run", "report", s -> s.getReportConfigMap() != null);
      log = capture.lines();
      assertThat(capture.countFrom("io.chatnet")).as("the operator's own log lines").isPositive();
      assertThat(capture.countFrom("io.javaoperatorsdk")).as("the SDK's log lines").isPositive();
    }

    ChatNetwork live =
        client.resources(ChatNetwork.class).inNamespace(ns.name()).withName("keyed").get();
    List<SecretForm> secrets = KeyMaterial.of(live);
    assertThat(secrets).hasSizeGreaterThan(8); // the seed and eight forms of each node's key

    // The forms are the real ones: every node's key is in its Secret, in the Secret's form.
    List<Secret> keySecrets = client.secrets().inNamespace(ns.name()).list().getItems();
    List<Place> inSecrets =
        keySecrets.stream().map(s -> new Place("Secret " + name(s), json(s))).toList();
    assertThat(LeakScan.scan(inSecrets, secrets))
        .extracting(l -> l.secret().owner())
        .containsAll(
            secrets.stream()
                .filter(f -> f.form().startsWith("base64 of the hex"))
                .map(SecretForm::owner)
                .toList());

    List<Place> places = new ArrayList<>();
    live.setSpec(null); // the spec carries the seed by design: the user wrote it there
    places.add(new Place("ChatNetwork keyed (metadata, status)", json(live)));
    client
        .resources(ChatExperiment.class)
        .inNamespace(ns.name())
        .list()
        .getItems()
        .forEach(e -> places.add(new Place("ChatExperiment " + name(e), json(e))));
    client
        .v1()
        .events()
        .inNamespace(ns.name())
        .list()
        .getItems()
        .forEach(e -> places.add(new Place("Event " + name(e), json(e))));
    client
        .configMaps()
        .inNamespace(ns.name())
        .list()
        .getItems()
        .forEach(c -> places.add(new Place("ConfigMap " + name(c), json(c))));
    client
        .resources(PodMonitor.class)
        .inNamespace(ns.name())
        .list()
        .getItems()
        .forEach(m -> places.add(new Place("PodMonitor " + name(m), json(m))));
    List<HasMetadata> workloads = new ArrayList<>();
    workloads.addAll(client.apps().statefulSets().inNamespace(ns.name()).list().getItems());
    workloads.addAll(client.services().inNamespace(ns.name()).list().getItems());
    workloads.addAll(client.batch().v1().jobs().inNamespace(ns.name()).list().getItems());
    workloads.addAll(client.pods().inNamespace(ns.name()).list().getItems());
    workloads.forEach(o -> places.add(new Place(o.getKind() + " " + name(o), json(o))));
    places.add(new Place("the operator's log", String.join("\n", log)));

    assertThat(places.stream().map(Place::name))
        .as("every kind of place was collected")
        .anyMatch(n -> n.startsWith("Event "))
        .anyMatch(n -> n.equals("ConfigMap keyed-network"))
        .anyMatch(n -> n.equals("ConfigMap run-plan"))
        .anyMatch(n -> n.equals("ConfigMap run-report"))
        .anyMatch(n -> n.startsWith("PodMonitor "))
        .anyMatch(n -> n.startsWith("Pod "));
    assertThat(client.supports(ScrapeConvention.API_VERSION, ScrapeConvention.POD_MONITOR))
        .isTrue();
    LeakScan.assertNoLeaks(places, secrets);
  }

  /**
   * The planted case: a key logged at DEBUG through the reconciler's own logger, as a careless
   * debug line would, is caught by the same capture and the same check, which fails naming the node
   * and the form (never the key).
   */
  @Test
  void aKeyLoggedThroughTheOperatorsLoggerFailsTheCheck() {
    ChatNetwork network = Scenarios.network("smoke.yaml", "planted");
    network.getSpec().setSeed(SEED);
    List<SecretForm> secrets = KeyMaterial.of(network);
    SecretForm relayKey =
        secrets.stream()
            .filter(f -> f.owner().equals("relay/2") && f.form().startsWith("base64 of the hex"))
            .findFirst()
            .orElseThrow();
    List<String> log;
    try (LogCapture capture = LogCapture.start()) {
      Logger.getLogger(ChatNetworkReconciler.class)
          .debugf("applying Secret data {2: %s}", relayKey.text());
      log = capture.lines();
    }
    List<Place> places = List.of(new Place("the operator's log", String.join("\n", log)));
    assertThatThrownBy(() -> LeakScan.assertNoLeaks(places, secrets))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the operator's log: relay/2 (base64 of the hex text (Secret data))")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(relayKey.text()));
  }

  private static String name(HasMetadata o) {
    return o.getMetadata().getName();
  }

  private static String json(Object o) {
    return Serialization.asJson(o);
  }
}

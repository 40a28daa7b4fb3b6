package io.chatnet.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.AuditLog;
import io.chatnet.operator.Crds;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.reconciler.NetworkInvariants;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's first case: the operator killed (SIGKILL) at random instants while a network is
 * provisioning, while it is scaled up and down, and while it is deleted. After each kill a new
 * operator process starts; the trial passes when the network converges to its spec (the objects and
 * owners the builders imply, no orphan or duplicate, a status that matches the spec) and the
 * operator then writes nothing over a quiet interval. Sizes and the seed: {@link CampaignSettings}.
 */
@LocalClusterTest
class NetworkFaultCampaignIT {
  static final CampaignSettings SETTINGS = CampaignSettings.fromEnvironment();
  static Campaign campaign;

  @BeforeAll
  static void startOperator(KubernetesClient client, TestNamespace ns) throws Exception {
    Crds.install(client);
    campaign = Campaign.start("network", ns.name(), SETTINGS);
  }

  @AfterAll
  static void stopOperator() throws InterruptedException {
    if (campaign != null) {
      campaign.close();
    }
  }

  ChatNetwork manifest(TestNamespace ns, String name, int relays) {
    ChatNetwork network = Scenarios.manifest("smoke.yaml", ns.name(), name);
    network.getSpec().getGroups().get(1).setReplicas(relays);
    return network;
  }

  static Resource<ChatNetwork> network(KubernetesClient client, TestNamespace ns, String name) {
    return client.resources(ChatNetwork.class).inNamespace(ns.name()).withName(name);
  }

  static ChatNetwork get(KubernetesClient client, TestNamespace ns, String name) {
    return network(client, ns, name).get();
  }

  static String state(KubernetesClient client, TestNamespace ns, String name) {
    ChatNetwork live = get(client, ns, name);
    if (live == null) {
      return "absent";
    }
    return live.getStatus() == null || live.getStatus().getPhase() == null
        ? "no-status"
        : live.getStatus().getPhase() + " " + live.getStatus().getReady();
  }

  /** Objects and status against the spec of the network as it is now. */
  static List<String> converged(KubernetesClient client, TestNamespace ns, String name) {
    ChatNetwork live = get(client, ns, name);
    if (live == null) {
      return List.of("network " + name + " absent");
    }
    List<String> status = NetworkInvariants.statusViolations(live);
    // the objects are compared (dry-run applies) once the status says the work is done
    return status.isEmpty()
        ? NetworkInvariants.objectViolations(client, live, Scenarios.DEFAULTS)
        : status;
  }

  abstract static class NetworkTrial implements Campaign.Trial {
    final KubernetesClient client;
    final TestNamespace ns;
    final String name;

    NetworkTrial(KubernetesClient client, TestNamespace ns, String name) {
      this.client = client;
      this.ns = ns;
      this.name = name;
    }

    @Override
    public String state() {
      return NetworkFaultCampaignIT.state(client, ns, name);
    }

    @Override
    public List<String> violations() {
      return converged(client, ns, name);
    }

    @Override
    public boolean concerns(AuditLog.Write write) {
      return Campaign.family(write, name);
    }
  }

  @Test
  void killedWhileProvisioning(KubernetesClient client, TestNamespace ns) throws Exception {
    List<TrialRecord> records = new ArrayList<>();
    for (int i = 0; i < SETTINGS.trials(); i++) {
      String name = "prov" + i;
      records.add(
          campaign.run(
              "network-provisioning",
              i,
              SETTINGS.killWindow(),
              new NetworkTrial(client, ns, name) {
                @Override
                public void act() {
                  client.resource(manifest(ns, name, SETTINGS.relays())).create();
                }
              }));
      network(client, ns, name).delete();
    }
    assertAllPassed(records);
  }

  @Test
  void killedWhileScalingUpAndDown(KubernetesClient client, TestNamespace ns) throws Exception {
    String name = "scale";
    int low = SETTINGS.relays();
    client.resource(manifest(ns, name, low)).create();
    Campaign.awaitClean(() -> converged(client, ns, name), SETTINGS.convergeWithin());
    List<TrialRecord> records = new ArrayList<>();
    for (int i = 0; i < SETTINGS.trials(); i++) {
      int relays = i % 2 == 0 ? low * 2 : low; // up, down, up...
      records.add(
          campaign.run(
              i % 2 == 0 ? "network-scale-up" : "network-scale-down",
              i,
              // a change of one group settles in about half the time of a whole network
              SETTINGS.killWindow().dividedBy(2),
              new NetworkTrial(client, ns, name) {
                @Override
                public void act() {
                  network(client, ns, name)
                      .edit(
                          n -> {
                            n.getSpec().getGroups().get(1).setReplicas(relays);
                            return n;
                          });
                }
              }));
    }
    network(client, ns, name).delete();
    assertAllPassed(records);
  }

  @Test
  void killedWhileDeleting(KubernetesClient client, TestNamespace ns) throws Exception {
    List<TrialRecord> records = new ArrayList<>();
    for (int i = 0; i < SETTINGS.trials(); i++) {
      String name = "del" + i;
      client.resource(manifest(ns, name, SETTINGS.relays())).create();
      Campaign.awaitClean(() -> converged(client, ns, name), SETTINGS.convergeWithin());
      records.add(
          campaign.run(
              "network-deletion",
              i,
              // deletion is the garbage collector's, and quick: kills fall in its first seconds
              SETTINGS.killWindow().dividedBy(8),
              new NetworkTrial(client, ns, name) {
                @Override
                public void act() {
                  network(client, ns, name).delete();
                }

                @Override
                public List<String> violations() {
                  List<String> left = new ArrayList<>();
                  if (get(client, ns, name) != null) {
                    left.add("network " + name + " still present");
                  }
                  NetworkInvariants.live(client, ns.name(), name)
                      .forEach(
                          o ->
                              left.add(
                                  "left behind " + o.getKind() + "/" + o.getMetadata().getName()));
                  return left;
                }
              }));
    }
    assertAllPassed(records);
  }

  static void assertAllPassed(List<TrialRecord> records) {
    assertThat(records)
        .as(
            "trials (seed %d to replay): %s",
            SETTINGS.seed(), records.stream().map(TrialRecord::line).toList())
        .isNotEmpty()
        .allMatch(TrialRecord::passed);
  }
}

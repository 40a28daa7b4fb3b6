package io.chatnet.operator.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.NodeVersion;
import io.chatnet.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;

class GroupStatefulSetTest {
  final ChatNetwork smoke = Scenarios.network("smoke.yaml", "team-a");

  NodeGroup group(ChatNetwork network, String name) {
    return network.getSpec().getGroups().stream()
        .filter(g -> g.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  StatefulSet build(ChatNetwork network, String group) {
    NodeGroup g = group(network, group);
    return GroupStatefulSet.build(
        network, g, NodeKeySecrets.chunks(g.getReplicas()), Scenarios.DEFAULTS);
  }

  @Test
  void oneParallelStatefulSetPerGroupWithoutServiceLinks() {
    StatefulSet sts = build(smoke, "relay");
    assertThat(sts.getMetadata().getName()).isEqualTo("smoke-relay");
    assertThat(sts.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(sts.getSpec().getReplicas()).isEqualTo(8);
    assertThat(sts.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
    assertThat(sts.getSpec().getServiceName()).isEqualTo("smoke-relay");
    assertThat(sts.getSpec().getSelector().getMatchLabels())
        .containsEntry(Labels.NETWORK, "smoke")
        .containsEntry(Labels.GROUP, "relay");
    PodSpec pod = sts.getSpec().getTemplate().getSpec();
    assertThat(pod.getEnableServiceLinks()).isFalse();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(sts.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry(Labels.ROLE, "relay")
        .containsEntry(Labels.NAME, "nwaku");
  }

  @Test
  void nwakuStartsThroughTheScriptWithTheRoleArgumentsAndDefaultImage() {
    Container node = build(smoke, "store").getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(node.getImage()).isEqualTo("wakuorg/nwaku:v0.36.0");
    assertThat(node.getCommand()).containsExactly("/bin/sh", "-c", NodeStartScript.SCRIPT, "nwaku");
    assertThat(node.getArgs()).contains("--store=true", "--filter=true");
    assertThat(node.getEnv()).anyMatch(e -> e.getName().equals("POD_IP"));
    assertThat(node.getEnv())
        .anyMatch(
            e ->
                e.getName().equals(NodeStartScript.BINARY_ENV)
                    && e.getValue().equals("/usr/bin/wakunode"));
    assertThat(node.getPorts())
        .extracting(p -> p.getName() + "/" + p.getContainerPort() + "/" + p.getProtocol())
        .containsExactly(
            "libp2p/60000/TCP", "discv5/9000/UDP", "rest/8645/TCP", "metrics/8008/TCP");
    assertThat(node.getResources().getRequests())
        .containsEntry("cpu", new Quantity("150m"))
        .containsEntry("memory", new Quantity("64Mi"));
    assertThat(node.getResources().getLimits())
        .containsEntry("cpu", new Quantity("400m"))
        .containsEntry("memory", new Quantity("600Mi"));
  }

  @Test
  void theDeclaredVersionChoosesImageAndFlagsAndAnImageOrBinaryGivenWins() {
    NodeGroup relay = group(smoke, "relay");
    relay.setVersion(NodeVersion.LOGOS_DELIVERY_V0_38_1);
    Container node = build(smoke, "relay").getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(node.getImage()).isEqualTo("harbor.status.im/wakuorg/nwaku:v0.38.1");
    assertThat(node.getArgs()).doesNotContain("--legacy-store=false");
    relay.setVersion(NodeVersion.NWAKU_V0_37_1_BETA);
    relay.setImage("registry.example/nwaku:v0.37.1-beta-patched");
    relay.setNodeBinary("/usr/local/bin/wakunode2");
    node = build(smoke, "relay").getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(node.getImage()).isEqualTo("registry.example/nwaku:v0.37.1-beta-patched");
    assertThat(node.getArgs()).contains("--legacy-store=false");
    assertThat(node.getEnv())
        .filteredOn(e -> e.getName().equals(NodeStartScript.BINARY_ENV))
        .singleElement()
        .satisfies(e -> assertThat(e.getValue()).isEqualTo("/usr/local/bin/wakunode2"));
  }

  @Test
  void containersRunAsNonRootWithoutPrivileges() {
    for (String group : new String[] {"boot", "relay", "store", "desktop", "mobile"}) {
      Container c = build(smoke, group).getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(c.getSecurityContext().getRunAsNonRoot()).as(group).isTrue();
      assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(group).isFalse();
      assertThat(c.getSecurityContext().getCapabilities().getDrop()).as(group).contains("ALL");
    }
  }

  @Test
  void keysComeFromEveryChunkSecretOfTheGroup() {
    NodeGroup relay = group(smoke, "relay");
    relay.setReplicas(NodeKeySecrets.KEYS_PER_SECRET * 2 + 1);
    StatefulSet sts = build(smoke, "relay");
    var keys =
        sts.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals("keys"))
            .findFirst()
            .orElseThrow();
    assertThat(keys.getProjected().getSources())
        .extracting(s -> s.getSecret().getName())
        .containsExactly("smoke-relay-keys-0", "smoke-relay-keys-1", "smoke-relay-keys-2");
  }

  @Test
  void clientsGetTheirImageApiPortAndNoKeys() {
    StatefulSet sts = build(smoke, "desktop");
    Container client = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(client.getImage()).isEqualTo(group(smoke, "desktop").getImage());
    assertThat(client.getArgs()).containsExactly("--address", "0.0.0.0:3333");
    assertThat(sts.getSpec().getTemplate().getSpec().getVolumes())
        .extracting(v -> v.getName())
        .doesNotContain("keys");
  }

  @Test
  void networkConditionsBecomeANetemInitContainer() {
    ChatNetwork mobile = Scenarios.network("private-groups-mobile.yaml", "ns");
    PodSpec pod = build(mobile, "mobile").getSpec().getTemplate().getSpec();
    assertThat(pod.getInitContainers()).hasSize(1);
    Container netem = pod.getInitContainers().get(0);
    assertThat(netem.getImage()).isEqualTo("nicolaka/netshoot:v0.13");
    assertThat(netem.getCommand().get(2))
        .contains(
            "tc qdisc replace dev eth0 root netem delay 100ms 20ms loss 1.0000% rate 2000kbit");
    assertThat(netem.getSecurityContext().getCapabilities().getAdd()).containsExactly("NET_ADMIN");
    assertThat(build(mobile, "desktop").getSpec().getTemplate().getSpec().getInitContainers())
        .isEmpty();
  }

  @Test
  void podsSpreadOverNodesAsAPreferenceByDefault() {
    var spread =
        build(smoke, "relay").getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
    assertThat(spread)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
              assertThat(t.getMaxSkew()).isEqualTo(1);
              assertThat(t.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
              assertThat(t.getLabelSelector().getMatchLabels())
                  .containsExactlyInAnyOrderEntriesOf(
                      java.util.Map.of(Labels.NETWORK, "smoke", Labels.GROUP, "relay"));
            });
  }

  @Test
  void spreadRulesAsGivenAndAnEmptyListTurnsSpreadingOff() {
    var rule = new io.chatnet.operator.api.TopologySpread();
    rule.setTopologyKey("topology.kubernetes.io/zone");
    rule.setWhenUnsatisfiable(
        io.chatnet.operator.api.TopologySpread.WhenUnsatisfiable.DO_NOT_SCHEDULE);
    group(smoke, "relay").setTopologySpread(java.util.List.of(rule));
    group(smoke, "store").setTopologySpread(java.util.List.of());
    assertThat(
            build(smoke, "relay").getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
              assertThat(t.getMaxSkew()).isEqualTo(1);
              assertThat(t.getWhenUnsatisfiable()).isEqualTo("DoNotSchedule");
            });
    assertThat(
            build(smoke, "store").getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
        .isEmpty();
  }

  @Test
  void priorityPullPolicyAndPullSecretsReachThePodAndEveryContainer() {
    NodeGroup relay = group(smoke, "relay");
    relay.setPriorityClassName("chatnet-nodes");
    relay.setImagePullPolicy(io.chatnet.operator.api.ImagePullPolicy.ALWAYS);
    relay.setImagePullSecrets(
        java.util.List.of(new io.fabric8.kubernetes.api.model.LocalObjectReference("regcred")));
    var conditions = new io.chatnet.operator.api.NetworkConditions();
    conditions.setLatencyMillis(50);
    relay.setNetworkConditions(conditions);
    PodSpec pod = build(smoke, "relay").getSpec().getTemplate().getSpec();
    assertThat(pod.getPriorityClassName()).isEqualTo("chatnet-nodes");
    assertThat(pod.getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("regcred");
    assertThat(pod.getContainers())
        .extracting(Container::getImagePullPolicy)
        .containsOnly("Always");
    assertThat(pod.getInitContainers())
        .extracting(Container::getImagePullPolicy)
        .containsExactly("Always");
    // Not given: Kubernetes' defaults, nothing written.
    PodSpec plain = build(smoke, "store").getSpec().getTemplate().getSpec();
    assertThat(plain.getPriorityClassName()).isNull();
    assertThat(plain.getImagePullSecrets()).isNullOrEmpty();
    assertThat(plain.getContainers().get(0).getImagePullPolicy()).isNull();
  }

  @Test
  void everyContainerHasRequestsAndLimitsByDefault() {
    var conditions = new io.chatnet.operator.api.NetworkConditions();
    conditions.setLossPercent(1.0);
    for (NodeGroup g : smoke.getSpec().getGroups()) {
      g.setNetworkConditions(conditions);
      PodSpec pod = build(smoke, g.getName()).getSpec().getTemplate().getSpec();
      java.util.List<Container> all = new java.util.ArrayList<>(pod.getInitContainers());
      all.addAll(pod.getContainers());
      assertThat(all).hasSize(2);
      for (Container c : all) {
        assertThat(c.getResources().getRequests())
            .as("%s/%s requests", g.getName(), c.getName())
            .containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits())
            .as("%s/%s limits", g.getName(), c.getName())
            .containsKeys("cpu", "memory");
      }
    }
    Container client =
        build(smoke, "desktop").getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(client.getResources().getLimits())
        .containsEntry("memory", new Quantity("1Gi"))
        .containsEntry("cpu", new Quantity("1"));
  }

  @Test
  void relayAndServiceNodesAreReadyOnARelayPeerBootstrapAndClientsWhenRestAnswers() {
    for (String name : java.util.List.of("relay", "store")) {
      Container node = build(smoke, name).getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(node.getReadinessProbe().getHttpGet()).isNull();
      assertThat(node.getReadinessProbe().getExec().getCommand())
          .containsExactly("/bin/sh", "-c", NodeProbes.RELAY_READY_SCRIPT);
    }
    Container boot = build(smoke, "boot").getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(boot.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
    assertThat(boot.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("rest");
    Container client =
        build(smoke, "mobile").getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(client.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("api");
  }

  @Test
  void startupProbesAllowSlowStartsStoreNodesLongest() {
    java.util.Map<String, Integer> seconds = new java.util.LinkedHashMap<>();
    for (String name : java.util.List.of("boot", "relay", "store", "desktop")) {
      var probe =
          build(smoke, name)
              .getSpec()
              .getTemplate()
              .getSpec()
              .getContainers()
              .get(0)
              .getStartupProbe();
      assertThat(probe.getHttpGet().getPath()).isEqualTo("/health");
      seconds.put(name, probe.getPeriodSeconds() * probe.getFailureThreshold());
    }
    // nwaku's start script alone may wait 120 s for its peers' DNS names.
    assertThat(seconds)
        .containsExactly(
            java.util.Map.entry("boot", 300),
            java.util.Map.entry("relay", 300),
            java.util.Map.entry("store", 600),
            java.util.Map.entry("desktop", 300));
  }
}

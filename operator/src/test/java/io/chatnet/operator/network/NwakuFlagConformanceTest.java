package io.chatnet.operator.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.ManagedFlags;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.NodeProfile;
import io.chatnet.operator.api.NodeVersion;
import io.chatnet.operator.naming.Names;
import io.chatnet.operator.rln.RlnArgs;
import io.chatnet.operator.rln.RlnFixtures;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every flag the operator starts a node with (NwakuArgs and the start script, run as in a pod), for
 * every role, every combination of service switches, both discovery modes and every supported
 * version, exists in that version's option list with a value of the option's type.
 */
class NwakuFlagConformanceTest {
  /** A network with every role and all 16 service switch combinations, on one version. */
  static ChatNetwork network(NodeVersion version, boolean staticMode) {
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: chatnet.io/v1alpha1
            kind: ChatNetwork
            metadata: {name: conf, namespace: ns}
            spec:
              seed: conformance
              clusterId: 16
              shards: [32, 64, 1023]
            """);
    yaml.append(
        staticMode ? "  discovery: {mode: static, degree: 2}\n" : "  discovery: {mode: discv5}\n");
    yaml.append("  groups:\n");
    String v = version.id();
    yaml.append(
        "  - {name: boot, kind: nwaku, role: bootstrap, replicas: 2, version: " + v + "}\n");
    yaml.append("  - {name: relay, kind: nwaku, role: relay, replicas: 3, version: " + v + "}\n");
    for (int bits = 0; bits < 16; bits++) {
      yaml.append(
          "  - {name: svc-%d, kind: nwaku, role: service, replicas: 1, version: %s, services:"
                  .formatted(bits, v)
              + " {store: %b, filter: %b, lightpush: %b, peerExchange: %b}}\n"
                  .formatted((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0));
    }
    ChatNetwork network = Serialization.unmarshal(yaml.toString(), ChatNetwork.class);
    network.getMetadata().setUid("00000000-0000-0000-0000-000000000001");
    return network;
  }

  static ConfigMap config(ChatNetwork network) {
    Map<String, String> ips = new HashMap<>();
    int n = 1;
    for (NodeGroup g : network.getSpec().getGroups()) {
      for (int i = 0; i < g.getReplicas(); i++) {
        ips.put(Names.pod("conf", g.getName(), i), "10.2.0." + n++);
      }
    }
    return NetworkConfigMap.build(network, ips, "cluster.local");
  }

  /** The key pod 0 of {@code group} finds in its environment. */
  static String nodeKeyEnv(NodeVersion version, boolean staticMode, String group) {
    ChatNetwork network = network(version, staticMode);
    NodeGroup g =
        network.getSpec().getGroups().stream()
            .filter(x -> x.getName().equals(group))
            .findFirst()
            .orElseThrow();
    return StartScriptRun.run(network, g, 0, config(network), 0).nodeKeyEnv();
  }

  /** Every pod's argv as the node would receive it: group, version, discovery mode. */
  static Map<String, List<String>> rendered(NodeVersion version, boolean staticMode) {
    ChatNetwork network = network(version, staticMode);
    ConfigMap config = config(network);
    Map<String, List<String>> argvs = new java.util.LinkedHashMap<>();
    for (NodeGroup g : network.getSpec().getGroups()) {
      argvs.put(g.getName(), StartScriptRun.argv(network, g, 0, config, 0));
    }
    return argvs;
  }

  /**
   * Pod 0 of each nwaku group of a bound RLN network (relay validates, the lightpush service group
   * publishes), as the start script runs it; the keystore password, given in the environment, as
   * the option it stands for.
   */
  static Map<String, List<String>> rlnRendered(NodeVersion version) {
    ChatNetwork network =
        RlnFixtures.network(
            version.id(), "{enabled: true, userMessageLimit: 600, validatorGroups: [relay]}", "");
    ConfigMap config = NetworkConfigMap.build(network, Map.of(), "cluster.local");
    Map<String, List<String>> argvs = new java.util.LinkedHashMap<>();
    for (NodeGroup g : network.getSpec().getGroups()) {
      if (g.getKind() != GroupKind.NWAKU) {
        continue;
      }
      StartScriptRun.Run run =
          StartScriptRun.run(network, g, 0, config, 0, Optional.of(RlnGroupPodsTest.CHAIN));
      List<String> argv = new java.util.ArrayList<>(run.argv());
      assertThat(argv).noneMatch(a -> a.contains("cred-password"));
      if (!run.rlnPasswordEnv().isEmpty()) {
        argv.add("--rln-relay-cred-password=" + run.rlnPasswordEnv());
      }
      argvs.put(g.getName(), argv);
    }
    return argvs;
  }

  @ParameterizedTest
  @EnumSource(
      value = NodeVersion.class,
      names = {"NWAKU_V0_36_0", "NWAKU_V0_37_1_BETA", "LOGOS_DELIVERY_V0_38_1"})
  void everyFlagOfABoundRlnNetworksPodsIsOneTheVersionAccepts(NodeVersion version) {
    UpstreamOptions options = UpstreamOptions.of(version);
    Map<String, List<String>> argvs = rlnRendered(version);
    argvs.forEach(
        (group, argv) -> assertThat(options.check(argv)).as(version + " " + group).isEmpty());
    // the publisher got its password (from the Secret, in its environment) with its keystore path;
    // the validator neither; the bootstrap node no RLN at all
    assertThat(argvs.get("svc"))
        .contains("--lightpush=true", "--rln-relay-cred-path=" + RlnArgs.KEYSTORE_PATH)
        .anyMatch(a -> a.startsWith("--rln-relay-cred-password="));
    assertThat(argvs.get("relay"))
        .contains("--rln-relay=true")
        .noneMatch(a -> a.startsWith("--rln-relay-cred"));
    assertThat(argvs.get("boot")).noneMatch(a -> a.startsWith("--rln"));
  }

  @ParameterizedTest
  @EnumSource(
      value = NodeVersion.class,
      names = {"NWAKU_V0_36_0", "NWAKU_V0_37_1_BETA", "LOGOS_DELIVERY_V0_38_1"})
  void everyFlagOfEveryRoleAndModeIsOneTheVersionAccepts(NodeVersion version) {
    UpstreamOptions options = UpstreamOptions.of(version);
    assertThat(options.header()).contains(version.upstream().commit());
    for (boolean staticMode : new boolean[] {false, true}) {
      rendered(version, staticMode)
          .forEach(
              (group, argv) -> {
                String where = version + " " + (staticMode ? "static" : "discv5") + " " + group;
                assertThat(options.check(argv)).as(where).isEmpty();
                // the key the node reads from WAKUNODE2_NODEKEY is option --nodekey's
                String key = nodeKeyEnv(version, staticMode, group);
                assertThat(key).as(where).matches("[0-9a-f]{64}");
                assertThat(options.check(List.of("--nodekey=" + key))).as(where).isEmpty();
                assertThat(argv)
                    .as(where)
                    .contains("--dns-addrs-name-server=10.96.0.10", "--num-shards-in-network=0")
                    .noneMatch(a -> a.contains("nodekey")) // the key is in the environment
                    .anyMatch(a -> a.startsWith("--nat=extip:10.1.0."));
                if (staticMode) {
                  assertThat(argv.stream().filter(a -> a.startsWith("--staticnode=")))
                      .as(where)
                      .hasSize(2);
                  assertThat(argv).as(where).noneMatch(a -> a.startsWith("--discv5-bootstrap"));
                } else if (!group.equals("boot")) {
                  assertThat(argv.stream().filter(a -> a.startsWith("--discv5-bootstrap-node=")))
                      .as(where)
                      .hasSize(2);
                }
              });
    }
  }

  @Test
  void theManagedListIsExactlyWhatIsEmittedPlusTheOverridingFlags() {
    Set<String> emitted = new TreeSet<>();
    for (NodeVersion version : NodeVersion.of(GroupKind.NWAKU)) {
      for (boolean staticMode : new boolean[] {false, true}) {
        rendered(version, staticMode).values().stream()
            .flatMap(List::stream)
            .map(a -> a.substring(2, a.contains("=") ? a.indexOf('=') : a.length()))
            .forEach(emitted::add);
      }
    }
    // --nodekey is given in the environment (WAKUNODE2_NODEKEY, checked above), still managed
    if (!nodeKeyEnv(NodeVersion.NWAKU_V0_36_0, false, "relay").isEmpty()) {
      emitted.add("nodekey");
    }
    for (NodeVersion version : NodeVersion.of(GroupKind.NWAKU)) {
      rlnRendered(version).values().stream()
          .flatMap(List::stream)
          .map(a -> a.substring(2, a.contains("=") ? a.indexOf('=') : a.length()))
          .forEach(emitted::add);
    }
    Set<String> expected = new TreeSet<>(NwakuArgs.MANAGED_FLAGS);
    expected.removeAll(NwakuArgs.OVERRIDING_FLAGS);
    expected.removeAll(NwakuArgs.RLN_UNUSED_FLAGS);
    assertThat(emitted).isEqualTo(expected);
    assertThat(NwakuArgs.MANAGED_FLAGS).containsAll(NwakuArgs.SCRIPT_FLAGS).doesNotHaveDuplicates();
  }

  @Test
  void theAdmissionRulesPatternIsExactlyTheManagedFlags() {
    Matcher m =
        Pattern.compile(
                "\\^--\\?\\(([a-z0-9|-]+)\\|"
                    + Pattern.quote(ManagedFlags.RLN_PREFIX)
                    + "\\)\\(\\[=:\\]\\.\\*\\)\\?\\$")
            .matcher(NwakuArgs.MANAGED_FLAGS_PATTERN);
    assertThat(m.matches()).as(NwakuArgs.MANAGED_FLAGS_PATTERN).isTrue();
    // the names spelled out, then one alternative for every rln-relay option
    List<String> rln =
        NwakuArgs.MANAGED_FLAGS.stream().filter(f -> f.startsWith("rln-relay")).toList();
    assertThat(rln).hasSize(12);
    List<String> named = new java.util.ArrayList<>(NwakuArgs.MANAGED_FLAGS);
    named.removeAll(rln);
    assertThat(List.of(m.group(1).split("\\|"))).isEqualTo(named);
    assertThat(rln).allMatch(f -> f.matches(ManagedFlags.RLN_PREFIX));
    // what the rule matches (after lowering and dropping underscores, as the rule does)
    Pattern rule = Pattern.compile(NwakuArgs.MANAGED_FLAGS_PATTERN);
    for (String arg :
        List.of(
            "--cluster-id=5",
            "--Cluster-ID=5",
            "--clus_ter-id=5",
            "-shard=1",
            "--rest-admin:false",
            "--rln-relay=true",
            "--RLN-Relay-Eth-Con_tract-Address=0x0",
            "--rln-relay-membership-index=1",
            "--rest")) {
      assertThat(rule.matcher(arg.toLowerCase(java.util.Locale.ROOT).replace("_", "")).matches())
          .as(arg)
          .isTrue();
    }
    for (String arg :
        List.of(
            "--log-level=DEBUG",
            "--restx=1",
            "--storenode=x",
            "relay",
            "--x=--rest",
            "--cluster_id=5")) {
      assertThat(rule.matcher(arg.toLowerCase(java.util.Locale.ROOT).replace("_", "")).matches())
          .as(arg)
          .isFalse();
    }
  }

  @Test
  void overridingFlagsAreRealOptionsOfTheVersionsThatHaveThem() {
    for (NodeVersion version : NodeVersion.of(GroupKind.NWAKU)) {
      UpstreamOptions options = UpstreamOptions.of(version);
      assertThat(options.option("preset")).as(version.id()).isPresent();
      assertThat(options.option("ports-shift")).as(version.id()).isPresent();
      assertThat(options.option("mode").isPresent())
          .as(version.id())
          .isEqualTo(version.node().modeFlag());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = NodeVersion.class,
      names = {"NWAKU_V0_36_0", "NWAKU_V0_37_1_BETA", "LOGOS_DELIVERY_V0_38_1"})
  void theProfileStatesWhatTheOptionListSays(NodeVersion version) {
    UpstreamOptions options = UpstreamOptions.of(version);
    NodeProfile profile = version.node();
    assertThat(
            Integer.parseInt(options.option("num-shards-in-network").orElseThrow().defaultValue()))
        .isEqualTo(profile.numShardsInNetworkDefault());
    assertThat(options.option("legacy-store").isPresent()).isEqualTo(profile.legacyStoreFlag());
    assertThat(options.option("mode").isPresent()).isEqualTo(profile.modeFlag());
    assertThat(options.option("entry-layer").isPresent()).isEqualTo(profile.entryLayerFlag());
    if (profile.modeFlag()) {
      // noMode applies the protocol flags as given (cli_args.nim toWakuConf): nothing to add
      assertThat(options.option("mode").orElseThrow().defaultValue()).isEqualTo("WakuMode.noMode");
    }
  }

  @Test
  void theCheckerReportsWhatNwakuWouldRefuse() {
    UpstreamOptions beta = UpstreamOptions.of(NodeVersion.NWAKU_V0_37_1_BETA);
    assertThat(
            beta.check(
                List.of(
                    "--shard=x",
                    "--rest-adminn=true",
                    "--num-shards-in-network=70000",
                    "--relay=maybe",
                    "--tcp-port=65536",
                    "--rest-address=localhost",
                    "--cluster-id=16",
                    "--cluster-id=17",
                    "--shard=1",
                    "--shard=2",
                    "--nodekey=abc",
                    "relay")))
        .containsExactly(
            "--shard=x: not an integer: x",
            "--rest-adminn=true: unknown option --rest-adminn",
            "--num-shards-in-network=70000: 70000 is outside 0..65535",
            "--relay=maybe: not a bool: maybe",
            "--tcp-port=65536: 65536 is outside 0..65535",
            "--rest-address=localhost: not an IP address: localhost",
            "--cluster-id=17: --cluster-id takes one value (uint16) but is repeated",
            "--nodekey=abc: not a 32-byte hex key",
            "relay: not a --option");
    // the same emitted flags, on the wrong profile: v0.36.0's --legacy-store is gone at v0.38.1
    ChatNetwork old = network(NodeVersion.NWAKU_V0_36_0, false);
    NodeGroup store = old.getSpec().getGroups().get(old.getSpec().getGroups().size() - 1);
    assertThat(
            UpstreamOptions.of(NodeVersion.LOGOS_DELIVERY_V0_38_1)
                .check(NwakuArgs.of(old.getSpec(), store)))
        .containsExactly("--legacy-store=false: unknown option --legacy-store");
  }

  @Test
  void everyUpstreamListNamesItsRepositoryTagCommitAndFile() {
    for (NodeVersion version : NodeVersion.of(GroupKind.NWAKU)) {
      String header = UpstreamOptions.of(version).header();
      assertThat(header)
          .as(version.id())
          .startsWith("# " + version.upstream().repo() + " tag " + version.upstream().tag())
          .contains("commit " + version.upstream().commit())
          .containsPattern("file \\S+\\.nim");
    }
    assertThat(
            NodeVersion.of(GroupKind.NWAKU).stream()
                .map(v -> v.node().defaultImage())
                .collect(Collectors.toList()))
        .noneMatch(image -> image.endsWith(":latest"));
  }
}

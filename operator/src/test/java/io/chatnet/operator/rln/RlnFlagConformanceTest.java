package io.chatnet.operator.rln;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.NodeVersion;
import io.chatnet.operator.network.UpstreamOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every RLN flag of a node (publisher and validator) and of the keystore tool, with the flags the
 * pod's shell adds from Secrets, exists in each supported version's option list with a value of its
 * type; and the tool's subcommand is one the version has (StartUpCommand generateRlnKeystore at
 * v0.36.0 waku/factory/external_config.nim, v0.37.1-beta and v0.38.1 tools/confutils/cli_args.nim).
 */
class RlnFlagConformanceTest {
  private static final List<String> FROM_SECRETS =
      List.of(
          "--rln-relay-cred-password=not-a-real-password",
          "--rln-relay-eth-private-key="
              + "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

  @ParameterizedTest
  @EnumSource(
      value = NodeVersion.class,
      names = {"NWAKU_V0_36_0", "NWAKU_V0_37_1_BETA", "LOGOS_DELIVERY_V0_38_1"})
  void everyRlnFlagIsOneTheVersionAccepts(NodeVersion version) {
    UpstreamOptions options = UpstreamOptions.of(version);
    ChatNetwork network =
        RlnFixtures.network(
            version.id(), "{enabled: true, userMessageLimit: 600, validatorGroups: [relay]}", "");
    var rln = network.getSpec().getRln();
    for (NodeGroup g : network.getSpec().getGroups()) {
      List<String> argv = new ArrayList<>(RlnArgs.node(rln, g, RlnFixtures.CHAIN));
      if (RlnArgs.publishes(rln, g)) {
        argv.add(FROM_SECRETS.get(0));
      }
      assertThat(options.check(argv)).as(version + " " + g.getName()).isEmpty();
    }
    List<String> tool = new ArrayList<>(RlnArgs.keystoreTool(rln, RlnFixtures.CHAIN));
    assertThat(tool.get(0)).isEqualTo("generateRlnKeystore");
    tool.remove(0);
    tool.addAll(FROM_SECRETS);
    assertThat(options.check(tool)).as(version + " keystore tool").isEmpty();
    for (String secret : RlnArgs.SECRET_FLAGS) {
      assertThat(options.option(secret)).as(version + " " + secret).isPresent();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = NodeVersion.class,
      names = {"NWAKU_V0_36_0", "NWAKU_V0_37_1_BETA", "LOGOS_DELIVERY_V0_38_1"})
  void theToolsLimitDefaultIsBelowTheContractsMinimumSoItIsAlwaysGiven(NodeVersion version) {
    assertThat(
            UpstreamOptions.of(version)
                .option("rln-relay-user-message-limit")
                .orElseThrow()
                .defaultValue())
        .isEqualTo("1");
  }
}

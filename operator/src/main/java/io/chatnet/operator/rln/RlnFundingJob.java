package io.chatnet.operator.rln;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One funding round: ordinals from..to (inclusive) of one publishing group get gas (1 ETH from the
 * deployer), the deposit in TST minted by the deployer (a minter since the deploy Job's addMinter)
 * and an allowance of exactly the deposit for the RLN contract, sent from the account itself
 * (vacp2p/10ksim rln_bootstrap/entrypoint.sh funds likewise; an allowance of 2^256-1 would make
 * OpenZeppelin 4.x skip the Approval log the v0.36/v0.37 keystore tool counts on, rln.md section
 * 8). The Job is named by its range, so a restarted operator finds it instead of funding again.
 * Account keys are read inside the pod from the group's account Secrets (mounted, mode 0440), the
 * deployer's from a Secret as env: none is in the manifest.
 */
public final class RlnFundingJob {
  /** Gas per account: 1 ETH, as 10ksim; anvil's account 0 starts with 10,000. */
  static final BigInteger GAS_WEI = new BigInteger("1000000000000000000");

  static final String KEYS_DIR = "/rln-keys";

  static final String SCRIPT =
      """
      set -eu
      fail() { printf '%s\\n' "$1" | head -c 3000 > /dev/termination-log; exit 1; }
      send() { cast send --rpc-url "$RPC_URL" "$@" > /tmp/send.out 2>&1 \\
        || fail "ordinal $i of $GROUP: cast send $3 $4 failed: $(tail -c 2000 /tmp/send.out)"; }
      i="$FROM"
      while [ "$i" -le "$TO" ]; do
        key=""
        for f in /rln-keys/*/"$i"; do [ -f "$f" ] && key="$(cat "$f")"; done
        [ -n "$key" ] || fail "no account key for ordinal $i of group $GROUP in /rln-keys"
        addr="$(cast wallet address --private-key "$key")"
        send --private-key "$DEPLOYER_KEY" --value "$GAS_WEI" "$addr"
        send --private-key "$DEPLOYER_KEY" "$TOKEN_ADDRESS" "mint(address,uint256)" "$addr" "$DEPOSIT_WEI"
        send --private-key "$key" "$TOKEN_ADDRESS" "approve(address,uint256)" "$RLN_CONTRACT_ADDRESS" "$DEPOSIT_WEI"
        i=$((i + 1))
      done
      printf 'FUNDED=%s-%s\\n' "$FROM" "$TO" > /dev/termination-log
      """;

  /** A round to fund: ordinals from..to (inclusive) of group. */
  public record Round(String group, int from, int to) {}

  private RlnFundingJob() {}

  /** {@code <network>-rln-fund-<group>-<from>-<to>}; the group as a hash when that passes 63. */
  public static String name(ChatNetwork network, Round round) {
    String base = network.getMetadata().getName() + "-rln-fund-";
    String tail = "-" + round.from() + "-" + round.to();
    String name = base + round.group() + tail;
    return name.length() <= 63 ? name : base + shortHash(round.group()) + tail;
  }

  private static String shortHash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }

  /**
   * @param accountSecrets the group's account Secrets holding ordinals from..to (one file per
   *     ordinal), mounted under /rln-keys/<index>
   */
  public static Job build(
      ChatNetwork network,
      Round round,
      RlnEndpoints chain,
      String tokenAddress,
      List<String> accountSecrets) {
    Map<String, String> labels = RlnJobs.labels(network, "fund");
    labels.put(Labels.GROUP, round.group());
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(RlnJobs.FROM_ANNOTATION, Integer.toString(round.from()));
    annotations.put(RlnJobs.TO_ANNOTATION, Integer.toString(round.to()));
    List<Volume> volumes = new ArrayList<>();
    List<VolumeMount> mounts = new ArrayList<>();
    for (int i = 0; i < accountSecrets.size(); i++) {
      volumes.add(
          new VolumeBuilder()
              .withName("keys-" + i)
              .withNewSecret()
              .withSecretName(accountSecrets.get(i))
              .withDefaultMode(0440)
              .endSecret()
              .build());
      mounts.add(
          new VolumeMountBuilder()
              .withName("keys-" + i)
              .withMountPath(KEYS_DIR + "/" + i)
              .withReadOnly(true)
              .build());
    }
    return RlnJobs.job(
        network,
        name(network, round),
        labels,
        annotations,
        RlnChainManifests.ANVIL_IMAGE,
        "/tmp",
        SCRIPT,
        List.of(
            RlnJobs.env("RPC_URL", chain.rpcUrl()),
            RlnJobs.env("TOKEN_ADDRESS", tokenAddress),
            RlnJobs.env("RLN_CONTRACT_ADDRESS", chain.contractAddress()),
            RlnJobs.env("GROUP", round.group()),
            RlnJobs.env("FROM", Integer.toString(round.from())),
            RlnJobs.env("TO", Integer.toString(round.to())),
            RlnJobs.env("GAS_WEI", GAS_WEI.toString()),
            RlnJobs.env(
                "DEPOSIT_WEI", RlnMembershipPlan.depositWei(network.getSpec().getRln()).toString()),
            RlnJobs.deployerKey(network)),
        volumes,
        mounts);
  }
}

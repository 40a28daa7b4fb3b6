package io.chatnet.operator.rln;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.RlnContractVersion;
import io.chatnet.operator.api.RlnSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;

/**
 * The contract deploy Job of the in-network chain: rln.md section 1 steps 3-6 against the contract
 * at spec.rln.contract's commit (waku-rlnv2-contract e75ac913 script/DeployTokenWithProxy.s.sol and
 * script/Deploy.s.sol: DeployPriceCalculator, DeployWakuRlnV2, DeployProxy, which read
 * TOKEN_ADDRESS, PRICE_CALCULATOR_ADDRESS and WAKURLNV2_ADDRESS from env), then addMinter(deployer)
 * on the token so funding can mint (as vacp2p/10ksim rln_bootstrap/entrypoint.sh). Each address is
 * taken from forge's "0: ... 0x..." return line (as waku-simulator deploy_rln_contract.sh does) and
 * written as KEY=VALUE to the termination message, which {@link RlnDeployOutputs} reads.
 *
 * <p>The image must hold foundry and the contract built in /contract: upstream publishes none, and
 * building at run time needs GitHub and npm egress (the @zk-kit/imt.sol gitpkg URL answers 402).
 * images/rln-deploy/Dockerfile builds it; spec.rln.deployImage names it.
 */
public final class RlnDeployJob {
  static final String WORKDIR = "/contract";

  static final String SCRIPT =
      """
      set -eu
      fail() { printf '%s\\n' "$1" | head -c 3000 > /dev/termination-log; exit 1; }
      ETH_FROM="$(cast wallet address --private-key "$DEPLOYER_KEY")" || fail "cast: no deployer address"
      export ETH_FROM
      # one forge script; prints the address it returns (last "0: <type> 0x..." line)
      deploy() {
        out="/tmp/$1.out"; shift
        forge script "$@" --broadcast --rpc-url "$RPC_URL" --private-key "$DEPLOYER_KEY" > "$out" 2>&1 \\
          || fail "forge script $* failed: $(tail -c 2000 "$out")"
        a="$(sed -n 's/.*0: [A-Za-z0-9_ ]*\\(0x[0-9a-fA-F]\\{40\\}\\).*/\\1/p' "$out" | tail -n 1)"
        [ -n "$a" ] || fail "forge script $* printed no address"
        echo "$a"
      }
      TOKEN_ADDRESS="$(deploy token script/DeployTokenWithProxy.s.sol:DeployTokenWithProxy)"
      export TOKEN_ADDRESS
      PRICE_CALCULATOR_ADDRESS="$(deploy calculator script/Deploy.s.sol --tc DeployPriceCalculator)"
      export PRICE_CALCULATOR_ADDRESS
      WAKURLNV2_ADDRESS="$(deploy implementation script/Deploy.s.sol --tc DeployWakuRlnV2)"
      export WAKURLNV2_ADDRESS
      RLN_CONTRACT_ADDRESS="$(deploy proxy script/Deploy.s.sol --tc DeployProxy)"
      cast send --rpc-url "$RPC_URL" --private-key "$DEPLOYER_KEY" "$TOKEN_ADDRESS" \\
        "addMinter(address)" "$ETH_FROM" > /tmp/minter.out 2>&1 \\
        || fail "addMinter failed: $(tail -c 2000 /tmp/minter.out)"
      printf 'TOKEN_ADDRESS=%s\\nPRICE_CALCULATOR_ADDRESS=%s\\nWAKURLNV2_ADDRESS=%s\\nRLN_CONTRACT_ADDRESS=%s\\n' \\
        "$TOKEN_ADDRESS" "$PRICE_CALCULATOR_ADDRESS" "$WAKURLNV2_ADDRESS" "$RLN_CONTRACT_ADDRESS" \\
        > /dev/termination-log
      """;

  private RlnDeployJob() {}

  public static String name(ChatNetwork network) {
    return network.getMetadata().getName() + "-rln-deploy";
  }

  /** spec.rln.deployImage, else chatnet/rln-deploy:<first 8 hex of the contract commit>. */
  public static String image(RlnSpec rln) {
    if (rln.getDeployImage() != null) {
      return rln.getDeployImage();
    }
    RlnContractVersion contract = rln.getContract();
    return "chatnet/rln-deploy:" + contract.commit().substring(0, 8);
  }

  public static Job build(ChatNetwork network) {
    return RlnJobs.job(
        network,
        name(network),
        RlnJobs.labels(network, "deploy"),
        Map.of(),
        image(network.getSpec().getRln()),
        WORKDIR,
        SCRIPT,
        List.of(
            RlnJobs.env("RPC_URL", RlnChainManifests.rpcUrl(network)),
            RlnJobs.deployerKey(network)),
        List.of(),
        List.of());
  }
}

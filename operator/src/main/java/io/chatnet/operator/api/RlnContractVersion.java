package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The RLN membership contracts chatnet knows, each a commit the public harnesses pin (facts from
 * /work/shared/reference/rln.md sections 2 and 8, each with its source there).
 *
 * <ul>
 *   <li>waku-org/waku-rlnv2-contract e75ac913 (what waku-simulator and logos-delivery-simulator
 *       pin): DeployProxy's max total rate limit 160,000 per epoch; register emits no RootStored.
 *   <li>logos-messaging/logos-messaging-rlnv2-contract temp-with-imt-dep b560521a (what vacp2p
 *       10ksim builds): max total 1,000,000; no RootStored.
 *   <li>logos-messaging/logos-messaging-rlnv2-contract main 8359765e: max total 1,000,000; register
 *       emits RootStored before MembershipRegistered (since 81ede4d), which the keystore tool of
 *       nwaku v0.36/v0.37 reads as logs[2] and fails on after the registration was mined (deposit
 *       spent, no keystore). Only logos-delivery v0.38 searches all logs (#3651).
 * </ul>
 *
 * Every one limits a membership to 20..600 messages per epoch (MIN/MAX_RATELIMIT_PER_MEMBERSHIP).
 */
public enum RlnContractVersion {
  @JsonProperty("waku-rlnv2-contract-e75ac913")
  WAKU_RLNV2_E75AC913(
      "waku-rlnv2-contract-e75ac913",
      "waku-org/waku-rlnv2-contract",
      "e75ac913e579ad872f54b2225eec35d1de3d98b0",
      160_000,
      false),

  @JsonProperty("logos-rlnv2-contract-b560521a")
  LOGOS_RLNV2_B560521A(
      "logos-rlnv2-contract-b560521a",
      "logos-messaging/logos-messaging-rlnv2-contract",
      "b560521a23a6dca9ed3a71482b18e7a2cfd32c7d",
      1_000_000,
      false),

  @JsonProperty("logos-rlnv2-contract-8359765e")
  LOGOS_RLNV2_8359765E(
      "logos-rlnv2-contract-8359765e",
      "logos-messaging/logos-messaging-rlnv2-contract",
      "8359765ecaf62095c157250df8037eb22ea2962d",
      1_000_000,
      true);

  /** The contract's per-membership bounds (MIN/MAX_RATELIMIT_PER_MEMBERSHIP, all versions). */
  public static final int MIN_USER_MESSAGE_LIMIT = 20;

  public static final int MAX_USER_MESSAGE_LIMIT = 600;

  private final String id;
  private final String repo;
  private final String commit;
  private final int maxTotalRateLimit;
  private final boolean rootStored;

  RlnContractVersion(
      String id, String repo, String commit, int maxTotalRateLimit, boolean rootStored) {
    this.id = id;
    this.repo = repo;
    this.commit = commit;
    this.maxTotalRateLimit = maxTotalRateLimit;
    this.rootStored = rootStored;
  }

  public String repo() {
    return repo;
  }

  public String commit() {
    return commit;
  }

  /** The sum of all memberships' limits the deployed proxy accepts (DeployProxy's constant). */
  public int maxTotalRateLimit() {
    return maxTotalRateLimit;
  }

  /** Whether register emits RootStored before MembershipRegistered. */
  public boolean rootStored() {
    return rootStored;
  }

  /** The id as written in manifests. */
  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }
}

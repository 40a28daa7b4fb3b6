package io.chatnet.operator.rln;

import io.chatnet.operator.api.NodeVersion;

/**
 * RLN facts per supported node version (/work/shared/reference/rln.md section 8, from the
 * logos-delivery tags and CHANGELOG.md). A switch without default, so a new version must decide.
 */
public final class RlnVersions {
  private RlnVersions() {}

  /**
   * Whether the version computes the external nullifier as poseidon(keccak256(epoch),
   * keccak256(rlnIdentifier)) (logos-delivery v0.38.0, #3660) rather than poseidon(epoch,
   * rlnIdentifier): proofs of one kind fail the other's verification, so one network never mixes.
   */
  public static boolean hashedExternalNullifier(NodeVersion version) {
    return switch (version) {
      case NWAKU_V0_36_0, NWAKU_V0_37_1_BETA -> false;
      case LOGOS_DELIVERY_V0_38_1 -> true;
      case STATUS_GO_C72F4913, STATUS_GO_B22C58BD ->
          throw new IllegalArgumentException(version + " is a client, it runs no RLN");
    };
  }

  /**
   * Whether the version's keystore tool finds MembershipRegistered in any receipt log (v0.38.0,
   * #3651) rather than at logs[2] only (v0.36, v0.37), so it survives a contract that emits
   * RootStored first.
   */
  public static boolean keystoreToolSearchesAllLogs(NodeVersion version) {
    return hashedExternalNullifier(version);
  }
}

package io.chatnet.operator.rln;

import io.chatnet.operator.api.ChatNetworkSpec;
import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.GroupRole;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.RlnContractVersion;
import io.chatnet.operator.api.RlnSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What admission rules cannot check about an RLN network, each problem naming its spec field: node
 * versions whose proofs do not verify each other, a contract the nodes' keystore tool cannot
 * register with, the contract's total rate limit, and clients that could not publish. Pure; the
 * reconciler refuses the network on any problem (condition RlnReady, reason RlnIncompatible).
 */
public final class RlnCompatibility {
  private RlnCompatibility() {}

  public static List<String> problems(ChatNetworkSpec spec) {
    List<String> problems = new ArrayList<>();
    RlnSpec rln = spec.getRln();
    if (rln == null || !rln.isEnabled()) {
      return problems;
    }
    List<NodeGroup> rlnGroups =
        spec.getGroups().stream().filter(g -> RlnArgs.runsRln(rln, g)).toList();
    List<String> hashed = new ArrayList<>();
    List<String> plain = new ArrayList<>();
    for (NodeGroup g : rlnGroups) {
      String named = g.getName() + " (" + g.effectiveVersion() + ")";
      (RlnVersions.hashedExternalNullifier(g.effectiveVersion()) ? hashed : plain).add(named);
    }
    if (!hashed.isEmpty() && !plain.isEmpty()) {
      problems.add(
          "spec.groups[].version: RLN proofs of nwaku <= v0.37 and logos-delivery >= v0.38 do"
              + " not verify each other (external nullifier changed in v0.38.0): "
              + String.join(", ", plain)
              + " against "
              + String.join(", ", hashed)
              + "; run every relay and service group on one side");
    }
    RlnContractVersion contract = rln.getContract();
    if (contract.rootStored()) {
      for (NodeGroup g : rlnGroups) {
        if (RlnArgs.publishes(rln, g)
            && !RlnVersions.keystoreToolSearchesAllLogs(g.effectiveVersion())) {
          problems.add(
              "spec.rln.contract: "
                  + contract
                  + " emits RootStored on register, which the keystore tool of group "
                  + g.getName()
                  + " ("
                  + g.effectiveVersion()
                  + ") misreads after the registration is mined (deposit spent, no keystore);"
                  + " use waku-rlnv2-contract-e75ac913 or logos-rlnv2-contract-b560521a, or"
                  + " logos-delivery-v0.38.1 nodes");
        }
      }
    }
    long memberships =
        rlnGroups.stream()
            .filter(g -> RlnArgs.publishes(rln, g))
            .mapToLong(NodeGroup::getReplicas)
            .sum();
    if (memberships * rln.getUserMessageLimit() > contract.maxTotalRateLimit()) {
      problems.add(
          "spec.rln.userMessageLimit: "
              + memberships
              + " memberships x "
              + rln.getUserMessageLimit()
              + " messages per epoch exceed the "
              + contract
              + " contract's total of "
              + contract.maxTotalRateLimit()
              + " (register reverts CannotExceedMaxTotalRateLimit)");
    }
    for (NodeGroup g : spec.getGroups()) {
      if (g.getKind() == GroupKind.STATUS_BACKEND
          && g.getRole() == GroupRole.DESKTOP
          && g.getReplicas() > 0) {
        problems.add(
            "spec.groups["
                + g.getName()
                + "].role: desktop (relay-mode) status-backend clients attach no RLN proof, so"
                + " validators reject every message they publish with spec.rln.enabled; use"
                + " mobile clients");
      }
    }
    boolean mobiles =
        spec.getGroups().stream()
            .anyMatch(g -> g.getRole() == GroupRole.MOBILE && g.getReplicas() > 0);
    boolean provingLightpush =
        rlnGroups.stream()
            .anyMatch(
                g ->
                    g.getRole() == GroupRole.SERVICE
                        && g.getReplicas() > 0
                        && g.effectiveServices().isLightpush()
                        && RlnArgs.publishes(rln, g));
    if (mobiles && !provingLightpush) {
      problems.add(
          "spec.rln.validatorGroups: mobile clients publish through lightpush service nodes,"
              + " which attach the RLN proof from their own membership; no service group with"
              + " lightpush and replicas holds memberships");
    }
    return problems;
  }
}

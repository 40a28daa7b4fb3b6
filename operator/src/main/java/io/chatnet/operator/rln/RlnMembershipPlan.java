package io.chatnet.operator.rln;

import io.chatnet.operator.api.ChatNetworkSpec;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.RlnSpec;
import io.chatnet.operator.identity.EthAccount;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who is funded and registered: one account and one membership per node of each publishing group,
 * the account derived from the network seed, group and ordinal (as node keys are). Registration is
 * by ordinal: a group that had n registered nodes and now has m > n registers ordinals n..m-1 only.
 */
public final class RlnMembershipPlan {
  /**
   * The price calculator's price per message of rate limit: 0.05 TST (18 decimals) per message
   * (waku-rlnv2-contract e75ac913 script/Deploy.s.sol, LinearPriceCalculator(token, 0.05 ether)).
   */
  public static final BigInteger WEI_PER_MESSAGE = BigInteger.valueOf(50_000_000_000_000_000L);

  /** One node's membership: its account address (the key stays in a Secret). */
  public record Member(String group, int ordinal, String address) {}

  private RlnMembershipPlan() {}

  /** Every publishing node's membership, groups in spec order, ordinals ascending. */
  public static List<Member> members(ChatNetworkSpec spec) {
    return membersFrom(spec, Map.of());
  }

  /**
   * The memberships still to fund and register, given how many of each group's ordinals are
   * registered already (from status): a scale-up adds the new ordinals only, a restart none.
   */
  public static List<Member> membersFrom(ChatNetworkSpec spec, Map<String, Integer> registered) {
    List<Member> members = new ArrayList<>();
    RlnSpec rln = spec.getRln();
    for (NodeGroup g : spec.getGroups()) {
      if (!RlnArgs.publishes(rln, g)) {
        continue;
      }
      for (int ordinal = registered.getOrDefault(g.getName(), 0);
          ordinal < g.getReplicas();
          ordinal++) {
        members.add(
            new Member(
                g.getName(),
                ordinal,
                EthAccount.derive(spec.getSeed(), g.getName(), ordinal).address()));
      }
    }
    return members;
  }

  /** The token deposit one membership costs at the spec's limit (limit x 0.05 TST). */
  public static BigInteger depositWei(RlnSpec rln) {
    return WEI_PER_MESSAGE.multiply(BigInteger.valueOf(rln.getUserMessageLimit()));
  }
}

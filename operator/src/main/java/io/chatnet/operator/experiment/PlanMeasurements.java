package io.chatnet.operator.experiment;

import io.chatnet.contract.Plan;
import io.chatnet.operator.api.CatchUpMeasurement;
import io.chatnet.operator.api.ChatExperimentSpec;
import io.chatnet.operator.api.ContactRequestPhase;
import io.chatnet.operator.api.GroupCreationPhase;
import io.chatnet.operator.api.IdlePhase;
import io.chatnet.operator.api.MultiplierDistribution;
import io.chatnet.operator.api.OneToOneSenders;
import io.chatnet.operator.api.PeriodicBehaviour;
import io.chatnet.operator.api.SizeDistribution;
import io.chatnet.operator.api.UsageModel;
import java.util.List;

/**
 * The spec's measured operations and usage model as the contract's Plan fields (contract version 2,
 * contract16.md): the contact-request and idle phases, per-user activity, message sizes, one-way
 * pairs, group creation (the plan's private groups at rate 0) and offline spells by kind and length
 * for catch-up. Pure.
 */
public final class PlanMeasurements {
  /** A plan payload when groupCreation asks for groups and no size: the traffic's default. */
  static final int GROUP_CREATION_PAYLOAD_BYTES = 256;

  private PlanMeasurements() {}

  public static Plan.ContactRequests contactRequests(ChatExperimentSpec spec) {
    ContactRequestPhase c = spec.getContactRequests();
    if (c == null) {
      return null;
    }
    return new Plan.ContactRequests(
        c.getRequesters(),
        c.getTargets(),
        c.getRequestsPerRequester(),
        c.getAcceptShare(),
        c.getDeclineShare(),
        c.getSpreadSeconds(),
        c.getPhaseSeconds());
  }

  public static Plan.Idle idle(ChatExperimentSpec spec) {
    IdlePhase idle = spec.getIdle();
    if (idle == null || (idle.getSeconds() == null && idle.getClientShare() == null)) {
      return null;
    }
    return new Plan.Idle(
        idle.getSeconds() == null ? 0 : idle.getSeconds(),
        idle.getClientShare() == null ? 0 : idle.getClientShare());
  }

  public static Plan.Activity activity(ChatExperimentSpec spec) {
    UsageModel usage = spec.getUsage();
    return usage == null || usage.getActivity() == null
        ? null
        : new Plan.Activity(distribution(usage.getActivity()));
  }

  public static Plan.MessageSizes messageSizes(ChatExperimentSpec spec) {
    UsageModel usage = spec.getUsage();
    SizeDistribution sizes = usage == null ? null : usage.getMessageSizes();
    if (sizes == null) {
      return null;
    }
    return new Plan.MessageSizes(
        distribution(sizes.getDistribution()),
        sizes.getMinBytes() == null ? 0 : sizes.getMinBytes(),
        sizes.getMaxBytes() == null ? 0 : sizes.getMaxBytes());
  }

  /** One-way pairs: only the first member sends (DST's senders and receivers). */
  public static boolean oneWay(ChatExperimentSpec spec) {
    return spec.getUsage() != null
        && spec.getUsage().getOneToOneSenders() == OneToOneSenders.ONE_SIDE;
  }

  /**
   * Group creation alone: the plan's private groups with no messages (every group of the plan is
   * timed from the create call to the last member seeing it); null when not asked for.
   */
  public static Plan.PrivateGroups groupCreation(ChatExperimentSpec spec) {
    GroupCreationPhase g = spec.getGroupCreation();
    return g == null
        ? null
        : new Plan.PrivateGroups(
            g.getGroups(), g.getMembersPerGroup(), 0, GROUP_CREATION_PAYLOAD_BYTES);
  }

  /**
   * The offline behaviour with catch-up's lengths and client kinds; any other behaviour as it is.
   */
  public static Plan.Periodic periodic(PeriodicBehaviour behaviour, CatchUpMeasurement catchUp) {
    if (behaviour == null) {
      return null;
    }
    List<String> kinds = null;
    List<Integer> lengths = null;
    if (catchUp != null) {
      kinds = catchUp.isRelayClients() ? List.of("desktop", "mobile") : List.of("mobile");
      lengths =
          catchUp.getOfflineSeconds() == null || catchUp.getOfflineSeconds().isEmpty()
              ? null
              : List.copyOf(catchUp.getOfflineSeconds());
    }
    return new Plan.Periodic(
        behaviour.getFraction(),
        behaviour.getPeriodSeconds(),
        behaviour.getDurationSeconds(),
        kinds,
        lengths);
  }

  private static Plan.Distribution distribution(MultiplierDistribution d) {
    return new Plan.Distribution(
        d.getName().name().toLowerCase(java.util.Locale.ROOT),
        d.getShape() == null ? 0 : d.getShape());
  }
}

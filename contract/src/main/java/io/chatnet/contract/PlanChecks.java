package io.chatnet.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Why a plan's version 2 fields cannot run (contact-request and idle phases, activity, message
 * sizes, offline spells), each naming the plan field: the load generator refuses such a plan and
 * the operator can make the same check before it writes one. Pure.
 */
public final class PlanChecks {
  static final Set<String> CLIENT_KINDS = Set.of("desktop", "mobile");

  private PlanChecks() {}

  public static List<String> problems(Plan plan) {
    List<String> problems = new ArrayList<>();
    contactRequests(plan, problems);
    Plan.Idle idle = plan.idle();
    if (idle != null) {
      if (idle.phaseSeconds() < 0) {
        problems.add("idle.phaseSeconds=" + idle.phaseSeconds() + " must not be negative");
      }
      share("idle.clientShare", idle.clientShare(), problems);
    }
    if (plan.activity() != null && plan.activity().perUserRate() != null) {
      plan.activity().perUserRate().problem("activity.perUserRate").ifPresent(problems::add);
    }
    Plan.MessageSizes sizes = plan.traffic() == null ? null : plan.traffic().messageSizes();
    if (sizes != null) {
      if (sizes.distribution() == null) {
        problems.add("traffic.messageSizes.distribution is required");
      } else {
        sizes.distribution().problem("traffic.messageSizes.distribution").ifPresent(problems::add);
      }
      if (sizes.minBytes() < 0 || sizes.maxBytes() < 0) {
        problems.add("traffic.messageSizes minBytes and maxBytes must not be negative");
      } else if (sizes.maxBytes() > 0 && sizes.minBytes() > sizes.maxBytes()) {
        problems.add(
            "traffic.messageSizes.minBytes="
                + sizes.minBytes()
                + " is above maxBytes="
                + sizes.maxBytes());
      }
    }
    if (plan.behaviours() != null) {
      periodic("behaviours.offline", plan.behaviours().offline(), problems);
      periodic("behaviours.background", plan.behaviours().background(), problems);
    }
    return problems;
  }

  private static void contactRequests(Plan plan, List<String> problems) {
    Plan.ContactRequests c = plan.contactRequests();
    if (c == null) {
      return;
    }
    if (c.requesters() < 0 || c.targets() < 0 || c.requestsPerRequester() < 0) {
      problems.add(
          "contactRequests requesters, targets and requestsPerRequester must not be negative");
      return;
    }
    share("contactRequests.acceptShare", c.acceptShare(), problems);
    share("contactRequests.declineShare", c.declineShare(), problems);
    if (c.acceptShare() + c.declineShare() > 1 + 1e-9) {
      problems.add(
          "contactRequests.acceptShare="
              + c.acceptShare()
              + " + declineShare="
              + c.declineShare()
              + " is above 1 (the rest of the targets ignore)");
    }
    if (c.effectivePhaseSeconds() == 0) {
      return;
    }
    if (c.spreadSeconds() < 0 || c.spreadSeconds() >= c.effectivePhaseSeconds()) {
      problems.add(
          "contactRequests.spreadSeconds="
              + c.spreadSeconds()
              + " must be at least 0 and below the phase ("
              + c.effectivePhaseSeconds()
              + " s), leaving time for answers");
    }
    int cells = cells(plan);
    int smallestCell = c.targets() / cells;
    if (c.requestsPerRequester() > smallestCell) {
      problems.add(
          "contactRequests.requestsPerRequester="
              + c.requestsPerRequester()
              + " is above the "
              + smallestCell
              + " targets a requester can ask: targets="
              + c.targets()
              + " are dealt into "
              + cells
              + " cells (one per load generator shard, at most one per target) and a requester"
              + " asks distinct targets of its own cell");
    }
    long left = leftOver(plan);
    if ((long) c.requesters() + c.targets() > left) {
      problems.add(
          "contactRequests.requesters="
              + c.requesters()
              + " + targets="
              + c.targets()
              + " need "
              + ((long) c.requesters() + c.targets())
              + " clients outside pairs and groups, the plan has "
              + left);
    }
  }

  /**
   * How many cells the contact-request phase is dealt into: one per shard, at most one per target.
   */
  public static int cells(Plan plan) {
    Plan.ContactRequests c = plan.contactRequests();
    int targets = c == null ? 0 : c.targets();
    return Math.max(1, Math.min(Math.max(1, plan.shards()), targets));
  }

  /** Clients outside pairs and groups (they may be requesters and targets). */
  static long leftOver(Plan plan) {
    long all = plan.allClients().size();
    Plan.Traffic t = plan.traffic();
    long pairs = t == null || t.oneToOne() == null ? 0 : t.oneToOne().pairs();
    long inGroups =
        t == null || t.privateGroups() == null
            ? 0
            : (long) t.privateGroups().groups() * t.privateGroups().membersPerGroup();
    return Math.max(0, all - 2 * pairs - inGroups);
  }

  private static void periodic(String field, Plan.Periodic p, List<String> problems) {
    if (p == null) {
      return;
    }
    for (String kind : p.kinds()) {
      if (!CLIENT_KINDS.contains(kind)) {
        problems.add(field + ".clientKinds has '" + kind + "'; kinds are desktop and mobile");
      }
    }
    for (int length : p.lengths()) {
      if (length <= 0 || (p.periodSeconds() > 0 && length > p.periodSeconds())) {
        problems.add(
            field
                + " spell length "
                + length
                + " s must be above 0 and at most periodSeconds="
                + p.periodSeconds());
      }
    }
  }

  private static void share(String field, double share, List<String> problems) {
    if (share < 0 || share > 1) {
      problems.add(field + "=" + share + " must be between 0 and 1");
    }
  }
}

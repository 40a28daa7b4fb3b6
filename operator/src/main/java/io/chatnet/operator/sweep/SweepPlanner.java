package io.chatnet.operator.sweep;

import io.chatnet.operator.api.ChatExperimentSpec;
import io.chatnet.operator.api.ChatNetworkSpec;
import io.chatnet.operator.api.ChatSweepSpec;
import io.chatnet.operator.api.GroupRole;
import io.chatnet.operator.api.NetworkRef;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.OneToOneTraffic;
import io.chatnet.operator.api.PrivateGroupTraffic;
import io.chatnet.operator.api.SweepAxis;
import io.chatnet.operator.api.SweepAxisName;
import io.chatnet.operator.api.SweepTrafficKind;
import io.chatnet.operator.naming.SweepNames;
import io.chatnet.operator.rln.RlnCompatibility;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep's spec in, its points out (pure). The points are the cartesian product of the axes, the
 * first axis varying slowest. Each point starts from the base specs, takes its axis values ({@link
 * SweepAxes}) and derives the counts: users status-backend clients, of which round(share x users)
 * mobile (share: the lightClientShare axis, else the base network's mobile share), the rest
 * desktop; relay replicas ceil(users x relayNodesPerUser) when that is set; one-to-one traffic
 * pairs every client (users/2 pairs, desktop-mobile pairs as many as both kinds allow), private
 * groups split the clients into users/groupSize groups.
 *
 * <p>Networks: consecutive points whose network specs differ only in replica counts share one
 * network, which the sweep scales between them; a point whose network differs in anything else (a
 * changed shape: a feature switch, another image) starts the next network, {@code <sweep>-n<k>},
 * and the previous one is deleted once its last point is recorded, so a small cluster never holds
 * both. Shape-changing axes listed first change the network least often. The RLN limit
 * (rlnUserMessageLimit) is such an axis: memberships are registered at one limit, so each value
 * needs its own network. A point's network the operator would refuse for RLN (rln/RlnCompatibility:
 * the contract's total, mixed versions...) is a problem of the plan.
 */
public final class SweepPlanner {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private SweepPlanner() {}

  public static SweepPlan plan(String sweep, ChatSweepSpec spec) {
    Set<String> problems = new LinkedHashSet<>();
    List<SweepAxis> axes = spec.getAxes();
    ChatNetworkSpec base = spec.getNetwork();
    List<NodeGroup> desktop = groups(base, GroupRole.DESKTOP);
    List<NodeGroup> mobile = groups(base, GroupRole.MOBILE);
    if (desktop.size() != 1) {
      problems.add(
          "spec.network.groups: a sweep's network needs exactly one desktop group (the points set"
              + " its replicas), not "
              + desktop.size());
    }
    if (mobile.size() > 1) {
      problems.add(
          "spec.network.groups: a sweep's network has at most one mobile group, not "
              + mobile.size());
    }
    if (spec.getRelayNodesPerUser() != null && groups(base, GroupRole.RELAY).size() != 1) {
      problems.add(
          "spec.relayNodesPerUser: the network needs exactly one relay group to scale, not "
              + groups(base, GroupRole.RELAY).size());
    }
    String limitAxis = field(axes, SweepAxisName.RLN_USER_MESSAGE_LIMIT, null);
    if (limitAxis != null && (base.getRln() == null || !base.getRln().isEnabled())) {
      problems.add(
          limitAxis + ": the base network has no RLN to limit: set spec.network.rln.enabled: true");
    }
    if (!problems.isEmpty()) {
      return new SweepPlan(List.of(), List.copyOf(problems));
    }
    int baseUsers =
        desktop.get(0).getReplicas() + (mobile.isEmpty() ? 0 : mobile.get(0).getReplicas());
    int baseMobile = mobile.isEmpty() ? 0 : mobile.get(0).getReplicas();
    int total = 1;
    for (SweepAxis axis : axes) {
      total *= SweepAxes.size(axis);
    }
    List<PlannedPoint> points = new ArrayList<>();
    ChatNetworkSpec shapeOfPrevious = null;
    int shape = 0;
    for (int p = 0; p < total; p++) {
      PointDraft draft = draft(spec, baseUsers);
      Map<String, String> values = new LinkedHashMap<>();
      int rest = p;
      int[] picks = new int[axes.size()];
      for (int a = axes.size() - 1; a >= 0; a--) {
        int size = SweepAxes.size(axes.get(a));
        picks[a] = rest % size;
        rest /= size;
      }
      for (int a = 0; a < axes.size(); a++) {
        SweepAxes.apply(axes.get(a), picks[a], draft);
        values.put(
            SweepAxes.wireName(axes.get(a).getName()), SweepAxes.show(axes.get(a), picks[a]));
      }
      int index = p + 1;
      int mobiles =
          draft.lightClientShare != null
              ? (int) Math.round(draft.lightClientShare * draft.users)
              : baseUsers == 0
                  ? 0
                  : (int) Math.round((double) baseMobile * draft.users / baseUsers);
      ChatNetworkSpec network = network(spec, draft, mobiles, index, axes, problems);
      // What the operator would refuse the point's network for (RlnIncompatible), said now
      for (String problem : RlnCompatibility.problems(network)) {
        problems.add(
            "point "
                + index
                + ": "
                + (problem.startsWith("spec.") ? "spec.network." + problem.substring(5) : problem));
      }
      ChatExperimentSpec experiment = experiment(spec, draft, mobiles, index, axes, problems);
      ChatNetworkSpec shapeOnly = shapeOf(network);
      if (!shapeOnly.equals(shapeOfPrevious)) {
        shape++;
        shapeOfPrevious = shapeOnly;
      }
      String networkName = SweepNames.network(sweep, shape);
      NetworkRef ref = new NetworkRef();
      ref.setName(networkName);
      experiment.setNetworkRef(ref);
      points.add(
          new PlannedPoint(
              index,
              values,
              shape,
              networkName,
              SweepNames.experiment(sweep, index),
              network,
              experiment));
    }
    return problems.isEmpty()
        ? new SweepPlan(List.copyOf(points), List.of())
        : new SweepPlan(List.of(), List.copyOf(problems));
  }

  private static PointDraft draft(ChatSweepSpec spec, int baseUsers) {
    PointDraft draft = new PointDraft(SERIALIZATION.clone(spec.getNetwork()));
    draft.users = baseUsers;
    OneToOneTraffic oneToOne = spec.getExperiment().getTraffic().getOneToOne();
    PrivateGroupTraffic groups = spec.getExperiment().getTraffic().getPrivateGroups();
    draft.traffic =
        oneToOne != null ? SweepTrafficKind.ONE_TO_ONE : SweepTrafficKind.PRIVATE_GROUPS;
    draft.messagesPerMinute =
        oneToOne != null ? oneToOne.getMessagesPerMinute() : groups.getMessagesPerMinute();
    draft.groupSize = groups == null ? null : groups.getMembersPerGroup();
    return draft;
  }

  private static ChatNetworkSpec network(
      ChatSweepSpec spec,
      PointDraft draft,
      int mobiles,
      int index,
      List<SweepAxis> axes,
      Set<String> problems) {
    ChatNetworkSpec network = draft.network;
    List<NodeGroup> mobile = groups(network, GroupRole.MOBILE);
    if (mobiles > 0 && mobile.isEmpty()) {
      problems.add(
          field(axes, SweepAxisName.LIGHT_CLIENT_SHARE, "spec.network.groups")
              + ": point "
              + index
              + " has "
              + mobiles
              + " mobile clients but the network has no mobile group");
    }
    groups(network, GroupRole.DESKTOP).get(0).setReplicas(draft.users - mobiles);
    mobile.forEach(g -> g.setReplicas(mobiles));
    if (spec.getRelayNodesPerUser() != null) {
      groups(network, GroupRole.RELAY)
          .get(0)
          .setReplicas((int) Math.ceil(draft.users * spec.getRelayNodesPerUser()));
    }
    return network;
  }

  private static ChatExperimentSpec experiment(
      ChatSweepSpec spec,
      PointDraft draft,
      int mobiles,
      int index,
      List<SweepAxis> axes,
      Set<String> problems) {
    ChatExperimentSpec experiment = SERIALIZATION.clone(spec.getExperiment());
    OneToOneTraffic baseOneToOne = experiment.getTraffic().getOneToOne();
    PrivateGroupTraffic baseGroups = experiment.getTraffic().getPrivateGroups();
    int payload =
        baseOneToOne != null ? baseOneToOne.getPayloadBytes() : baseGroups.getPayloadBytes();
    if (draft.traffic == SweepTrafficKind.ONE_TO_ONE) {
      if (draft.users % 2 != 0) {
        problems.add(
            field(axes, SweepAxisName.USERS, "spec.network.groups")
                + ": point "
                + index
                + " has "
                + draft.users
                + " users: one-to-one traffic pairs every client, so users must be even");
      }
      OneToOneTraffic t = baseOneToOne != null ? baseOneToOne : new OneToOneTraffic();
      t.setPairs(draft.users / 2);
      t.setDesktopMobilePairs(Math.min(mobiles, draft.users - mobiles));
      t.setMessagesPerMinute(draft.messagesPerMinute);
      t.setPayloadBytes(payload);
      experiment.getTraffic().setOneToOne(t);
      experiment.getTraffic().setPrivateGroups(null);
      return experiment;
    }
    if (draft.groupSize == null) {
      problems.add(
          field(axes, SweepAxisName.TRAFFIC, "spec.experiment.traffic")
              + ": point "
              + index
              + " runs private groups but no group size is given: add a groupSize axis or"
              + " spec.experiment.traffic.privateGroups.membersPerGroup");
      return experiment;
    }
    if (draft.users % draft.groupSize != 0) {
      problems.add(
          field(axes, SweepAxisName.USERS, "spec.network.groups")
              + ": point "
              + index
              + " has "
              + draft.users
              + " users, not a multiple of its group size "
              + draft.groupSize
              + ": private groups take every client");
    }
    PrivateGroupTraffic t = baseGroups != null ? baseGroups : new PrivateGroupTraffic();
    int groups = Math.max(1, draft.users / draft.groupSize);
    t.setGroups(groups);
    t.setMembersPerGroup(draft.groupSize);
    t.setMessagesPerMinute(draft.messagesPerMinute);
    t.setPayloadBytes(payload);
    if (draft.lightClientShare != null) {
      t.setMobileMembersPerGroup(Math.min(draft.groupSize, mobiles / groups));
    } else if (t.getMobileMembersPerGroup() != null) {
      t.setMobileMembersPerGroup(Math.min(draft.groupSize, t.getMobileMembersPerGroup()));
    }
    experiment.getTraffic().setPrivateGroups(t);
    experiment.getTraffic().setOneToOne(null);
    return experiment;
  }

  /** The network without its counts: two specs of one shape differ only in replicas. */
  static ChatNetworkSpec shapeOf(ChatNetworkSpec network) {
    ChatNetworkSpec shape = SERIALIZATION.clone(network);
    shape.getGroups().forEach(g -> g.setReplicas(0));
    return shape;
  }

  private static List<NodeGroup> groups(ChatNetworkSpec network, GroupRole role) {
    return network.getGroups().stream().filter(g -> g.getRole() == role).toList();
  }

  /** The axis's field, spec.axes[i], or {@code otherwise} when the sweep has no such axis. */
  private static String field(List<SweepAxis> axes, SweepAxisName name, String otherwise) {
    for (int i = 0; i < axes.size(); i++) {
      if (axes.get(i).getName() == name) {
        return "spec.axes[" + i + "] (" + SweepAxes.wireName(name) + ")";
      }
    }
    return otherwise;
  }
}

package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentBehaviours;
import io.chatnet.operator.api.ExperimentTraffic;
import io.chatnet.operator.api.GroupCreationPhase;
import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.GroupRole;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.OneToOneTraffic;
import io.chatnet.operator.api.PrivateGroupTraffic;
import io.chatnet.operator.experiment.PlanProblems;
import io.chatnet.operator.network.NetworkConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the operator makes after admission: limits that depend on derived objects and so cannot be
 * CEL rules. The CRD's schema and rules catch everything else earlier.
 */
final class SpecChecks {
  private SpecChecks() {}

  static List<String> problems(ChatNetwork network, ConfigMap networkConfig) {
    List<String> problems = new ArrayList<>();
    long bytes = NetworkConfigMap.dataBytes(networkConfig);
    if (bytes > NetworkConfigMap.MAX_DATA_BYTES) {
      problems.add(
          "spec.discovery: the network ConfigMap would hold "
              + bytes
              + " bytes (limit "
              + NetworkConfigMap.MAX_DATA_BYTES
              + "); a static topology this large does not fit, use discovery mode discv5 or a"
              + " lower degree");
    }
    return problems;
  }

  /**
   * Whether an experiment's traffic can be formed from its network before anything runs: a client
   * chats in at most one pair or group (the load generator lays them out the same way and refuses a
   * plan that does not fit, loadgen Assignment.problems), desktop-mobile pairs and mobile group
   * members need clients of those roles, and relay load needs nwaku nodes to publish through.
   */
  static List<String> problems(ChatExperiment experiment, ChatNetwork network) {
    List<String> problems = new ArrayList<>();
    ExperimentTraffic traffic = experiment.getSpec().getTraffic();
    if (traffic == null) {
      return problems;
    }
    String name = "network " + network.getMetadata().getName();
    long desktops = replicas(network, GroupKind.STATUS_BACKEND, GroupRole.DESKTOP);
    long mobiles = replicas(network, GroupKind.STATUS_BACKEND, GroupRole.MOBILE);
    long clients = desktops + mobiles;
    OneToOneTraffic oneToOne = traffic.getOneToOne();
    PrivateGroupTraffic groups = traffic.getPrivateGroups();
    long pairs = oneToOne == null ? 0 : oneToOne.getPairs();
    long mixed = oneToOne == null ? 0 : oneToOne.getDesktopMobilePairs();
    long groupCount = groups == null ? 0 : groups.getGroups();
    long size = groups == null ? 0 : groups.getMembersPerGroup();
    Integer perGroup = groups == null ? null : groups.getMobileMembersPerGroup();
    long needMobiles = mixed + (perGroup == null ? 0 : groupCount * perGroup);
    long needDesktops = mixed + (perGroup == null ? 0 : groupCount * (size - perGroup));
    long needTotal = 2 * pairs + groupCount * size;
    if (needDesktops > desktops) {
      problems.add(
          byRole(oneToOne, groups)
              + " need "
              + needDesktops
              + " desktop clients, "
              + name
              + " has "
              + desktops);
    }
    if (needMobiles > mobiles) {
      problems.add(
          byRole(oneToOne, groups)
              + " need "
              + needMobiles
              + " mobile clients, "
              + name
              + " has "
              + mobiles);
    }
    if (needTotal > clients) {
      List<String> asks = new ArrayList<>();
      if (pairs > 0) {
        asks.add("spec.traffic.oneToOne.pairs=" + pairs);
      }
      if (groupCount > 0) {
        asks.add("spec.traffic.privateGroups.groups=" + groupCount + " x membersPerGroup=" + size);
      }
      problems.add(
          String.join(" and ", asks)
              + (asks.size() > 1 ? " need " : " needs ")
              + needTotal
              + " clients (a client chats in at most one pair or group), "
              + name
              + " has "
              + clients
              + " status-backend clients");
    }
    if (traffic.getRelay() != null
        && replicas(network, GroupKind.NWAKU, GroupRole.RELAY)
                + replicas(network, GroupKind.NWAKU, GroupRole.SERVICE)
            == 0) {
      problems.add(
          "spec.traffic.relay needs nwaku nodes with role relay or service to publish through, "
              + name
              + " has none");
    }
    ExperimentBehaviours behaviours = experiment.getSpec().getBehaviours();
    if (behaviours != null
        && (behaviours.getOffline() != null || behaviours.getBackground() != null)
        && mobiles == 0) {
      // loadgen MobileBehaviours applies them to mobile (light) clients only.
      problems.add(
          "spec.behaviours apply to mobile clients only, " + name + " has no mobile clients");
    }
    GroupCreationPhase creation = experiment.getSpec().getGroupCreation();
    if (creation != null
        && 2 * pairs + (long) creation.getGroups() * creation.getMembersPerGroup() > clients) {
      problems.add(
          "spec.groupCreation.groups="
              + creation.getGroups()
              + " x membersPerGroup="
              + creation.getMembersPerGroup()
              + (pairs > 0 ? " with spec.traffic.oneToOne.pairs=" + pairs : "")
              + " need "
              + (2 * pairs + (long) creation.getGroups() * creation.getMembersPerGroup())
              + " clients (a client chats in at most one pair or group), "
              + name
              + " has "
              + clients
              + " status-backend clients");
    }
    problems.addAll(PlanProblems.of(experiment, network));
    return problems;
  }

  private static String byRole(OneToOneTraffic oneToOne, PrivateGroupTraffic groups) {
    List<String> asks = new ArrayList<>();
    if (oneToOne != null && oneToOne.getDesktopMobilePairs() > 0) {
      asks.add("spec.traffic.oneToOne.desktopMobilePairs=" + oneToOne.getDesktopMobilePairs());
    }
    if (groups != null && groups.getMobileMembersPerGroup() != null) {
      asks.add(
          "spec.traffic.privateGroups.groups="
              + groups.getGroups()
              + " with mobileMembersPerGroup="
              + groups.getMobileMembersPerGroup()
              + " of membersPerGroup="
              + groups.getMembersPerGroup());
    }
    return String.join(" and ", asks);
  }

  private static long replicas(ChatNetwork network, GroupKind kind, GroupRole role) {
    long n = 0;
    for (NodeGroup group : network.getSpec().getGroups()) {
      if (group.getKind() == kind && group.getRole() == role) {
        n += group.getReplicas();
      }
    }
    return n;
  }
}

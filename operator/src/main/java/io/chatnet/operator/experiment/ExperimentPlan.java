package io.chatnet.operator.experiment;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Plan;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentSpec;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentTraffic;
import io.chatnet.operator.api.Features;
import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.GroupRole;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.OneToOneTraffic;
import io.chatnet.operator.api.PeriodicBehaviour;
import io.chatnet.operator.api.PrivateGroupTraffic;
import io.chatnet.operator.api.RelayTraffic;
import io.chatnet.operator.identity.TrafficSeed;
import io.chatnet.operator.naming.Names;
import io.chatnet.operator.network.NetworkConfigMap;
import io.chatnet.operator.network.NodeStartScript;
import io.chatnet.operator.network.NwakuArgs;
import io.chatnet.operator.network.WakuPorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The load generator's plan (the contract's typed Plan) for an experiment on a network: clients as
 * name and URL patterns per status-backend group, relay nodes' REST URLs, the network's cluster id
 * and shards (relay load is published to their static-sharding topics), the traffic, behaviours,
 * the start instant and the feature flags clients are created with. Pure.
 */
public final class ExperimentPlan {
  /** Relay load spreads over at most this many nodes: enough to load the mesh from many entries. */
  static final int MAX_RELAY_ENTRY_NODES = 64;

  /**
   * The nodes' REST relay cache, as NwakuArgs sets it (--rest-relay-cache-capacity, managed so
   * extraArgs cannot change it). The load generator spaces its reads by it.
   */
  static final int REST_RELAY_CACHE_CAPACITY = NwakuArgs.REST_RELAY_CACHE_CAPACITY;

  private ExperimentPlan() {}

  public static Plan build(
      ChatExperiment experiment, ChatNetwork network, Instant start, String clusterDomain) {
    ChatExperimentSpec spec = experiment.getSpec();
    return new Plan(
        ContractJson.VERSION,
        experiment.getMetadata().getName(),
        start,
        spec.getWarmupSeconds(),
        spec.getDurationSeconds(),
        spec.getLoadGenerator().getReplicas(),
        // never the network's seed itself: the node keys derive from it
        spec.getSeed() != null
            ? spec.getSeed()
            : TrafficSeed.fromNetworkSeed(network.getSpec().getSeed()),
        null,
        clientGroups(network, clusterDomain),
        relayNodes(network, clusterDomain),
        traffic(spec),
        spec.getBehaviours() == null
            ? null
            : new Plan.Behaviours(
                PlanMeasurements.periodic(
                    spec.getBehaviours().getOffline(), spec.getBehaviours().getCatchUp()),
                periodic(spec.getBehaviours().getBackground())),
        clientSettings(network.getSpec().getFeatures()),
        32,
        waku(network),
        // The load generator serves its metrics after the window until a scrape has read them.
        spec.getScrapeIntervalSeconds(),
        PlanMeasurements.contactRequests(spec),
        PlanMeasurements.idle(spec),
        PlanMeasurements.activity(spec));
  }

  private static Plan.Traffic traffic(ChatExperimentSpec spec) {
    ExperimentTraffic traffic = spec.getTraffic();
    if (traffic == null) {
      return null;
    }
    OneToOneTraffic oneToOne = traffic.getOneToOne();
    PrivateGroupTraffic groups = traffic.getPrivateGroups();
    RelayTraffic relay = traffic.getRelay();
    return new Plan.Traffic(
        oneToOne == null
            ? null
            : new Plan.OneToOne(
                oneToOne.getPairs(),
                oneToOne.getMessagesPerMinute(),
                oneToOne.getPayloadBytes(),
                oneToOne.getDesktopMobilePairs(),
                PlanMeasurements.oneWay(spec)),
        groups == null
            ? PlanMeasurements.groupCreation(spec)
            : new Plan.PrivateGroups(
                groups.getGroups(),
                groups.getMembersPerGroup(),
                groups.getMessagesPerMinute(),
                groups.getPayloadBytes(),
                groups.getMobileMembersPerGroup()),
        relay == null
            ? null
            : new Plan.Relay(
                relay.getMessagesPerSecond(), relay.getPayloadBytes(), relay.getContentTopic()),
        PlanMeasurements.messageSizes(spec));
  }

  private static List<Plan.ClientGroup> clientGroups(ChatNetwork network, String domain) {
    List<Plan.ClientGroup> groups = new ArrayList<>();
    for (NodeGroup group : network.getSpec().getGroups()) {
      if (group.getKind() != GroupKind.STATUS_BACKEND || group.getReplicas() == 0) {
        continue;
      }
      String service = Names.group(network, group);
      groups.add(
          new Plan.ClientGroup(
              service + "-%d",
              "http://"
                  + service
                  + "-%d."
                  + service
                  + "."
                  + network.getMetadata().getNamespace()
                  + ".svc."
                  + domain
                  + ":"
                  + WakuPorts.CLIENT_API,
              group.getRole().wireName(),
              group.getReplicas(),
              group.effectiveVersion().id()));
    }
    return groups;
  }

  private static List<String> relayNodes(ChatNetwork network, String domain) {
    List<String> nodes = new ArrayList<>();
    for (NodeGroup group : network.getSpec().getGroups()) {
      if (group.getRole() != GroupRole.RELAY && group.getRole() != GroupRole.SERVICE) {
        continue;
      }
      for (int i = 0; i < group.getReplicas() && nodes.size() < MAX_RELAY_ENTRY_NODES; i++) {
        nodes.add("http://" + Names.podDns(network, group, i, domain) + ":" + WakuPorts.REST);
      }
    }
    return nodes;
  }

  /** Where relay load is published: the static-sharding topics every nwaku node relays. */
  private static Plan.Waku waku(ChatNetwork network) {
    return new Plan.Waku(
        network.getSpec().getClusterId(),
        List.copyOf(network.getSpec().getShards()),
        REST_RELAY_CACHE_CAPACITY);
  }

  private static Plan.Periodic periodic(PeriodicBehaviour behaviour) {
    if (behaviour == null) {
      return null;
    }
    return new Plan.Periodic(
        behaviour.getFraction(), behaviour.getPeriodSeconds(), behaviour.getDurationSeconds());
  }

  /**
   * What every client is created with (the contract's Plan.ClientSettings): the fleet and its file,
   * the feature switches and the metrics port. Where each switch lands in status-go is the load
   * generator's client profile (loadgen client.ClientProfile, ChatClient.isolate).
   */
  private static Plan.ClientSettings clientSettings(Features features) {
    return new Plan.ClientSettings(
        NetworkConfigMap.FLEET,
        NodeStartScript.NETWORK_DIR + "/" + NetworkConfigMap.FLEETS_FILE,
        features.isBackup(),
        features.isPairing(),
        features.isHistoryArchives(),
        features.isMissingMessageVerification(),
        features.isStatusUpdates(),
        WakuPorts.CLIENT_METRICS);
  }
}

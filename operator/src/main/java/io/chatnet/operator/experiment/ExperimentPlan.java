package io.chatnet.operator.experiment;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentSpec;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.Features;
import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.GroupRole;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.PeriodicBehaviour;
import io.chatnet.operator.naming.Names;
import io.chatnet.operator.network.NetworkConfigMap;
import io.chatnet.operator.network.NodeStartScript;
import io.chatnet.operator.network.NwakuArgs;
import io.chatnet.operator.network.WakuPorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load generator's plan (loadgen's Plan record, as JSON) for an experiment on a network:
 * clients as name and URL patterns per status-backend group, relay nodes' REST URLs, the network's
 * cluster id and shards (relay load is published to their static-sharding topics), the traffic,
 * behaviours, the start instant and the feature flags clients are created with. Pure.
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

  public static Map<String, Object> build(
      ChatExperiment experiment, ChatNetwork network, Instant start, String clusterDomain) {
    ChatExperimentSpec spec = experiment.getSpec();
    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put("experiment", experiment.getMetadata().getName());
    plan.put("startAt", start.toString());
    plan.put("warmupSeconds", spec.getWarmupSeconds());
    plan.put("durationSeconds", spec.getDurationSeconds());
    plan.put("shards", spec.getLoadGenerator().getReplicas());
    plan.put("seed", spec.getSeed() != null ? spec.getSeed() : network.getSpec().getSeed());
    plan.put("clientGroups", clientGroups(network, clusterDomain));
    plan.put("relayNodes", relayNodes(network, clusterDomain));
    plan.put("waku", waku(network));
    plan.put("traffic", spec.getTraffic());
    if (spec.getBehaviours() != null) {
      Map<String, Object> behaviours = new LinkedHashMap<>();
      behaviours.put("offline", periodic(spec.getBehaviours().getOffline()));
      behaviours.put("background", periodic(spec.getBehaviours().getBackground()));
      plan.put("behaviours", behaviours);
    }
    plan.put("clientSettings", clientSettings(network.getSpec().getFeatures()));
    plan.put("concurrency", 32);
    // The load generator serves its metrics after the window until a scrape has read them.
    plan.put("scrapeIntervalSeconds", spec.getScrapeIntervalSeconds());
    return plan;
  }

  private static List<Map<String, Object>> clientGroups(ChatNetwork network, String domain) {
    List<Map<String, Object>> groups = new ArrayList<>();
    for (NodeGroup group : network.getSpec().getGroups()) {
      if (group.getKind() != GroupKind.STATUS_BACKEND || group.getReplicas() == 0) {
        continue;
      }
      String service = Names.group(network, group);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("namePattern", service + "-%d");
      entry.put(
          "urlPattern",
          "http://"
              + service
              + "-%d."
              + service
              + "."
              + network.getMetadata().getNamespace()
              + ".svc."
              + domain
              + ":"
              + WakuPorts.CLIENT_API);
      entry.put("kind", group.getRole().wireName());
      entry.put("version", group.effectiveVersion().id());
      entry.put("replicas", group.getReplicas());
      groups.add(entry);
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
  private static Map<String, Object> waku(ChatNetwork network) {
    Map<String, Object> waku = new LinkedHashMap<>();
    waku.put("clusterId", network.getSpec().getClusterId());
    waku.put("shards", List.copyOf(network.getSpec().getShards()));
    waku.put("restRelayCacheCapacity", REST_RELAY_CACHE_CAPACITY);
    return waku;
  }

  private static Map<String, Object> periodic(PeriodicBehaviour behaviour) {
    if (behaviour == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("fraction", behaviour.getFraction());
    out.put("periodSeconds", behaviour.getPeriodSeconds());
    out.put("durationSeconds", behaviour.getDurationSeconds());
    return out;
  }

  /**
   * What every client is created with (loadgen's Plan.ClientSettings): the fleet and its file, the
   * feature switches and the metrics port. Where each switch lands in status-go is the load
   * generator's client profile (loadgen client.ClientProfile, ChatClient.isolate).
   */
  private static Map<String, Object> clientSettings(Features features) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("fleet", NetworkConfigMap.FLEET);
    settings.put("fleetsFile", NodeStartScript.NETWORK_DIR + "/" + NetworkConfigMap.FLEETS_FILE);
    settings.put("backup", features.isBackup());
    settings.put("pairing", features.isPairing());
    settings.put("historyArchives", features.isHistoryArchives());
    settings.put("missingMessageVerification", features.isMissingMessageVerification());
    settings.put("statusUpdates", features.isStatusUpdates());
    settings.put("metricsPort", WakuPorts.CLIENT_METRICS);
    return settings;
  }
}

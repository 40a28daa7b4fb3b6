package io.chatnet.operator.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentSpec;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentBehaviours;
import io.chatnet.operator.api.ExperimentCriteria;
import io.chatnet.operator.api.ExperimentFault;
import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.ExperimentTraffic;
import io.chatnet.operator.api.Features;
import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.OneToOneTraffic;
import io.chatnet.operator.api.PrivateGroupTraffic;
import io.chatnet.operator.api.RelayTraffic;
import io.chatnet.operator.api.ShardStatus;
import io.chatnet.operator.api.Verdict;
import io.chatnet.operator.network.PodPrivileges;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the report says about one experiment, taken from the ChatExperiment (spec and status)
 * and its ChatNetwork. This is report.json; the HTML page and the comparison report are rendered
 * from it alone, so an exported file is as good as the live objects.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentReport(
    String schema,
    Experiment experiment,
    Network network,
    Load load,
    Outcome outcome,
    Security security) {
  public static final String SCHEMA = "chatnet.io/experiment-report/v1";

  /** Identity and timing of the run. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Experiment(
      String name,
      String namespace,
      String phase,
      String plannedStart,
      String windowStart,
      String windowEnd,
      String completionTime,
      int warmupSeconds,
      int durationSeconds,
      String seed) {}

  /**
   * The network under test. {@code found} is false when it was gone by the time the report was
   * written; the group list and feature switches are then unknown, not empty.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Network(
      String name,
      boolean found,
      String phase,
      Integer clusterId,
      List<Integer> shards,
      String discovery,
      List<Group> groups,
      Integer users,
      Integer desktopClients,
      Integer mobileClients,
      Integer nwakuNodes,
      List<Feature> features,
      List<Fixed> fixed,
      Rln rln) {}

  /**
   * The network's RLN settings as it ran (null: RLN off): the per-membership limit per epoch, the
   * contract version, the chain mode and the groups that only validate.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Rln(
      int userMessageLimit,
      int epochSeconds,
      String contract,
      String chain,
      List<String> validatorGroups) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  /**
   * One group as it ran: its declared (or defaulted) upstream version, and its image, the group's
   * own or its version's default (status-backend versions have none).
   */
  public record Group(
      String name, String kind, String role, int replicas, String version, String image) {}

  /** A status-backend feature switch, and what it means for the measurement. */
  public record Feature(String name, boolean enabled, String meaning) {}

  /**
   * Client behaviour status-go decides itself, with no switch chatnet could set: what it was in
   * this run and where status-go decides it.
   */
  public record Fixed(String name, String state, String why) {}

  /** The load the spec asked for; rates are network-wide messages per second offered. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Load(
      OneToOneTraffic oneToOne,
      PrivateGroupTraffic privateGroups,
      RelayTraffic relay,
      Double oneToOneMessagesPerSecond,
      Double privateGroupMessagesPerSecond,
      Double relayMessagesPerSecond,
      double messagesPerSecond,
      ExperimentBehaviours behaviours,
      List<ExperimentFault> faults,
      int loadGeneratorShards,
      ExperimentCriteria criteria) {}

  /** What happened: verdict, results (summaries and Prometheus), shards, faults, conditions. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Outcome(
      Verdict verdict,
      ExperimentResults results,
      ShardStatus shards,
      List<String> faultLog,
      List<ConditionLine> conditions) {}

  public record ConditionLine(String type, String status, String reason, String message) {}

  /**
   * Whether the run used pods beyond the restricted Pod Security level (root, added capabilities,
   * privileged), and which groups and why; null when the network was gone.
   */
  public record Security(boolean privilegedPods, List<PrivilegedGroup> groups) {}

  /** A group whose pods ran with more than restricted allows, and the spec field that asked. */
  public record PrivilegedGroup(
      String name,
      List<String> rootContainers,
      List<String> addedCapabilities,
      boolean privileged,
      String specField) {}

  /** The report of {@code experiment} on {@code network} (null when the network is gone). */
  public static ExperimentReport of(ChatExperiment experiment, ChatNetwork network) {
    ChatExperimentSpec spec = experiment.getSpec();
    ChatExperimentStatus status =
        experiment.getStatus() == null ? new ChatExperimentStatus() : experiment.getStatus();
    return new ExperimentReport(
        SCHEMA,
        experiment(experiment, spec, status),
        network(spec.getNetworkRef().getName(), network),
        load(spec),
        outcome(status),
        security(network));
  }

  private static Security security(ChatNetwork network) {
    if (network == null) {
      return null;
    }
    List<PrivilegedGroup> groups = new ArrayList<>();
    List<NodeGroup> all = network.getSpec().getGroups();
    for (int i = 0; i < all.size(); i++) {
      PodPrivileges p = PodPrivileges.of(all.get(i));
      if (p.any()) {
        groups.add(
            new PrivilegedGroup(
                all.get(i).getName(),
                p.rootContainers(),
                p.addedCapabilities(),
                p.privileged(),
                "spec.groups[" + i + "].networkConditions"));
      }
    }
    return new Security(!groups.isEmpty(), groups);
  }

  private static Experiment experiment(
      ChatExperiment experiment, ChatExperimentSpec spec, ChatExperimentStatus status) {
    // The measured window is the durationSeconds before windowEnd (after any contact-request and
    // idle phases and the warm-up).
    String windowStart =
        status.getWindowEnd() == null
            ? null
            : Instant.parse(status.getWindowEnd())
                .minusSeconds(spec.getDurationSeconds())
                .toString();
    return new Experiment(
        experiment.getMetadata().getName(),
        experiment.getMetadata().getNamespace(),
        status.getPhase() == null ? null : status.getPhase().name(),
        status.getPlannedStart(),
        windowStart,
        status.getWindowEnd(),
        status.getCompletionTime(),
        spec.getWarmupSeconds(),
        spec.getDurationSeconds(),
        spec.getSeed());
  }

  private static Network network(String name, ChatNetwork network) {
    if (network == null) {
      return new Network(
          name, false, null, null, null, null, null, null, null, null, null, null, null, null);
    }
    var spec = network.getSpec();
    List<Group> groups = new ArrayList<>();
    int desktop = 0;
    int mobile = 0;
    int nwaku = 0;
    for (NodeGroup g : spec.getGroups()) {
      groups.add(
          new Group(
              g.getName(),
              g.getKind() == GroupKind.NWAKU ? "nwaku" : "status-backend",
              g.getRole() == null ? null : g.getRole().wireName(),
              g.getReplicas(),
              g.effectiveVersion().id(),
              g.getImage() != null || g.effectiveVersion().node() == null
                  ? g.getImage()
                  : g.effectiveVersion().node().defaultImage()));
      if (g.getKind() == GroupKind.NWAKU) {
        nwaku += g.getReplicas();
      } else if (g.getRole() != null && g.getRole().wireName().equals("mobile")) {
        mobile += g.getReplicas();
      } else {
        desktop += g.getReplicas();
      }
    }
    return new Network(
        name,
        true,
        network.getStatus() == null || network.getStatus().getPhase() == null
            ? null
            : network.getStatus().getPhase().name(),
        spec.getClusterId(),
        spec.getShards(),
        spec.getDiscovery() == null || spec.getDiscovery().getMode() == null
            ? null
            : spec.getDiscovery().getMode().name().toLowerCase(java.util.Locale.ROOT),
        groups,
        desktop + mobile,
        desktop,
        mobile,
        nwaku,
        features(spec.getFeatures() == null ? new Features() : spec.getFeatures()),
        FIXED,
        rln(spec.getRln()));
  }

  private static Rln rln(io.chatnet.operator.api.RlnSpec rln) {
    if (rln == null || !rln.isEnabled()) {
      return null;
    }
    return new Rln(
        rln.getUserMessageLimit(),
        rln.getEpochSeconds(),
        rln.getContract() == null ? null : ReportJson.name(rln.getContract()),
        rln.getChain() == null || rln.getChain().getMode() == null
            ? null
            : ReportJson.name(rln.getChain().getMode()),
        rln.getValidatorGroups());
  }

  private static List<Feature> features(Features f) {
    return List.of(
        new Feature("Backup", f.isBackup(), "settings backup over Waku (backup-enabled?)"),
        new Feature("Pairing", f.isPairing(), "peer syncing (peer-syncing-enabled?)"),
        new Feature(
            "History archives",
            f.isHistoryArchives(),
            "community history archives over torrent (TorrentConfigEnabled)"),
        new Feature(
            "Status broadcasts",
            f.isStatusUpdates(),
            "the user's online status, published every 5 minutes (send-status-updates?)"),
        new Feature(
            "Missing message verification",
            f.isMissingMessageVerification(),
            "clients query store nodes for messages they missed"));
  }

  /**
   * The same for every run: status-go gives these no switch (api/Features.java has the sources).
   */
  static final List<Fixed> FIXED =
      List.of(
          new Fixed(
              "Communities",
              "not used",
              "the load never creates or joins a community; status-go has no switch for them,"
                  + " and desktop clients still subscribe to the Communities shard"
                  + " (its measured bytes are under relay bytes per shard)"),
          new Fixed(
              "Store confirmation",
              "on for desktop, off for mobile",
              "status-go forces it by client mode, whatever the request says"),
          new Fixed(
              "Push-notification queries",
              "status-go default (on)",
              "a sender may query push-notification info once a day per recipient; the switch"
                  + " (an RPC) could not be verified in every supported status-backend build"));

  private static Load load(ChatExperimentSpec spec) {
    ExperimentTraffic traffic = spec.getTraffic();
    OneToOneTraffic oneToOne = traffic == null ? null : traffic.getOneToOne();
    PrivateGroupTraffic groups = traffic == null ? null : traffic.getPrivateGroups();
    RelayTraffic relay = traffic == null ? null : traffic.getRelay();
    // Each side of a pair and each member of a group sends at the given per-minute rate.
    Double oneToOneRate =
        oneToOne == null ? null : oneToOne.getPairs() * 2 * oneToOne.getMessagesPerMinute() / 60;
    Double groupRate =
        groups == null
            ? null
            : groups.getGroups() * groups.getMembersPerGroup() * groups.getMessagesPerMinute() / 60;
    Double relayRate = relay == null ? null : relay.getMessagesPerSecond();
    double total =
        (oneToOneRate == null ? 0 : oneToOneRate)
            + (groupRate == null ? 0 : groupRate)
            + (relayRate == null ? 0 : relayRate);
    return new Load(
        oneToOne,
        groups,
        relay,
        oneToOneRate,
        groupRate,
        relayRate,
        total,
        spec.getBehaviours(),
        spec.getFaults(),
        spec.getLoadGenerator() == null ? 1 : spec.getLoadGenerator().getReplicas(),
        spec.getCriteria());
  }

  private static Outcome outcome(ChatExperimentStatus status) {
    List<ConditionLine> conditions =
        status.getConditions().stream()
            .map(c -> new ConditionLine(c.getType(), c.getStatus(), c.getReason(), c.getMessage()))
            .toList();
    return new Outcome(
        status.getVerdict(),
        status.getResults(),
        status.getShards(),
        status.getFaultLog(),
        conditions);
  }
}

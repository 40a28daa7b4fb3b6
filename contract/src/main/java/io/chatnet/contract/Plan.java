package io.chatnet.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * What one load generator shard does, as the operator writes it (JSON). Every shard reads the same
 * plan and takes its own slice of the clients: clients are dealt out in contiguous slices, and
 * pairs and groups are formed inside a slice, so contacts and group invitations never cross shards.
 *
 * @param contractVersion the contract version the plan was written in ({@link
 *     ContractJson#VERSION})
 * @param experiment experiment name, for labels and the summary
 * @param startAt the wall-clock instant every shard starts sending (no start skew)
 * @param warmupSeconds sent messages before startAt+warmup are not measured
 * @param durationSeconds the measured window after the warm-up
 * @param shards how many shards the clients are dealt to
 * @param seed for Poisson arrivals, pairings and behaviour schedules
 * @param clients every status-backend client of the experiment, in a fixed order (or none, when
 *     {@code clientGroups} describes them)
 * @param clientGroups groups of clients as name and URL patterns with the ordinal as {@code %d}:
 *     how the operator describes 10,000 clients in a few lines
 * @param relayNodes REST base URLs of nwaku nodes, for relay-mode traffic
 * @param waku the network's cluster id, relay shards and REST relay cache capacity: where relay
 *     load is published and how often it must be read back
 * @param scrapeIntervalSeconds how often the shards' metrics are scraped (0: not known, no
 *     post-window wait): after the window a shard serves its metrics until a scrape has read them,
 *     at most three intervals
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Plan(
    int contractVersion,
    String experiment,
    Instant startAt,
    int warmupSeconds,
    int durationSeconds,
    int shards,
    String seed,
    List<ClientRef> clients,
    List<ClientGroup> clientGroups,
    List<String> relayNodes,
    Traffic traffic,
    Behaviours behaviours,
    ClientSettings clientSettings,
    int concurrency,
    Waku waku,
    int scrapeIntervalSeconds) {

  /**
   * The Waku network the relay nodes belong to. Relay load goes to the static-sharding pubsub
   * topics {@code /waku/2/rs/<clusterId>/<shard>} every nwaku node subscribes to ({@code
   * --cluster-id}, {@code --shard}).
   *
   * @param restRelayCacheCapacity the nodes' {@code --rest-relay-cache-capacity}: how many messages
   *     a node's REST cache keeps between two reads (nwaku v0.36.0
   *     waku/factory/external_config.nim, default 50)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Waku(int clusterId, List<Integer> shards, int restRelayCacheCapacity) {
    /** nwaku's default --rest-relay-cache-capacity (v0.36.0 and logos-delivery v0.38.1). */
    public static final int DEFAULT_CACHE_CAPACITY = 50;

    public List<String> pubsubTopics() {
      return shards.stream().map(s -> "/waku/2/rs/" + clusterId + "/" + s).toList();
    }

    public int cacheCapacity() {
      return restRelayCacheCapacity > 0 ? restRelayCacheCapacity : DEFAULT_CACHE_CAPACITY;
    }
  }

  /**
   * A status-backend client: its pod name, HTTP base URL, kind (desktop or mobile) and the
   * status-go version its group declares (null: the newest supported; see client.ClientProfile).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ClientRef(String name, String url, String kind, String version) {
    public ClientRef(String name, String url, String kind) {
      this(name, url, kind, null);
    }
  }

  /**
   * {@code replicas} clients named {@code namePattern} at {@code urlPattern} (ordinal as %d), all
   * of one declared status-go {@code version}.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ClientGroup(
      String namePattern, String urlPattern, String kind, int replicas, String version) {
    public ClientGroup(String namePattern, String urlPattern, String kind, int replicas) {
      this(namePattern, urlPattern, kind, replicas, null);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Traffic(OneToOne oneToOne, PrivateGroups privateGroups, Relay relay) {}

  /**
   * Pairs of clients chatting one-to-one; each sender sends at the given Poisson rate. {@code
   * desktopMobilePairs} of them pair a desktop with a mobile client; the others take any clients.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record OneToOne(
      int pairs, double messagesPerMinute, int payloadBytes, int desktopMobilePairs) {
    public OneToOne(int pairs, double messagesPerMinute, int payloadBytes) {
      this(pairs, messagesPerMinute, payloadBytes, 0);
    }
  }

  /**
   * Private group chats; every member sends at the given Poisson rate. With {@code
   * mobileMembersPerGroup} set, every group has exactly that many mobile members and desktop
   * clients for the rest; unset (null), members are any clients.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PrivateGroups(
      int groups,
      int membersPerGroup,
      double messagesPerMinute,
      int payloadBytes,
      Integer mobileMembersPerGroup) {
    public PrivateGroups(
        int groups, int membersPerGroup, double messagesPerMinute, int payloadBytes) {
      this(groups, membersPerGroup, messagesPerMinute, payloadBytes, null);
    }
  }

  /** Raw Waku relay messages published to nwaku REST, spread over the relay nodes. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Relay(double messagesPerSecond, int payloadBytes, String contentTopic) {}

  /** Mobile behaviours applied to a fraction of the shard's clients. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Behaviours(Periodic offline, Periodic background) {}

  /**
   * A behaviour that a fraction of clients adopts for {@code durationSeconds} out of every {@code
   * periodSeconds}, at staggered offsets.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Periodic(double fraction, int periodSeconds, int durationSeconds) {}

  /**
   * What clients are created with: fleet, feature flags, metrics port. There is no store
   * confirmation flag: status-go decides it from the client's mode (see loadgen's
   * client.ClientProfile#createAccount); a plan that still carries storeConfirmation is read with
   * it ignored.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ClientSettings(
      String fleet,
      String fleetsFile,
      boolean backup,
      boolean pairing,
      boolean historyArchives,
      boolean missingMessageVerification,
      boolean statusUpdates,
      int metricsPort) {}

  /** Every client: the explicit list, then the expanded groups. */
  public List<ClientRef> allClients() {
    List<ClientRef> all = new java.util.ArrayList<>();
    if (clients != null) {
      all.addAll(clients);
    }
    if (clientGroups != null) {
      for (ClientGroup group : clientGroups) {
        for (int i = 0; i < group.replicas(); i++) {
          all.add(
              new ClientRef(
                  String.format(group.namePattern(), i),
                  String.format(group.urlPattern(), i),
                  group.kind(),
                  group.version()));
        }
      }
    }
    return all;
  }

  /** The clients this shard owns: a contiguous slice, sizes differing by at most one. */
  public List<ClientRef> slice(int shard) {
    List<ClientRef> all = allClients();
    int n = all.size();
    int from = (int) ((long) n * shard / shards);
    int to = (int) ((long) n * (shard + 1) / shards);
    return all.subList(from, to);
  }

  public Instant measureFrom() {
    return startAt.plusSeconds(warmupSeconds);
  }

  public Instant endAt() {
    return measureFrom().plusSeconds(durationSeconds);
  }
}

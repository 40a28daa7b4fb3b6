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
 * @param contactRequests a measured contact-request phase from {@code startAt} (null: none)
 * @param idle a no-traffic phase after the contact-request phase, and the share of chat
 *     participants that never send (null: neither)
 * @param activity how busy each sender is: a per-user rate multiplier from a seeded distribution
 *     (null: every sender at the traffic kind's rate)
 *     <p>Timeline (contractVersion 2): {@code startAt} -> contact-request phase ({@link
 *     #contactPhaseSeconds}) -> idle phase ({@link #idlePhaseSeconds}) -> {@link #trafficFrom}:
 *     chat and relay sends, mobile behaviours -> warm-up -> measured window [{@link #measureFrom},
 *     {@link #endAt}). Without the new fields both phases last 0 s and the timeline is version 1's.
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
    int scrapeIntervalSeconds,
    ContactRequests contactRequests,
    Idle idle,
    Activity activity) {

  /** A plan without the version 2 phases and activity (every sender at its kind's rate). */
  public Plan(
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
    this(
        contractVersion,
        experiment,
        startAt,
        warmupSeconds,
        durationSeconds,
        shards,
        seed,
        clients,
        clientGroups,
        relayNodes,
        traffic,
        behaviours,
        clientSettings,
        concurrency,
        waku,
        scrapeIntervalSeconds,
        null,
        null,
        null);
  }

  /** A plan in this build's contract version. */
  public Plan(
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
    this(
        ContractJson.VERSION,
        experiment,
        startAt,
        warmupSeconds,
        durationSeconds,
        shards,
        seed,
        clients,
        clientGroups,
        relayNodes,
        traffic,
        behaviours,
        clientSettings,
        concurrency,
        waku,
        scrapeIntervalSeconds);
  }

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

  /**
   * The load: one-to-one, private group and relay traffic; {@code messageSizes} (null: every chat
   * message is its kind's {@code payloadBytes}) spreads chat message sizes around them.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Traffic(
      OneToOne oneToOne, PrivateGroups privateGroups, Relay relay, MessageSizes messageSizes) {
    public Traffic(OneToOne oneToOne, PrivateGroups privateGroups, Relay relay) {
      this(oneToOne, privateGroups, relay, null);
    }
  }

  /**
   * Pairs of clients chatting one-to-one; each sender sends at the given Poisson rate. {@code
   * desktopMobilePairs} of them pair a desktop with a mobile client; the others take any clients.
   * With {@code oneWay} only the pair's first member sends and the second only receives (DST's
   * senders and receivers roles); otherwise both sides send.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record OneToOne(
      int pairs,
      double messagesPerMinute,
      int payloadBytes,
      int desktopMobilePairs,
      boolean oneWay) {
    public OneToOne(int pairs, double messagesPerMinute, int payloadBytes, int desktopMobilePairs) {
      this(pairs, messagesPerMinute, payloadBytes, desktopMobilePairs, false);
    }

    public OneToOne(int pairs, double messagesPerMinute, int payloadBytes) {
      this(pairs, messagesPerMinute, payloadBytes, 0, false);
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
   * periodSeconds}, at staggered offsets, from {@link #trafficFrom}.
   *
   * @param clientKinds the client kinds it applies to, the fraction taken of each kind (null or
   *     empty: mobile only, as in version 1); offline spells on desktop (relay) clients measure
   *     their catch-up beside the light clients'
   * @param durationsSeconds spell lengths to cycle through (null or empty: {@code durationSeconds}
   *     only): a client's spell {@code k} lasts {@code durationsSeconds[(client + k) mod n]}, so
   *     one run measures catch-up per offline length; each must fit in {@code periodSeconds}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Periodic(
      double fraction,
      int periodSeconds,
      int durationSeconds,
      List<String> clientKinds,
      List<Integer> durationsSeconds) {
    public Periodic(double fraction, int periodSeconds, int durationSeconds) {
      this(fraction, periodSeconds, durationSeconds, null, null);
    }

    /** The kinds this behaviour applies to. */
    public List<String> kinds() {
      return clientKinds == null || clientKinds.isEmpty() ? List.of("mobile") : clientKinds;
    }

    /** The spell lengths, in the order they cycle. */
    public List<Integer> lengths() {
      return durationsSeconds == null || durationsSeconds.isEmpty()
          ? List.of(durationSeconds)
          : durationsSeconds;
    }

    /** The longest spell. */
    public int longestSeconds() {
      return lengths().stream().mapToInt(Integer::intValue).max().orElse(durationSeconds);
    }
  }

  /**
   * A measured contact-request phase from {@code startAt} (DST's contact-request scenario): {@code
   * requesters} clients each send a request to {@code requestsPerRequester} distinct {@code
   * targets}; each target accepts, declines or ignores every request it gets, by its role. Sends
   * are spread evenly over the first {@code spreadSeconds}; answers are awaited until the phase
   * ends, {@code phaseSeconds} after {@code startAt}. The requesters and targets are the clients
   * left over after pairs and groups, in plan order: the first {@code requesters}, then the next
   * {@code targets}. They are dealt into {@code min(shards, targets)} cells (contiguous slices of
   * each), cell {@code c} driven by shard {@code c}; a requester asks targets of its own cell, so a
   * request never crosses shards.
   *
   * @param acceptShare share of the targets that accept (exactly {@code round(share x targets)}
   *     targets, picked with the plan's seed)
   * @param declineShare share that decline; the rest ignore (never answer)
   * @param spreadSeconds sends spread evenly over this long (0: all at once)
   * @param phaseSeconds the phase's length (0: {@link #DEFAULT_PHASE_SECONDS}); an acceptance
   *     arriving later counts as unanswered
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ContactRequests(
      int requesters,
      int targets,
      int requestsPerRequester,
      double acceptShare,
      double declineShare,
      int spreadSeconds,
      int phaseSeconds) {
    public static final int DEFAULT_PHASE_SECONDS = 60;

    /** The phase's length in seconds (0 when it asks for no requests). */
    public int effectivePhaseSeconds() {
      if (requesters <= 0 || targets <= 0 || requestsPerRequester <= 0) {
        return 0;
      }
      return phaseSeconds > 0 ? phaseSeconds : DEFAULT_PHASE_SECONDS;
    }

    /** Targets that accept, decline, and ignore (the rest), in that order. */
    public int accepting() {
      return (int) Math.round(acceptShare * targets);
    }

    public int declining() {
      return Math.min(targets - accepting(), (int) Math.round(declineShare * targets));
    }

    public int ignoring() {
      return targets - accepting() - declining();
    }
  }

  /**
   * Idleness: a phase with no load at all, and clients that never send.
   *
   * @param phaseSeconds a phase after the contact-request phase in which the load generator sends
   *     nothing (clients online, contacts and groups made): the baseline cost per client kind, read
   *     from Prometheus between the summary's {@code phases.idle} instants
   * @param clientShare share of the chat participants (pair members, group members) that send
   *     nothing for the whole run while staying online in their chats and receiving: exactly {@code
   *     round(share x participants)}, picked plan-wide with the plan's seed
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Idle(int phaseSeconds, double clientShare) {}

  /**
   * How busy each sender is. Every sending chat participant draws a rate multiplier from {@code
   * perUserRate} once (seeded by the plan's seed and its place in the layout, so the same for any
   * shard count) and sends at its traffic kind's {@code messagesPerMinute} times it: with a mean-1
   * distribution the expected total rate is unchanged, and "most send little, a few a lot" is a
   * pareto or exponential.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Activity(Distribution perUserRate) {}

  /**
   * Chat message sizes: each message's text is its kind's {@code payloadBytes} times a multiplier
   * drawn from {@code distribution} (per message, seeded per sender), clamped to [{@code minBytes},
   * {@code maxBytes}] (0: no bound) and never shorter than the message's header (about 40 bytes).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record MessageSizes(Distribution distribution, int minBytes, int maxBytes) {}

  /**
   * A distribution of positive multipliers with mean 1 (so a rate or a size keeps its mean).
   *
   * @param name {@code constant} (always 1), {@code exponential} (mean 1), {@code pareto} (shape =
   *     alpha &gt; 1, default {@link #DEFAULT_PARETO_ALPHA}; scale (alpha-1)/alpha: the 80/20 of
   *     chat activity is alpha 1.16) or {@code lognormal} (shape = sigma &gt; 0, default 1; mu =
   *     -sigma^2/2)
   * @param shape the named distribution's shape parameter (0: its default)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Distribution(String name, double shape) {
    public static final java.util.Set<String> NAMES =
        java.util.Set.of("constant", "exponential", "pareto", "lognormal");
    public static final double DEFAULT_PARETO_ALPHA = 1.5;
    public static final double DEFAULT_LOGNORMAL_SIGMA = 1.0;

    /** Why this distribution cannot be drawn from (empty if it can); {@code field} names it. */
    public java.util.Optional<String> problem(String field) {
      if (name == null || !NAMES.contains(name)) {
        return java.util.Optional.of(
            field + ".name='" + name + "' must be one of " + NAMES.stream().sorted().toList());
      }
      if ("pareto".equals(name) && shape != 0 && shape <= 1) {
        return java.util.Optional.of(
            field + ".shape=" + shape + ": a pareto's alpha must be above 1 (for a finite mean)");
      }
      if (shape < 0) {
        return java.util.Optional.of(field + ".shape=" + shape + " must not be negative");
      }
      return java.util.Optional.empty();
    }

    /** The shape in use (its default when 0). */
    public double effectiveShape() {
      if (shape > 0) {
        return shape;
      }
      return "pareto".equals(name) ? DEFAULT_PARETO_ALPHA : DEFAULT_LOGNORMAL_SIGMA;
    }
  }

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

  /** The contact-request phase's length (0: none). */
  public int contactPhaseSeconds() {
    return contactRequests == null ? 0 : contactRequests.effectivePhaseSeconds();
  }

  /** The idle phase's length (0: none). */
  public int idlePhaseSeconds() {
    return idle == null ? 0 : Math.max(0, idle.phaseSeconds());
  }

  /** Where the idle phase begins: after the contact-request phase. */
  public Instant idleFrom() {
    return startAt.plusSeconds(contactPhaseSeconds());
  }

  /** Where chat and relay sends and mobile behaviours begin (warm-up first). */
  public Instant trafficFrom() {
    return idleFrom().plusSeconds(idlePhaseSeconds());
  }

  public Instant measureFrom() {
    return trafficFrom().plusSeconds(warmupSeconds);
  }

  public Instant endAt() {
    return measureFrom().plusSeconds(durationSeconds);
  }
}

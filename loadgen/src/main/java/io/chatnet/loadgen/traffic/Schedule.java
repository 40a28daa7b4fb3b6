package io.chatnet.loadgen.traffic;

import io.chatnet.contract.Plan;
import io.chatnet.loadgen.plan.Assignment.Chat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Who sends what, when: every sender of the experiment is a stream with its own Poisson arrivals,
 * seeded from (plan seed, traffic kind, pair/group/stream index, member) and timed from the plan's
 * traffic start (Plan#trafficFrom: the start instant unless a contact-request or idle phase comes
 * first). Nothing depends on the shard count, so the same seed gives the same sends however many
 * load generators share the work; a shard runs the streams of the pairs, groups and relay streams
 * it owns.
 */
public final class Schedule {
  /** At most this many nwaku nodes a shard reads relay load back from (each is polled often). */
  public static final int MAX_RELAY_RECEIVERS_PER_SHARD = 8;

  private Schedule() {}

  /**
   * One chat sender: {@code from} writes to {@code to} (the peer's client name, or {@code
   * group-<index>}), received by {@code receivers}.
   */
  public record Stream(
      TrafficKind kind,
      int chat,
      int member,
      String from,
      String to,
      List<String> receivers,
      double perSecond,
      int payloadBytes,
      long seed,
      Plan.MessageSizes sizes) {
    public PoissonArrivals arrivals() {
      return new PoissonArrivals(new SplittableRandom(seed), perSecond);
    }

    /** The generator of this stream's message sizes (apart from its arrivals'). */
    public SplittableRandom sizeRandom() {
      return new SplittableRandom(mix(seed + SIZE_SALT));
    }
  }

  static final long ACTIVITY_SALT = 0xac71L;
  static final long SIZE_SALT = 0x512eL;

  /**
   * A sender's rate: its kind's rate times its activity multiplier (Plan.Activity), drawn once from
   * the stream's seed.
   */
  static double rate(Plan plan, double perMinute, long seed) {
    Plan.Distribution perUser = plan.activity() == null ? null : plan.activity().perUserRate();
    return perMinute
        / 60.0
        * Multipliers.draw(perUser, new SplittableRandom(mix(seed + ACTIVITY_SALT)));
  }

  /**
   * The chat streams of these pairs and groups: none for a silent participant ({@link
   * io.chatnet.loadgen.plan.Roles}) or the second member of a oneWay pair.
   */
  public static List<Stream> chats(Plan plan, List<Chat> pairs, List<Chat> groups) {
    List<Stream> out = new ArrayList<>();
    Set<String> silent = io.chatnet.loadgen.plan.Roles.silent(plan);
    Plan.MessageSizes sizes = plan.traffic() == null ? null : plan.traffic().messageSizes();
    Plan.OneToOne oneToOne = plan.traffic() == null ? null : plan.traffic().oneToOne();
    if (oneToOne != null && oneToOne.messagesPerMinute() > 0) {
      for (Chat pair : pairs) {
        for (int side = 0; side < (oneToOne.oneWay() ? 1 : 2); side++) {
          String from = pair.members().get(side).name();
          String to = pair.members().get(1 - side).name();
          if (silent.contains(from)) {
            continue;
          }
          long seed = streamSeed(plan.seed(), TrafficKind.ONE_TO_ONE, pair.index(), side);
          out.add(
              new Stream(
                  TrafficKind.ONE_TO_ONE,
                  pair.index(),
                  side,
                  from,
                  to,
                  List.of(to),
                  rate(plan, oneToOne.messagesPerMinute(), seed),
                  oneToOne.payloadBytes(),
                  seed,
                  sizes));
        }
      }
    }
    Plan.PrivateGroups groupSpec = plan.traffic() == null ? null : plan.traffic().privateGroups();
    if (groupSpec != null && groupSpec.messagesPerMinute() > 0) {
      for (Chat group : groups) {
        for (int m = 0; m < group.members().size(); m++) {
          String from = group.members().get(m).name();
          if (silent.contains(from)) {
            continue;
          }
          long seed = streamSeed(plan.seed(), TrafficKind.PRIVATE_GROUP, group.index(), m);
          out.add(
              new Stream(
                  TrafficKind.PRIVATE_GROUP,
                  group.index(),
                  m,
                  from,
                  "group-" + group.index(),
                  group.members().stream()
                      .map(Plan.ClientRef::name)
                      .filter(n -> !n.equals(from))
                      .toList(),
                  rate(plan, groupSpec.messagesPerMinute(), seed),
                  groupSpec.payloadBytes(),
                  seed,
                  sizes));
        }
      }
    }
    return out;
  }

  /**
   * One relay publisher: stream {@code index} publishes through {@code node} at its share of the
   * network-wide rate; message {@code n} of it goes to pubsub topic {@code (index + n) mod topics}.
   */
  public record RelayStream(int index, String node, double perSecond, long seed) {
    public PoissonArrivals arrivals() {
      return new PoissonArrivals(new SplittableRandom(seed), perSecond);
    }
  }

  /**
   * The relay streams a shard owns: one per relay node of the plan (stream {@code j} publishes
   * through node {@code j+1}, so a shard's streams enter the mesh away from the nodes it reads
   * back), owned by shard {@code j mod shards}.
   */
  public static List<RelayStream> relayStreams(Plan plan, int shard) {
    List<RelayStream> out = new ArrayList<>();
    List<String> nodes = plan.relayNodes();
    Plan.Relay relay = plan.traffic() == null ? null : plan.traffic().relay();
    if (relay == null || nodes == null || nodes.isEmpty() || relay.messagesPerSecond() <= 0) {
      return out;
    }
    int n = nodes.size();
    for (int j = shard; j < n; j += plan.shards()) {
      out.add(
          new RelayStream(
              j,
              nodes.get((j + 1) % n),
              relay.messagesPerSecond() / n,
              streamSeed(plan.seed(), TrafficKind.RELAY, j, 0)));
    }
    return out;
  }

  /**
   * The nodes a shard reads relay load back from: node {@code i} belongs to shard {@code i mod
   * shards}, at most {@link #MAX_RELAY_RECEIVERS_PER_SHARD}. Shards read disjoint nodes because a
   * read empties the node's cache.
   */
  public static List<String> relayReceivers(Plan plan, int shard) {
    List<String> out = new ArrayList<>();
    List<String> nodes = plan.relayNodes();
    if (nodes == null) {
      return out;
    }
    for (int i = shard;
        i < nodes.size() && out.size() < MAX_RELAY_RECEIVERS_PER_SHARD;
        i += plan.shards()) {
      out.add(nodes.get(i));
    }
    return out;
  }

  /** A stream's seed: a function of the plan seed, the kind, the chat index and the member. */
  static long streamSeed(String seed, TrafficKind kind, int index, int member) {
    long h = seedOf(seed);
    h = mix(h + kind.ordinal());
    h = mix(h + index);
    return mix(h + member);
  }

  /** The plan's seed string as a number (Java string hash over UTF-8, widened to 64 bits). */
  static long seedOf(String seed) {
    byte[] bytes = (seed == null ? "" : seed).getBytes(StandardCharsets.UTF_8);
    long h = 1125899906842597L;
    for (byte b : bytes) {
      h = 31 * h + b;
    }
    return h;
  }

  /** SplitMix64's finaliser: neighbouring inputs give unrelated outputs. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}

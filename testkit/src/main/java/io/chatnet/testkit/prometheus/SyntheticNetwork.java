package io.chatnet.testkit.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded synthetic chatnet network as Prometheus would have scraped it: nwaku groups (every
 * series the dashboards and the analyzer read from nwaku's metrics port, named as the chosen {@link
 * NodeMetrics} version exposes them: a Nim Counter declared X is scraped as X_total, as
 * status-im/nim-metrics metrics.nim newCounterMetrics does), status-backend groups (status-go's
 * registered wakumetrics and client_golang's process collector), and the load generator shards of
 * one experiment, all with the target labels of the scrape convention ({@code namespace}, {@code
 * pod}, {@code chatnet_network}, {@code chatnet_group}, {@code chatnet_role}, {@code
 * chatnet_experiment} on load generator pods).
 *
 * <p>Samples fall every {@code step} on a grid through both ends of the {@link #window()}, from
 * {@code margin} before it (warm-up) to {@code margin} after it, so figures over the window are
 * exact: {@code increase}/{@code rate} over the window need no extrapolation and {@link Expected}
 * computes the same figures from {@link #series()} in plain Java. Same seed and sizes, same series.
 * One relay node restarts in the middle of the window (its counters reset) unless turned off, so
 * reset handling is exercised too.
 */
public final class SyntheticNetwork {
  /** The pubsub topic of every nwaku series that has one. */
  public static final String TOPIC = "/waku/2/rs/16/32";

  /**
   * status-go's Communities shard: desktop clients subscribe to it, so nodes see a little gossip
   * there even when no community exists; the fixture gives it 1% of the chat shard's bytes.
   */
  public static final String COMMUNITIES_TOPIC = "/waku/2/rs/16/64";

  /**
   * nim-libp2p reports per-topic gossipsub gauges under the topic's name only for topics listed in
   * the build-time KnownLibP2PTopics, which nwaku and logos-delivery leave empty: every topic is
   * summed into topic="other" (vacp2p/nim-libp2p libp2p/protocols/pubsub/gossipsub/behavior.nim).
   */
  public static final String LIBP2P_TOPIC = "other";

  /**
   * How a node version spells its own metrics (the libp2p_*, process_* and nim_gc_* ones are the
   * same everywhere). waku-org/nwaku v0.36.0 and v0.37.1-beta and logos-messaging/logos-delivery up
   * to v0.38.1 declare waku_*; logos-delivery from commit 8125cd026 (2026-07-29) declares
   * logos_delivery_*.
   */
  public enum NodeMetrics {
    WAKU("waku_"),
    LOGOS_DELIVERY("logos_delivery_");

    private final String prefix;

    NodeMetrics(String prefix) {
      this.prefix = prefix;
    }

    /** The declared (Nim identifier) name of a node metric, e.g. node_messages. */
    public String declared(String suffix) {
      return prefix + suffix;
    }
  }

  /**
   * Which RLN validation series the nodes expose beyond the spam counter and verification gauge
   * every node has: none (no RLN work), nwaku v0.36.0's (waku_rln_valid_messages_total a Histogram,
   * scraped _count/_sum/_bucket) or v0.37+'s (a Counter with label shard, scraped _total_total);
   * both add invalid-message and proof-verification counters, proof generation time, remaining and
   * generated proofs (waku/waku_rln_relay/protocol_metrics.nim at those tags).
   */
  public enum RlnSeries {
    NONE,
    HISTOGRAM_V036,
    COUNTER_V037
  }

  /** The load generator's latency histogram bounds (loadgen's LoadMetrics), seconds. */
  public static final List<Double> LATENCY_BOUNDS =
      List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0);

  /** loadgen's login and contact-request round-trip histogram bounds (LoadMetrics), seconds. */
  public static final List<Double> OPERATION_BOUNDS =
      List.of(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0);

  /** loadgen's chatnet_loadgen_group_creation_seconds bounds (LoadMetrics), seconds. */
  public static final List<Double> GROUP_CREATION_BOUNDS =
      List.of(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0);

  /** loadgen's chatnet_loadgen_catch_up_seconds bounds (LoadMetrics), seconds. */
  public static final List<Double> CATCH_UP_BOUNDS =
      List.of(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0);

  /** Bounds of nwaku's waku_histogram_message_size, bytes. */
  public static final List<Double> MESSAGE_SIZE_BOUNDS =
      List.of(0.0, 1024.0, 3072.0, 5120.0, 15360.0, 51200.0, 102400.0, 307200.0, 716800.0);

  /** Traffic kinds and the client kinds the load generator labels them with. */
  public static final Map<String, List<String>> TRAFFIC =
      Map.of(
          "oneToOne", List.of("desktop", "mobile"),
          "privateGroups", List.of("desktop", "mobile"),
          "relay", List.of("relay"));

  /** A node group: kind nwaku or status-backend, role as in the pod label chatnet.io/role. */
  public record Group(String name, String kind, String role, int replicas) {
    public boolean nwaku() {
      return "nwaku".equals(kind);
    }
  }

  private final Builder spec;
  private final List<Instant> times;
  private final List<Series> series = new ArrayList<>();
  private final SplittableRandom random;

  private SyntheticNetwork(Builder spec) {
    this.spec = spec;
    this.random = new SplittableRandom(spec.seed);
    this.times = grid(spec.window, spec.step, spec.margin);
    for (Group group : spec.groups) {
      for (int ordinal = 0; ordinal < group.replicas(); ordinal++) {
        if (group.nwaku()) {
          nwaku(group, ordinal);
        } else {
          statusBackend(group, ordinal);
        }
      }
    }
    for (int shard = 0; shard < spec.shards; shard++) {
      loadgen(shard);
    }
    // After every other series, so adding these left the earlier series' draws unchanged.
    for (int shard = 0; shard < spec.shards; shard++) {
      loadgenOperations(shard);
    }
    if (spec.rln != RlnSeries.NONE) {
      for (Group group : spec.groups) {
        for (int ordinal = 0; group.nwaku() && ordinal < group.replicas(); ordinal++) {
          rln(group, ordinal);
        }
      }
    }
    // Last of all, so the series above keep their draws.
    for (int shard = 0; shard < spec.shards; shard++) {
      loadgenDrops(shard);
    }
  }

  /**
   * A shard's sends dropped at its bound of outstanding sends (loadgen's LoadMetrics.dropped, by
   * the sender's client kind): rare, as in a run that briefly outran its clients.
   */
  private void loadgenDrops(int shard) {
    Map<String, String> t = loadgenTargets(shard);
    for (String traffic : List.of("oneToOne", "privateGroups", "relay")) {
      for (String clientKind : TRAFFIC.get(traffic)) {
        counter(
            "chatnet_loadgen_messages_dropped_total",
            with(t, "traffic", traffic, "client_kind", clientKind),
            0.01,
            -1,
            1);
      }
    }
  }

  /** A node's RLN validation series (after every other series: their draws stay the same). */
  private void rln(Group group, int ordinal) {
    Map<String, String> t = target(group, ordinal, 8008);
    int reset = restartIndex(group, ordinal);
    NodeMetrics v = spec.nodeMetrics;
    double valid = 1 + random.nextInt(10);
    if (spec.rln == RlnSeries.HISTOGRAM_V036) {
      // Observations are root indices within the acceptable root window (buckets 1..5).
      histogram(
          v.declared("rln_valid_messages_total"),
          t,
          List.of(1.0, 2.0, 3.0, 4.0, 5.0),
          valid,
          1,
          2,
          reset);
    } else {
      nimCounter(
          v.declared("rln_valid_messages_total"),
          with(t, "shard", "/waku/2/rs/16/32"),
          valid,
          reset,
          1);
    }
    nimCounter(
        v.declared("rln_invalid_messages_total"), with(t, "type", "invalid_proof"), 0.02, reset, 1);
    nimCounter(v.declared("rln_proof_verification_total"), t, valid, reset, 1);
    gauge(v.declared("rln_proof_generation_duration_seconds"), t, 0.2, 0.05, 0.001);
    gauge(v.declared("rln_remaining_proofs_per_epoch"), t, 10, 10, 1);
    gauge(v.declared("rln_total_generated_proofs"), t, 100, 50, 1);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A small network around {@code window}: bootstrap (1), relay (4) and service (2) nwaku groups,
   * desktop (3) and mobile (2) status-backend groups, two load generator shards.
   */
  public static SyntheticNetwork small(long seed, Window window) {
    return builder().seed(seed).window(window).build();
  }

  public Window window() {
    return spec.window;
  }

  public String namespace() {
    return spec.namespace;
  }

  public String network() {
    return spec.network;
  }

  public String experiment() {
    return spec.experiment;
  }

  public NodeMetrics nodeMetrics() {
    return spec.nodeMetrics;
  }

  public List<Group> groups() {
    return List.copyOf(spec.groups);
  }

  public int loadgenShards() {
    return spec.shards;
  }

  /** Every series, in a stable order. */
  public List<Series> series() {
    return List.copyOf(series);
  }

  /** The series named {@code name} whose labels have the given values. */
  public List<Series> select(String name, Map<String, String> matchers) {
    return series.stream().filter(s -> s.name().equals(name) && s.matches(matchers)).toList();
  }

  public Instant firstSample() {
    return times.get(0);
  }

  public Instant lastSample() {
    return times.get(times.size() - 1);
  }

  /** The pod name of a node, as the operator names StatefulSet pods. */
  public String pod(String group, int ordinal) {
    return spec.network + "-" + group + "-" + ordinal;
  }

  /** The pod name of a load generator shard. */
  public String loadgenPod(int shard) {
    return spec.experiment + "-loadgen-" + shard;
  }

  /** Writes the series as OpenMetrics text for promtool's backfill. */
  public void writeOpenMetrics(Path file) {
    try {
      OpenMetricsText.write(series, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static List<Instant> grid(Window window, Duration step, Duration margin) {
    long stepMillis = step.toMillis();
    if (stepMillis <= 0) {
      throw new IllegalArgumentException("step must be at least 1 ms, was " + step);
    }
    long windowMillis = window.duration().toMillis();
    if (windowMillis % stepMillis != 0 || margin.toMillis() % stepMillis != 0) {
      throw new IllegalArgumentException(
          "the window ("
              + window.duration()
              + ") and the margin ("
              + margin
              + ") must be whole multiples of the step ("
              + step
              + ") so that samples fall on both ends of the window");
    }
    List<Instant> times = new ArrayList<>();
    for (Instant t = window.start().minus(margin);
        !t.isAfter(window.end().plus(margin));
        t = t.plusMillis(stepMillis)) {
      times.add(t);
    }
    return times;
  }

  private Map<String, String> target(Group group, int ordinal, int port) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("job", "chatnet");
    labels.put(
        "instance", "10.0." + Math.abs(group.name().hashCode() % 250) + "." + ordinal + ":" + port);
    labels.put("namespace", spec.namespace);
    labels.put("pod", pod(group.name(), ordinal));
    labels.put("chatnet_network", spec.network);
    labels.put("chatnet_group", group.name());
    labels.put("chatnet_role", group.role());
    return labels;
  }

  private static Map<String, String> with(Map<String, String> base, String... pairs) {
    Map<String, String> labels = new LinkedHashMap<>(base);
    for (int i = 0; i < pairs.length; i += 2) {
      labels.put(pairs[i], pairs[i + 1]);
    }
    return labels;
  }

  /** The sample index at which a restarted node's counters start again from zero. */
  private int restartIndex(Group group, int ordinal) {
    if (!spec.restart || !"relay".equals(group.role()) || ordinal != 0) {
      return -1;
    }
    return times.indexOf(spec.window.start())
        + (int) (spec.window.duration().toMillis() / spec.step.toMillis() / 2);
  }

  private void nwaku(Group group, int ordinal) {
    Map<String, String> t = target(group, ordinal, 8008);
    int reset = restartIndex(group, ordinal);
    NodeMetrics v = spec.nodeMetrics;
    double rateIn = 2000 + random.nextInt(20000);
    double rateOut = 2000 + random.nextInt(20000);
    nimCounter("libp2p_network_bytes", with(t, "direction", "in"), rateIn, reset, 1);
    nimCounter("libp2p_network_bytes", with(t, "direction", "out"), rateOut, reset, 1);
    for (String direction : List.of("in", "out")) {
      for (String type : List.of("gross", "net")) {
        double bytes =
            (type.equals("gross") ? 0.8 : 0.6) * (direction.equals("in") ? rateIn : rateOut);
        nimCounter(
            v.declared("relay_network_bytes"),
            with(t, "topic", TOPIC, "type", type, "direction", direction),
            bytes,
            reset,
            1);
        nimCounter(
            v.declared("relay_network_bytes"),
            with(t, "topic", COMMUNITIES_TOPIC, "type", type, "direction", direction),
            bytes / 100,
            reset,
            1);
      }
    }
    gauge("libp2p_peers", t, 4 + random.nextInt(20), 3, 1);
    for (String direction : List.of("In", "Out")) {
      gauge(
          v.declared("connected_peers"),
          with(t, "direction", direction, "protocol", "/vac/waku/relay/2.0.0"),
          2 + random.nextInt(10),
          2,
          1);
    }
    gauge(
        "libp2p_gossipsub_peers_per_topic_mesh",
        with(t, "topic", LIBP2P_TOPIC),
        4 + random.nextInt(5),
        2,
        1);
    gauge("libp2p_gossipsub_healthy_peers_topics", t, 1, 0, 1);
    double messages = 1 + random.nextInt(10);
    nimCounter(v.declared("node_messages"), with(t, "type", "relay"), messages, reset, 1);
    histogram(
        v.declared("histogram_message_size"), t, MESSAGE_SIZE_BOUNDS, messages, 500, 60000, reset);
    // Declared with _total in its Nim name, so scraped as ..._total_total.
    nimCounter(v.declared("rln_spam_messages_total"), t, 0.05, reset, 1);
    gauge(v.declared("rln_proof_verification_duration_seconds"), t, 0.002, 0.001, 0.0001);
    gauge("nim_gc_mem_bytes", with(t, "thread_id", "1"), 20e6 + random.nextInt(30_000_000), 2e6, 1);
    // nim-metrics' ProcessInfo collector writes these names as they are.
    counter("process_cpu_seconds_total", t, 0.05 + random.nextInt(30) / 100.0, reset, 0.01);
    gauge("process_resident_memory_bytes", t, 60e6 + random.nextInt(80_000_000), 5e6, 1);
  }

  /**
   * status-go metrics/wakumetrics (registered collectors only: statusgo_waku_envelope_sent_total is
   * declared but never registered) and client_golang's process collector. Desktop clients publish
   * by relay, mobile ones by light push.
   */
  private void statusBackend(Group group, int ordinal) {
    Map<String, String> t = target(group, ordinal, 9100);
    double sends = 0.2 + random.nextInt(10) / 10.0;
    String method = "mobile".equals(group.role()) ? "LightPush" : "Relay";
    counter("statusgo_waku_messages_sent_total", with(t, "publish_method", method), sends, -1, 1);
    String content = "/waku/1/0x" + Integer.toHexString(1000 + ordinal) + "/rfc26";
    counter(
        "statusgo_waku_envelope_sent_errors_total",
        with(t, "pubsub_topic", TOPIC, "content_topic", content),
        sends * 0.02,
        -1,
        1);
    counter(
        "statusgo_waku_messages_received_total",
        with(t, "pubsub_topic", TOPIC, "content_topic", content, "chat_id", "chat-" + ordinal),
        sends * 2,
        -1,
        1);
    counter("statusgo_waku_message_delivery_confirmations_total", t, sends * 0.9, -1, 1);
    gauge("statusgo_waku_connected_peers", t, 3 + random.nextInt(5), 1, 1);
    counter("statusgo_waku_store_query_successes_total", t, 0.1, -1, 1);
    counter("statusgo_waku_store_query_failures_total", t, 0.01, -1, 1);
    counter(
        "statusgo_waku_missed_messages_total",
        with(t, "pubsub_topic", TOPIC, "content_topic", content),
        0.02,
        -1,
        1);
    counter("process_cpu_seconds_total", t, 0.02 + random.nextInt(20) / 100.0, -1, 0.01);
    gauge("process_resident_memory_bytes", t, 100e6 + random.nextInt(100_000_000), 5e6, 1);
  }

  private Map<String, String> loadgenTargets(int shard) {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("job", "chatnet");
    t.put("instance", "10.1.0." + shard + ":9400");
    t.put("namespace", spec.namespace);
    t.put("pod", loadgenPod(shard));
    t.put("chatnet_network", spec.network);
    t.put("chatnet_role", "loadgen");
    t.put("chatnet_experiment", spec.experiment);
    return t;
  }

  private void loadgen(int shard) {
    Map<String, String> t = loadgenTargets(shard);
    for (String traffic : List.of("oneToOne", "privateGroups", "relay")) {
      for (String clientKind : TRAFFIC.get(traffic)) {
        Map<String, String> l = with(t, "traffic", traffic, "client_kind", clientKind);
        double sent = 0.5 + random.nextInt(20) / 10.0;
        counter("chatnet_loadgen_messages_sent_total", l, sent, -1, 1);
        counter("chatnet_loadgen_messages_failed_total", l, 0.02, -1, 1);
        if (traffic.equals("relay")) {
          continue;
        }
        double fanout = traffic.equals("oneToOne") ? 1 : 3;
        double expected = sent * fanout;
        double received = expected * (0.9 + random.nextInt(10) / 100.0);
        counter("chatnet_loadgen_messages_expected_total", l, expected, -1, 1);
        counter("chatnet_loadgen_messages_received_total", l, received, -1, 1);
        counter("chatnet_loadgen_messages_duplicate_total", l, 0.05, -1, 1);
        counter("chatnet_loadgen_messages_acked_total", l, sent * 0.9, -1, 1);
        double median = (clientKind.equals("mobile") ? 0.3 : 0.06) * (1 + random.nextInt(5) / 10.0);
        histogram(
            "chatnet_loadgen_latency_seconds", l, LATENCY_BOUNDS, received, median, median * 8, -1);
      }
    }
    gauge("chatnet_loadgen_clients", with(t, "state", "ready"), 10 + random.nextInt(5), 0, 1);
    gauge("chatnet_loadgen_clients", with(t, "state", "failed"), random.nextInt(2), 0, 1);
    counter("chatnet_loadgen_signal_reconnects_total", t, 0.01, -1, 1);
  }

  /**
   * The load generator's operation series (loadgen's LoadMetrics: logins, contact requests, group
   * creations, catch-up after offline spells, the phase gauge). A real run bunches logins and
   * contact requests into its first phases; here they run at a low rate over the whole grid so
   * every window has data, and only the phase gauge follows a run's order.
   */
  private void loadgenOperations(int shard) {
    Map<String, String> t = loadgenTargets(shard);
    for (String kind : List.of("desktop", "mobile")) {
      Map<String, String> k = with(t, "client_kind", kind);
      boolean mobile = kind.equals("mobile");
      double logins = 0.2 + random.nextInt(5) / 10.0;
      counter("chatnet_loadgen_logins_total", with(k, "outcome", "succeeded"), logins, -1, 1);
      counter("chatnet_loadgen_logins_total", with(k, "outcome", "failed"), 0.01, -1, 1);
      double loginMedian = (mobile ? 4 : 2) * (1 + random.nextInt(5) / 10.0);
      histogram(
          "chatnet_loadgen_login_seconds",
          k,
          OPERATION_BOUNDS,
          logins,
          loginMedian,
          loginMedian * 4,
          -1);
      double requests = 0.3 + random.nextInt(5) / 10.0;
      String contacts = "chatnet_loadgen_contact_requests_total";
      Series sent = counter(contacts, with(k, "outcome", "sent"), requests, -1, 1);
      Series delivered = part(contacts, with(k, "outcome", "delivered"), sent, 0.97);
      part(contacts, with(k, "outcome", "accepted"), delivered, 0.82);
      part(contacts, with(k, "outcome", "declined"), delivered, 0.08);
      part(contacts, with(k, "outcome", "ignored"), delivered, 0.05);
      for (String outcome : List.of("failed", "answer_failed", "unanswered")) {
        counter(contacts, with(k, "outcome", outcome), 0.01, -1, 1);
      }
      double roundTripMedian = (mobile ? 1.5 : 0.6) * (1 + random.nextInt(5) / 10.0);
      histogram(
          "chatnet_loadgen_contact_request_round_trip_seconds",
          k,
          OPERATION_BOUNDS,
          requests * 0.97 * 0.82,
          roundTripMedian,
          roundTripMedian * 6,
          -1);
      double groups = 0.1 + random.nextInt(3) / 10.0;
      String creations = "chatnet_loadgen_group_creations_total";
      Series created = counter(creations, with(k, "outcome", "created"), groups, -1, 1);
      part(creations, with(k, "outcome", "complete"), created, 0.95);
      part(creations, with(k, "outcome", "incomplete"), created, 0.03);
      counter(creations, with(k, "outcome", "failed"), 0.01, -1, 1);
      double groupMedian = (mobile ? 2 : 1) * (1 + random.nextInt(5) / 10.0);
      histogram(
          "chatnet_loadgen_group_creation_seconds",
          k,
          GROUP_CREATION_BOUNDS,
          groups * 0.95,
          groupMedian,
          groupMedian * 5,
          -1);
      for (int offline : List.of(10, 30, 50)) {
        Map<String, String> o = with(k, "offline_seconds", String.valueOf(offline));
        String catchUp = "chatnet_loadgen_catch_up_messages_total";
        // Longer spells miss more, and more of it beyond the store's reach.
        double perSecond = 0.1 * offline / 10.0 * (1 + random.nextInt(5) / 10.0);
        Series missed = counter(catchUp, with(o, "outcome", "missed"), perSecond, -1, 1);
        Series arrived =
            part(catchUp, with(o, "outcome", "arrived"), missed, 0.99 - offline / 2000.0);
        difference(catchUp, with(o, "outcome", "never"), missed, arrived);
        double catchUpMedian = (mobile ? 3 : 1) * (1 + offline / 50.0);
        histogram(
            "chatnet_loadgen_catch_up_seconds",
            o,
            CATCH_UP_BOUNDS,
            0.05 + random.nextInt(5) / 100.0,
            catchUpMedian,
            catchUpMedian * 5,
            -1);
      }
    }
    phases(t);
  }

  /**
   * chatnet_loadgen_phase as LoadRun sets it: contact_requests (first fifth of the grid), idle (the
   * next tenth), then traffic to the end; each series appears when its phase first starts and
   * stays, at 0, once it ends.
   */
  private void phases(Map<String, String> targets) {
    int contactEnd = times.size() / 5;
    int idleEnd = contactEnd + Math.max(1, times.size() / 10);
    phase(targets, "contact_requests", 0, contactEnd);
    phase(targets, "idle", contactEnd, idleEnd);
    phase(targets, "traffic", idleEnd, times.size());
  }

  private void phase(Map<String, String> targets, String phase, int from, int to) {
    List<Series.Sample> samples = new ArrayList<>();
    for (int i = from; i < times.size(); i++) {
      samples.add(new Series.Sample(times.get(i).toEpochMilli(), i < to ? 1 : 0));
    }
    series.add(new Series("chatnet_loadgen_phase", with(targets, "phase", phase), samples));
  }

  /** A Nim Counter declared {@code declared}: nim-metrics exposes it as declared + "_total". */
  private void nimCounter(
      String declared, Map<String, String> labels, double perSecond, int reset, double unit) {
    counter(declared + "_total", labels, perSecond, reset, unit);
  }

  /** Seconds between samples. */
  private double stepSeconds() {
    return spec.step.toMillis() / 1000.0;
  }

  /**
   * A counter growing by about {@code perSecond}, in whole multiples of {@code unit}; from sample
   * {@code reset} on (if not -1) it starts again from zero, as after a process restart.
   */
  private Series counter(
      String name, Map<String, String> labels, double perSecond, int reset, double unit) {
    List<Series.Sample> samples = new ArrayList<>();
    long units = 0;
    for (int i = 0; i < times.size(); i++) {
      if (i == reset) {
        units = 0;
      }
      units += poisson(perSecond * stepSeconds() / unit);
      samples.add(new Series.Sample(times.get(i).toEpochMilli(), round(units * unit, unit)));
    }
    Series counter = new Series(name, labels, samples);
    series.add(counter);
    return counter;
  }

  /**
   * A counter of whole events counting each of {@code whole}'s new events with probability {@code
   * fraction} (e.g. contact requests delivered of those sent), so it never runs ahead of it.
   */
  private Series part(String name, Map<String, String> labels, Series whole, double fraction) {
    List<Series.Sample> samples = new ArrayList<>();
    double previous = 0;
    long count = 0;
    for (Series.Sample sample : whole.samples()) {
      for (long e = Math.round(sample.value() - previous); e > 0; e--) {
        count += random.nextDouble() < fraction ? 1 : 0;
      }
      previous = sample.value();
      samples.add(new Series.Sample(sample.millis(), count));
    }
    Series part = new Series(name, labels, samples);
    series.add(part);
    return part;
  }

  /** A counter of {@code whole}'s events that {@code part} did not count, sample by sample. */
  private void difference(String name, Map<String, String> labels, Series whole, Series part) {
    List<Series.Sample> samples = new ArrayList<>();
    for (int i = 0; i < whole.samples().size(); i++) {
      Series.Sample sample = whole.samples().get(i);
      samples.add(
          new Series.Sample(sample.millis(), sample.value() - part.samples().get(i).value()));
    }
    series.add(new Series(name, labels, samples));
  }

  /**
   * A gauge wandering around {@code centre} by up to {@code spread}, in multiples of {@code unit}.
   */
  private void gauge(
      String name, Map<String, String> labels, double centre, double spread, double unit) {
    List<Series.Sample> samples = new ArrayList<>();
    for (Instant time : times) {
      double value = centre + (random.nextDouble() * 2 - 1) * spread;
      samples.add(
          new Series.Sample(
              time.toEpochMilli(), round(Math.max(0, Math.round(value / unit) * unit), unit)));
    }
    series.add(new Series(name, labels, samples));
  }

  /**
   * A classic histogram (cumulative _bucket series with le, _sum, _count) of about {@code
   * perSecond} observations a second, log-normally spread with the given median and 99th
   * percentile.
   */
  private void histogram(
      String name,
      Map<String, String> labels,
      List<Double> bounds,
      double perSecond,
      double median,
      double p99,
      int reset) {
    int buckets = bounds.size() + 1;
    List<List<Series.Sample>> bucketSamples = new ArrayList<>();
    for (int b = 0; b < buckets; b++) {
      bucketSamples.add(new ArrayList<>());
    }
    List<Series.Sample> sums = new ArrayList<>();
    List<Series.Sample> counts = new ArrayList<>();
    long[] cumulative = new long[buckets];
    double sum = 0;
    double sigma = Math.log(p99 / median) / 2.326;
    for (int i = 0; i < times.size(); i++) {
      if (i == reset) {
        cumulative = new long[buckets];
        sum = 0;
      }
      long n = poisson(perSecond * stepSeconds());
      for (long k = 0; k < n; k++) {
        // Whole milliseconds (or bytes) keep _sum exact in binary floating point up to 2^53.
        double value = Math.rint(median * Math.exp(sigma * gaussian()) * 1000) / 1000;
        sum += value;
        for (int b = 0; b < buckets; b++) {
          if (b == bounds.size() || value <= bounds.get(b)) {
            cumulative[b]++;
          }
        }
      }
      long millis = times.get(i).toEpochMilli();
      for (int b = 0; b < buckets; b++) {
        bucketSamples.get(b).add(new Series.Sample(millis, cumulative[b]));
      }
      sums.add(new Series.Sample(millis, sum));
      counts.add(new Series.Sample(millis, cumulative[buckets - 1]));
    }
    for (int b = 0; b < buckets; b++) {
      String le = b == bounds.size() ? "+Inf" : OpenMetricsText.number(bounds.get(b));
      series.add(new Series(name + "_bucket", with(labels, "le", le), bucketSamples.get(b)));
    }
    series.add(new Series(name + "_sum", labels, sums));
    series.add(new Series(name + "_count", labels, counts));
  }

  private long poisson(double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 50) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian()));
    }
    double limit = Math.exp(-mean);
    double p = 1;
    long k = 0;
    do {
      k++;
      p *= random.nextDouble();
    } while (p > limit);
    return k - 1;
  }

  private double gaussian() {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Rounds to the unit's decimal places so the OpenMetrics text round-trips exactly. */
  private static double round(double value, double unit) {
    if (unit >= 1) {
      return Math.rint(value);
    }
    double scale = Math.rint(1 / unit);
    return Math.rint(value * scale) / scale;
  }

  /** Sizes, names, window and grid of a synthetic network. */
  public static final class Builder {
    private long seed = 1;
    private String namespace = "chatnet-test";
    private String network = "lab";
    private String experiment = "exp";
    private Window window;
    private Duration step = Duration.ofSeconds(10);
    private Duration margin = Duration.ofSeconds(60);
    private final List<Group> groups = new ArrayList<>();
    private int shards = 2;
    private boolean restart = true;
    private RlnSeries rln = RlnSeries.NONE;

    /** The RLN validation series the nodes expose (default none). */
    public Builder rln(RlnSeries rln) {
      this.rln = rln;
      return this;
    }

    private NodeMetrics nodeMetrics = NodeMetrics.WAKU;

    private Builder() {}

    /** The node version's metric spelling (default waku_*, as nwaku v0.36.0 exposes). */
    public Builder nodeMetrics(NodeMetrics nodeMetrics) {
      this.nodeMetrics = nodeMetrics;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    public Builder network(String network) {
      this.network = network;
      return this;
    }

    public Builder experiment(String experiment) {
      this.experiment = experiment;
      return this;
    }

    /** The measured window; samples fall on both of its ends. */
    public Builder window(Window window) {
      this.window = window;
      return this;
    }

    public Builder step(Duration step) {
      this.step = step;
      return this;
    }

    /** How far samples reach before and after the window. */
    public Builder margin(Duration margin) {
      this.margin = margin;
      return this;
    }

    /** An nwaku group (role bootstrap, relay or service). */
    public Builder nwakuGroup(String name, String role, int replicas) {
      groups.add(new Group(name, "nwaku", role, replicas));
      return this;
    }

    /** A status-backend group (role desktop or mobile). */
    public Builder clientGroup(String name, String role, int replicas) {
      groups.add(new Group(name, "status-backend", role, replicas));
      return this;
    }

    public Builder loadgenShards(int shards) {
      this.shards = shards;
      return this;
    }

    /** Whether relay node 0 restarts halfway through the window (default true). */
    public Builder restartInWindow(boolean restart) {
      this.restart = restart;
      return this;
    }

    public SyntheticNetwork build() {
      if (window == null) {
        throw new IllegalStateException("a synthetic network needs a window");
      }
      if (groups.isEmpty()) {
        nwakuGroup("boot", "bootstrap", 1);
        nwakuGroup("relay", "relay", 4);
        nwakuGroup("service", "service", 2);
        clientGroup("desktop", "desktop", 3);
        clientGroup("mobile", "mobile", 2);
      }
      return new SyntheticNetwork(this);
    }
  }
}

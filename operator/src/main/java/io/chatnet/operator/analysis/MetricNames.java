package io.chatnet.operator.analysis;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every metric the analyzer reads, as Prometheus scrapes it, in each supported version's spelling:
 * the one place in code where these names are written. Where versions differ, a {@link Metric} has
 * one name per spelling and its {@link Metric#selector} matches all of them ({@code
 * {__name__=~"a|b",...}}), so the same query gives figures on every version; a pod exposes only one
 * spelling, so nothing is counted twice.
 *
 * <p>Exposed names follow nim-metrics' rule (status-im/nim-metrics metrics.nim, newCounterMetrics,
 * at ecf64c6 pinned by nwaku v0.36.0/v0.37.1-beta and a1296ca pinned by logos-delivery
 * v0.38.1/HEAD): a Counter declared {@code X} is exposed as {@code X_total} whatever X ends with,
 * so {@code waku_rln_spam_messages_total} is scraped as {@code waku_rln_spam_messages_total_total}.
 * Node names: waku-org/nwaku v0.36.0 and v0.37.1-beta, logos-messaging/logos-delivery v0.38.1 use
 * {@code waku_*}; logos-delivery from commit 8125cd026 (2026-07-29, HEAD 69fbffa) renamed every
 * node metric to {@code logos_delivery_*}. {@code libp2p_*} come from vacp2p/nim-libp2p and {@code
 * process_*}, {@code nim_gc_*} from nim-metrics, unchanged across the versions. The per-version
 * lists are the test resources operator/src/test/resources/upstream/metrics/*.tsv;
 * MetricNamesConformanceTest checks this class, the analyzer's queries and dashboards/*.json
 * against them.
 */
public final class MetricNames {
  private MetricNames() {}

  /** One metric: the names it is exposed under, one per spelling across the supported versions. */
  public record Metric(List<String> names) {
    public Metric {
      names = List.copyOf(names);
      if (names.isEmpty()) {
        throw new IllegalArgumentException("a metric needs a name");
      }
    }

    /** The instant-vector selector of every spelling with the given matchers (may be empty). */
    public String selector(String matchers) {
      if (names.size() == 1) {
        return names.get(0) + "{" + matchers + "}";
      }
      return "{__name__=~\""
          + String.join("|", names)
          + "\""
          + (matchers.isEmpty() ? "" : "," + matchers)
          + "}";
    }

    /** The names joined for messages, e.g. "waku_node_messages_total|logos_delivery_...". */
    public String display() {
      return String.join("|", names);
    }

    /** The same metric's classic-histogram bucket series. */
    public Metric bucket() {
      return new Metric(names.stream().map(n -> n + "_bucket").collect(Collectors.toList()));
    }
  }

  private static Metric of(String... names) {
    return new Metric(List.of(names));
  }

  // --- nwaku / logos-delivery nodes ---

  /**
   * Bytes through libp2p connections, label direction=in|out. vacp2p/nim-libp2p declares Counter
   * libp2p_network_bytes in libp2p/stream/chronosstream.nim (cd60b25, nwaku v0.36.0) and
   * libp2p/stream/connection.nim (0309685, ff8d518, c431993: v0.37.1-beta, logos-delivery v0.38.1,
   * HEAD).
   */
  public static final Metric LIBP2P_NETWORK_BYTES = of("libp2p_network_bytes_total");

  /** Connected peers, Gauge libp2p_peers, nim-libp2p libp2p/connmanager.nim (all versions). */
  public static final Metric LIBP2P_PEERS = of("libp2p_peers");

  /**
   * Messages the node handled by type (label type, e.g. relay): Counter waku_node_messages in nwaku
   * waku/node/waku_node.nim (v0.36.0, v0.37.1-beta), logos-delivery v0.38.1 same file;
   * logos_delivery_node_messages in logos_delivery/waku/node/node_telemetry.nim at HEAD.
   */
  public static final Metric NODE_MESSAGES =
      of("waku_node_messages_total", "logos_delivery_node_messages_total");

  /**
   * Relay bytes by topic, type (gross|net), direction: Counter waku_relay_network_bytes,
   * waku/waku_relay/protocol.nim; logos_delivery_relay_network_bytes at HEAD.
   */
  public static final Metric RELAY_NETWORK_BYTES =
      of("waku_relay_network_bytes_total", "logos_delivery_relay_network_bytes_total");

  /**
   * Connected peers by direction (In|Out) and protocol: Gauge waku_connected_peers,
   * waku/node/peer_manager/peer_manager.nim; logos_delivery_connected_peers at HEAD.
   */
  public static final Metric CONNECTED_PEERS =
      of("waku_connected_peers", "logos_delivery_connected_peers");

  /**
   * Gossipsub mesh size per topic, Gauge libp2p_gossipsub_peers_per_topic_mesh{topic}, nim-libp2p
   * libp2p/protocols/pubsub/gossipsub/behavior.nim. Without a build-time KnownLibP2PTopics (nwaku
   * and logos-delivery define none) every topic is reported as topic="other".
   */
  public static final Metric GOSSIPSUB_MESH_PEERS = of("libp2p_gossipsub_peers_per_topic_mesh");

  /** Topics with a healthy mesh, Gauge libp2p_gossipsub_healthy_peers_topics (behavior.nim). */
  public static final Metric GOSSIPSUB_HEALTHY_TOPICS = of("libp2p_gossipsub_healthy_peers_topics");

  /**
   * Message sizes, Histogram waku_histogram_message_size (waku/node/waku_node.nim);
   * logos_delivery_histogram_message_size (node_telemetry.nim) at HEAD.
   */
  public static final Metric MESSAGE_SIZE =
      of("waku_histogram_message_size", "logos_delivery_histogram_message_size");

  /**
   * RLN spam messages: Counter waku_rln_spam_messages_total in
   * waku/waku_rln_relay/protocol_metrics.nim, so exposed with a second _total; HEAD:
   * logos_delivery_rln_spam_messages_total, likewise.
   */
  public static final Metric RLN_SPAM_MESSAGES =
      of("waku_rln_spam_messages_total_total", "logos_delivery_rln_spam_messages_total_total");

  /** Gauge waku_rln_proof_verification_duration_seconds (protocol_metrics.nim); HEAD renamed. */
  public static final Metric RLN_PROOF_VERIFICATION_SECONDS =
      of(
          "waku_rln_proof_verification_duration_seconds",
          "logos_delivery_rln_proof_verification_duration_seconds");

  /**
   * Messages whose RLN proof validated. nwaku v0.36.0 declares waku_rln_valid_messages_total a
   * Histogram (protocol_metrics.nim, buckets over the root window): its count is {@code
   * waku_rln_valid_messages_total_count}; from v0.37 (v0.37.1-beta, logos-delivery v0.38.1) it is a
   * Counter with label shard, scraped as {@code ..._total_total}; logos_delivery_ at HEAD.
   */
  public static final Metric RLN_VALID_MESSAGES =
      of(
          "waku_rln_valid_messages_total_count",
          "waku_rln_valid_messages_total_total",
          "logos_delivery_rln_valid_messages_total_total");

  /**
   * RLN-invalid messages by type (invalid_timestamp, timestamp_mismatch, invalid_root,
   * invalid_proof): Counter waku_rln_invalid_messages_total, protocol_metrics.nim (all versions).
   */
  public static final Metric RLN_INVALID_MESSAGES =
      of(
          "waku_rln_invalid_messages_total_total",
          "logos_delivery_rln_invalid_messages_total_total");

  /** Proofs verified: Counter waku_rln_proof_verification_total (protocol_metrics.nim). */
  public static final Metric RLN_PROOF_VERIFICATIONS =
      of(
          "waku_rln_proof_verification_total_total",
          "logos_delivery_rln_proof_verification_total_total");

  /** Gauge waku_rln_proof_generation_duration_seconds (protocol_metrics.nim): the last proof's. */
  public static final Metric RLN_PROOF_GENERATION_SECONDS =
      of(
          "waku_rln_proof_generation_duration_seconds",
          "logos_delivery_rln_proof_generation_duration_seconds");

  /**
   * Gauge waku_rln_remaining_proofs_per_epoch (protocol_metrics.nim): the node's own proofs left in
   * this epoch (reset to the limit each epoch).
   */
  public static final Metric RLN_REMAINING_PROOFS =
      of("waku_rln_remaining_proofs_per_epoch", "logos_delivery_rln_remaining_proofs_per_epoch");

  /** Gauge waku_rln_total_generated_proofs (protocol_metrics.nim): proofs this node made. */
  public static final Metric RLN_GENERATED_PROOFS =
      of("waku_rln_total_generated_proofs", "logos_delivery_rln_total_generated_proofs");

  /** Nim GC heap per thread (label thread_id): Gauge nim_gc_mem_bytes, nim-metrics metrics.nim. */
  public static final Metric NIM_GC_MEM_BYTES = of("nim_gc_mem_bytes");

  // --- every process: nim-metrics' ProcessInfo collector (Linux) and client_golang's default
  // process collector, served by status-go metrics/metrics.go (prom.DefaultGatherer) ---

  public static final Metric PROCESS_CPU_SECONDS = of("process_cpu_seconds_total");
  public static final Metric PROCESS_RESIDENT_MEMORY = of("process_resident_memory_bytes");

  // --- status-backend: status-go metrics/wakumetrics/metrics.go (1f5b2d71), registered by its
  // RegisterMetrics; the 2024-10-24 source (c72f4913) has no metrics server in status-backend.
  // statusgo_waku_envelope_sent_total is declared there but not registered: never exposed. ---

  public static final Metric CLIENT_MESSAGES_SENT = of("statusgo_waku_messages_sent_total");
  public static final Metric CLIENT_MESSAGES_RECEIVED = of("statusgo_waku_messages_received_total");
  public static final Metric CLIENT_SEND_ERRORS = of("statusgo_waku_envelope_sent_errors_total");
  public static final Metric CLIENT_DELIVERY_CONFIRMATIONS =
      of("statusgo_waku_message_delivery_confirmations_total");
  public static final Metric CLIENT_CONNECTED_PEERS = of("statusgo_waku_connected_peers");
  public static final Metric CLIENT_STORE_QUERY_SUCCESSES =
      of("statusgo_waku_store_query_successes_total");
  public static final Metric CLIENT_STORE_QUERY_FAILURES =
      of("statusgo_waku_store_query_failures_total");
  public static final Metric CLIENT_MISSED_MESSAGES = of("statusgo_waku_missed_messages_total");

  // --- chatnet's load generator: loadgen/.../measure/LoadMetrics.java ---

  public static final Metric LOADGEN_SENT = of("chatnet_loadgen_messages_sent_total");
  public static final Metric LOADGEN_RECEIVED = of("chatnet_loadgen_messages_received_total");
  public static final Metric LOADGEN_EXPECTED = of("chatnet_loadgen_messages_expected_total");
  public static final Metric LOADGEN_LATENCY = of("chatnet_loadgen_latency_seconds");

  /** Every metric above, for the conformance test. */
  public static final List<Metric> ALL =
      List.of(
          LIBP2P_NETWORK_BYTES,
          LIBP2P_PEERS,
          NODE_MESSAGES,
          RELAY_NETWORK_BYTES,
          CONNECTED_PEERS,
          GOSSIPSUB_MESH_PEERS,
          GOSSIPSUB_HEALTHY_TOPICS,
          MESSAGE_SIZE.bucket(),
          RLN_SPAM_MESSAGES,
          RLN_PROOF_VERIFICATION_SECONDS,
          RLN_VALID_MESSAGES,
          RLN_INVALID_MESSAGES,
          RLN_PROOF_VERIFICATIONS,
          RLN_PROOF_GENERATION_SECONDS,
          RLN_REMAINING_PROOFS,
          RLN_GENERATED_PROOFS,
          NIM_GC_MEM_BYTES,
          PROCESS_CPU_SECONDS,
          PROCESS_RESIDENT_MEMORY,
          CLIENT_MESSAGES_SENT,
          CLIENT_MESSAGES_RECEIVED,
          CLIENT_SEND_ERRORS,
          CLIENT_DELIVERY_CONFIRMATIONS,
          CLIENT_CONNECTED_PEERS,
          CLIENT_STORE_QUERY_SUCCESSES,
          CLIENT_STORE_QUERY_FAILURES,
          CLIENT_MISSED_MESSAGES,
          LOADGEN_SENT,
          LOADGEN_RECEIVED,
          LOADGEN_EXPECTED,
          LOADGEN_LATENCY.bucket());
}

package io.chatnet.operator.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The analyzer's PromQL, pure: one experiment's scope (namespace, network, experiment) and window
 * in, query text out. Every figure is taken over exactly the window with a range ending at its end
 * ({@code [<ms>ms] @ <end>}), so the evaluation time does not matter. Counters use {@code
 * increase}/{@code rate} (resets handled; with scrapes on both ends of the window nothing is
 * extrapolated), gauges {@code avg_over_time}. Several figures come back from one query, told apart
 * by the label {@value #STAT}.
 *
 * <p>The selectors use the scrape label convention: {@code namespace}, {@code chatnet_network},
 * {@code chatnet_group}, {@code chatnet_role}, {@code chatnet_experiment} (docs/metrics.md).
 */
public final class PromQl {
  public static final String STAT = "chatnet_stat";
  public static final String GROUP = "chatnet_group";
  public static final String ROLE = "chatnet_role";
  static final String BY_NODE = "chatnet_group, chatnet_role, pod";
  static final String BY_GROUP = "chatnet_group, chatnet_role";
  static final String BY_TRAFFIC = "traffic, client_kind";

  /** A figure each node contributes to a distribution over nodes. */
  public enum NodeFigure {
    // status-backend does not expose nim-libp2p's byte and peer counters (status-go's registered
    // wakumetrics have no byte counter): bandwidth and peers are figures of nwaku groups only.
    BANDWIDTH_IN("rate", MetricNames.LIBP2P_NETWORK_BYTES, "direction=\"in\""),
    BANDWIDTH_OUT("rate", MetricNames.LIBP2P_NETWORK_BYTES, "direction=\"out\""),
    PEERS("avg_over_time", MetricNames.LIBP2P_PEERS, null),
    CPU_CORES("rate", MetricNames.PROCESS_CPU_SECONDS, null),
    MEMORY_BYTES("avg_over_time", MetricNames.PROCESS_RESIDENT_MEMORY, null);

    final String function;
    final MetricNames.Metric metric;
    final String matcher;

    NodeFigure(String function, MetricNames.Metric metric, String matcher) {
      this.function = function;
      this.metric = metric;
      this.matcher = matcher;
    }

    /** The metric's name(s), for messages. */
    public String metric() {
      return metric.display();
    }
  }

  /** Quantiles of the merged latency histograms, as fractions. */
  public static final List<Double> LATENCY_QUANTILES = List.of(0.5, 0.95, 0.99);

  private final String nodes;
  private final String loadgen;
  private final String range;

  public PromQl(String namespace, String network, String experiment, Instant start, Instant end) {
    long millis = Duration.between(start, end).toMillis();
    if (millis <= 0) {
      throw new IllegalArgumentException("empty window " + start + " .. " + end);
    }
    this.nodes =
        "namespace=\"" + escape(namespace) + "\",chatnet_network=\"" + escape(network) + "\"";
    this.loadgen =
        "namespace=\"" + escape(namespace) + "\",chatnet_experiment=\"" + escape(experiment) + "\"";
    this.range = String.format(Locale.ROOT, "[%dms] @ %.3f", millis, end.toEpochMilli() / 1000.0);
  }

  /** A PromQL string literal's content. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** The figure per node (pod) of the network's groups over the window. */
  public String perNode(NodeFigure figure) {
    String selector =
        figure.metric.selector(
            nodes + ",chatnet_group!=\"\"" + (figure.matcher == null ? "" : "," + figure.matcher));
    String aggregation = figure.function.equals("rate") ? "sum" : "avg";
    return aggregation
        + " by ("
        + BY_NODE
        + ") ("
        + figure.function
        + "("
        + selector
        + range
        + "))";
  }

  /**
   * Mean, 95th percentile, max and count over nodes of {@link #perNode}: network-wide (no group
   * label) and per group, each tagged with {@value #STAT} = mean, p95, max or count.
   */
  public String distribution(NodeFigure figure) {
    String perNode = perNode(figure);
    return List.of("", " by (" + BY_GROUP + ")").stream()
        .flatMap(
            by ->
                List.of(
                    tag("avg" + by + " (" + perNode + ")", "mean"),
                    tag("quantile" + by + " (0.95, " + perNode + ")", "p95"),
                    tag("max" + by + " (" + perNode + ")", "max"),
                    tag("count" + by + " (" + perNode + ")", "count"))
                    .stream())
        .collect(Collectors.joining(" or "));
  }

  /**
   * Waku relay messages handled by all nodes of the network in the window, whichever spelling
   * (waku_* or logos_delivery_*) each node's version exposes.
   */
  public String wakuMessages() {
    return "sum(increase("
        + MetricNames.NODE_MESSAGES.selector(nodes + ",type=\"relay\"")
        + range
        + "))";
  }

  /** A counter's increase over every node of the network in the window (RLN counts). */
  public String networkIncrease(MetricNames.Metric metric) {
    return "sum(increase(" + metric.selector(nodes) + range + "))";
  }

  /**
   * A gauge over every node of the network in the window: {@code over} of each node's {@code
   * over}_over_time, e.g. ("avg", "avg") or ("min", "min").
   */
  public String networkGauge(MetricNames.Metric metric, String across, String over) {
    return across + "(" + over + "_over_time(" + metric.selector(nodes) + range + "))";
  }

  /**
   * The fewest proofs any publishing node (one that generated proofs in the window) had left:
   * validator-only nodes hold no membership and would read 0.
   */
  public String rlnRemainingProofs() {
    return "min(min_over_time("
        + MetricNames.RLN_REMAINING_PROOFS.selector(nodes)
        + range
        + ") and (max_over_time("
        + MetricNames.RLN_GENERATED_PROOFS.selector(nodes)
        + range
        + ") > 0))";
  }

  /**
   * Relay payload bytes per pubsub topic over all nodes of the network in the window, by type and
   * direction (nwaku waku/waku_relay/protocol.nim at v0.36.0 counts "gross"/"in" on receipt and
   * "net"/"out" on publish, per pubsub topic).
   */
  public String relayBytesByTopic() {
    return "sum by (topic, type, direction) (increase("
        + MetricNames.RELAY_NETWORK_BYTES.selector(nodes)
        + range
        + "))";
  }

  /**
   * The load generators' counts per traffic kind and client kind, summed over shards: sent (by the
   * sender's kind), received and expected (by the receiver's kind), tagged with {@value #STAT}.
   */
  public String trafficCounts() {
    return List.of(
            Map.entry("sent", MetricNames.LOADGEN_SENT),
            Map.entry("received", MetricNames.LOADGEN_RECEIVED),
            Map.entry("expected", MetricNames.LOADGEN_EXPECTED))
        .stream()
        .map(
            e ->
                tag(
                    "sum by ("
                        + BY_TRAFFIC
                        + ") (increase("
                        + e.getValue().selector(loadgen)
                        + range
                        + "))",
                    e.getKey()))
        .collect(Collectors.joining(" or "));
  }

  /**
   * Latency quantiles (seconds) of the shards' histograms merged bucket by bucket, per traffic kind
   * and client kind, tagged with {@value #STAT} = p50, p95, p99.
   */
  public String latencyQuantiles() {
    String merged =
        "sum by ("
            + BY_TRAFFIC
            + ", le) (increase("
            + MetricNames.LOADGEN_LATENCY.bucket().selector(loadgen)
            + range
            + "))";
    return LATENCY_QUANTILES.stream()
        .map(q -> tag("histogram_quantile(" + q + ", " + merged + ")", percentile(q)))
        .collect(Collectors.joining(" or "));
  }

  /** Every query the analyzer sends, for checks against upstream's metric lists. */
  public List<String> all() {
    List<String> queries = new ArrayList<>();
    for (NodeFigure figure : NodeFigure.values()) {
      queries.add(distribution(figure));
    }
    queries.add(wakuMessages());
    queries.add(relayBytesByTopic());
    queries.add(trafficCounts());
    queries.add(latencyQuantiles());
    queries.addAll(RlnAnalysis.queries(this));
    return queries;
  }

  static String percentile(double q) {
    return "p" + Math.round(q * 100);
  }

  private static String tag(String expression, String stat) {
    return "label_replace(" + expression + ", \"" + STAT + "\", \"" + stat + "\", \"\", \"\")";
  }
}

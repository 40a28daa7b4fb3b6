package io.chatnet.operator.analysis;

import io.chatnet.operator.analysis.PromQl.NodeFigure;
import io.chatnet.operator.analysis.PrometheusClient.Answer;
import io.chatnet.operator.analysis.PrometheusClient.Sample;
import io.chatnet.operator.api.Distribution;
import io.chatnet.operator.api.GroupMetrics;
import io.chatnet.operator.api.GroupRole;
import io.chatnet.operator.api.MetricsResults;
import io.chatnet.operator.api.RelayTopicBytes;
import io.chatnet.operator.api.TrafficMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Reads an experiment's figures from Prometheus over exactly its window and assembles {@link
 * MetricsResults}. A figure without series stays absent (null), never zero; when a whole family the
 * results rest on is missing, the outcome says which.
 */
public final class MetricsAnalyzer {
  private static final Logger LOG = Logger.getLogger(MetricsAnalyzer.class);
  private final PrometheusClient prometheus;
  private final Duration budget;

  /** What came of an analysis: the figures (null when none), and the condition to set. */
  public record Outcome(MetricsResults metrics, boolean available, String reason, String message) {
    public static Outcome unavailable(String reason, String message) {
      return new Outcome(null, false, reason, message);
    }
  }

  /** {@code budget} bounds the whole analysis, so a slow Prometheus cannot hold the reconciler. */
  public MetricsAnalyzer(PrometheusClient prometheus, Duration budget) {
    this.prometheus = prometheus;
    this.budget = budget;
  }

  public Outcome analyze(
      String namespace, String network, String experiment, Instant start, Instant end) {
    PromQl promql = new PromQl(namespace, network, experiment, start, end);
    Instant deadline = Instant.now().plus(budget);
    List<String> warnings = new ArrayList<>();
    Set<String> missing = new LinkedHashSet<>();
    MetricsResults results = new MetricsResults();
    results.setWindowStart(start.toString());
    results.setWindowEnd(end.toString());
    Map<String, GroupMetrics> groups = new TreeMap<>();
    boolean anySeries = false;
    try {
      for (NodeFigure figure : NodeFigure.values()) {
        List<Sample> samples = query(promql.distribution(figure), end, deadline, warnings);
        if (samples.isEmpty()) {
          missing.add(figure.metric());
        }
        anySeries |= !samples.isEmpty();
        for (Sample s : samples) {
          String group = s.label(PromQl.GROUP);
          Distribution target =
              group.isEmpty()
                  ? networkWide(results, figure)
                  : groupFigure(groups, group, s.label(PromQl.ROLE), figure);
          if (target != null) {
            set(target, s.label(PromQl.STAT), s.value());
          }
        }
      }
      List<Sample> messages = query(promql.wakuMessages(), end, deadline, warnings);
      if (!messages.isEmpty() && Double.isFinite(messages.get(0).value())) {
        results.setWakuMessages(Math.round(messages.get(0).value()));
      }
      results.setRelayTopics(
          relayTopics(query(promql.relayBytesByTopic(), end, deadline, warnings)));
      Map<String, TrafficMetrics> traffic = new TreeMap<>();
      List<Sample> counts = query(promql.trafficCounts(), end, deadline, warnings);
      if (counts.isEmpty()) {
        missing.add("chatnet_loadgen_messages_*_total");
      }
      anySeries |= !counts.isEmpty();
      for (Sample s : counts) {
        if (!Double.isFinite(s.value())) {
          continue;
        }
        TrafficMetrics row = row(traffic, s);
        long value = Math.round(s.value());
        switch (s.label(PromQl.STAT)) {
          case "sent" -> row.setSent(value);
          case "received" -> row.setReceived(value);
          case "expected" -> row.setExpected(value);
          default -> {}
        }
      }
      for (Sample s : query(promql.latencyQuantiles(), end, deadline, warnings)) {
        if (!Double.isFinite(s.value())) {
          continue; // no receipts in the window: no percentile, not zero
        }
        TrafficMetrics row = row(traffic, s);
        double millis = s.value() * 1000;
        switch (s.label(PromQl.STAT)) {
          case "p50" -> row.setLatencyP50Millis(millis);
          case "p95" -> row.setLatencyP95Millis(millis);
          case "p99" -> row.setLatencyP99Millis(millis);
          default -> {}
        }
      }
      for (TrafficMetrics row : traffic.values()) {
        if (row.getReceived() != null && row.getExpected() != null && row.getExpected() > 0) {
          row.setDeliveryRatio((double) row.getReceived() / row.getExpected());
        }
      }
      results.setGroups(new ArrayList<>(groups.values()));
      results.setTraffic(new ArrayList<>(traffic.values()));
      results.setRln(RlnAnalysis.read(promql, q -> query(q, end, deadline, warnings)));
    } catch (PrometheusException e) {
      return Outcome.unavailable(e.reason().name(), e.getMessage());
    }
    String warned =
        clientsNote(groups.values())
            + (warnings.isEmpty() ? "" : "; Prometheus warned: " + String.join("; ", warnings));
    if (!warnings.isEmpty()) {
      LOG.warnf("experiment %s/%s: Prometheus warnings: %s", namespace, experiment, warnings);
    }
    String window = "window " + start + " .. " + end;
    if (!anySeries) {
      return Outcome.unavailable(
          "NoSeries",
          "Prometheus has no series of network "
              + network
              + " or experiment "
              + experiment
              + " in namespace "
              + namespace
              + " in the "
              + window
              + " (are the pods scraped with the chatnet labels?); results come from the load"
              + " generators alone"
              + warned);
    }
    if (!missing.isEmpty()) {
      return new Outcome(
          results,
          false,
          "NoSeries",
          "no series of "
              + String.join(", ", missing)
              + " in the "
              + window
              + "; those figures are absent, the others are from Prometheus"
              + warned);
    }
    return new Outcome(
        results, true, "Queried", "figures from Prometheus over the " + window + warned);
  }

  /**
   * Says plainly that client groups lack bandwidth and peers: status-backend does not expose
   * nim-libp2p's libp2p_network_bytes_total or libp2p_peers (status-go metrics/wakumetrics at
   * 1f5b2d71 has no byte counter), and the build of c72f4913 no metrics at all.
   */
  private static String clientsNote(java.util.Collection<GroupMetrics> groups) {
    boolean clients =
        groups.stream()
            .anyMatch(
                g ->
                    GroupRole.DESKTOP.wireName().equals(g.getRole())
                        || GroupRole.MOBILE.wireName().equals(g.getRole()));
    return clients
        ? "; client groups have no bandwidth or peers figures (status-backend does not expose"
            + " libp2p_network_bytes_total or libp2p_peers)"
        : "";
  }

  /**
   * Relay bytes per topic from samples by (topic, type, direction): received as gross/in, sent as
   * net/out. The Communities shard is status-go's non-protected shard, index 64 in every version
   * read (status-go protocol/common/shard/shard.go NonProtectedShardIndex at c72f4913;
   * messaging/types/shard.go at 2078add7), on the network's cluster.
   */
  static List<RelayTopicBytes> relayTopics(List<Sample> samples) {
    Map<String, RelayTopicBytes> topics = new TreeMap<>();
    for (Sample s : samples) {
      if (!Double.isFinite(s.value())) {
        continue;
      }
      String type = s.label("type");
      String direction = s.label("direction");
      boolean in = "gross".equals(type) && "in".equals(direction);
      boolean out = "net".equals(type) && "out".equals(direction);
      if (!in && !out) {
        continue;
      }
      RelayTopicBytes row =
          topics.computeIfAbsent(
              s.label("topic"),
              topic -> {
                RelayTopicBytes r = new RelayTopicBytes();
                r.setTopic(topic);
                r.setCommunitiesShard(topic.matches("/waku/2/rs/\\d+/" + COMMUNITIES_SHARD));
                return r;
              });
      if (in) {
        row.setBytesIn(Math.round(s.value()));
      } else {
        row.setBytesOut(Math.round(s.value()));
      }
    }
    return new ArrayList<>(topics.values());
  }

  /** status-go's NonProtectedShardIndex: the shard of community control messages. */
  public static final int COMMUNITIES_SHARD = 64;

  private List<Sample> query(String promql, Instant time, Instant deadline, List<String> warnings)
      throws PrometheusException {
    if (Instant.now().isAfter(deadline)) {
      throw new PrometheusException(
          PrometheusException.Reason.PrometheusUnreachable,
          "Prometheus answered too slowly: the analysis took longer than "
              + budget.toSeconds()
              + " s",
          null);
    }
    Answer answer = prometheus.query(promql, time);
    warnings.addAll(answer.warnings());
    return answer.samples();
  }

  private static Distribution networkWide(MetricsResults results, NodeFigure figure) {
    return switch (figure) {
      case BANDWIDTH_IN ->
          results.getBandwidthInBytesPerSecond() == null
              ? set(results::setBandwidthInBytesPerSecond)
              : results.getBandwidthInBytesPerSecond();
      case BANDWIDTH_OUT ->
          results.getBandwidthOutBytesPerSecond() == null
              ? set(results::setBandwidthOutBytesPerSecond)
              : results.getBandwidthOutBytesPerSecond();
      case PEERS -> results.getPeers() == null ? set(results::setPeers) : results.getPeers();
      // CPU and memory are reported per group only: nwaku and status-backend do not mix.
      default -> null;
    };
  }

  private static Distribution groupFigure(
      Map<String, GroupMetrics> groups, String name, String role, NodeFigure figure) {
    GroupMetrics group =
        groups.computeIfAbsent(
            name,
            n -> {
              GroupMetrics g = new GroupMetrics();
              g.setName(n);
              g.setRole(role.isEmpty() ? null : role);
              return g;
            });
    Distribution existing =
        switch (figure) {
          case BANDWIDTH_IN -> group.getBandwidthInBytesPerSecond();
          case BANDWIDTH_OUT -> group.getBandwidthOutBytesPerSecond();
          case PEERS -> group.getPeers();
          case CPU_CORES -> group.getCpuCores();
          case MEMORY_BYTES -> group.getMemoryBytes();
        };
    if (existing != null) {
      return existing;
    }
    return switch (figure) {
      case BANDWIDTH_IN -> set(group::setBandwidthInBytesPerSecond);
      case BANDWIDTH_OUT -> set(group::setBandwidthOutBytesPerSecond);
      case PEERS -> set(group::setPeers);
      case CPU_CORES -> set(group::setCpuCores);
      case MEMORY_BYTES -> set(group::setMemoryBytes);
    };
  }

  private static Distribution set(java.util.function.Consumer<Distribution> setter) {
    Distribution d = new Distribution();
    setter.accept(d);
    return d;
  }

  private static void set(Distribution d, String stat, double value) {
    if (!Double.isFinite(value)) {
      return;
    }
    switch (stat) {
      case "mean" -> d.setMean(value);
      case "p95" -> d.setP95(value);
      case "max" -> d.setMax(value);
      case "count" -> d.setNodes((int) Math.round(value));
      default -> {}
    }
  }

  private static TrafficMetrics row(Map<String, TrafficMetrics> rows, Sample s) {
    String kind = s.label("traffic");
    String clientKind = s.label("client_kind");
    return rows.computeIfAbsent(
        kind + "/" + clientKind,
        k -> {
          TrafficMetrics row = new TrafficMetrics();
          row.setKind(kind);
          row.setClientKind(clientKind);
          return row;
        });
  }
}

package io.chatnet.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatnet.operator.analysis.PromQl.NodeFigure;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PromQlTest {
  static final Instant START = Instant.parse("2026-11-20T10:00:00.250Z");
  static final Instant END = Instant.parse("2026-11-20T10:10:00.250Z");
  final PromQl promql = new PromQl("ns-a", "lab", "exp", START, END);

  @Test
  void perNodeFiguresCoverExactlyTheWindowEndingAtItsEnd() {
    assertThat(promql.perNode(NodeFigure.BANDWIDTH_IN))
        .isEqualTo(
            "sum by (chatnet_group, chatnet_role, pod) (rate(libp2p_network_bytes_total"
                + "{namespace=\"ns-a\",chatnet_network=\"lab\",chatnet_group!=\"\",direction=\"in\"}"
                + "[600000ms] @ 1795169400.250))");
    assertThat(promql.perNode(NodeFigure.MEMORY_BYTES))
        .isEqualTo(
            "avg by (chatnet_group, chatnet_role, pod) (avg_over_time(process_resident_memory_bytes"
                + "{namespace=\"ns-a\",chatnet_network=\"lab\",chatnet_group!=\"\"}"
                + "[600000ms] @ 1795169400.250))");
  }

  @Test
  void aDistributionTagsMeanP95MaxAndCountOverallAndPerGroup() {
    String q = promql.distribution(NodeFigure.PEERS);
    String perNode = promql.perNode(NodeFigure.PEERS);
    assertThat(q)
        .startsWith(
            "label_replace(avg (" + perNode + "), \"chatnet_stat\", \"mean\", \"\", \"\") or ")
        .contains("label_replace(quantile (0.95, " + perNode + "), \"chatnet_stat\", \"p95\"")
        .contains(
            "label_replace(count by (chatnet_group, chatnet_role) ("
                + perNode
                + "), \"chatnet_stat\", \"count\", \"\", \"\")");
    assertThat(q.split(" or ")).hasSize(8);
  }

  @Test
  void loadGeneratorQueriesSelectTheExperimentAndMergeShardsBucketByBucket() {
    assertThat(promql.trafficCounts())
        .contains(
            "sum by (traffic, client_kind) (increase(chatnet_loadgen_messages_expected_total"
                + "{namespace=\"ns-a\",chatnet_experiment=\"exp\"}[600000ms] @ 1795169400.250))");
    assertThat(promql.latencyQuantiles())
        .contains(
            "histogram_quantile(0.95, sum by (traffic, client_kind, le)"
                + " (increase(chatnet_loadgen_latency_seconds_bucket"
                + "{namespace=\"ns-a\",chatnet_experiment=\"exp\"}[600000ms] @ 1795169400.250)))"
                + ", \"chatnet_stat\", \"p95\"");
    assertThat(promql.wakuMessages())
        .isEqualTo(
            "sum(increase({__name__=~\"waku_node_messages_total|logos_delivery_node_messages_total\","
                + "namespace=\"ns-a\",chatnet_network=\"lab\",type=\"relay\"}"
                + "[600000ms] @ 1795169400.250))");
  }

  @Test
  void labelValuesAreEscapedAndAnEmptyWindowIsRefused() {
    assertThat(new PromQl("n\"s", "a\\b", "e", START, END).wakuMessages())
        .contains("namespace=\"n\\\"s\",chatnet_network=\"a\\\\b\"");
    assertThatThrownBy(() -> new PromQl("ns", "lab", "exp", END, END))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty window");
  }
}

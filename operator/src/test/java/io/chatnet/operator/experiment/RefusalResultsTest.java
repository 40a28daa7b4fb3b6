package io.chatnet.operator.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Figures;
import io.chatnet.contract.Summary;
import io.chatnet.operator.api.ExperimentCriteria;
import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.TrafficResult;
import io.chatnet.operator.api.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RLN refusals in the results: merged over shards, their share per traffic kind, absent (never
 * zero) for summaries that did not count them, and bounded by criteria.maxRefusedShare.
 */
class RefusalResultsTest {
  static Summary shard(int index, String kind, Figures figures) {
    return new Summary(
        ContractJson.VERSION,
        "exp",
        index,
        Instant.EPOCH,
        0,
        new Summary.Clients(4, 4, 0, Map.of()),
        2,
        0,
        Map.of(),
        Map.of(kind, figures),
        Map.of(),
        0,
        0,
        false,
        null,
        0);
  }

  static Figures figures(long sent, long failed, Long refused, Map<String, Long> bySender) {
    return new Figures(
        sent, failed, sent, sent, 0, 0, 0, sent, 1.0, null, 0, refused, bySender, null);
  }

  @Test
  void refusalsAddUpOverShardsWithTheirShareOfAttemptedSends() {
    ExperimentResults results =
        SummaryAggregator.aggregate(
            List.of(
                shard(0, "oneToOne", figures(60, 10, 30L, Map.of("mobile", 30L))),
                shard(1, "oneToOne", figures(80, 0, 20L, Map.of("mobile", 15L, "desktop", 5L)))));
    TrafficResult r = results.getOneToOne();
    assertThat(r.getRefused()).isEqualTo(50);
    assertThat(r.getRefusedBySender())
        .containsExactly(Map.entry("desktop", 5L), Map.entry("mobile", 45L));
    assertThat(r.getRefusedShare()).isEqualTo(50.0 / (140 + 10 + 50));
    // Delivery stays over accepted messages.
    assertThat(r.getDeliveryRatio()).isEqualTo(1.0);
  }

  @Test
  void summariesThatDidNotCountRefusalsLeaveThemAbsentNotZero() throws Exception {
    // A version 2 summary as the load generator wrote it before refusals: no refused fields.
    Summary old = shard(0, "relay", new Figures(10, 1, 20, 20, 0, 0, 0, 0, 1.0, null, 0));
    String json = ContractJson.MAPPER.writeValueAsString(old);
    assertThat(json).doesNotContain("refused");
    Summary read = ContractJson.MAPPER.readValue(json, Summary.class);
    assertThat(read.traffic().get("relay").refused()).isNull();
    TrafficResult r = SummaryAggregator.aggregate(List.of(read)).getRelay();
    assertThat(r.getRefused()).isNull();
    assertThat(r.getRefusedShare()).isNull();
    assertThat(r.getRefusedBySender()).isNull();
    // One shard that counted (0 refused) makes the count present: zero is then a measurement.
    TrafficResult mixed =
        SummaryAggregator.aggregate(List.of(read, shard(1, "relay", figures(5, 0, 0L, Map.of()))))
            .getRelay();
    assertThat(mixed.getRefused()).isZero();
    assertThat(mixed.getRefusedShare()).isZero();
  }

  @Test
  void maxRefusedShareJudgesEveryKindAndMissesWhenNotCounted() {
    ExperimentCriteria criteria = new ExperimentCriteria();
    criteria.setMaxRefusedShare(0.2);
    ExperimentResults results =
        SummaryAggregator.aggregate(
            List.of(
                shard(0, "oneToOne", figures(90, 0, 10L, Map.of("mobile", 10L))),
                shard(0, "relay", figures(50, 0, 50L, Map.of("relay", 50L)))));
    Verdict verdict = VerdictJudge.judge(criteria, results);
    assertThat(verdict.getResult()).isEqualTo(VerdictJudge.FAILED);
    assertThat(verdict.getReasons())
        .containsExactly(
            "oneToOne refused share 0.1000 <= 0.2000: ok",
            "relay refused share 0.5000 <= 0.2000: missed");

    criteria.setMaxRefusedShare(0.5);
    assertThat(VerdictJudge.judge(criteria, results).getResult()).isEqualTo(VerdictJudge.PASSED);

    ExperimentResults uncounted =
        SummaryAggregator.aggregate(
            List.of(shard(0, "oneToOne", new Figures(9, 0, 9, 9, 0, 0, 0, 9, 1.0, null, 0))));
    Verdict missing = VerdictJudge.judge(criteria, uncounted);
    assertThat(missing.getResult()).isEqualTo(VerdictJudge.FAILED);
    assertThat(missing.getReasons())
        .containsExactly("oneToOne refused share n/a <= 0.5000: missed");
  }
}

package io.chatnet.operator.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Figures;
import io.chatnet.contract.Summary;
import io.chatnet.operator.api.ExperimentCriteria;
import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.TrafficResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sends dropped at a shard's send bound in the results: summed over shards, absent (never zero)
 * when no shard's summary counted them.
 */
class DroppedResultsTest {
  static Figures figures(long sent, Long dropped) {
    return new Figures(sent, 0, sent, sent, 0, 0, 0, sent, 1.0, null, 0, 0L, Map.of(), dropped);
  }

  @Test
  void droppedSendsAddUpOverShardsAndLeaveSentAndDeliveryAlone() {
    TrafficResult r =
        SummaryAggregator.aggregate(
                List.of(
                    RefusalResultsTest.shard(0, "privateGroups", figures(100, 40L)),
                    RefusalResultsTest.shard(1, "privateGroups", figures(90, 0L)),
                    RefusalResultsTest.shard(2, "privateGroups", figures(80, 2L))))
            .getPrivateGroups();
    assertThat(r.getDropped()).isEqualTo(42);
    assertThat(r.getSent()).isEqualTo(270);
    assertThat(r.getFailed()).isZero();
    assertThat(r.getDeliveryRatio()).isEqualTo(1.0);
  }

  @Test
  void summariesWrittenBeforeTheBoundLeaveDroppedAbsentNotZero() throws Exception {
    Summary old =
        RefusalResultsTest.shard(
            0, "oneToOne", new Figures(10, 0, 10, 10, 0, 0, 0, 0, 1.0, null, 0));
    String json = ContractJson.MAPPER.writeValueAsString(old);
    assertThat(json).doesNotContain("dropped");
    Summary read = ContractJson.MAPPER.readValue(json, Summary.class);
    assertThat(SummaryAggregator.aggregate(List.of(read)).getOneToOne().getDropped()).isNull();
    // One shard that counted (0 dropped) makes the count present: zero is then a measurement.
    TrafficResult mixed =
        SummaryAggregator.aggregate(
                List.of(read, RefusalResultsTest.shard(1, "oneToOne", figures(5, 0L))))
            .getOneToOne();
    assertThat(mixed.getDropped()).isZero();
  }

  @Test
  void droppedSendsFailTheVerdictAsALoadNotReached() {
    ExperimentCriteria criteria = new ExperimentCriteria();
    criteria.setMinDeliveryRatio(0.99);
    ExperimentResults results =
        SummaryAggregator.aggregate(
            List.of(
                RefusalResultsTest.shard(0, "privateGroups", figures(100, 40L)),
                RefusalResultsTest.shard(1, "oneToOne", figures(90, 0L))));
    var verdict = VerdictJudge.judge(criteria, results);
    // delivery held for what was sent; the 40 sends never made fail the run all the same
    assertThat(verdict.getResult()).isEqualTo(VerdictJudge.FAILED);
    assertThat(verdict.getReasons())
        .contains("privateGroups delivery ratio 1.000 >= 0.9900: ok")
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("privateGroups sends dropped 40 of 140 due")
                    .endsWith("offered load not reached: missed"))
        .noneSatisfy(line -> assertThat(line).startsWith("oneToOne sends dropped"));

    // no drop counted (zero, or summaries from before the bound): the same figures pass
    ExperimentResults none =
        SummaryAggregator.aggregate(
            List.of(
                RefusalResultsTest.shard(0, "privateGroups", figures(100, 0L)),
                RefusalResultsTest.shard(
                    1, "oneToOne", new Figures(10, 0, 10, 10, 0, 0, 0, 0, 1.0, null, 0))));
    assertThat(VerdictJudge.judge(criteria, none).getResult()).isEqualTo(VerdictJudge.PASSED);
  }
}

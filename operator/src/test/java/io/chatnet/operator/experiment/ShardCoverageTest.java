package io.chatnet.operator.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.contract.PhaseWindow;
import io.chatnet.contract.Summary;
import io.chatnet.operator.api.ExperimentCriteria;
import io.chatnet.operator.api.PartialShard;
import io.chatnet.operator.api.Verdict;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Killed load generator shards (issue 15): what the results cover, who is named, and how the
 * verdict treats a partial run.
 */
class ShardCoverageTest {
  static final Instant FROM = Instant.parse("2026-12-01T12:00:00Z");
  static final Instant END = FROM.plusSeconds(100);

  static Summary measured(int shard, Instant from, Instant to) {
    return SummaryMergeTest.shard(shard, null, 100)
        .withMeasurements(
            null,
            null,
            null,
            null,
            Map.of(Summary.MEASURED_PHASE, new PhaseWindow(from, to)),
            null);
  }

  static Pod killed(int index, String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .addToAnnotations(ShardFailures.INDEX_ANNOTATION, String.valueOf(index))
        .endMetadata()
        .withNewStatus()
        .withPhase("Failed")
        .addNewContainerStatus()
        .withName("loadgen")
        .withNewState()
        .withNewTerminated()
        .withExitCode(137)
        .withReason("Error")
        .endTerminated()
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }

  @Test
  void everyShardOverTheWholeWindowIsWhole() {
    ShardCoverage c =
        ShardCoverage.of(
            2,
            FROM,
            END,
            List.of(
                measured(0, FROM.plusMillis(180), END.plusMillis(150)),
                measured(1, FROM.plusMillis(20), END.plusMillis(190))),
            List.of());
    assertThat(c.share()).isEqualTo(1.0);
    assertThat(c.partial()).isEmpty();
    assertThat(c.partialRun()).isFalse();
  }

  @Test
  void aKilledShardRetriedLateIsNamedWithItsShareAndItsKilledAttempt() {
    ShardCoverage c =
        ShardCoverage.of(
            2,
            FROM,
            END,
            List.of(measured(0, FROM, END), measured(1, FROM.plusSeconds(40), END)),
            List.of(killed(1, "exp-loadgen-1-abc")));
    assertThat(c.share()).isEqualTo(0.8); // (1 + 0.6) / 2
    PartialShard p = c.partial().get(0);
    assertThat(p.getIndex()).isEqualTo(1);
    assertThat(p.getCoveredShare()).isEqualTo(0.6);
    assertThat(p.getMeasuredFrom()).isEqualTo(FROM.plusSeconds(40).toString());
    assertThat(p.getFailedAttempts()).isEqualTo("pod exp-loadgen-1-abc: exit code 137 (Error)");
    assertThat(c.line(List.of()))
        .isEqualTo(
            "partial: shards 1 (60%) measured less than the window; the results cover 80% of the"
                + " planned shard-windows");
  }

  @Test
  void aShardWhoseSummaryIsMissingCoversNothingAndTheMergeSaysPartial() {
    // shard 1 was killed and its retries ran out: no summary, nothing of it counted anywhere
    List<Summary> read = List.of(measured(0, FROM, END), measured(2, FROM, END));
    ShardCoverage c = ShardCoverage.of(3, FROM, END, read, List.of(killed(1, "p1")));
    assertThat(c.share()).isEqualTo(0.6667);
    assertThat(c.partialRun()).isTrue();
    assertThat(c.line(List.of(1))).startsWith("partial: shards 1 (0%, no summary)");
    // the merged figures are those of the shards that reported: no receipt of shard 1 is lost
    var merged = SummaryAggregator.aggregate(read);
    assertThat(merged.getOneToOne().getSent()).isEqualTo(200);
    assertThat(merged.getOneToOne().getLost()).isZero();
  }

  @Test
  void aRetryBeforeTheStartIsNamedButWhole() {
    ShardCoverage c =
        ShardCoverage.of(1, FROM, END, List.of(measured(0, FROM, END)), List.of(killed(0, "p0")));
    assertThat(c.share()).isEqualTo(1.0);
    assertThat(c.partial()).extracting(PartialShard::getCoveredShare).containsExactly(1.0);
  }

  @Test
  void withoutMinShardCoverageAPartialRunThatWouldPassIsIncomplete() {
    ShardCoverage c = new ShardCoverage(0.8, List.of());
    Verdict v = verdict(VerdictJudge.PASSED);
    c.judge(new ExperimentCriteria(), v, "partial: ...");
    assertThat(v.getResult()).isEqualTo(VerdictJudge.INCOMPLETE);
    assertThat(v.getReasons()).containsExactly("partial: ...");
  }

  @Test
  void minShardCoverageJudgesThePartialRunOnWhatWasMeasured() {
    ExperimentCriteria criteria = new ExperimentCriteria();
    criteria.setMinShardCoverage(0.75);
    Verdict passes = verdict(VerdictJudge.PASSED);
    new ShardCoverage(0.8, List.of()).judge(criteria, passes, "partial: ...");
    assertThat(passes.getResult()).isEqualTo(VerdictJudge.PASSED);
    assertThat(passes.getReasons())
        .containsExactly("shard coverage 0.8000 >= 0.7500: ok", "partial: ...");
    Verdict misses = verdict(VerdictJudge.PASSED);
    new ShardCoverage(0.6, List.of()).judge(criteria, misses, "partial: ...");
    assertThat(misses.getResult()).isEqualTo(VerdictJudge.FAILED);
    Verdict failed = verdict(VerdictJudge.FAILED);
    new ShardCoverage(0.8, List.of()).judge(criteria, failed, "partial: ...");
    assertThat(failed.getResult()).isEqualTo(VerdictJudge.FAILED);
  }

  static Verdict verdict(String result) {
    Verdict v = new Verdict();
    v.setResult(result);
    return v;
  }
}

package io.chatnet.operator.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Figures;
import io.chatnet.contract.LatencyHistograms;
import io.chatnet.contract.LatencySummary;
import io.chatnet.contract.Summary;
import io.chatnet.operator.api.TrafficResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The experiment's percentiles are those of every receipt of every shard, not the worst shard's.
 */
class SummaryMergeTest {

  static Summary shard(int index, LatencySummary latency, long received) {
    Figures figures =
        new Figures(received, 0, received, received, 0, 0, 0, received, 1.0, latency, 0);
    return new Summary(
        "exp",
        index,
        Instant.EPOCH,
        0,
        new Summary.Clients(10, 10, 0, Map.of()),
        5,
        0,
        Map.of(),
        Map.of("oneToOne", figures),
        Map.of(),
        0,
        0,
        false,
        null);
  }

  static double exact(long[] sorted, double q) {
    return sorted[(int) Math.ceil(q * sorted.length) - 1] / 1000.0;
  }

  @Test
  void mergedPercentilesEqualAnExactComputationOverAllReceipts() throws Exception {
    Random random = new Random(7);
    LongSupplier[] shapes = {
      () -> (long) (40_000 * Math.exp(0.5 * random.nextGaussian())), // fast, narrow
      () -> 100_000 + (long) (random.nextDouble() * 900_000), // slow, uniform to 1 s
      () -> random.nextDouble() < 0.97 ? 20_000 : 4_000_000 + random.nextInt(2_000_000) // tail
    };
    int[] sizes = {40_000, 15_000, 9_000};
    Map<String, String> messages = new LinkedHashMap<>();
    List<Long> every = new ArrayList<>();
    for (int s = 0; s < shapes.length; s++) {
      Histogram h = LatencyHistograms.create();
      for (int i = 0; i < sizes[s]; i++) {
        long micros = shapes[s].getAsLong();
        LatencyHistograms.record(h, micros);
        every.add(micros);
      }
      // Through the wire, as the reconciler hands the termination messages over.
      messages.put(String.valueOf(s), ContractJson.write(shard(s, LatencySummary.of(h), sizes[s])));
    }
    ShardSummaries.Read read = ShardSummaries.read(messages);
    assertThat(read.problems()).isEmpty();
    assertThat(read.unreadable()).isEmpty();
    TrafficResult r = SummaryAggregator.aggregate(read.summaries()).getOneToOne();

    long[] all = every.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(all);
    double p50 = exact(all, 0.50);
    double p95 = exact(all, 0.95);
    double p99 = exact(all, 0.99);
    assertThat(r.getLatencyP50Millis()).isCloseTo(p50, within(p50 * 0.01));
    assertThat(r.getLatencyP95Millis()).isCloseTo(p95, within(p95 * 0.01));
    assertThat(r.getLatencyP99Millis()).isCloseTo(p99, within(p99 * 0.01));
    double max = all[all.length - 1] / 1000.0;
    assertThat(r.getLatencyMaxMillis()).isCloseTo(max, within(max * 0.01));
    // Not the largest shard's: the slow shard's p50 alone is several times the merged one.
    double worstShardP50 =
        read.summaries().stream()
            .mapToDouble(x -> x.traffic().get("oneToOne").latencyMillis().p50())
            .max()
            .orElseThrow();
    assertThat(worstShardP50).isGreaterThan(3 * r.getLatencyP50Millis());
    assertThat(r.getReceived()).isEqualTo(all.length);
  }

  @Test
  void aShardWithoutItsHistogramLeavesTheUpperBound() {
    Histogram fast = LatencyHistograms.create();
    LatencyHistograms.record(fast, 10_000);
    Histogram slow = LatencyHistograms.create();
    LatencyHistograms.record(slow, 500_000);
    TrafficResult r =
        SummaryAggregator.aggregate(
                List.of(
                    shard(0, LatencySummary.of(fast), 1),
                    shard(1, LatencySummary.of(slow).withHistogram(null), 1)))
            .getOneToOne();
    assertThat(r.getLatencyP50Millis()).isCloseTo(500.0, within(5.0));
  }

  @Test
  void aSummaryOfAnUnknownVersionIsAProblemAndUnreadableOnesAreNamed() {
    Map<String, String> messages = new LinkedHashMap<>();
    messages.put("0", ContractJson.write(shard(0, null, 1)));
    messages.put("1", "{\"contractVersion\": 9, \"shard\": 1}");
    messages.put("2", "refusing the plan: the plan has no contractVersion");
    ShardSummaries.Read read = ShardSummaries.read(messages);
    assertThat(read.summaries()).hasSize(1);
    assertThat(read.unreadable()).containsExactly("2");
    assertThat(read.problems())
        .singleElement()
        .asString()
        .contains("shard 1")
        .contains("contractVersion 9")
        .contains("knows contractVersion [1, 2]");
  }
}

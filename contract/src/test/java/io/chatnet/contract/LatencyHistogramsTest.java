package io.chatnet.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyHistogramsTest {

  /** Exact nearest-rank percentile, in milliseconds, as the load generator used to compute it. */
  static double exact(long[] sortedMicros, double q) {
    int index = (int) Math.ceil(q * sortedMicros.length) - 1;
    return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, index))] / 1000.0;
  }

  @Test
  void mergedShardsGivePercentilesOfAllReceiptsWithinOnePercent() {
    Random random = new Random(14);
    // Three shards, three shapes: log-normal around 80 ms, uniform 5..400 ms, and bimodal
    // (fast, plus a tail of store-recovered messages around 3 s).
    LongSupplier[] shapes = {
      () -> (long) (80_000 * Math.exp(0.6 * random.nextGaussian())),
      () -> 5_000 + (long) (random.nextDouble() * 395_000),
      () ->
          random.nextDouble() < 0.9
              ? 2_000 + (long) (random.nextDouble() * 30_000)
              : 2_500_000 + (long) (random.nextDouble() * 1_000_000)
    };
    int[] sizes = {50_000, 20_000, 7_000};
    Histogram merged = LatencyHistograms.create();
    long[] all = new long[Arrays.stream(sizes).sum()];
    int n = 0;
    for (int s = 0; s < shapes.length; s++) {
      Histogram shard = LatencyHistograms.create();
      for (int i = 0; i < sizes[s]; i++) {
        long micros = shapes[s].getAsLong();
        LatencyHistograms.record(shard, micros);
        all[n++] = micros;
      }
      // As the operator gets it: encoded in the shard's summary, decoded and added.
      String wire = LatencyHistograms.encode(shard);
      merged.add(LatencyHistograms.decode(wire));
    }
    Arrays.sort(all);
    assertThat(merged.getTotalCount()).isEqualTo(all.length);
    for (double q : new double[] {0.50, 0.90, 0.95, 0.99, 0.999}) {
      double truth = exact(all, q);
      assertThat(LatencyHistograms.percentileMillis(merged, q * 100))
          .as("p%s", q * 100)
          .isCloseTo(truth, within(truth * 0.01));
    }
    double max = all[all.length - 1] / 1000.0;
    assertThat(merged.getMaxValue() / 1000.0).isCloseTo(max, within(max * 0.01));
  }

  @Test
  void aCoarseCopyIsSmallAndWithinItsStatedPrecision() {
    // The kubelet keeps 4096 bytes of a termination message, for all three kinds and the counts:
    // a very wide distribution (1 million receipts, log-normal sigma 1.5) does not fit at two
    // digits, and does at one.
    Random random = new Random(1);
    Histogram wide = LatencyHistograms.create();
    long[] all = new long[1_000_000];
    for (int i = 0; i < all.length; i++) {
      all[i] = (long) (50_000 * Math.exp(1.5 * random.nextGaussian()));
      LatencyHistograms.record(wide, all[i]);
    }
    assertThat(LatencyHistograms.encode(wide).length()).isGreaterThan(3000);
    String coarse = LatencyHistograms.coarse(LatencyHistograms.encode(wide));
    assertThat(coarse.length()).isLessThan(1000);
    Histogram read = LatencyHistograms.decode(coarse);
    assertThat(read.getNumberOfSignificantValueDigits()).isEqualTo(1);
    assertThat(read.getTotalCount()).isEqualTo(all.length);
    Arrays.sort(all);
    for (double q : new double[] {0.50, 0.95, 0.99}) {
      double truth = Math.max(1, all[(int) Math.ceil(q * all.length) - 1]) / 1000.0;
      assertThat(LatencyHistograms.percentileMillis(read, q * 100))
          .as("p%s", q * 100)
          .isCloseTo(truth, within(truth / 16));
    }
  }

  @Test
  void summariesOfAnotherVersionAreNamed() throws Exception {
    assertThat(ContractJson.versionProblem("summary", ContractJson.VERSION)).isEmpty();
    assertThat(ContractJson.versionProblem("plan", 0).orElseThrow())
        .contains("has no contractVersion")
        .contains("knows contractVersion [1, 2]");
    Summary read = ContractJson.readSummary("{\"contractVersion\": 7, \"shard\": 2}");
    assertThat(ContractJson.versionProblem("summary", read.contractVersion()).orElseThrow())
        .contains("contractVersion 7");
  }
}

package io.chatnet.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class SoakVerdictTest {
  static final long MIB = 1024 * 1024;

  /** A loop of 30 samples 30 s apart, heap per index, then two drain samples with empty memos. */
  static List<SoakSample> soak(
      IntFunction<Long> heapMiB,
      IntFunction<Integer> networkWrites,
      IntFunction<Integer> podMonitorMemo,
      IntFunction<Integer> jobs) {
    List<SoakSample> samples = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      samples.add(
          new SoakSample(
              60 + 30L * i,
              SoakSample.LOOP,
              1.0,
              400 * MIB,
              heapMiB.apply(i) * MIB,
              Map.of("network-podmonitors", podMonitorMemo.apply(i), "enrs", 20),
              Map.of("exp-jobs", jobs.apply(i), "net-statefulsets", 50),
              networkWrites.apply(i),
              20,
              0,
              2,
              10,
              10));
    }
    for (int i = 0; i < 2; i++) {
      samples.add(
          new SoakSample(
              1000 + 30L * i,
              SoakSample.DRAIN,
              1.0,
              400 * MIB,
              90 * MIB,
              Map.of("network-podmonitors", 0, "enrs", 20),
              Map.of("exp-jobs", 0, "net-statefulsets", 0),
              0,
              0,
              0,
              0,
              0,
              0));
    }
    return samples;
  }

  @Test
  void aFlatSoakPasses() {
    SoakVerdict v = SoakVerdict.judge(soak(i -> 100L + i % 3, i -> 0, i -> 10, i -> i % 2 * 10));
    assertThat(v.failures()).isEmpty();
    assertThat(v.writesPerExperimentFirst()).isEqualTo(10.0);
    assertThat(Math.abs(v.heapGrowthMiB())).isLessThan(5);
  }

  @Test
  void aHeapGrowingAMiBASampleIsNotFlat() {
    // 1 MiB per 30 s: 20 MiB over the last two thirds, over 5 MiB and 5% of the mean
    SoakVerdict v = SoakVerdict.judge(soak(i -> 100L + i, i -> 0, i -> 10, i -> 10));
    assertThat(v.failures()).singleElement().asString().contains("heap after GC grew");
    assertThat(v.heapSlopeMiBPerHour()).isCloseTo(120.0, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void writesToAReadyNetworkFail() {
    SoakVerdict v = SoakVerdict.judge(soak(i -> 100L, i -> i == 17 ? 3 : 0, i -> 10, i -> 10));
    assertThat(v.failures()).containsExactly("3 writes to networks' objects at 570 s");
  }

  @Test
  void aMemoAboveTheLiveNetworksFails() {
    SoakVerdict v = SoakVerdict.judge(soak(i -> 100L, i -> 0, i -> 10 + i / 20, i -> 10));
    assertThat(v.failures())
        .hasSize(10)
        .allSatisfy(f -> assertThat(f).startsWith("memo network-podmonitors holds 11 > 10"));
  }

  @Test
  void anInformerWhoseObjectsAccumulateFails() {
    SoakVerdict v = SoakVerdict.judge(soak(i -> 100L, i -> 0, i -> 10, i -> 10 + i));
    assertThat(v.failures()).singleElement().asString().startsWith("informer exp-jobs grew");
  }

  @Test
  void aMemoLeftAfterEverythingIsDeletedFails() {
    List<SoakSample> samples = new ArrayList<>(soak(i -> 100L, i -> 0, i -> 10, i -> 10));
    SoakSample end = samples.remove(samples.size() - 1);
    samples.add(
        new SoakSample(
            end.seconds(),
            end.stage(),
            1.0,
            end.residentBytes(),
            end.heapAfterGcBytes(),
            Map.of("network-podmonitors", 2),
            end.objects(),
            0,
            0,
            0,
            0,
            0,
            0));
    SoakVerdict v = SoakVerdict.judge(samples);
    assertThat(v.failures())
        .containsExactly("memo network-podmonitors holds 2 after everything was deleted");
  }
}

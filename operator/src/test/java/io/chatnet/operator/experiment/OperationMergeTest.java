package io.chatnet.operator.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chatnet.contract.CatchUpFigures;
import io.chatnet.contract.ContactRequestFigures;
import io.chatnet.contract.ContractJson;
import io.chatnet.contract.GroupCreationFigures;
import io.chatnet.contract.LatencyHistograms;
import io.chatnet.contract.LatencySummary;
import io.chatnet.contract.OperationFigures;
import io.chatnet.contract.PhaseWindow;
import io.chatnet.contract.Summary;
import io.chatnet.operator.api.CatchUpResult;
import io.chatnet.operator.api.ContactRequestResult;
import io.chatnet.operator.api.LatencyPercentiles;
import io.chatnet.operator.api.OperationResults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The measured operations merged over shards equal an independent computation over every timing and
 * count of every shard: counts summed, rates recomputed from the sums, percentiles over all timings
 * (within the histograms' 1%), not the worst shard's.
 */
public class OperationMergeTest {
  static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");

  /** Every timing of every shard, by measurement, for the exact side. */
  private final Map<String, List<Long>> every = new LinkedHashMap<>();

  private final Random random = new Random(16);

  /** {@code n} timings of one shape (a shard's own), recorded for the exact side under key. */
  private LatencySummary timings(String key, int n, long baseMicros, long spreadMicros) {
    Histogram h = LatencyHistograms.create();
    for (int i = 0; i < n; i++) {
      long micros = baseMicros + (long) (random.nextDouble() * spreadMicros);
      LatencyHistograms.record(h, micros);
      every.computeIfAbsent(key, k -> new ArrayList<>()).add(micros);
    }
    return LatencySummary.of(h);
  }

  private Summary shard(int index) {
    long scale = index + 1L; // shards differ: shard 2 is three times as slow as shard 0
    Map<String, OperationFigures> logins = new LinkedHashMap<>();
    Map<String, ContactRequestFigures> contacts = new LinkedHashMap<>();
    Map<String, GroupCreationFigures> groups = new LinkedHashMap<>();
    List<CatchUpFigures> catchUp = new ArrayList<>();
    for (String kind : List.of("desktop", "mobile")) {
      long slow = kind.equals("mobile") ? 4 : 1;
      logins.put(
          kind,
          new OperationFigures(
              50, 48, 2, timings("login/" + kind, 48, 200_000 * scale, 800_000 * slow)));
      // planned 75 = failed 1 + accepted 24 + declined 25 + ignored 22 + unanswered 1
      //   + answerFailed 1 + undelivered 1
      contacts.put(
          kind,
          new ContactRequestFigures(
              75,
              74,
              1,
              72,
              24,
              25,
              22,
              1,
              1,
              1,
              (24 + 25 + 22) / 75.0,
              timings("roundTrip/" + kind, 24, 300_000 * scale, 2_000_000 * slow),
              timings("delivery/" + kind, 72, 100_000 * scale, 900_000 * slow)));
      groups.put(
          kind,
          new GroupCreationFigures(
              5, 5, 0, 4, 1, timings("group/" + kind, 4, 1_000_000 * scale, 3_000_000)));
      for (int offline : List.of(10, 60)) {
        catchUp.add(
            new CatchUpFigures(
                kind,
                offline,
                6,
                5,
                4,
                30 + index,
                28 + index,
                2,
                2.0 / (30 + index),
                180,
                timings(
                    "catchUp/" + kind + "/" + offline,
                    4,
                    500_000L * offline / 10,
                    1_000_000 * scale * slow)));
      }
    }
    Map<String, PhaseWindow> phases =
        Map.of(
            Summary.IDLE_PHASE,
            new PhaseWindow(T0.plusSeconds(60 + index), T0.plusSeconds(660 - index)),
            Summary.MEASURED_PHASE,
            new PhaseWindow(T0.plusSeconds(690), T0.plusSeconds(990 + index)));
    return new Summary(
            2,
            "exp",
            index,
            T0,
            0,
            new Summary.Clients(100, 96, 4, Map.of()),
            0,
            0,
            Map.of(),
            Map.of(),
            Map.of(),
            0,
            0,
            false,
            null,
            0)
        .withMeasurements(
            logins,
            contacts,
            groups,
            catchUp,
            phases,
            Map.of("senders", 30, "silent", 10 + index, "unchatting", 60 - index));
  }

  /** Nearest-rank percentile over every timing, in milliseconds: the independent side. */
  public static double exact(List<Long> timings, double q) {
    long[] sorted = timings.stream().mapToLong(Long::longValue).sorted().toArray();
    return sorted[(int) Math.ceil(q * sorted.length) - 1] / 1000.0;
  }

  private void matches(LatencyPercentiles merged, String key) {
    List<Long> all = every.get(key);
    assertThat(merged.getCount()).as(key).isEqualTo(all.size());
    for (double q : new double[] {0.50, 0.95, 0.99}) {
      double exact = exact(all, q);
      double got =
          q == 0.50
              ? merged.getP50Millis()
              : q == 0.95 ? merged.getP95Millis() : merged.getP99Millis();
      assertThat(got).as("%s p%s", key, q * 100).isCloseTo(exact, within(exact * 0.01 + 0.001));
    }
    double max = all.stream().mapToLong(Long::longValue).max().orElseThrow() / 1000.0;
    assertThat(merged.getMaxMillis()).as(key + " max").isBetween(max, max * 1.01);
  }

  private OperationResults mergedThroughTheWire(int shards) {
    Map<String, String> messages = new LinkedHashMap<>();
    for (int s = 0; s < shards; s++) {
      messages.put(String.valueOf(s), ContractJson.write(shard(s)));
    }
    ShardSummaries.Read read = ShardSummaries.read(messages);
    assertThat(read.problems()).isEmpty();
    assertThat(read.unreadable()).isEmpty();
    return SummaryAggregator.aggregate(read.summaries()).getOperations();
  }

  @Test
  void countsAddUpAndPercentilesCoverEveryShardsTimings() {
    OperationResults ops = mergedThroughTheWire(3);

    assertThat(ops.getLogin()).extracting("clientKind").containsExactly("desktop", "mobile");
    assertThat(ops.getLogin().get(1).getAttempted()).isEqualTo(150);
    assertThat(ops.getLogin().get(1).getSucceeded()).isEqualTo(144);
    assertThat(ops.getLogin().get(1).getFailed()).isEqualTo(6);
    matches(ops.getLogin().get(0).getTime(), "login/desktop");
    matches(ops.getLogin().get(1).getTime(), "login/mobile");

    ContactRequestResult mobile = ops.getContactRequests().get(1);
    assertThat(mobile.getClientKind()).isEqualTo("mobile");
    assertThat(mobile.getPlanned()).isEqualTo(225);
    assertThat(mobile.getAccepted()).isEqualTo(72);
    assertThat(mobile.getUndelivered()).isEqualTo(3);
    assertThat(mobile.getSuccessRate()).isEqualTo((3 * 71) / 225.0);
    assertThat(mobile.getDeliveredRatio()).isEqualTo(216 / 225.0);
    matches(mobile.getRoundTrip(), "roundTrip/mobile");
    matches(mobile.getDelivery(), "delivery/mobile");
    matches(ops.getContactRequests().get(0).getRoundTrip(), "roundTrip/desktop");

    assertThat(ops.getGroupCreation().get(0).getComplete()).isEqualTo(12);
    assertThat(ops.getGroupCreation().get(0).getIncomplete()).isEqualTo(3);
    matches(ops.getGroupCreation().get(0).getTime(), "group/desktop");

    assertThat(ops.getCatchUp())
        .extracting(r -> r.getClientKind() + "/" + r.getOfflineSeconds())
        .containsExactly("desktop/10", "desktop/60", "mobile/10", "mobile/60");
    CatchUpResult c = ops.getCatchUp().get(3);
    assertThat(c.getSpells()).isEqualTo(18);
    assertThat(c.getMissed()).isEqualTo(30 + 31 + 32);
    assertThat(c.getNeverArrived()).isEqualTo(6);
    assertThat(c.getNeverArrivedRatio()).isEqualTo(6.0 / 93);
    assertThat(c.getWindowSeconds()).isEqualTo(180);
    for (CatchUpResult row : ops.getCatchUp()) {
      matches(row.getTime(), "catchUp/" + row.getClientKind() + "/" + row.getOfflineSeconds());
    }

    assertThat(ops.getPhases()).extracting("phase").containsExactly("idle", "measured");
    assertThat(ops.getPhases().get(0).getFrom()).isEqualTo(T0.plusSeconds(60).toString());
    assertThat(ops.getPhases().get(0).getTo()).isEqualTo(T0.plusSeconds(660).toString());
    assertThat(ops.getPhases().get(1).getTo()).isEqualTo(T0.plusSeconds(992).toString());
    assertThat(ops.getRoles().getSilent()).isEqualTo(33);
    assertThat(ops.getRoles().getUnchatting()).isEqualTo(177);
  }

  @Test
  void aShardWithoutHistogramsLeavesTheLargestShardsPercentilesAnUpperBound() {
    Summary coarse = shard(0);
    Summary dropped = shard(2).withHistograms(h -> null);
    OperationResults ops = SummaryAggregator.aggregate(List.of(coarse, dropped)).getOperations();
    LatencyPercentiles p = ops.getLogin().get(0).getTime();
    assertThat(p.getCount()).isNull();
    assertThat(p.getP95Millis())
        .isEqualTo(
            Math.max(
                coarse.logins().get("desktop").latencyMillis().p95(),
                dropped.logins().get("desktop").latencyMillis().p95()));
  }

  @Test
  void sectionsAShardLeftOutOfItsTerminationMessageAreNamed() {
    Summary full = shard(0);
    Summary trimmed = shard(1).omitting("roles").omitting("logins");
    OperationResults ops = SummaryAggregator.aggregate(List.of(trimmed, full)).getOperations();
    assertThat(ops.getOmitted()).containsExactly("shard 1: roles, logins");
    assertThat(ops.getLogin().get(1).getAttempted())
        .isEqualTo(full.logins().get("mobile").attempted());
    assertThat(SummaryAggregator.aggregate(List.of(full)).getOperations().getOmitted()).isEmpty();
  }

  @Test
  void versionOneSummariesHaveNoOperations() {
    Summary v1 = SummaryMergeTest.shard(0, null, 10);
    assertThat(SummaryAggregator.aggregate(List.of(v1)).getOperations()).isNull();
  }
}

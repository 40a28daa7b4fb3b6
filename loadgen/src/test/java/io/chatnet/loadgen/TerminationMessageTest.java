package io.chatnet.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Figures;
import io.chatnet.contract.LatencyHistograms;
import io.chatnet.contract.LatencySummary;
import io.chatnet.contract.Summary;
import io.chatnet.loadgen.client.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The termination message is where the operator reads a shard's figures: it must stay JSON. */
class TerminationMessageTest {
  static Summary summary(int failures) {
    Map<String, String> failed = new LinkedHashMap<>();
    for (int i = 0; i < failures; i++) {
      failed.put("net-mobile-" + i, "login timed out after 120 s: no node.login signal ü");
    }
    Figures figures =
        new Figures(
            1000, 2, 2000, 1990, 3, 1, 9, 995, 0.995, new LatencySummary(20, 40, 60, 90, 22), 0);
    return new Summary(
        ContractJson.VERSION,
        "exp",
        3,
        Instant.parse("2026-11-26T08:00:00Z"),
        12,
        new Summary.Clients(200, 200 - failures, failures, failed),
        50,
        4,
        failed,
        Map.of("oneToOne", figures, "privateGroups", figures),
        Map.of("offline", 7),
        0,
        1,
        false,
        null,
        0);
  }

  @Test
  void aSmallSummaryIsWrittenWhole() throws Exception {
    Summary small = summary(2);
    String message = Main.terminationMessage(small);
    assertThat(Json.MAPPER.readValue(message, Summary.class)).isEqualTo(small);
  }

  @Test
  void aLargeSummaryDropsItsFailureListsAndStaysReadable() throws Exception {
    Summary large = summary(80);
    assertThat(Json.MAPPER.writeValueAsString(large).getBytes(StandardCharsets.UTF_8).length)
        .isGreaterThan(Main.MAX_TERMINATION_MESSAGE);

    String message = Main.terminationMessage(large);

    assertThat(message.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(Main.MAX_TERMINATION_MESSAGE);
    Summary read = Json.MAPPER.readValue(message, Summary.class);
    assertThat(read.traffic()).isEqualTo(large.traffic());
    assertThat(read.clients().failed()).isEqualTo(80);
    assertThat(read.clients().failures()).isEmpty();
    assertThat(read.setupFailures()).isEmpty();
  }

  @Test
  void wideHistogramsAreCoarsenedToFitAndStayMergeable() throws Exception {
    // Three kinds of traffic, each a very wide latency distribution: at two significant digits
    // their histograms alone exceed what the kubelet keeps.
    java.util.Random random = new java.util.Random(3);
    Map<String, Figures> traffic = new LinkedHashMap<>();
    for (String kind : new String[] {"oneToOne", "privateGroups", "relay"}) {
      org.HdrHistogram.Histogram h = LatencyHistograms.create();
      for (int i = 0; i < 200_000; i++) {
        LatencyHistograms.record(h, (long) (60_000 * Math.exp(1.2 * random.nextGaussian())));
      }
      traffic.put(
          kind, new Figures(1000, 0, 2000, 2000, 0, 0, 0, 1000, 1.0, LatencySummary.of(h), 0));
    }
    Summary small = summary(0);
    Summary wide = Main.withHistograms(small, x -> x);
    wide =
        new Summary(
            wide.contractVersion(),
            wide.experiment(),
            wide.shard(),
            wide.plannedStart(),
            wide.startSkewMillis(),
            wide.clients(),
            wide.pairs(),
            wide.groups(),
            wide.setupFailures(),
            traffic,
            wide.behaviours(),
            wide.foreignReceipts(),
            wide.signalReconnects(),
            wide.stoppedEarly(),
            wide.relay(),
            wide.expiredReceipts());
    assertThat(ContractJson.write(wide).getBytes(StandardCharsets.UTF_8).length)
        .isGreaterThan(Main.MAX_TERMINATION_MESSAGE);

    String message = Main.terminationMessage(wide);

    assertThat(message.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(Main.MAX_TERMINATION_MESSAGE);
    Summary read = ContractJson.readSummary(message);
    for (String kind : traffic.keySet()) {
      LatencySummary latency = read.traffic().get(kind).latencyMillis();
      // The shard's own percentiles stay exact to two digits; the histogram is the coarse copy.
      assertThat(latency.p99()).isEqualTo(traffic.get(kind).latencyMillis().p99());
      org.HdrHistogram.Histogram h = LatencyHistograms.decode(latency.histogram());
      assertThat(h.getNumberOfSignificantValueDigits())
          .isEqualTo(LatencyHistograms.COARSE_SIGNIFICANT_DIGITS);
      assertThat(h.getTotalCount()).isEqualTo(200_000);
    }
  }
}

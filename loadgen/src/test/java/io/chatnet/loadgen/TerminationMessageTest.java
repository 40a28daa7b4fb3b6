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
        null);
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
    Summary wide = small.withHistograms(x -> x);
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

  @Test
  void everyVersion2MeasurementKeepsItsFiguresWhenTheHistogramsMustGo() throws Exception {
    // The widest summary issue 16 produces: three traffic kinds, logins, contact requests and
    // group creations of both kinds, catch-up for both kinds at three offline lengths.
    java.util.Random random = new java.util.Random(16);
    java.util.function.Supplier<LatencySummary> wide =
        () -> {
          org.HdrHistogram.Histogram h = LatencyHistograms.create();
          for (int i = 0; i < 50_000; i++) {
            LatencyHistograms.record(h, (long) (60_000 * Math.exp(1.2 * random.nextGaussian())));
          }
          return LatencySummary.of(h);
        };
    Map<String, Figures> traffic = new LinkedHashMap<>();
    for (String kind : new String[] {"oneToOne", "privateGroups", "relay"}) {
      traffic.put(
          kind, new Figures(100000, 10, 200000, 199990, 5, 3, 10, 99990, 0.99995, wide.get(), 0));
    }
    Map<String, io.chatnet.contract.OperationFigures> logins = new LinkedHashMap<>();
    Map<String, io.chatnet.contract.ContactRequestFigures> contacts = new LinkedHashMap<>();
    Map<String, io.chatnet.contract.GroupCreationFigures> groups = new LinkedHashMap<>();
    java.util.List<io.chatnet.contract.CatchUpFigures> catchUp = new java.util.ArrayList<>();
    for (String kind : new String[] {"desktop", "mobile"}) {
      logins.put(kind, new io.chatnet.contract.OperationFigures(5000, 4990, 10, wide.get()));
      contacts.put(
          kind,
          new io.chatnet.contract.ContactRequestFigures(
              3000, 2990, 10, 2980, 990, 1000, 990, 5, 3, 2, 0.993333, wide.get(), wide.get()));
      groups.put(
          kind, new io.chatnet.contract.GroupCreationFigures(500, 498, 2, 497, 1, wide.get()));
      for (int seconds : new int[] {30, 300, 3600}) {
        catchUp.add(
            new io.chatnet.contract.CatchUpFigures(
                kind, seconds, 1200, 1100, 1090, 54321, 54000, 321, 0.005909, 3660, wide.get()));
      }
    }
    java.time.Instant t = java.time.Instant.parse("2026-12-02T01:00:00.123456Z");
    Summary full =
        new Summary(
                "an-experiment-with-a-long-name-dst-private-chats-contact-requests",
                12,
                t,
                1234,
                new Summary.Clients(5000, 4990, 10, Map.of()),
                2000,
                500,
                Map.of(),
                traffic,
                Map.of(
                    "offline",
                    1200,
                    "offlineFailed",
                    0,
                    "offlineUnsupported",
                    0,
                    "background",
                    0,
                    "backgroundFailed",
                    0,
                    "backgroundUnsupported",
                    0,
                    "failed",
                    0),
                12,
                3,
                false,
                null)
            .withMeasurements(
                logins,
                contacts,
                groups,
                catchUp,
                Map.of(
                    Summary.CONTACT_REQUESTS_PHASE,
                    new io.chatnet.contract.PhaseWindow(t, t.plusSeconds(60)),
                    Summary.IDLE_PHASE,
                    new io.chatnet.contract.PhaseWindow(t.plusSeconds(60), t.plusSeconds(360)),
                    Summary.MEASURED_PHASE,
                    new io.chatnet.contract.PhaseWindow(t.plusSeconds(390), t.plusSeconds(990))),
                Map.of("senders", 3000, "silent", 1000, "unchatting", 1000));

    String message = Main.terminationMessage(full);
    assertThat(message.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(Main.MAX_TERMINATION_MESSAGE);
    Summary read = ContractJson.readSummary(message);
    // Without histograms it is still too long: the least needed sections go, and say so.
    assertThat(read.omitted()).isNotEmpty();
    assertThat(Summary.OMISSION_ORDER).startsWith(read.omitted().toArray(String[]::new));
    assertThat(read.omitted()).doesNotContain("catchUp");
    assertThat(read.catchUp()).hasSize(6);
    assertThat(read.catchUp().get(5).catchUpMillis().p99())
        .isEqualTo(catchUp.get(5).catchUpMillis().p99());
    assertThat(read.phases()).hasSize(3);
    assertThat(read.traffic()).hasSize(3);

    // DST's contact-request scenario on both kinds (logins, requests, groups, no catch-up) keeps
    // every section, without histograms.
    Summary contactScenario =
        ContractJson.readSummary(
            Main.terminationMessage(
                full.withMeasurements(
                    logins, contacts, groups, null, full.phases(), full.roles())));
    assertThat(contactScenario.omitted()).isNull();
    assertThat(contactScenario.contactRequests().get("mobile").successRate()).isEqualTo(0.993333);
    assertThat(contactScenario.logins()).hasSize(2);
  }
}

package io.chatnet.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.loadgen.client.Json;
import io.chatnet.loadgen.measure.DeliveryTracker.Figures;
import io.chatnet.loadgen.measure.DeliveryTracker.LatencySummary;
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
}

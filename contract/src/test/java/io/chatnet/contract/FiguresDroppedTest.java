package io.chatnet.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Figures' dropped count in the contract's JSON: written when counted, absent (null) before. */
class FiguresDroppedTest {
  @Test
  void droppedRoundTrips() throws Exception {
    Figures figures =
        new Figures(90, 2, 90, 88, 0, 0, 2, 0, 88 / 90.0, null, 0, 3L, Map.of("relay", 3L), 17L);
    String json = ContractJson.write(figures);
    assertThat(json).contains("\"dropped\":17");
    Figures read = ContractJson.MAPPER.readValue(json, Figures.class);
    assertThat(read).isEqualTo(figures);
  }

  @Test
  void figuresWrittenBeforeTheBoundReadDroppedAsAbsentNotZero() throws Exception {
    Figures read =
        ContractJson.MAPPER.readValue(
            """
            {"sent": 90, "failed": 2, "expected": 90, "received": 88, "duplicates": 0, "late": 0,
             "lost": 2, "acked": 0, "unknown": 0, "refused": 3}
            """,
            Figures.class);
    assertThat(read.dropped()).isNull();
    assertThat(read.refused()).isEqualTo(3);
  }

  @Test
  void theOlderConstructorLeavesDroppedAbsent() {
    assertThat(new Figures(1, 0, 1, 1, 0, 0, 0, 0, 1.0, null, 0).dropped()).isNull();
    assertThat(ContractJson.write(new Figures(1, 0, 1, 1, 0, 0, 0, 0, 1.0, null, 0)))
        .doesNotContain("dropped");
  }
}

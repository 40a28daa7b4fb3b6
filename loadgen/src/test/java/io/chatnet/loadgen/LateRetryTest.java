package io.chatnet.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Plan;
import io.chatnet.loadgen.client.Json;
import io.chatnet.loadgen.standin.StatusBackendStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A shard retried after its window ended runs nothing and says so in its termination message. */
class LateRetryTest {
  @Test
  void aShardStartedAfterTheWindowTouchesNoClientAndSaysWhy(@TempDir Path dir) throws Exception {
    try (StatusBackendStandIn standIn = new StatusBackendStandIn(2)) {
      Instant start = Instant.now().minusSeconds(100);
      Plan plan =
          new Plan(
              ContractJson.VERSION,
              "late",
              start,
              10,
              60,
              2,
              "s",
              List.of(
                  new Plan.ClientRef("c0", standIn.url(0), "desktop"),
                  new Plan.ClientRef("c1", standIn.url(1), "desktop")),
              null,
              List.of(),
              new Plan.Traffic(new Plan.OneToOne(1, 60, 64), null, null),
              null,
              new Plan.ClientSettings("chatnet", "/f.json", false, false, false, true, false, 9100),
              4,
              null,
              15);
      Path planFile = dir.resolve("plan.json");
      Json.MAPPER.writeValue(planFile.toFile(), plan);
      Path termination = dir.resolve("termination-log");
      long started = System.nanoTime();
      int code =
          new CommandLine(new Main())
              .execute(
                  "--plan", planFile.toString(),
                  "--shard", "1",
                  "--metrics-port", "0",
                  "--summary", dir.resolve("summary.json").toString(),
                  "--termination-log", termination.toString());
      assertThat(code).isZero();
      assertThat(Files.readString(termination))
          .startsWith("shard 1 started at ")
          .endsWith(
              ", after the measured window ended at "
                  + start.plusSeconds(70)
                  + ": nothing left to measure");
      assertThat(standIn.requests).isEmpty();
      // no post-window wait either (it would last up to 3 x 15 s): nothing was served
      assertThat((System.nanoTime() - started) / 1_000_000_000).isLessThan(30);
    }
  }
}

package io.chatnet.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatnet.contract.Plan;
import io.chatnet.loadgen.client.Json;
import io.chatnet.loadgen.standin.StatusBackendStandIn;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load generator as the Job runs it: its own process, Prometheus metrics on a port, and a
 * SIGTERM in the middle of the window that still leaves a summary (marked stopped early).
 */
@Tag("run") // runs the load generator in real time: make unit leaves it out
class MainProcessTest {
  @Test
  void servesMetricsAndStillSummarisesWhenTerminated(@TempDir Path dir) throws Exception {
    try (StatusBackendStandIn standIn = new StatusBackendStandIn(8)) {
      List<Plan.ClientRef> clients = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        clients.add(new Plan.ClientRef("c" + i, standIn.url(i), i < 4 ? "desktop" : "mobile"));
      }
      Plan plan =
          new Plan(
              "sigterm",
              Instant.now().plusSeconds(3),
              0,
              120,
              1,
              "s",
              clients,
              null,
              List.of(),
              new Plan.Traffic(new Plan.OneToOne(4, 600, 128), null, null),
              null,
              new Plan.ClientSettings("chatnet", "/f.json", false, false, false, true, false, 9100),
              4,
              null,
              0);
      Path planFile = dir.resolve("plan.json");
      Json.MAPPER.writeValue(planFile.toFile(), plan);
      int port = freePort();
      Path summary = dir.resolve("summary.json");
      Path termination = dir.resolve("termination-log");
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  Main.class.getName(),
                  "--plan",
                  planFile.toString(),
                  "--metrics-port",
                  String.valueOf(port),
                  "--summary",
                  summary.toString(),
                  "--termination-log",
                  termination.toString(),
                  "--grace-seconds",
                  "1")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("out.log").toFile())
              .start();
      try {
        HttpClient http = HttpClient.newHttpClient();
        // Both client kinds receive, at their own pace: wait for every series, then check them.
        List<String> series =
            List.of(
                "chatnet_loadgen_latency_seconds_bucket{client_kind=\"desktop\",traffic=\"oneToOne\"",
                "chatnet_loadgen_messages_sent_total{client_kind=\"desktop\",traffic=\"oneToOne\"}",
                "chatnet_loadgen_messages_received_total{client_kind=\"mobile\",traffic=\"oneToOne\"}",
                "chatnet_loadgen_messages_expected_total{client_kind=\"mobile\",traffic=\"oneToOne\"}",
                "chatnet_loadgen_clients{state=\"ready\"} 8.0");
        await("messages flowing, seen in the metrics")
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(() -> series.stream().allMatch(scrape(http, port)::contains));
        assertThat(scrape(http, port)).contains(series);

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        process.destroyForcibly();
      }
      JsonNode written = Json.MAPPER.readTree(summary.toFile());
      assertThat(written.path("stoppedEarly").asBoolean()).isTrue();
      assertThat(written.path("traffic").path("oneToOne").path("sent").asLong()).isPositive();
      assertThat(Json.MAPPER.readTree(Files.readString(termination)).path("experiment").asText())
          .isEqualTo("sigterm");
    }
  }

  static String scrape(HttpClient http, int port) throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void refusesAPlanWhosePairsItsClientsCannotFormBeforeDoingAnything(@TempDir Path dir)
      throws Exception {
    List<Plan.ClientRef> clients = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      // Unreachable clients: a refused plan must not try to log anyone in.
      clients.add(new Plan.ClientRef("c" + i, "http://127.0.0.1:9", "desktop"));
    }
    Plan plan =
        new Plan(
            "refused",
            Instant.now().plusSeconds(3),
            0,
            60,
            1,
            "s",
            clients,
            null,
            List.of(),
            new Plan.Traffic(new Plan.OneToOne(3, 6, 128), null, null),
            null,
            null,
            4,
            null,
            0);
    Path planFile = dir.resolve("plan.json");
    Json.MAPPER.writeValue(planFile.toFile(), plan);
    Path termination = dir.resolve("termination-log");
    int exit =
        new picocli.CommandLine(new Main())
            .execute(
                "--plan",
                planFile.toString(),
                "--metrics-port",
                "0",
                "--summary",
                dir.resolve("summary.json").toString(),
                "--termination-log",
                termination.toString());
    assertThat(exit).isEqualTo(3);
    assertThat(java.nio.file.Files.readString(termination))
        .isEqualTo(
            "refusing the plan: traffic.oneToOne.pairs=3 needs 6 clients (a client chats in at most"
                + " one pair or group), the plan has 5 status-backend clients");
    assertThat(dir.resolve("summary.json")).doesNotExist();
  }

  @Test
  void refusesAPlanOfAContractVersionItDoesNotKnow(@TempDir Path dir) throws Exception {
    Path planFile = dir.resolve("plan.json");
    // A plan from a newer operator: it may mean other things by the same fields.
    java.nio.file.Files.writeString(
        planFile,
        "{\"contractVersion\": 99, \"experiment\": \"future\", \"startAt\":"
            + " \"2030-01-01T00:00:00Z\", \"shards\": 1, \"durationSeconds\": 60}");
    Path termination = dir.resolve("termination-log");
    int exit =
        new picocli.CommandLine(new Main())
            .execute(
                "--plan",
                planFile.toString(),
                "--metrics-port",
                "0",
                "--summary",
                dir.resolve("summary.json").toString(),
                "--termination-log",
                termination.toString());
    assertThat(exit).isEqualTo(3);
    assertThat(java.nio.file.Files.readString(termination))
        .startsWith("refusing the plan: the plan has contractVersion 99;")
        .contains("this build knows contractVersion [1, 2]");
    assertThat(dir.resolve("summary.json")).doesNotExist();
  }
}

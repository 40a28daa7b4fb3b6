package io.chatnet.loadgen.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The post-window wait sees a real GET /metrics, and never waits past its bound. */
class ScrapeWatchTest {
  @Test
  void aScrapeAfterTheWindowEndsTheWaitAndNoScrapeTimesOut() throws Exception {
    LoadMetrics metrics = new LoadMetrics();
    ScrapeWatch watch = ScrapeWatch.on(metrics.registry);
    try (HTTPServer server =
        HTTPServer.builder()
            .hostname("127.0.0.1")
            .port(0)
            .registry(metrics.registry)
            .buildAndStart()) {
      URI uri = URI.create("http://127.0.0.1:" + server.getPort() + "/metrics");
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> before =
          http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(before.body()).contains("chatnet_loadgen_signal_reconnects_total");
      Instant windowEnd = Instant.now().plusMillis(300);

      // A scrape before the window's end does not count: the wait runs out, bounded.
      long started = System.nanoTime();
      assertThat(watch.awaitScrapeAfter(windowEnd, Duration.ofMillis(200))).isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

      // One after it ends the wait as soon as it happens.
      CompletableFuture<Boolean> waiting =
          CompletableFuture.supplyAsync(
              () -> watch.awaitScrapeAfter(windowEnd, Duration.ofSeconds(20)));
      Thread.sleep(500);
      assertThat(waiting).isNotDone();
      http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(waiting.get()).isTrue();
      assertThat(watch.lastScrape()).isAfterOrEqualTo(windowEnd);
    }
  }
}

package io.chatnet.testkit.prometheus;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Debian's {@code /usr/bin/prometheus} on a loopback port with a temporary data directory, for
 * tests. Data comes from backfilled OpenMetrics files (exact values, see {@link SyntheticNetwork})
 * and/or from scrape configs of exporters the test runs. {@link #close()} stops the process and
 * removes the directory; a JVM shutdown hook does the same if a test never gets to close it.
 *
 * <pre>{@code
 * try (PrometheusServer prometheus =
 *     PrometheusServer.builder().backfill(fixture).start()) {
 *   JsonNode result = prometheus.query("sum(libp2p_peers)", fixture.window().end());
 * }
 * }</pre>
 */
public final class PrometheusServer implements AutoCloseable {
  static final String BINARY_PROPERTY = "chatnet.prometheus.binary";
  static final String BINARY_ENV = "CHATNET_PROMETHEUS_BINARY";
  static final Path DEFAULT_BINARY = Path.of("/usr/bin/prometheus");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path directory;
  private final int port;
  private final Thread shutdownHook;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PrometheusServer(Process process, Path directory, int port) {
    this.process = process;
    this.directory = directory;
    this.port = port;
    this.shutdownHook = new Thread(this::stop, "prometheus-stop-" + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A port free on loopback right now (for a URL that must be known before the start). */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  /** Base URL of the HTTP API, e.g. {@code http://127.0.0.1:40123}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  /** The TSDB directory (with {@code prometheus.log} beside it in the parent). */
  public Path dataDir() {
    return directory.resolve("data");
  }

  /**
   * Runs an instant query at {@code time} and returns {@code data.result} (a JSON array for
   * vectors); a query error fails with Prometheus's message.
   */
  public JsonNode query(String promql, Instant time) {
    String form =
        "query="
            + URLEncoder.encode(promql, StandardCharsets.UTF_8)
            + "&time="
            + String.format(Locale.ROOT, "%.3f", time.toEpochMilli() / 1000.0);
    HttpRequest request =
        HttpRequest.newBuilder(url().resolve("/api/v1/query"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      if (!"success".equals(body.path("status").asText())) {
        throw new IllegalStateException(
            "query " + promql + " failed: " + body.path("error").asText(response.body()));
      }
      return body.path("data").path("result");
    } catch (IOException e) {
      throw new UncheckedIOException("query " + promql + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * GETs another API path (e.g. {@code /api/v1/targets}) and returns its {@code data} field; an
   * error answer fails with Prometheus's message.
   */
  public JsonNode api(String pathAndQuery) {
    HttpRequest request =
        HttpRequest.newBuilder(url().resolve(pathAndQuery)).timeout(Duration.ofSeconds(30)).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      if (!"success".equals(body.path("status").asText())) {
        throw new IllegalStateException(
            pathAndQuery + " failed: " + body.path("error").asText(response.body()));
      }
      return body.path("data");
    } catch (IOException e) {
      throw new UncheckedIOException(pathAndQuery + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Waits until an instant query at the current time returns at least one series. */
  public JsonNode awaitSeries(String promql, Duration timeout) {
    JsonNode[] last = new JsonNode[1];
    await("series for " + promql)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(
            () -> {
              last[0] = query(promql, Instant.now());
              return last[0].size() > 0;
            });
    return last[0];
  }

  /** Stops Prometheus and deletes its directory. */
  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down; the hook runs (harmlessly) again
    }
  }

  private synchronized void stop() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteTree(directory);
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover temp directory is not worth failing a test for
    }
  }

  /** What to start Prometheus with. */
  public static final class Builder {
    private final List<Path> backfills = new ArrayList<>();
    private final List<SyntheticNetwork> fixtures = new ArrayList<>();
    private String scrapeConfigs = "";
    private Duration scrapeInterval = Duration.ofSeconds(1);
    private Integer port;
    private Duration startupTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /** Backfills an OpenMetrics file (explicit timestamps, ending in {@code # EOF}). */
    public Builder backfill(Path openMetrics) {
      backfills.add(openMetrics);
      return this;
    }

    /** Backfills a synthetic fixture's series. */
    public Builder backfill(SyntheticNetwork fixture) {
      fixtures.add(fixture);
      return this;
    }

    /**
     * YAML list items for {@code scrape_configs:} (each starting with {@code - job_name:}),
     * indented as top-level list items. Scraped data lands in the head block: do not combine with
     * backfilled data that ends after now, which would put those samples out of bounds.
     */
    public Builder scrapeConfigs(String yaml) {
      this.scrapeConfigs = yaml;
      return this;
    }

    public Builder scrapeInterval(Duration interval) {
      this.scrapeInterval = interval;
      return this;
    }

    /** A fixed port (default: a free one). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = timeout;
      return this;
    }

    public PrometheusServer start() {
      Path binary = Binaries.find(BINARY_PROPERTY, BINARY_ENV, DEFAULT_BINARY, "prometheus");
      Path directory;
      try {
        directory = Files.createTempDirectory("chatnet-prometheus-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temporary directory", e);
      }
      Process process = null;
      try {
        Path data = Files.createDirectories(directory.resolve("data"));
        for (int i = 0; i < fixtures.size(); i++) {
          Path file = directory.resolve("fixture-" + i + ".om");
          fixtures.get(i).writeOpenMetrics(file);
          Promtool.createBlocks(file, data);
        }
        for (Path file : backfills) {
          Promtool.createBlocks(file, data);
        }
        Path config = directory.resolve("prometheus.yml");
        Files.writeString(config, config(), StandardCharsets.UTF_8);
        int chosen = port != null ? port : freePort();
        Path log = directory.resolve("prometheus.log");
        process =
            new ProcessBuilder(
                    binary.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + data,
                    // Backfilled blocks may lie weeks away from now; keep them.
                    "--storage.tsdb.retention.time=100y",
                    "--web.listen-address=127.0.0.1:" + chosen,
                    "--log.level=info")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, directory, chosen);
        awaitReady(server, process, log);
        return server;
      } catch (IOException | RuntimeException e) {
        if (process != null) {
          process.destroyForcibly();
        }
        deleteTree(directory);
        if (e instanceof IOException io) {
          throw new UncheckedIOException("cannot start prometheus", io);
        }
        throw (RuntimeException) e;
      }
    }

    private String config() {
      String interval = scrapeInterval.toMillis() + "ms";
      return "global:\n"
          + "  scrape_interval: "
          + interval
          + "\n  evaluation_interval: "
          + interval
          + "\nscrape_configs:"
          + (scrapeConfigs.isBlank() ? " []\n" : "\n" + scrapeConfigs.stripTrailing() + "\n");
    }

    private void awaitReady(PrometheusServer server, Process process, Path log) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpRequest ready =
          HttpRequest.newBuilder(server.url().resolve("/-/ready"))
              .timeout(Duration.ofSeconds(2))
              .build();
      try {
        await("prometheus ready on port " + server.port())
            .atMost(startupTimeout)
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> {
                  if (!process.isAlive()) {
                    return true;
                  }
                  try {
                    return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode()
                        == 200;
                  } catch (IOException e) {
                    return false;
                  }
                });
      } catch (ConditionTimeoutException e) {
        server.close();
        throw new IllegalStateException(
            "prometheus did not become ready within " + startupTimeout + ":\n" + tail(log), e);
      }
      if (!process.isAlive()) {
        String output = tail(log);
        server.close();
        throw new IllegalStateException(
            "prometheus exited with " + process.exitValue() + " at start:\n" + output);
      }
    }

    private static String tail(Path log) {
      try {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
      } catch (IOException e) {
        return "(no log: " + e.getMessage() + ")";
      }
    }
  }
}

package io.chatnet.testkit.prometheus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code promtool}: backfills OpenMetrics text into TSDB blocks that a Prometheus started
 * on the same directory serves at once (no scraping, so values are exactly those written).
 */
public final class Promtool {
  static final String BINARY_PROPERTY = "chatnet.promtool.binary";
  static final String BINARY_ENV = "CHATNET_PROMTOOL_BINARY";
  static final Path DEFAULT_BINARY = Path.of("/usr/bin/promtool");

  private Promtool() {}

  /** Writes blocks for {@code openMetrics} into {@code dataDir} (a Prometheus storage path). */
  public static void createBlocks(Path openMetrics, Path dataDir) {
    Path binary = Binaries.find(BINARY_PROPERTY, BINARY_ENV, DEFAULT_BINARY, "promtool");
    try {
      Files.createDirectories(dataDir);
      Path log = Files.createTempFile("promtool-", ".log");
      try {
        Process process =
            new ProcessBuilder(
                    List.of(
                        binary.toString(),
                        "tsdb",
                        "create-blocks-from",
                        "openmetrics",
                        openMetrics.toString(),
                        dataDir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
          process.destroyForcibly();
          throw new IllegalStateException("promtool did not finish within 2 minutes");
        }
        if (process.exitValue() != 0) {
          throw new IllegalStateException(
              "promtool tsdb create-blocks-from openmetrics "
                  + openMetrics
                  + " failed (exit "
                  + process.exitValue()
                  + "):\n"
                  + Files.readString(log, StandardCharsets.UTF_8));
        }
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run promtool: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while promtool was running", e);
    }
  }
}

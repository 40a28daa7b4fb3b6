package io.chatnet.operator.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, run once per call with a fresh profile: no network, no first-run
 * work, a fixed device scale so screenshot pixels are CSS pixels. Every run is bounded in time.
 */
final class Chromium {
  static final Path BINARY = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
  private static final long TIMEOUT_SECONDS = 90;

  private final Path workDir;

  Chromium(Path workDir) {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(
          BINARY + " is missing: install Debian's chromium package (.ci/run does)");
    }
    this.workDir = workDir;
  }

  /** The DOM of {@code page} after it loaded and ran its scripts. */
  String dumpDom(Path page, int width, int height) throws IOException, InterruptedException {
    Path out = workDir.resolve(page.getFileName() + ".dom.html");
    run(
        List.of("--window-size=" + width + "," + height, "--dump-dom", page.toUri().toString()),
        out);
    return Files.readString(out);
  }

  /** A PNG of the first {@code width} by {@code height} CSS pixels of {@code page}. */
  void screenshot(Path page, int width, int height, Path png)
      throws IOException, InterruptedException {
    Files.deleteIfExists(png);
    run(
        List.of(
            "--window-size=" + width + "," + height,
            "--screenshot=" + png.toAbsolutePath(),
            page.toUri().toString()),
        workDir.resolve(png.getFileName() + ".stdout.txt"));
    if (!Files.isRegularFile(png)) {
      throw new IllegalStateException("Chromium wrote no screenshot; see " + workDir);
    }
  }

  private void run(List<String> args, Path stdout) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(workDir, "profile-");
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.addAll(
        List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--user-data-dir=" + profile));
    command.addAll(args);
    try {
      start(command, stdout);
    } finally {
      deleteTree(profile);
    }
  }

  private void start(List<String> command, Path stdout) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(workDir.resolve("chromium.stderr.txt").toFile())
            .start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException(
          "Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "Chromium exited with "
              + process.exitValue()
              + "; see "
              + workDir.resolve("chromium.stderr.txt"));
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

package io.chatnet.testkit.prometheus;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates Debian's Prometheus binaries, or says how to get them. */
final class Binaries {
  private Binaries() {}

  static Path find(String property, String env, Path fallback, String what) {
    String named = System.getProperty(property, System.getenv(env));
    Path path = named == null || named.isBlank() ? fallback : Path.of(named);
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(
          what
              + " not found at "
              + path
              + ": install Debian's prometheus package (apt-get install prometheus, which brings"
              + " /usr/bin/prometheus and /usr/bin/promtool) or set "
              + env
              + " to the binary");
    }
    return path;
  }
}

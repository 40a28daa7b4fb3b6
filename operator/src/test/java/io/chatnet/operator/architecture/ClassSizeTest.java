package io.chatnet.operator.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No operator main class is over {@value #MAX_LINES} lines, counting the whole file. */
class ClassSizeTest {
  static final int MAX_LINES = 400;

  /** Files allowed past the limit, each with who removes it: none now. */
  static final Set<String> EXEMPT = Set.of();

  @Test
  void noMainClassOverTheLimit() throws IOException {
    assertEquals(List.of(), offenders(Path.of("src/main/java"), MAX_LINES, EXEMPT));
  }

  @Test
  void anOversizedFileIsListed() throws IOException {
    // The check itself, on this very test tree with a limit every file passes: nothing may hide.
    List<String> all = offenders(Path.of("src/test/java"), 1, Set.of());
    assertEquals(
        true,
        all.stream()
            .anyMatch(o -> o.startsWith("io/chatnet/operator/architecture/ClassSizeTest.java: ")));
  }

  static List<String> offenders(Path root, int max, Set<String> exempt) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .sorted()
          .map(
              f -> {
                try {
                  String rel = root.relativize(f).toString();
                  long lines = Files.readAllLines(f).size();
                  return lines > max && !exempt.contains(rel)
                      ? rel + ": " + lines + " lines"
                      : null;
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .filter(java.util.Objects::nonNull)
          .toList();
    }
  }
}

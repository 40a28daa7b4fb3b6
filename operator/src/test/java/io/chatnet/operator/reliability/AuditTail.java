package io.chatnet.operator.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatnet.operator.AuditLog;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The API server's audit log read on from where the last read stopped, for the writes of one client
 * (user agent prefix): a soak asks every interval, and rereading a log of up to 200 MB each time
 * would cost more than the operator does. The API server rotates the log (audit-&lt;time&gt;.log
 * beside it); a rotation between two reads is followed into the rotated file.
 */
final class AuditTail {
  private static final Set<String> WRITES =
      Set.of("create", "update", "patch", "delete", "deletecollection");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;
  private final String agentPrefix;
  private long offset;
  private int rotations;

  /** Starts at the log's current end: only later writes are returned. */
  AuditTail(Path file, String agentPrefix) throws IOException {
    this.file = file;
    this.agentPrefix = agentPrefix;
    this.offset = Files.size(file);
  }

  /** The client's writes logged since the previous call. */
  List<AuditLog.Write> next() throws IOException {
    List<AuditLog.Write> writes = new ArrayList<>();
    long size = Files.size(file);
    if (size < offset) {
      // rotated: the rest of the old file is the newest rotated one
      rotated().ifPresent(old -> read(old, offset, writes));
      rotations++;
      offset = 0;
    }
    offset = read(file, offset, writes);
    return writes;
  }

  /** How many rotations the tail has followed. */
  int rotations() {
    return rotations;
  }

  private Optional<Path> rotated() throws IOException {
    String name = file.getFileName().toString();
    String stem = name.substring(0, name.lastIndexOf('.'));
    try (Stream<Path> files = Files.list(file.getParent())) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(stem + "-"))
          .max(Comparator.comparingLong(f -> f.toFile().lastModified()));
    }
  }

  /** Reads whole lines from {@code from}; returns the offset after the last whole line. */
  private long read(Path path, long from, List<AuditLog.Write> into) {
    try (RandomAccessFile in = new RandomAccessFile(path.toFile(), "r")) {
      long end = in.length();
      if (from >= end) {
        return from;
      }
      in.seek(from);
      byte[] bytes = new byte[(int) Math.min(end - from, Integer.MAX_VALUE - 16)];
      in.readFully(bytes);
      int last = bytes.length - 1;
      while (last >= 0 && bytes[last] != '\n') {
        last--;
      }
      String text = new String(bytes, 0, last + 1, StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        // parse only this client's lines: most of the log is kwok's and the controllers'
        if (line.contains("\"userAgent\":\"" + agentPrefix)) {
          write(JSON.readTree(line)).ifPresent(into::add);
        }
      }
      return from + last + 1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<AuditLog.Write> write(JsonNode e) {
    if (!WRITES.contains(e.path("verb").asText())) {
      return Optional.empty();
    }
    return Optional.of(
        new AuditLog.Write(
            Instant.parse(e.path("requestReceivedTimestamp").asText()),
            e.path("verb").asText(),
            e.path("objectRef").path("resource").asText(),
            e.path("objectRef").path("subresource").asText(null),
            e.path("objectRef").path("name").asText()));
  }
}

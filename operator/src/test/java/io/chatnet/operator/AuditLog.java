package io.chatnet.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the local API server's audit log: what a given client wrote, and when. */
public final class AuditLog {
  static final Set<String> WRITES =
      Set.of("create", "update", "patch", "delete", "deletecollection");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  public AuditLog(Path file) {
    this.file = file;
  }

  /** One write: verb, resource and name, as "patch statefulsets smoke-relay". */
  public record Write(Instant at, String verb, String resource, String subresource, String name) {
    @Override
    public String toString() {
      return verb + " " + resource + (subresource == null ? "" : "/" + subresource) + " " + name;
    }
  }

  /** Writes sent by a client with this user agent (prefix) since {@code since}. */
  public List<Write> writesBy(String userAgentPrefix, Instant since) {
    return writeEvents(userAgentPrefix, since).stream()
        .map(
            e ->
                new Write(
                    Instant.parse(e.path("requestReceivedTimestamp").asText()),
                    e.path("verb").asText(),
                    e.path("objectRef").path("resource").asText(),
                    e.path("objectRef").path("subresource").asText(null),
                    e.path("objectRef").path("name").asText()))
        .toList();
  }

  /**
   * Writes by a client with this user agent (prefix) that the authorizer refused (403), as "verb
   * URI". Reads are not in the local cluster's audit log; a refused read stops an informer instead.
   */
  public List<String> forbiddenWritesBy(String userAgentPrefix, Instant since) {
    return writeEvents(userAgentPrefix, since).stream()
        .filter(e -> e.path("responseStatus").path("code").asInt() == 403)
        .map(e -> e.path("verb").asText() + " " + e.path("requestURI").asText())
        .toList();
  }

  /**
   * Whom the writes of a client with this user agent (prefix) acted as: the impersonated user when
   * the client impersonated one, else the authenticated user.
   */
  public Set<String> writersBy(String userAgentPrefix, Instant since) {
    return writeEvents(userAgentPrefix, since).stream()
        .map(
            e ->
                e.path("impersonatedUser")
                    .path("username")
                    .asText(e.path("user").path("username").asText()))
        .collect(Collectors.toSet());
  }

  private List<JsonNode> writeEvents(String userAgentPrefix, Instant since) {
    try (var lines = Files.lines(file)) {
      return lines
          .map(AuditLog::parse)
          .filter(e -> e.path("userAgent").asText("").startsWith(userAgentPrefix))
          .filter(e -> WRITES.contains(e.path("verb").asText()))
          .filter(e -> !Instant.parse(e.path("requestReceivedTimestamp").asText()).isBefore(since))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      // an API server killed mid-write leaves a torn event; the restarted one appends its first
      // event to the same line: that event is whole, the torn one is lost with the process
      int next = line.lastIndexOf("{\"kind\":\"Event\"");
      if (next > 0) {
        return parse(line.substring(next));
      }
      throw new UncheckedIOException("unreadable audit line", e);
    }
  }
}

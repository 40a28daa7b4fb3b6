package io.chatnet.loadgen.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;

/**
 * Reads the answer to a send through CallRPC (one per message sent) with Jackson's streaming
 * parser, keeping only what the load generator uses: the mobile API's "error", the JSON-RPC "error"
 * and the client's id of the message, {@code result.messages[0].id}. The rest (status-go answers
 * with a whole MessengerResponse, chats included) is skipped without a tree or its strings: its
 * garbage sets how often the collector runs (bench/loadgen.md, "Garbage per message sent"). What it
 * gives and throws is what the tree reading gives ({@link StatusBackendClient#call} then {@link
 * StatusBackendClient#rpc} and {@code path("messages").path(0).path("id").asText("")}),
 * SendAnswerTest. Values that are not strings (rare) are read as trees, so they read as before.
 */
final class SendAnswer {
  private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

  private SendAnswer() {}

  /** The fields read from one answer; absent ones are null. */
  private static final class Fields {
    JsonNode error; // the top-level "error", any type
    String messageId = "";
  }

  /**
   * The message id of the answer in {@code bytes[offset, offset + length)}; throws {@link
   * StatusBackendException} as the tree reading does: "{@code function}: response is not JSON",
   * "{@code function}: <error>" for a non-empty error text, "{@code method}: <message>" for a
   * JSON-RPC error object.
   */
  static String messageId(String function, String method, byte[] bytes, int offset, int length) {
    Fields fields = new Fields();
    if (length > 0) {
      try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
        JsonToken first = p.nextToken();
        if (first == JsonToken.START_OBJECT) {
          readAnswer(p, fields);
        } else if (first != null) {
          p.skipChildren(); // not an object: no error, no result (a tree's path gives missing)
        }
      } catch (IOException e) {
        throw new StatusBackendException(
            function
                + ": response is not JSON: "
                + StatusBackendClient.abbreviate(
                    new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8)));
      }
    }
    JsonNode error = fields.error;
    String text = error == null ? "" : error.asText("");
    if (!text.isEmpty()) {
      throw new StatusBackendException(function + ": " + text);
    }
    if (error != null && error.isObject()) {
      throw new StatusBackendException(
          method + ": " + error.path("message").asText(error.toString()));
    }
    return fields.messageId;
  }

  /** The top-level object; a repeated key counts its last value, as a tree keeps it. */
  private static void readAnswer(JsonParser p, Fields fields) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if ("error".equals(field)) {
        fields.error = tree(p);
      } else if ("result".equals(field)) {
        fields.messageId = resultMessageId(p);
      } else {
        p.skipChildren();
      }
    }
  }

  /** The value the parser is at, as a tree holds it (JSON null as NullNode). */
  private static JsonNode tree(JsonParser p) throws IOException {
    JsonNode node = Json.MAPPER.readTree(p);
    return node == null ? NullNode.getInstance() : node;
  }

  /** {@code result.path("messages").path(0).path("id").asText("")}. */
  private static String resultMessageId(JsonParser p) throws IOException {
    String id = "";
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return id;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if ("messages".equals(field)) {
        id = firstMessageId(p);
      } else {
        p.skipChildren();
      }
    }
    return id;
  }

  /** {@code messages.path(0).path("id").asText("")}: the first element's id, if an object. */
  private static String firstMessageId(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      p.skipChildren();
      return "";
    }
    String id = "";
    boolean first = true;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (first && p.currentToken() == JsonToken.START_OBJECT) {
        id = objectId(p);
      } else {
        p.skipChildren();
      }
      first = false;
    }
    return id;
  }

  /** {@code path("id").asText("")} of the object the parser is at (its last "id"). */
  private static String objectId(JsonParser p) throws IOException {
    String id = "";
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if ("id".equals(field)) {
        id = value == JsonToken.VALUE_STRING ? p.getText() : tree(p).asText("");
      } else {
        p.skipChildren();
      }
    }
    return id;
  }
}

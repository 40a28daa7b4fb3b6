package io.chatnet.loadgen.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.chatnet.loadgen.client.Signal.Chat;
import io.chatnet.loadgen.client.Signal.ChatMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a signal frame. A messages.new (one per receipt on the event loop, and from status-go
 * several KB: each message with its parsed text, identicon and more, each chat with its last
 * message) is read with Jackson's streaming parser, keeping only the fields the load generator uses
 * and skipping the rest without building a tree or its strings: on one core the handling of each
 * receipt delays the reading of the frames behind it, and its garbage sets how often the collector
 * runs (bench/loadgen.md, "GC work on the receive path"). Other signals are rare and small, and are
 * read as trees. What it reads is what the tree reading gave ({@link #fromTree}, SignalParserTest).
 */
public final class SignalParser {
  private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

  private SignalParser() {}

  /** The signal in {@code bytes[offset, offset + length)}, received at the given instants. */
  public static Signal parse(byte[] bytes, int offset, int length, long nanos, long micros)
      throws IOException {
    try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(p, "a signal is a JSON object");
      }
      String type = null;
      Signal signal = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("type".equals(field) && signal == null) {
          type = value.isScalarValue() && value != JsonToken.VALUE_NULL ? p.getText() : "";
          if (!value.isScalarValue()) {
            p.skipChildren();
          }
        } else if ("event".equals(field) && type != null && signal == null) {
          signal =
              "messages.new".equals(type)
                  ? readMessagesNew(p, nanos, micros)
                  : new Signal(type, Json.MAPPER.readTree(p), nanos, micros);
        } else if ("type".equals(field) || "event".equals(field)) {
          // "event" before "type" (status-go writes type first: signal/signals.go Envelope), or a
          // repeated key: read the whole frame as a tree, as before
          return fromTree(Json.MAPPER.readTree(bytes, offset, length), nanos, micros);
        } else {
          p.skipChildren();
        }
      }
      if (signal != null) {
        return signal;
      }
      String t = type == null ? "" : type;
      return "messages.new".equals(t)
          ? Signal.messagesNew(List.of(), List.of(), nanos, micros)
          : new Signal(t, MissingNode.getInstance(), nanos, micros);
    }
  }

  /** The signal a whole-frame tree holds, read as the load generator reads it. */
  static Signal fromTree(JsonNode json, long nanos, long micros) {
    String type = json.path("type").asText();
    JsonNode event = json.path("event");
    if (!"messages.new".equals(type)) {
      return new Signal(type, event, nanos, micros);
    }
    List<ChatMessage> messages = new ArrayList<>();
    if (event.path("messages").isArray()) {
      for (JsonNode m : event.path("messages")) {
        if (m.isObject()) {
          messages.add(
              new ChatMessage(
                  m.path("id").asText(""),
                  m.path("text").asText(""),
                  m.path("chatId").asText(""),
                  m.path("contentType").asInt(),
                  m.path("contactRequestState").asInt()));
        }
      }
    }
    List<Chat> chats = new ArrayList<>();
    if (event.path("chats").isArray()) {
      for (JsonNode c : event.path("chats")) {
        if (c.isObject()) {
          chats.add(new Chat(c.path("id").asText(""), c.path("chatType").asInt()));
        }
      }
    }
    return Signal.messagesNew(List.copyOf(messages), List.copyOf(chats), nanos, micros);
  }

  /** The event object of a messages.new: its messages and chats, nothing else kept. */
  private static Signal readMessagesNew(JsonParser p, long nanos, long micros) throws IOException {
    List<ChatMessage> messages = List.of();
    List<Chat> chats = List.of();
    if (p.currentToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if ("messages".equals(field)) {
          messages = readArray(p, SignalParser::readMessage);
        } else if ("chats".equals(field)) {
          chats = readArray(p, SignalParser::readChat);
        } else {
          p.skipChildren();
        }
      }
    } else {
      p.skipChildren();
    }
    return Signal.messagesNew(messages, chats, nanos, micros);
  }

  /** One object of an array, read from its START_OBJECT to its END_OBJECT. */
  private interface ObjectReader<T> {
    T read(JsonParser p) throws IOException;
  }

  /** The objects of an array (other elements skipped); empty if the value is not an array. */
  private static <T> List<T> readArray(JsonParser p, ObjectReader<T> reader) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      p.skipChildren();
      return List.of();
    }
    List<T> out = new ArrayList<>(1);
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() == JsonToken.START_OBJECT) {
        out.add(reader.read(p));
      } else {
        p.skipChildren();
      }
    }
    return out;
  }

  private static ChatMessage readMessage(JsonParser p) throws IOException {
    String id = "";
    String text = "";
    String chatId = "";
    int contentType = 0;
    int contactRequestState = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "id" -> id = text(p);
        case "text" -> text = text(p);
        case "chatId" -> chatId = text(p);
        case "contentType" -> contentType = number(p);
        case "contactRequestState" -> contactRequestState = number(p);
        default -> p.skipChildren();
      }
    }
    return new ChatMessage(id, text, chatId, contentType, contactRequestState);
  }

  private static Chat readChat(JsonParser p) throws IOException {
    String id = "";
    int chatType = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "id" -> id = text(p);
        case "chatType" -> chatType = number(p);
        default -> p.skipChildren();
      }
    }
    return new Chat(id, chatType);
  }

  /** A value as JsonNode's asText("") reads it: a scalar's text, "" for null or a container. */
  private static String text(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t.isScalarValue()) {
      return t == JsonToken.VALUE_NULL ? "" : p.getText();
    }
    p.skipChildren();
    return "";
  }

  /** A value as JsonNode's asInt() reads it: 0 for what is not a number. */
  private static int number(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t.isScalarValue()) {
      try {
        return p.getValueAsInt(0);
      } catch (IOException e) {
        return (int) p.getValueAsLong(0); // out of int range: truncated, as LongNode.asInt()
      }
    }
    p.skipChildren();
    return 0;
  }
}

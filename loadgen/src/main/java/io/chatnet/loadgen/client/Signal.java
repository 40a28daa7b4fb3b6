package io.chatnet.loadgen.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;

/**
 * One status-go signal from the websocket: {@code {"type": ..., "event": ...}}. A messages.new
 * signal (one per receipt, several KB from status-go) carries only the fields the load generator
 * reads, in {@link #messages} and {@link #chats}, and no {@link #event} tree (SignalParser); every
 * other signal carries its event as a tree and empty lists.
 */
public record Signal(
    String type,
    JsonNode event,
    List<ChatMessage> messages,
    List<Chat> chats,
    long receivedNanos,
    long receivedEpochMicros) {

  /** A signal read as a tree (any type but messages.new). */
  public Signal(String type, JsonNode event, long receivedNanos, long receivedEpochMicros) {
    this(type, event, List.of(), List.of(), receivedNanos, receivedEpochMicros);
  }

  /** A messages.new signal. */
  static Signal messagesNew(
      List<ChatMessage> messages, List<Chat> chats, long receivedNanos, long receivedMicros) {
    return new Signal(
        "messages.new", MissingNode.getInstance(), messages, chats, receivedNanos, receivedMicros);
  }

  /**
   * A message of a messages.new (protocol/common/message.go MessageStructType, status-im/status-go
   * c72f491): absent strings read as "", absent numbers as 0, as JsonNode's asText("") and asInt()
   * read them.
   */
  public record ChatMessage(
      String id, String text, String chatId, int contentType, int contactRequestState) {}

  /** A chat of a messages.new (protocol/chat.go): its id and chatType (3: a private group). */
  public record Chat(String id, int chatType) {}
}

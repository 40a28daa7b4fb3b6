package io.chatnet.loadgen.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatnet.loadgen.client.Signal.Chat;
import io.chatnet.loadgen.client.Signal.ChatMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The streaming read of a signal gives what reading the whole frame as a tree gave (the fields the
 * load generator uses, with JsonNode's defaults), for the stand-in's frames, status-go's shapes and
 * odd ones.
 */
class SignalParserTest {
  static Signal streamed(String json) throws IOException {
    // inside a larger array, as a frame's heap buffer may hold it
    byte[] bytes = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8);
    return SignalParser.parse(bytes, 2, bytes.length - 4, 7, 11);
  }

  static Signal tree(String json) throws IOException {
    return SignalParser.fromTree(Json.MAPPER.readTree(json), 7, 11);
  }

  static void sameAsTree(String json) throws IOException {
    assertThat(streamed(json)).isEqualTo(tree(json));
  }

  @Test
  void aStandInReceiptKeepsItsMessageFields() throws IOException {
    String json = SignalHandlingCost.frame("stand-in", "0-42", 1_000_000L);
    Signal s = streamed(json);
    assertThat(s.type()).isEqualTo("messages.new");
    assertThat(s.receivedNanos()).isEqualTo(7);
    assertThat(s.receivedEpochMicros()).isEqualTo(11);
    assertThat(s.messages()).hasSize(1);
    ChatMessage m = s.messages().get(0);
    assertThat(m.id()).isEqualTo("m-0-42");
    assertThat(m.text()).startsWith("chatnet|0-42|1000000|").hasSize(256);
    assertThat(m.chatId()).isEqualTo(SignalHandlingCost.KEY);
    assertThat(s.chats()).isEmpty();
    assertThat(s.event().isMissingNode()).isTrue();
    sameAsTree(json);
  }

  @Test
  void aStatusGoReceiptSkipsEverythingElse() throws IOException {
    String json = SignalHandlingCost.frame("status-go", "0-42", 1_000_000L);
    Signal s = streamed(json);
    assertThat(s.messages()).extracting(ChatMessage::contentType).containsExactly(1);
    assertThat(s.messages().get(0).text()).startsWith("chatnet|0-42|");
    assertThat(s.chats()).containsExactly(new Chat(SignalHandlingCost.KEY, 1));
    sameAsTree(json);
  }

  @Test
  void contactRequestsAndGroupsKeepWhatTheSetupPhasesRead() throws IOException {
    String json =
        """
        {"type":"messages.new","event":{"chats":[{"id":"g1","chatType":3,"members":[{"id":"a"}]},
         "odd", {"chatType":"3"}],
         "messages":[{"id":"r1","text":"chatnet-contact|c1","contentType":11,
           "contactRequestState":2,"chatId":"k","parsedText":[{"children":[{"literal":"x"}]}]},
          {"id":"r2","contentType":16.0,"chatId":{"nested":true},"text":null},
          7, {"text":12, "contentType":"x"}]}}
        """;
    Signal s = streamed(json);
    assertThat(s.chats()).containsExactly(new Chat("g1", 3), new Chat("", 3));
    assertThat(s.messages())
        .containsExactly(
            new ChatMessage("r1", "chatnet-contact|c1", "k", 11, 2),
            new ChatMessage("r2", "", "", 16, 0),
            new ChatMessage("", "12", "", 0, 0));
    sameAsTree(json);
  }

  @Test
  void otherSignalsKeepTheirEventTree() throws IOException {
    for (String json :
        List.of(
            "{\"type\":\"node.login\",\"event\":{\"settings\":{\"public-key\":\"0x04ab\"}}}",
            "{\"type\":\"message.delivered\",\"event\":{\"chatID\":\"c\",\"messageID\":\"m-1\"}}",
            "{\"type\":\"envelope.expired\",\"event\":{\"ids\":[\"m-1\",\"m-2\"]},\"x\":[1]}",
            "{\"type\":\"node.ready\"}",
            "{\"event\":{\"messages\":[{\"text\":\"late type\"}]},\"type\":\"messages.new\"}",
            "{\"type\":\"messages.new\",\"event\":{\"messages\":{\"not\":\"an array\"}}}",
            "{\"type\":\"messages.new\"}",
            "{\"type\":{\"odd\":1},\"event\":{}}",
            "{\"other\":1}")) {
      sameAsTree(json);
    }
    Signal delivered =
        streamed(
            "{\"type\":\"message.delivered\",\"event\":{\"chatID\":\"c\",\"messageID\":\"m-1\"}}");
    assertThat(delivered.event().path("messageID").asText()).isEqualTo("m-1");
    assertThat(delivered.messages()).isEmpty();
    Signal late =
        streamed("{\"event\":{\"messages\":[{\"text\":\"late type\"}]},\"type\":\"messages.new\"}");
    assertThat(late.messages()).extracting(ChatMessage::text).containsExactly("late type");
  }

  @Test
  void aBrokenFrameIsRefused() {
    assertThatThrownBy(() -> streamed("[1,2]")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> streamed("{\"type\":\"messages.new\",\"event\":{\"messages\":[{"))
        .isInstanceOf(IOException.class);
  }
}

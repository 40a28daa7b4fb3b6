package io.chatnet.loadgen.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A send's answer read with the streaming parser gives the message id, or throws the exception,
 * that the tree reading gave (StatusBackendClient's read, answer and rpc, then ChatSenders' path).
 */
class SendAnswerTest {
  static final String METHOD = "wakuext_sendOneToOneMessage";

  /** The tree reading, as StatusBackendClient and ChatSenders did it before SendAnswer. */
  static String byTree(String body) {
    JsonNode json;
    if (body.isEmpty()) {
      json = Json.MAPPER.createObjectNode();
    } else {
      try {
        json = Json.MAPPER.readTree(body.getBytes(StandardCharsets.UTF_8));
        if (json == null || json.isMissingNode()) {
          json = Json.MAPPER.createObjectNode();
        }
      } catch (IOException e) {
        throw new StatusBackendException(
            "CallRPC: response is not JSON: " + StatusBackendClient.abbreviate(body));
      }
    }
    String error = json.path("error").asText("");
    if (!error.isEmpty()) {
      throw new StatusBackendException("CallRPC: " + error);
    }
    JsonNode rpcError = json.get("error");
    if (rpcError != null && rpcError.isObject()) {
      throw new StatusBackendException(
          METHOD + ": " + rpcError.path("message").asText(rpcError.toString()));
    }
    return json.path("result").path("messages").path(0).path("id").asText("");
  }

  static String streamed(String body) {
    byte[] bytes = ("[pad]" + body + "[pad]").getBytes(StandardCharsets.UTF_8);
    int length = body.getBytes(StandardCharsets.UTF_8).length;
    return SendAnswer.messageId("CallRPC", METHOD, bytes, "[pad]".length(), length);
  }

  /** The outcome of a reading: the id, or the exception's class and message. */
  static String outcome(java.util.function.Supplier<String> reading) {
    try {
      return "id:" + reading.get();
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName() + ":" + e.getMessage();
    }
  }

  static final String TEXT = "chatnet|0-1|1733130000000000|" + "x".repeat(200);

  static final List<String> ANSWERS =
      List.of(
          // the stand-in's answer (StatusBackendStandIn.send)
          "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"messages\":[{\"id\":\"m-12\",\"text\":\""
              + TEXT
              + "\"}]}}",
          // status-go's MessengerResponse: chats and more around the messages, which come last
          "{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{\"chats\":[{\"id\":\"0x04ab\",\"lastMessage\":"
              + "{\"id\":\"0xlast\",\"text\":\"t\"},\"members\":[]}],\"activityCenterNotifications\""
              + ":null,\"messages\":[{\"id\":\"0x3c3c\",\"parsedText\":[{\"type\":\"paragraph\","
              + "\"children\":[{\"literal\":\"x\"}]}],\"text\":\"t\",\"id2\":1},{\"id\":\"0xsecond\"}]}}",
          "{\"result\":{\"messages\":[]}}",
          "{\"result\":{\"messages\":{}}}",
          "{\"result\":{\"messages\":[[{\"id\":\"no\"}],{\"id\":\"second\"}]}}",
          "{\"result\":{\"messages\":[{\"text\":\"no id\"}]}}",
          "{\"result\":{\"messages\":[{\"id\":null}]}}",
          "{\"result\":{\"messages\":[{\"id\":12}]}}",
          "{\"result\":{\"messages\":[{\"id\":1e2}]}}",
          "{\"result\":{\"messages\":[{\"id\":true}]}}",
          "{\"result\":{\"messages\":[{\"id\":{\"a\":1}}]}}",
          "{\"result\":{\"messages\":[{\"id\":\"first\",\"id\":\"last\"}]}}",
          "{\"result\":{\"messages\":[{\"id\":\"a\"}]},\"result\":{\"messages\":[{\"id\":\"b\"}]}}",
          "{\"result\":{\"messages\":[{\"id\":\"a\"}]},\"result\":null}",
          "{\"result\":null}",
          "{\"result\":[1,2]}",
          "{}",
          "",
          "[]",
          "[{\"result\":{\"messages\":[{\"id\":\"a\"}]}}]",
          "12",
          "null",
          "\"text\"",
          "{\"result\":{\"messages\":[{\"id\":\"a\"}]}} trailing",
          "{\"result\":{\"messages\":[{\"id\":\"a\"}]}",
          "not json",
          "{\"result\":{\"messages\":[{\"id\":\"a\",]}}",
          // JSON-RPC errors (an object) and the mobile API's error (a string)
          "{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":-32000,\"message\":\"no peers\"}}",
          "{\"error\":{\"code\":-32000}}",
          "{\"error\":{\"message\":12}}",
          "{\"error\":\"failed to send\"}",
          "{\"error\":\"\",\"result\":{\"messages\":[{\"id\":\"a\"}]}}",
          "{\"error\":null,\"result\":{\"messages\":[{\"id\":\"a\"}]}}",
          "{\"error\":0,\"result\":{\"messages\":[{\"id\":\"a\"}]}}",
          "{\"error\":false}",
          "{\"error\":[\"x\"],\"result\":{\"messages\":[{\"id\":\"a\"}]}}",
          "{\"error\":\"first\",\"error\":\"\",\"result\":{\"messages\":[{\"id\":\"a\"}]}}",
          "{\"result\":{\"messages\":[{\"id\":\"a\"}]},\"error\":{\"message\":\"late\"}}",
          "{\"result\":{\"messages\":[{\"id\":\"\u00e9\u4e2d\"}]}}");

  @Test
  void readsWhatTheTreeRead() {
    for (String answer : ANSWERS) {
      assertThat(outcome(() -> streamed(answer)))
          .as(answer)
          .isEqualTo(outcome(() -> byTree(answer)));
    }
  }

  @Test
  void readsTheIdAndTheErrors() {
    assertThat(streamed(ANSWERS.get(0))).isEqualTo("m-12");
    assertThat(streamed(ANSWERS.get(1))).isEqualTo("0x3c3c");
    assertThatThrownBy(() -> streamed("{\"error\":{\"code\":-32000,\"message\":\"no peers\"}}"))
        .isInstanceOf(StatusBackendException.class)
        .hasMessage(METHOD + ": no peers");
    assertThatThrownBy(() -> streamed("{\"error\":\"failed\"}"))
        .isInstanceOf(StatusBackendException.class)
        .hasMessage("CallRPC: failed");
    assertThatThrownBy(() -> streamed("{oops"))
        .isInstanceOf(StatusBackendException.class)
        .hasMessageStartingWith("CallRPC: response is not JSON: {oops");
  }
}

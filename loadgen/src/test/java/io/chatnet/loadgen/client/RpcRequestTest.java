package io.chatnet.loadgen.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A JSON-RPC request is written as the tree it replaced wrote it: same fields, same order. */
class RpcRequestTest {
  @Test
  void writesTheJsonRpcEnvelope() throws Exception {
    var request =
        new StatusBackendClient.RpcRequest(
            "2.0", 42, "wakuext_sendOneToOneMessage", List.of(Map.of("id", "0x04ab")));
    assertThat(Json.MAPPER.writeValueAsString(request))
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"wakuext_sendOneToOneMessage\","
                + "\"params\":[{\"id\":\"0x04ab\"}]}");
  }
}

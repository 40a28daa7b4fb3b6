package io.chatnet.loadgen.client;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Bytes allocated per message sent by the parts of a send that changed (issue 14), before and
 * after: reading the stand-in's answer (tree, SendAnswer), building the text (a StringBuilder grown
 * from 16 chars, one sized once), the request's body buffer (copied, wrapped) and its options (per
 * send, shared). Not a test: run with {@code java -XX:+UseSerialGC -cp <loadgen test classpath>
 * io.chatnet.loadgen.client.SendCost [rounds]} (bench/loadgen.md, "Garbage per message sent").
 */
public final class SendCost {
  static final int PER_ROUND = 20_000;
  static volatile Object sink;

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    String text = "chatnet|0-123456|1733130000000000|" + "x".repeat(222);
    byte[] answer =
        ("{\"jsonrpc\":\"2.0\",\"id\":123456,\"result\":{\"messages\":[{\"id\":\"m-123456\",\"text\":\""
                + text
                + "\"}]}}")
            .getBytes(StandardCharsets.UTF_8);
    String answerText = new String(answer, StandardCharsets.UTF_8);
    byte[] request;
    try {
      request =
          Json.MAPPER.writeValueAsBytes(
              new StatusBackendClient.RpcRequest(
                  "2.0",
                  123456,
                  "wakuext_sendOneToOneMessage",
                  List.of(Map.of("id", "0x04" + "5a".repeat(64), "message", text))));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    RequestOptions shared = options();
    report("answer read as a tree", rounds, i -> sink = SendAnswerTest.byTree(answerText));
    report(
        "answer read by SendAnswer",
        rounds,
        i -> sink = SendAnswer.messageId("CallRPC", "m", answer, 0, answer.length));
    report(
        "text, StringBuilder grown", rounds, i -> sink = grown("0-" + i, 1733130000000000L, 256));
    report(
        "text, MessageText.encode (sized once)",
        rounds,
        i ->
            sink =
                new io.chatnet.loadgen.traffic.MessageText("0-" + i, 1733130000000000L)
                    .encode(256));
    report("body buffer, copied", rounds, i -> sink = Buffer.buffer(request));
    report(
        "body buffer, wrapped", rounds, i -> sink = Buffer.buffer(Unpooled.wrappedBuffer(request)));
    report("request options, per send", rounds, i -> sink = options());
    report("request options, shared", rounds, i -> sink = shared);
  }

  static RequestOptions options() {
    return new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI("http://127.0.0.1:40123/statusgo/CallRPC")
        .setConnectTimeout(10_000)
        .setIdleTimeout(10_000)
        .putHeader("Content-Type", "application/json");
  }

  /** MessageText.encode before: a StringBuilder grown from its default size. */
  static String grown(String id, long micros, int payloadBytes) {
    StringBuilder text = new StringBuilder("chatnet|").append(id).append('|').append(micros);
    text.append('|');
    while (text.length() < payloadBytes) {
      text.append('x');
    }
    return text.toString();
  }

  static void report(String what, int rounds, IntConsumer step) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    long[] bytes = new long[rounds];
    for (int r = 0; r < rounds; r++) {
      long b0 = threads.getThreadAllocatedBytes(tid);
      for (int i = 0; i < PER_ROUND; i++) {
        step.accept(i);
      }
      bytes[r] = threads.getThreadAllocatedBytes(tid) - b0;
    }
    long[] tail = Arrays.copyOfRange(bytes, rounds / 2, rounds);
    Arrays.sort(tail);
    System.out.printf(
        "%s: %d bytes per message (median of the last %d of %d rounds of %d)%n",
        what, tail[tail.length / 2] / PER_ROUND, tail.length, rounds, PER_ROUND);
  }
}

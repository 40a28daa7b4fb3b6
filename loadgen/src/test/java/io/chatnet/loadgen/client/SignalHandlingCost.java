package io.chatnet.loadgen.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatnet.loadgen.measure.CatchUps;
import io.chatnet.loadgen.measure.DeliveryTracker;
import io.chatnet.loadgen.measure.LoadMetrics;
import io.chatnet.loadgen.traffic.MessageText;
import io.chatnet.loadgen.traffic.TrafficKind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cost of handling one messages.new signal on the event loop (issue 14): time and bytes
 * allocated per handle() call, on frames shaped as the stand-in sends them (StatusBackendStandIn
 * publish and frame) and as status-go's Message.MarshalJSON writes them. Not a test: run with
 * {@code java -cp <loadgen test classpath> io.chatnet.loadgen.client.SignalHandlingCost [rounds]}
 * (bench/loadgen.md, "GC work on the receive path"). Every frame is a receipt of a tracked message,
 * as in a run: the handling includes the tracker's bookkeeping, not only the parse.
 */
public final class SignalHandlingCost {
  static final int PER_ROUND = 20_000;

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    for (String shape : List.of("stand-in", "status-go")) {
      System.out.printf("%s frame: %d bytes%n", shape, frame(shape, "0-0", 0).length());
      for (boolean tree : new boolean[] {true, false}) {
        long[] nanos = new long[rounds];
        long[] bytes = new long[rounds];
        for (int r = 0; r < rounds; r++) {
          long[] cost = round(shape, r, tree);
          nanos[r] = cost[0];
          bytes[r] = cost[1];
        }
        // the first rounds are the JIT's: report the median of the second half
        long[] tn = Arrays.copyOfRange(nanos, rounds / 2, rounds);
        long[] tb = Arrays.copyOfRange(bytes, rounds / 2, rounds);
        Arrays.sort(tn);
        Arrays.sort(tb);
        System.out.printf(
            "%s, %s: %.2f us and %d bytes allocated per handle (median of %d rounds of %d)%n",
            shape,
            tree ? "tree (before)" : "streaming (SignalParser)",
            tn[tn.length / 2] / 1000.0 / PER_ROUND,
            tb[tb.length / 2] / PER_ROUND,
            tn.length,
            PER_ROUND);
      }
    }
  }

  /** One round: PER_ROUND tracked messages sent, then each frame handled once. */
  static long[] round(String shape, int round, boolean tree) throws Exception {
    long start = 1_000_000_000_000L;
    DeliveryTracker tracker =
        new DeliveryTracker(new LoadMetrics(), start, start + 3_600_000_000L, 3_600_000_000L);
    CatchUps catchUps = new CatchUps(new LoadMetrics(), start, start + 3_600_000_000L, 1);
    List<String> receivers = List.of("b");
    List<Buffer> frames = new ArrayList<>();
    for (int i = 0; i < PER_ROUND; i++) {
      String id = round + "-" + i;
      tracker.sent(
          TrafficKind.ONE_TO_ONE, "desktop", new MessageText(id, start + i * 500L), receivers);
      // a copy of the frame per message, as each arrives in its own buffer
      frames.add(Buffer.buffer(frame(shape, id, start + i * 500L)));
    }
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    long bytes0 = threads.getThreadAllocatedBytes(tid);
    long t0 = System.nanoTime();
    for (Buffer frame : frames) {
      if (tree) {
        handleTree(frame, tracker, catchUps, start + 40_000);
      } else {
        handle(frame, tracker, catchUps, start + 40_000);
      }
    }
    long t1 = System.nanoTime();
    long bytes1 = threads.getThreadAllocatedBytes(tid);
    if (tracker.figures().get(TrafficKind.ONE_TO_ONE).received() != PER_ROUND) {
      throw new IllegalStateException("not every frame was a receipt");
    }
    return new long[] {t1 - t0, bytes1 - bytes0};
  }

  /**
   * What SignalStream's handle and LoadRun's route did with a load message's messages.new before
   * SignalParser (commit 0c34f32): the frame copied, read as a tree, its text decoded twice.
   */
  static void handleTree(Buffer frame, DeliveryTracker tracker, CatchUps catchUps, long micros)
      throws Exception {
    byte[] bytes = frame.getBytes();
    JsonNode json = Json.MAPPER.readTree(bytes);
    Signal signal = new Signal(json.path("type").asText(), json.path("event"), 0, micros);
    for (var message : signal.event().path("messages")) {
      String text = message.path("text").asText(null);
      tracker.received("b", "desktop", text, signal.receivedEpochMicros());
      MessageText.decode(text)
          .ifPresent(m -> catchUps.received("b", m.id(), signal.receivedEpochMicros()));
    }
  }

  /** What SignalStream's later and handle and LoadRun's route do now. */
  @SuppressWarnings("deprecation")
  static void handle(Buffer frame, DeliveryTracker tracker, CatchUps catchUps, long micros)
      throws Exception {
    io.netty.buffer.ByteBuf buf = frame.getByteBuf();
    Signal signal =
        SignalParser.parse(
            buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes(), 0, micros);
    for (var message : signal.messages()) {
      MessageText.decode(message.text())
          .ifPresent(
              m -> {
                tracker.received("b", "desktop", m, signal.receivedEpochMicros());
                catchUps.received("b", m.id(), signal.receivedEpochMicros());
              });
    }
  }

  static final String KEY = "0x04" + "5a".repeat(64);

  /** A messages.new frame carrying load message {@code id}, as {@code shape} writes it. */
  static String frame(String shape, String id, long sentMicros) {
    String text = new MessageText(id, sentMicros).encode(256);
    if (shape.equals("stand-in")) {
      // StatusBackendStandIn.publish: id, chatId, text, from
      JsonObject message =
          new JsonObject()
              .put("id", "m-" + id)
              .put("chatId", KEY)
              .put("text", text)
              .put("from", KEY);
      return new JsonObject()
          .put("type", "messages.new")
          .put("event", new JsonObject().put("messages", new JsonArray().add(message)))
          .encode();
    }
    // status-go: protocol/common/message.go MessageStructType (status-im/status-go c72f491), the
    // fields a one-to-one text message fills, and the chat it belongs to (protocol/chat.go).
    JsonObject message =
        new JsonObject()
            .put("id", "0x" + "3c".repeat(32))
            .put("whisperTimestamp", 1733130000000L)
            .put("from", KEY)
            .put("alias", "Frightened Ambitious Caterpillar")
            .put("identicon", "data:image/png;base64," + "iVBORw0KGgo".repeat(40))
            .put("seen", false)
            .putNull("quotedMessage")
            .put("rtl", false)
            .put(
                "parsedText",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("type", "paragraph")
                            .put(
                                "children",
                                new JsonArray().add(new JsonObject().put("literal", text)))))
            .put("lineCount", 0)
            .put("text", text)
            .put("chatId", KEY)
            .put("localChatId", KEY)
            .put("clock", 1733130000000L)
            .put("replace", "")
            .put("responseTo", "")
            .put("ensName", "")
            .put("displayName", "")
            .put("timestamp", 1733130000000L)
            .put("contentType", 1)
            .put("messageType", 1);
    JsonObject chat =
        new JsonObject()
            .put("id", KEY)
            .put("name", "0x04" + "5a".repeat(10))
            .put("color", "#887af9")
            .put("emoji", "")
            .put("active", true)
            .put("chatType", 1)
            .put("timestamp", 1733130000000L)
            .put("lastClockValue", 1733130000000L)
            .put("deletedAtClockValue", 0)
            .put("readMessagesAtClockValue", 0)
            .put("unviewedMessagesCount", 1)
            .put("unviewedMentionsCount", 0)
            .put("lastMessage", message.copy())
            .put("members", new JsonArray())
            .put("membershipUpdateEvents", new JsonArray())
            .put("alias", "Frightened Ambitious Caterpillar")
            .put("identicon", "")
            .put("muted", false)
            .put("joined", 0)
            .put("syncedTo", 0)
            .put("syncedFrom", 0)
            .put("highlight", true);
    return new JsonObject()
        .put("type", "messages.new")
        .put(
            "event",
            new JsonObject()
                .put("chats", new JsonArray().add(chat))
                .put("messages", new JsonArray().add(message)))
        .encode();
  }

  private SignalHandlingCost() {}
}

package io.chatnet.loadgen.client;

import io.chatnet.loadgen.standin.StatusBackendStandIn;
import io.chatnet.loadgen.traffic.MessageText;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Heap retained per outstanding chat send (issued, not answered): sends as ChatSenders makes them
 * (256-byte text, its completion callback) to a stand-in client that reads requests and never
 * answers, so past the pool's 16 connections they wait in Vert.x's queue with their bodies, futures
 * and timeout tasks. The heap after full collections, before and after each batch, over the sends
 * outstanding. Not a test: run with {@code java -XX:+UseSerialGC -cp <loadgen test classpath>
 * io.chatnet.loadgen.client.OutstandingSendCost [batch] [batches]} (SendBound says what it gave).
 */
public final class OutstandingSendCost {
  static final AtomicLong completed = new AtomicLong();

  public static void main(String[] args) throws Exception {
    int batch = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    try (StatusBackendStandIn standIn = new StatusBackendStandIn(1);
        Transport transport = new Transport(Duration.ofSeconds(600))) {
      standIn.faults.silentClients.add("c0");
      // a deadline far beyond the measurement: nothing completes while it runs
      StatusBackendClient api =
          new StatusBackendClient(transport, standIn.url(0), Duration.ofSeconds(600));
      String target = "0x04" + "5a".repeat(64);
      send(api, target, 0, 100, transport); // warm-up: classes, the pool's connections
      long before = used();
      int issued = 100;
      for (int b = 1; b <= batches; b++) {
        send(api, target, issued, batch, transport);
        issued += batch;
        long after = used();
        System.out.printf(
            "%d outstanding: %d bytes retained per send of the last %d (%d completed)%n",
            issued, (after - before) / batch, batch, completed.get());
        before = after;
      }
    }
  }

  static void send(StatusBackendClient api, String target, int from, int n, Transport transport)
      throws Exception {
    for (int i = from; i < from + n; i++) {
      MessageText message = new MessageText("0-" + i, EpochMicros.now());
      String text = message.encode(256);
      api.sendMessage("wakuext_sendOneToOneMessage", List.of(Map.of("id", target, "message", text)))
          .whenComplete((id, error) -> completed.incrementAndGet());
    }
    // the loop runs tasks in order: this one after every request above was handed to the pool
    transport.onLoop(() -> CompletableFuture.completedFuture(null)).get(60, TimeUnit.SECONDS);
    Thread.sleep(500);
  }

  static long used() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}

package io.chatnet.loadgen.standin;

import io.chatnet.loadgen.traffic.MessageText;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The stand-in as a process of its own, for bench/loadgen: {@code StandInServer <clients>
 * <delay-ms> <seconds> <url-file> <truth-file> [<window-from-ms> <window-to-ms> [<deliveries-csv>
 * [<control-port>]]]}. It writes its client URLs, serves for the given time, then writes the
 * ground-truth latency percentiles of what it delivered and, if asked, every first delivery ({@code
 * message,receiver,delivered_us}) to join with the load generator's receipts. With a control port
 * it first connects to a {@link ControlReceiver} there and writes it every load message's delivery
 * as it makes it.
 */
public final class StandInServer {
  public static void main(String[] args) throws Exception {
    int clients = Integer.parseInt(args[0]);
    long delay = Long.parseLong(args[1]);
    long seconds = Long.parseLong(args[2]);
    // Only messages sent in the load generator's measured window (epoch ms), as it counts them.
    long windowFrom = args.length > 5 ? Long.parseLong(args[5]) * 1000 : Long.MIN_VALUE;
    long windowTo = args.length > 6 ? Long.parseLong(args[6]) * 1000 : Long.MAX_VALUE;
    int controlPort = args.length > 8 ? Integer.parseInt(args[8]) : 0;
    try (StatusBackendStandIn standIn = new StatusBackendStandIn(clients);
        Socket control =
            controlPort > 0 ? new Socket(InetAddress.getLoopbackAddress(), controlPort) : null) {
      if (control != null) {
        control.setTcpNoDelay(true); // each record leaves when written, as the frame before it
        standIn.control = control.getOutputStream();
      }
      standIn.keepLogs = false; // only the deliveries are read here
      standIn.faults.deliveryDelayMillis = delay;
      standIn.faults.deliveryJitterMillis = 0;
      StringBuilder urls = new StringBuilder();
      for (int i = 0; i < clients; i++) {
        urls.append(standIn.url(i)).append('\n');
      }
      Files.writeString(Path.of(args[3]), urls);
      Thread.sleep(seconds * 1000);
      if (control != null) {
        standIn.control = null;
        control.shutdownOutput(); // the receiver's end of stream: it writes its records
      }
      long[] latencies =
          standIn.deliveries.stream()
              .filter(d -> !d.duplicate() && MessageText.decode(d.messageText()).isPresent())
              .filter(d -> inWindow(d.messageText(), windowFrom, windowTo))
              .mapToLong(
                  d -> d.deliveredMicros() - MessageText.decode(d.messageText()).get().sentMicros())
              .sorted()
              .toArray();
      if (args.length > 7) {
        StringBuilder csv = new StringBuilder("message,receiver,delivered_us\n");
        standIn.deliveries.stream()
            .filter(d -> !d.duplicate() && MessageText.decode(d.messageText()).isPresent())
            .filter(d -> inWindow(d.messageText(), windowFrom, windowTo))
            .forEach(
                d ->
                    csv.append(MessageText.decode(d.messageText()).get().id())
                        .append(',')
                        .append(d.receiver())
                        .append(',')
                        .append(d.deliveredMicros())
                        .append('\n'));
        Files.writeString(Path.of(args[7]), csv);
      }
      Files.writeString(
          Path.of(args[4]),
          String.format(
              java.util.Locale.ROOT,
              "{\"deliveries\": %d, \"p50\": %.3f, \"p99\": %.3f}%n",
              latencies.length,
              rank(latencies, 0.5),
              rank(latencies, 0.99)));
    }
  }

  static boolean inWindow(String text, long fromMicros, long toMicros) {
    long sent = MessageText.decode(text).get().sentMicros();
    return sent >= fromMicros && sent < toMicros;
  }

  static double rank(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)] / 1000.0;
  }

  private StandInServer() {}
}

package io.chatnet.loadgen.standin;

import io.chatnet.loadgen.client.EpochMicros;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The control receiver of bench/loadgen: the smallest reader of the stand-in's deliveries, to
 * measure what this machine alone delays a receiver by. {@code ControlReceiver <port-file> <csv>
 * [<max-records>]}: listens on a loopback port (written to the port file), takes one connection
 * (the stand-in's), and reads it with one thread in blocking reads into a reused buffer, stamping
 * each read with the load generator's wall clock ({@link EpochMicros#now()}) as soon as it returns.
 * The stand-in writes one {@code <message id>,<receiver>\n} record per delivery right after the
 * delivery's websocket frame was written; each record gets the stamp of the read that completed it.
 * At the end of the stream it writes {@code message,receiver,micros}. Records and stamps go into
 * arrays allocated at the start, so the read loop allocates nothing (it reports what it did
 * allocate) and, run with a small fixed heap, the JVM does not collect during a run.
 */
public final class ControlReceiver {
  /** Bytes kept per record (a record is about 13 bytes: {@code 0-60000,c281\n}). */
  static final int BYTES_PER_RECORD = 32;

  /**
   * The records read so far: their bytes in one array, the completing read's stamp in another. When
   * either is full it keeps nothing more (a record is never half kept) and counts the bytes it
   * dropped.
   */
  static final class Log {
    private final byte[] bytes;
    private final long[] stamps;
    private int length; // bytes kept
    private int complete; // bytes up to and including the last kept record's newline
    private int records;
    private boolean full;
    private long droppedBytes;

    Log(int maxRecords, int maxBytes) {
      bytes = new byte[maxBytes];
      stamps = new long[maxRecords];
    }

    /** The first {@code n} bytes of {@code buf}, read at {@code micros}. */
    void accept(byte[] buf, int n, long micros) {
      for (int i = 0; i < n; i++) {
        if (full) {
          droppedBytes += n - i;
          return;
        }
        byte b = buf[i];
        bytes[length++] = b;
        if (b == '\n') {
          stamps[records++] = micros;
          complete = length;
          full = records == stamps.length;
        }
        if (length == bytes.length) {
          // the partial record after the last newline is dropped with the rest
          droppedBytes += length - complete;
          length = complete;
          full = true;
        }
      }
    }

    int records() {
      return records;
    }

    long droppedBytes() {
      return droppedBytes;
    }

    /** {@code message,receiver,micros}, one line per complete record, in arrival order. */
    void write(Writer out) throws IOException {
      out.write("message,receiver,micros\n");
      int start = 0;
      for (int r = 0; r < records; r++) {
        int end = start;
        while (bytes[end] != '\n') {
          end++;
        }
        out.write(new String(bytes, start, end - start, StandardCharsets.US_ASCII));
        out.write(',');
        out.write(Long.toString(stamps[r]));
        out.write('\n');
        start = end + 1;
      }
    }
  }

  /**
   * What one connection's read loop did: its reads, and the bytes its thread allocated in all and
   * after the first {@link #WARM_READS} reads (before the JIT compiles the loop, each stamp
   * allocates an Instant; compiled, escape analysis removes it).
   */
  record Reads(long reads, long allocatedBytes, long allocatedWarmBytes) {}

  static final long WARM_READS = 10_000;

  /** Reads {@code in} to its end into {@code log}, stamping each read. */
  static Reads readAll(InputStream in, Log log) throws IOException {
    byte[] buf = new byte[64 * 1024];
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    long allocatedWarm = -1;
    long reads = 0;
    for (int n; (n = in.read(buf)) >= 0; ) {
      long micros = EpochMicros.now();
      log.accept(buf, n, micros);
      if (++reads == WARM_READS) {
        allocatedWarm = threads.getCurrentThreadAllocatedBytes();
      }
    }
    long allocatedAfter = threads.getCurrentThreadAllocatedBytes();
    return new Reads(
        reads,
        allocatedAfter - allocatedBefore,
        allocatedWarm < 0 ? 0 : allocatedAfter - allocatedWarm);
  }

  public static void main(String[] args) throws Exception {
    Path portFile = Path.of(args[0]);
    Path csv = Path.of(args[1]);
    int maxRecords = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
    Log log = new Log(maxRecords, maxRecords * BYTES_PER_RECORD);
    Reads reads;
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // Written whole (a rename), so the script never reads half a port number.
      Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
      Files.writeString(tmp, Integer.toString(server.getLocalPort()));
      Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE);
      server.setSoTimeout(120_000); // a stand-in that never connects must not hang the bench
      try (Socket socket = server.accept()) {
        reads = readAll(socket.getInputStream(), log);
      }
    }
    // any collection in its GC log after this uptime is the CSV's writing, not the run's
    long endedMillis = ManagementFactory.getRuntimeMXBean().getUptime();
    try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.US_ASCII)) {
      log.write(out);
    }
    System.err.printf(
        "control receiver: %d records in %d reads, %d bytes dropped (capacity %d records),"
            + " %d bytes allocated by the read loop, %d after its first %d reads; stream ended at"
            + " uptime %.3f s%n",
        log.records(),
        reads.reads(),
        log.droppedBytes(),
        maxRecords,
        reads.allocatedBytes(),
        reads.allocatedWarmBytes(),
        WARM_READS,
        endedMillis / 1000.0);
  }

  private ControlReceiver() {}
}

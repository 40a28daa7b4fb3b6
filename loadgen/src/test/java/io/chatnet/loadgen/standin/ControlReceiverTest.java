package io.chatnet.loadgen.standin;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.loadgen.client.EpochMicros;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control receiver's records: each stamped with the read that completed it. */
class ControlReceiverTest {
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String csv(ControlReceiver.Log log) throws Exception {
    StringWriter out = new StringWriter();
    log.write(out);
    return out.toString();
  }

  @Test
  void aRecordSplitAcrossReadsGetsTheStampOfTheReadThatCompletesIt() throws Exception {
    ControlReceiver.Log log = new ControlReceiver.Log(10, 320);
    byte[] first = ascii("0-1,c1\n0-2,c");
    log.accept(first, first.length, 100);
    // only the first 5 bytes of the buffer were read this time: the rest is an older read's
    byte[] second = ascii("281\n0-3,c7\nstale");
    log.accept(second, 11, 200);
    byte[] third = ascii("0-4,c");
    log.accept(third, third.length, 300); // never completed: not a record

    assertThat(log.records()).isEqualTo(3);
    assertThat(csv(log))
        .isEqualTo("message,receiver,micros\n0-1,c1,100\n0-2,c281,200\n0-3,c7,200\n");
  }

  @Test
  void aFullLogKeepsWholeRecordsAndCountsWhatItDropped() throws Exception {
    ControlReceiver.Log byRecords = new ControlReceiver.Log(2, 320);
    byte[] three = ascii("0-1,c1\n0-2,c2\n0-3,c3\n");
    byRecords.accept(three, three.length, 5);
    assertThat(csv(byRecords)).isEqualTo("message,receiver,micros\n0-1,c1,5\n0-2,c2,5\n");
    assertThat(byRecords.droppedBytes()).isEqualTo(7);

    ControlReceiver.Log byBytes = new ControlReceiver.Log(10, 10); // one record and 3 bytes
    byBytes.accept(three, three.length, 6);
    assertThat(csv(byBytes)).isEqualTo("message,receiver,micros\n0-1,c1,6\n");
    assertThat(byBytes.droppedBytes()).isEqualTo(14);
  }

  @Test
  void readAllStampsEachReadAfterItReturns() throws Exception {
    ControlReceiver.Log log = new ControlReceiver.Log(10, 320);
    List<byte[]> chunks = List.of(ascii("0-1,c"), ascii("1\n0-2,c2\n"));
    long[] returnedBefore = new long[chunks.size()];
    InputStream in =
        new InputStream() {
          int next;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (next == chunks.size()) {
              return -1;
            }
            byte[] chunk = chunks.get(next);
            System.arraycopy(chunk, 0, b, off, chunk.length);
            returnedBefore[next++] = EpochMicros.now();
            return chunk.length;
          }
        };
    ControlReceiver.Reads reads = ControlReceiver.readAll(in, log);
    long after = EpochMicros.now();

    assertThat(reads.reads()).isEqualTo(2);
    String[] lines = csv(log).split("\n");
    assertThat(lines).hasSize(3);
    long stamp1 = Long.parseLong(lines[1].split(",")[2]);
    long stamp2 = Long.parseLong(lines[2].split(",")[2]);
    assertThat(lines[1]).startsWith("0-1,c1,");
    assertThat(lines[2]).startsWith("0-2,c2,");
    // both records were completed by the second read, so both carry its stamp
    assertThat(stamp1).isEqualTo(stamp2).isBetween(returnedBefore[1], after);
    assertThat(ControlReceiver.readAll(new ByteArrayInputStream(new byte[0]), log).reads())
        .isZero();
  }

  @Test
  void mainTakesOneConnectionAndWritesItsRecordsAtItsEnd(@TempDir Path dir) throws Exception {
    Path port = dir.resolve("port");
    Path out = dir.resolve("control.csv");
    CompletableFuture<Void> receiver =
        CompletableFuture.runAsync(
            () -> {
              try {
                ControlReceiver.main(new String[] {port.toString(), out.toString(), "100"});
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    while (!Files.exists(port)) {
      Thread.sleep(10);
    }
    long beforeSecond;
    try (Socket socket =
        new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(Files.readString(port)))) {
      socket.setTcpNoDelay(true);
      OutputStream o = socket.getOutputStream();
      o.write(ascii("0-1,c1\n0-2,"));
      o.flush();
      Thread.sleep(50);
      beforeSecond = EpochMicros.now();
      o.write(ascii("c2\n"));
      o.flush();
    }
    receiver.get(10, TimeUnit.SECONDS);

    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("message,receiver,micros");
    long first = Long.parseLong(lines.get(1).substring("0-1,c1,".length()));
    long second = Long.parseLong(lines.get(2).substring("0-2,c2,".length()));
    assertThat(first).isLessThan(beforeSecond);
    assertThat(second).isGreaterThanOrEqualTo(beforeSecond);
  }
}

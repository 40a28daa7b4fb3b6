package io.chatnet.operator.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an operator process from outside, as an operator's owner would: its resident memory from
 * /proc, its heap after a full collection (jcmd GC.run, then that collection's own line in the
 * process's GC log), and the series on its /q/metrics. The forced collection makes heap figures
 * comparable between samples (without it the heap in use is mostly garbage not yet collected); it
 * costs the operator one full GC per sample. The heap is read from the collection's log line, not
 * from the heap gauge afterwards: under load seconds can pass between the two while the operator
 * allocates, and the gauge then read up to twice the live heap.
 */
final class OperatorProbe {
  /**
   * G1's line for a forced collection at -Xlog:gc: "Pause Full (Diagnostic Command) 49M->23M(96M)"
   * for jcmd GC.run on JDK 17 ("System.gc()" for a call from inside).
   */
  private static final Pattern FORCED_FULL =
      Pattern.compile("Pause Full \\((?:Diagnostic Command|System\\.gc\\(\\))\\) \\d+M->(\\d+)M");

  private static final Pattern SERIES =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+(\\S+)");
  private static final Pattern MEMO = Pattern.compile("memo=\"([^\"]+)\"");
  private final OperatorProcess operator;
  private final Path gcLog;
  private final HttpClient http = HttpClient.newHttpClient();
  private int port = -1;

  /** {@code gcLog}: the file the process logs to with {@link #gcLogOption(Path)}. */
  OperatorProbe(OperatorProcess operator, Path gcLog) {
    this.operator = operator;
    this.gcLog = gcLog;
  }

  /** The JVM option that makes a process log its collections where this probe reads them. */
  static String gcLogOption(Path gcLog) {
    return "-Xlog:gc:file=" + gcLog;
  }

  /** VmRSS of the process, in bytes. */
  long residentBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", operator.pid() + "", "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
      }
    }
    throw new IOException("no VmRSS for pid " + operator.pid());
  }

  /**
   * Runs a full collection in the operator's JVM (jcmd GC.run) and returns the heap it left, in
   * bytes (MiB precision, as the log prints it); -1 if jcmd failed or no such line was logged.
   */
  long heapAfterForcedCollection() throws IOException, InterruptedException {
    long logged = Files.exists(gcLog) ? Files.size(gcLog) : 0;
    if (!collect()) {
      return -1;
    }
    String added = "";
    // the JVM writes the line before jcmd returns, but through its own buffered writer
    for (int i = 0; i < 20 && !FORCED_FULL.matcher(added).find(); i++) {
      byte[] all = Files.readAllBytes(gcLog);
      added =
          new String(
              all, (int) Math.min(logged, all.length), (int) Math.max(0, all.length - logged));
      if (!FORCED_FULL.matcher(added).find()) {
        Thread.sleep(100);
      }
    }
    Matcher last = FORCED_FULL.matcher(added);
    long mib = -1;
    while (last.find()) {
      mib = Long.parseLong(last.group(1));
    }
    return mib < 0 ? -1 : mib * 1024 * 1024;
  }

  /** Runs a full collection in the operator's JVM (jcmd GC.run); false if jcmd failed. */
  private boolean collect() throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p =
        new ProcessBuilder(jcmd.toString(), String.valueOf(operator.pid()), "GC.run")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return false;
    }
    return p.exitValue() == 0;
  }

  /** The text of /q/metrics. */
  String metricsText() throws IOException, InterruptedException {
    if (port < 0) {
      port = operator.httpPort();
    }
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Sum of the series named {@code name} whose labels contain {@code labelPart} ("" for all). */
  static double sum(String metrics, String name, String labelPart) {
    double total = 0;
    for (String line : metrics.split("\n")) {
      Matcher m = SERIES.matcher(line);
      if (m.find()
          && m.group(1).equals(name)
          && (m.group(2) == null ? "" : m.group(2)).contains(labelPart)) {
        total += Double.parseDouble(m.group(3));
      }
    }
    return total;
  }

  /** chatnet_operator_memo_entries by memo label. */
  static Map<String, Integer> memos(String metrics) {
    Map<String, Integer> memos = new LinkedHashMap<>();
    for (String line : metrics.split("\n")) {
      Matcher m = SERIES.matcher(line);
      if (m.find() && m.group(1).equals("chatnet_operator_memo_entries") && m.group(2) != null) {
        Matcher memo = MEMO.matcher(m.group(2));
        if (memo.find()) {
          memos.put(memo.group(1), (int) Double.parseDouble(m.group(3)));
        }
      }
    }
    return memos;
  }
}

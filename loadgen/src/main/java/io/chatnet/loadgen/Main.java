package io.chatnet.loadgen;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.LatencyHistograms;
import io.chatnet.contract.Plan;
import io.chatnet.contract.Summary;
import io.chatnet.loadgen.client.Transport;
import io.chatnet.loadgen.measure.LoadMetrics;
import io.chatnet.loadgen.measure.ScrapeWatch;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The load generator's command line: one shard of an experiment's plan. */
@Command(
    name = "chatnet-loadgen",
    mixinStandardHelpOptions = true,
    description =
        "Drives status-backend clients and nwaku nodes with chat load; measures delivery and latency.")
public final class Main implements java.util.concurrent.Callable<Integer> {
  private static final Logger LOG = Logger.getLogger(Main.class.getName());

  @Option(names = "--plan", required = true, description = "The plan (JSON) the operator wrote.")
  Path plan;

  @Option(
      names = "--shard",
      defaultValue = "${env:JOB_COMPLETION_INDEX:-0}",
      description = "This shard's index (default: the Job's completion index).")
  int shard;

  @Option(
      names = "--metrics-port",
      defaultValue = "9400",
      description = "Prometheus port (0: none).")
  int metricsPort;

  @Option(
      names = "--summary",
      defaultValue = "summary.json",
      description = "Where to write the JSON summary.")
  Path summary;

  @Option(
      names = "--termination-log",
      defaultValue = "/dev/termination-log",
      description = "Also write the summary here (the operator reads it from the pod status).")
  Path terminationLog;

  @Option(
      names = "--grace-seconds",
      defaultValue = "10",
      description = "Wait for late arrivals after the window.")
  int graceSeconds;

  @Option(
      names = "--receipts",
      description =
          "Also write every first receipt of a measured message here (CSV: message, receiver,"
              + " received_us): the raw data behind the latency figures.")
  Path receipts;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Plan parsed = ContractJson.readPlan(Files.readString(plan));
    // A plan of another contract version may mean other things by the same fields: refuse it.
    List<String> problems =
        ContractJson.versionProblem("plan", parsed.contractVersion())
            .map(List::of)
            .orElseGet(() -> LoadRun.problems(parsed));
    if (!problems.isEmpty()) {
      // Defence in depth: the operator refuses such an experiment before the run.
      String message = "refusing the plan: " + String.join("; ", problems);
      LOG.severe(message);
      System.err.println(message);
      if (Files.isWritable(terminationLog) || Files.isWritable(terminationLog.getParent())) {
        Files.writeString(terminationLog, message);
      }
      return 3;
    }
    java.time.Instant now = java.time.Instant.now();
    if (!now.isBefore(parsed.endAt())) {
      // A retried shard (the Job's backoffLimitPerIndex) that starts after the window has nothing
      // to measure: it does not run a window that is over, and says so; the operator names it.
      String message = tooLate(shard, now, parsed);
      LOG.warning(message);
      writeTerminationLog(message);
      return 0;
    }
    LoadMetrics metrics = new LoadMetrics();
    HTTPServer server =
        metricsPort > 0
            ? HTTPServer.builder().port(metricsPort).registry(metrics.registry).buildAndStart()
            : null;
    ScrapeWatch scrapes = ScrapeWatch.on(metrics.registry);
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // SIGTERM: stop sending, let the run summarise what it has, then exit.
                  stop.set(true);
                  try {
                    done.await(20, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    Transport transport = new Transport(Duration.ofSeconds(10));
    try {
      Summary result =
          new LoadRun(
                  parsed,
                  shard,
                  metrics,
                  transport,
                  Duration.ofSeconds(30),
                  Duration.ofSeconds(graceSeconds))
              .receiptsTo(receipts)
              .run(stop);
      write(result);
      if (server != null && !stop.get()) {
        awaitLastScrape(scrapes, parsed);
      }
      return result.clients().ready() == 0 && result.clients().assigned() > 0 ? 2 : 0;
    } finally {
      if (server != null) {
        server.close();
      }
      transport.close();
      done.countDown();
    }
  }

  /** The termination message of a shard started after the measured window. */
  static String tooLate(int shard, java.time.Instant now, Plan plan) {
    return "shard "
        + shard
        + " started at "
        + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + ", after the measured window ended at "
        + plan.endAt()
        + ": nothing left to measure";
  }

  private void writeTerminationLog(String message) throws IOException {
    if (Files.isWritable(terminationLog) || Files.isWritable(terminationLog.getParent())) {
      Files.writeString(terminationLog, message);
    }
  }

  /**
   * Keeps the metrics served until a scrape after the window's end has read them, at most three
   * scrape intervals (the plan's, from the PodMonitor's): the counts of the window's last seconds
   * are otherwise never scraped. Without an interval in the plan there is nothing to wait for.
   */
  static boolean awaitLastScrape(ScrapeWatch scrapes, Plan plan) {
    if (plan.scrapeIntervalSeconds() <= 0) {
      return false;
    }
    Duration timeout = Duration.ofSeconds(3L * plan.scrapeIntervalSeconds());
    LOG.info("window over: serving metrics until a scrape reads them (at most " + timeout + ")");
    boolean scraped = scrapes.awaitScrapeAfter(plan.endAt(), timeout);
    if (!scraped) {
      LOG.warning(
          "no scrape of the metrics after the window's end within "
              + timeout
              + "; the last interval's counts may be missing from Prometheus");
    }
    return scraped;
  }

  /**
   * The kubelet keeps at most 4096 bytes of a termination message and cuts the rest, which would
   * leave JSON the operator cannot read: the failure lists (the only parts that grow with the
   * shard's size) are dropped first, then the latency histograms are coarsened (then dropped), then
   * whole version 2 sections ({@link Summary#OMISSION_ORDER}); the counts and the traffic figures
   * always stay.
   */
  static String terminationMessage(Summary result) throws IOException {
    String compact = ContractJson.write(result);
    if (utf8Length(compact) <= MAX_TERMINATION_MESSAGE) {
      return compact;
    }
    Summary.Relay relay = result.relay();
    Summary trimmed =
        result.toBuilder()
            .clients(
                new Summary.Clients(
                    result.clients().assigned(),
                    result.clients().ready(),
                    result.clients().failed(),
                    java.util.Map.of()))
            .setupFailures(java.util.Map.of())
            .relay(
                relay == null
                    ? null
                    : relay.toBuilder()
                        .subscribeFailures(java.util.Map.of())
                        .publishFailures(java.util.Map.of())
                        .build())
            .clientFaults(
                result.clientFaults() == null ? null : result.clientFaults().withoutNames())
            .build();
    String withoutLists = ContractJson.write(trimmed);
    if (utf8Length(withoutLists) <= MAX_TERMINATION_MESSAGE) {
      return withoutLists;
    }
    // Then the histograms go to one significant digit (LatencyHistograms.coarse), and as a last
    // resort they go: the operator then reports this shard's percentiles as an upper bound.
    // Every histogram of the summary: traffic latencies and the version 2 measurements.
    String coarse = ContractJson.write(trimmed.withHistograms(LatencyHistograms::coarse));
    if (utf8Length(coarse) <= MAX_TERMINATION_MESSAGE) {
      return coarse;
    }
    Summary bare = trimmed.withHistograms(h -> null);
    String withoutHistograms = ContractJson.write(bare);
    // Last, whole version 2 sections go, least needed first, each named in "omitted": the
    // traffic figures and the phases' instants always stay.
    for (String section : Summary.OMISSION_ORDER) {
      if (utf8Length(withoutHistograms) <= MAX_TERMINATION_MESSAGE) {
        break;
      }
      bare = bare.omitting(section);
      withoutHistograms = ContractJson.write(bare);
    }
    return withoutHistograms;
  }

  private static int utf8Length(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  static final int MAX_TERMINATION_MESSAGE = 4096;

  private void write(Summary result) throws IOException {
    String pretty = ContractJson.writePretty(result);
    Files.writeString(summary, pretty);
    LOG.info("summary written to " + summary);
    System.out.println(pretty);
    if (Files.isWritable(terminationLog) || Files.isWritable(terminationLog.getParent())) {
      String message = terminationMessage(result);
      if (utf8Length(message) > MAX_TERMINATION_MESSAGE) {
        LOG.warning(
            "summary too large for a termination message even without failure lists ("
                + utf8Length(message)
                + " bytes); the operator will see this shard as unreported");
      }
      Files.writeString(terminationLog, message);
    }
  }
}

package io.chatnet.operator.reliability;

import io.chatnet.operator.AuditLog;
import io.chatnet.testkit.LocalCluster;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the trials of one campaign case against an out-of-process operator: act (create, scale,
 * delete...), kill the operator with SIGKILL after the schedule's random delay, start a new one at
 * once, poll the invariants until they hold (convergence, timed from the kill), then count the
 * operator's writes to the object's family over a quiet interval, which must be none.
 */
final class Campaign implements AutoCloseable {
  /** How often invariants are polled while waiting for convergence. */
  static final Duration POLL = Duration.ofMillis(500);

  private final String name;
  private final String namespace;
  private final CampaignSettings settings;
  private final KillSchedule schedule;
  private final AuditLog audit;
  private final List<TrialRecord> records = new ArrayList<>();
  private OperatorProcess operator;
  private int started;

  /** System properties of each operator process, by its number (e.g. its leader identity). */
  private final java.util.function.IntFunction<List<String>> properties;

  private Campaign(
      String name,
      String namespace,
      CampaignSettings settings,
      java.util.function.IntFunction<List<String>> properties) {
    this.name = name;
    this.namespace = namespace;
    this.settings = settings;
    this.properties = properties;
    this.schedule = new KillSchedule(settings.seed());
    this.audit = new AuditLog(LocalCluster.get().auditLog().orElseThrow());
  }

  /** Starts the campaign's first operator and waits until it is ready. */
  static Campaign start(String name, String namespace, CampaignSettings settings)
      throws IOException {
    return start(name, namespace, settings, n -> List.of());
  }

  /** As {@link #start(String, String, CampaignSettings)}, each process given more properties. */
  static Campaign start(
      String name,
      String namespace,
      CampaignSettings settings,
      java.util.function.IntFunction<List<String>> properties)
      throws IOException {
    Campaign campaign = new Campaign(name, namespace, settings, properties);
    campaign.operator = campaign.newOperator().awaitReady(Duration.ofMinutes(3));
    return campaign;
  }

  /** What one trial does and checks. */
  interface Trial {
    /** The action the kill interrupts (create, patch, delete...). */
    void act() throws Exception;

    /** The object's state at the kill, for the record ("Provisioning 12/56", "absent"). */
    String state();

    /** What does not yet hold; empty once converged. */
    List<String> violations();

    /** Whether an audited write belongs to this trial's objects. */
    boolean concerns(AuditLog.Write write);

    /** What the world does once the new operator is starting (lift a hold the trial set up). */
    default void afterKill() throws Exception {}
  }

  /** What interrupts a trial: by default the operator's SIGKILL and a new process at once. */
  interface Fault {
    /** Injects the fault; returns the instant convergence is timed from. */
    Instant inject() throws Exception;

    /** What the fault was, appended to the state at kill in the record (empty: nothing). */
    default String describe() {
      return "";
    }

    /** What did not hold of the fault itself (read after convergence; none by default). */
    default List<String> violations() {
      return List.of();
    }
  }

  /** Runs trial {@code trial} of {@code campaignCase} with kills drawn within {@code window}. */
  TrialRecord run(String campaignCase, int trial, Duration window, Trial t) throws Exception {
    return run(campaignCase, trial, window, t, this::killAndRestart);
  }

  /** As {@link #run(String, int, Duration, Trial)}, with {@code fault} instead of the kill. */
  TrialRecord run(String campaignCase, int trial, Duration window, Trial t, Fault fault)
      throws Exception {
    Duration delay = schedule.delay(campaignCase, trial, window);
    Instant acted = Instant.now();
    try {
      t.act();
    } catch (Exception | AssertionError e) {
      // lift the hold act set up (cordoned nodes, held shards), or every later trial inherits it
      afterKill(t);
      throw e;
    }
    long left = Duration.between(Instant.now(), acted.plus(delay)).toMillis();
    if (left > 0) {
      Thread.sleep(left); // the kill instant itself is what the trial is about, not a wait
    }
    String state = t.state();
    Instant killed = fault.inject();
    if (!fault.describe().isEmpty()) {
      state += "; " + fault.describe();
    }
    afterKill(t);
    List<String> last = violations(t);
    Instant deadline = killed.plus(settings.convergeWithin());
    while (!last.isEmpty() && Instant.now().isBefore(deadline) && operator.alive()) {
      Thread.sleep(POLL.toMillis());
      last = violations(t);
    }
    if (!operator.alive()) {
      last = new ArrayList<>(last);
      last.add("the operator exited: " + operator.log());
    }
    boolean converged = last.isEmpty();
    Instant at = Instant.now();
    int writes = 0;
    List<String> violations = new ArrayList<>(last);
    violations.addAll(fault.violations());
    if (converged) {
      List<AuditLog.Write> quiet = quietWrites(t, at);
      writes = quiet.size();
      quiet.forEach(w -> violations.add("write after convergence: " + w));
    }
    TrialRecord record =
        new TrialRecord(
                campaignCase,
                trial,
                settings.seed(),
                delay.toMillis(),
                state,
                converged,
                Duration.between(killed, at).toMillis(),
                writes,
                violations)
            .append();
    records.add(record);
    return record;
  }

  /** Lifts the trial's hold, again while the API server does not answer yet (up to a minute). */
  private static void afterKill(Trial t) throws Exception {
    Instant giveUp = Instant.now().plus(Duration.ofMinutes(1));
    while (true) {
      try {
        t.afterKill();
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (Instant.now().isAfter(giveUp)) {
          throw e;
        }
        Thread.sleep(POLL.toMillis());
      }
    }
  }

  /** The trial's violations; a request the API server does not answer yet is one more. */
  private static List<String> violations(Trial t) {
    try {
      return t.violations();
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      return List.of("API server not answering the test: " + e.getMessage());
    }
  }

  /** SIGKILL the running operator and start the next at once; returns the kill instant. */
  Instant killAndRestart() throws IOException, InterruptedException {
    operator.kill();
    Instant killed = Instant.now();
    operator = newOperator();
    return killed;
  }

  /** Waits the quiet interval after {@code from}; the operator's writes to the trial's objects. */
  List<AuditLog.Write> quietWrites(Trial t, Instant from) throws InterruptedException {
    Thread.sleep(settings.quiet().toMillis()); // an interval to count over, not a wait for a state
    return audit.writesBy(OperatorProcess.AGENT_PREFIX, from).stream().filter(t::concerns).toList();
  }

  List<TrialRecord> records() {
    return records;
  }

  KillSchedule schedule() {
    return schedule;
  }

  /** The operator process running now (the one a control plane fault must not restart). */
  OperatorProcess operator() {
    return operator;
  }

  CampaignSettings settings() {
    return settings;
  }

  /**
   * Whether a write touched {@code object} or one of its children ({@code object-...}) or events.
   */
  static boolean family(AuditLog.Write w, String object) {
    return w.name().equals(object)
        || w.name().startsWith(object + "-")
        || w.name().startsWith(object + ".");
  }

  /** Starts the campaign's next operator process (not yet the one it checks: see adopt). */
  OperatorProcess newOperator() throws IOException {
    return newOperator(List.of());
  }

  /** As {@link #newOperator()}, with {@code more} properties after its own (the later wins). */
  synchronized OperatorProcess newOperator(List<String> more) throws IOException {
    ++started;
    List<String> all = new ArrayList<>(properties.apply(started));
    all.addAll(more);
    return OperatorProcess.start(name, started, namespace, settings.resync(), all);
  }

  /** Makes {@code process} the operator the campaign checks is alive and closes at the end. */
  void adopt(OperatorProcess process) {
    operator = process;
  }

  /** Waits, polling, until {@code violations} is empty (setup steps that are not trials). */
  static void awaitClean(Supplier<List<String>> violations, Duration within)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    List<String> last = violations.get();
    while (!last.isEmpty()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("did not converge within " + within + ": " + last);
      }
      Thread.sleep(POLL.toMillis());
      last = violations.get();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (operator != null) {
      operator.kill();
    }
  }
}

package io.chatnet.loadgen;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Figures;
import io.chatnet.contract.OperationFigures;
import io.chatnet.contract.PhaseWindow;
import io.chatnet.contract.Plan;
import io.chatnet.contract.Summary;
import io.chatnet.loadgen.client.ChatClient;
import io.chatnet.loadgen.client.Signal;
import io.chatnet.loadgen.client.Transport;
import io.chatnet.loadgen.measure.CatchUps;
import io.chatnet.loadgen.measure.DeliveryTracker;
import io.chatnet.loadgen.measure.GroupCreations;
import io.chatnet.loadgen.measure.LoadMetrics;
import io.chatnet.loadgen.measure.Timings;
import io.chatnet.loadgen.plan.Assignment;
import io.chatnet.loadgen.plan.Assignment.Chat;
import io.chatnet.loadgen.plan.ContactLayout;
import io.chatnet.loadgen.setup.Provisioner;
import io.chatnet.loadgen.setup.Retry;
import io.chatnet.loadgen.setup.SocialGraph;
import io.chatnet.loadgen.traffic.ChatSenders;
import io.chatnet.loadgen.traffic.ContactRequestPhase;
import io.chatnet.loadgen.traffic.MessageText;
import io.chatnet.loadgen.traffic.MobileBehaviours;
import io.chatnet.loadgen.traffic.RelayReader;
import io.chatnet.loadgen.traffic.RelaySender;
import io.chatnet.loadgen.traffic.Schedule;
import io.chatnet.loadgen.traffic.SendBound;
import io.chatnet.loadgen.traffic.TrafficKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * One shard's run, as a pipeline: log in the shard's clients, make contacts and groups, wait for
 * the planned start instant, send Poisson load and apply mobile behaviours until the window ends,
 * wait out late arrivals, and summarise.
 */
public final class LoadRun {
  private static final Logger LOG = Logger.getLogger(LoadRun.class.getName());
  private final Plan plan;
  private final int shard;
  private final LoadMetrics metrics;
  private final Transport transport;
  private final Duration requestTimeout;
  private final Duration grace;
  private Path receiptsFile;

  public LoadRun(
      Plan plan,
      int shard,
      LoadMetrics metrics,
      Transport transport,
      Duration requestTimeout,
      Duration grace) {
    if (shard < 0 || shard >= plan.shards()) {
      throw new IllegalArgumentException("shard " + shard + " is not in 0.." + (plan.shards() - 1));
    }
    this.plan = plan;
    this.shard = shard;
    this.metrics = metrics;
    this.transport = transport;
    this.requestTimeout = requestTimeout;
    this.grace = grace;
  }

  /**
   * Also writes every first receipt of a measured message to {@code file}, as CSV {@code
   * message,receiver,received_us} (epoch microseconds): the raw data behind the latency figures.
   */
  public LoadRun receiptsTo(Path file) {
    this.receiptsFile = file;
    return this;
  }

  /**
   * Why this plan cannot run (empty if it can): pairs and groups that its clients cannot form,
   * relay load without the network's topics.
   */
  public static List<String> problems(Plan plan) {
    List<String> problems = new ArrayList<>(Assignment.problems(plan));
    problems.addAll(io.chatnet.contract.PlanChecks.problems(plan));
    if (relayed(plan)
        && (plan.waku() == null
            || plan.waku().shards() == null
            || plan.waku().shards().isEmpty())) {
      problems.add(
          "traffic.relay needs the network's cluster id and shards (plan field waku), to publish"
              + " to /waku/2/rs/<cluster>/<shard>");
    }
    return problems;
  }

  private static boolean relayed(Plan plan) {
    return plan.traffic() != null
        && plan.traffic().relay() != null
        && plan.relayNodes() != null
        && !plan.relayNodes().isEmpty();
  }

  /**
   * How long a message's receipts are matched after its send (the tracker's memory bound): the
   * default 120 s, or an offline or background period's length plus 60 s when that is longer, so a
   * client's catch-up after its period still counts.
   */
  static long retainMicros(Plan plan) {
    long seconds = DeliveryTracker.DEFAULT_RETAIN_MICROS / 1_000_000;
    if (plan.behaviours() != null) {
      for (Plan.Periodic p :
          new Plan.Periodic[] {plan.behaviours().offline(), plan.behaviours().background()}) {
        if (p != null) {
          seconds = Math.max(seconds, p.longestSeconds() + 60L);
        }
      }
    }
    return seconds * 1_000_000;
  }

  public Summary run(AtomicBoolean stop) {
    List<String> problems = problems(plan);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("refusing the plan: " + String.join("; ", problems));
    }
    Assignment assignment = Assignment.of(plan, shard);
    Map<String, ChatClient> clients = new LinkedHashMap<>();
    assignment
        .clients()
        .forEach(ref -> clients.put(ref.name(), new ChatClient(ref, transport, requestTimeout)));
    DeliveryTracker tracker =
        new DeliveryTracker(
            metrics, micros(plan.measureFrom()), micros(plan.endAt()), retainMicros(plan));
    if (receiptsFile != null) {
      tracker.keepReceipts();
    }
    GroupCreations creations = new GroupCreations(metrics);
    SocialGraph graph = new SocialGraph(Duration.ofSeconds(60), creations);
    ContactLayout contactLayout = ContactLayout.of(plan, Assignment.layout(plan));
    ContactRequestPhase contactPhase =
        new ContactRequestPhase(
            plan, metrics, assignment.contacts(), contactLayout.answers(), clients);
    CatchUps catchUps =
        new CatchUps(metrics, micros(plan.measureFrom()), micros(plan.endAt()), retainMicros(plan));
    for (ChatClient client : clients.values()) {
      client.onMessages(signal -> route(client, signal, graph, contactPhase, tracker, catchUps));
      client.signals().onOutage(ClientFaultCount.outagesTo(tracker, client.name()));
    }
    try {
      LOG.info("shard " + shard + ": logging in " + clients.size() + " clients");
      Map<String, String> loginFailures =
          new Provisioner(plan.concurrency(), 3, Duration.ofSeconds(1))
              .loginAll(new ArrayList<>(clients.values()), plan.clientSettings());
      metrics.clients.labelValues("ready").set(clients.size() - loginFailures.size());
      metrics.clients.labelValues("failed").set(loginFailures.size());
      Map<String, OperationFigures> logins = logins(clients.values(), loginFailures);

      Map<String, String> setupFailures = new ConcurrentHashMap<>();
      List<Chat> pairs = usable(assignment.pairs(), loginFailures);
      List<Chat> groups = usable(assignment.groups(), loginFailures);
      Map<Integer, String> groupChats = new ConcurrentHashMap<>();
      socialSetup(pairs, groups, clients, graph, groupChats, setupFailures, creations);
      pairs.removeIf(p -> setupFailures.containsKey(pairName(p)));
      groups.removeIf(g -> !groupChats.containsKey(g.index()));
      LOG.info(
          "shard " + shard + ": " + pairs.size() + " pairs and " + groups.size() + " groups ready");

      RelayReader reader = null;
      RelaySender relay = null;
      // One bound for the shard's chat and relay sends: it is the shard's heap they share.
      SendBound bound = new SendBound();
      if (relayed(plan)) {
        reader = new RelayReader(plan, transport, tracker);
        List<String> receivers =
            reader.subscribe(Schedule.relayReceivers(plan, shard), Duration.ofSeconds(10));
        relay =
            new RelaySender(plan, shard, transport, tracker, receivers, micros(plan.endAt()), stop)
                .bound(bound);
      }

      long skew = waitUntil(plan.startAt(), stop);
      ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemon("load"));
      Map<String, PhaseWindow> phases = new LinkedHashMap<>();
      try {
        if (plan.contactPhaseSeconds() > 0) {
          Instant from = Instant.now();
          metrics.phase.labelValues("contact_requests").set(1);
          contactPhase.start(scheduler);
          LOG.info(
              "shard "
                  + shard
                  + ": contact-request phase, "
                  + contactPhase.planned()
                  + " requests");
          waitUntil(plan.idleFrom(), stop);
          contactPhase.close();
          metrics.phase.labelValues("contact_requests").set(0);
          phases.put(Summary.CONTACT_REQUESTS_PHASE, new PhaseWindow(from, Instant.now()));
        }
        if (plan.idlePhaseSeconds() > 0) {
          Instant from = Instant.now();
          metrics.phase.labelValues("idle").set(1);
          LOG.info("shard " + shard + ": idle for " + plan.idlePhaseSeconds() + " s");
          waitUntil(plan.trafficFrom(), stop);
          metrics.phase.labelValues("idle").set(0);
          phases.put(Summary.IDLE_PHASE, new PhaseWindow(from, Instant.now()));
        }
        metrics.phase.labelValues("traffic").set(1);
        // Chat sends on the transport's event loop: no hop between a send and its connection.
        ChatSenders chats =
            new ChatSenders(plan, shard, transport.loop(), tracker, micros(plan.endAt()), stop)
                .catchUps(catchUps)
                .bound(bound);
        List<Schedule.Stream> streams = Schedule.chats(plan, pairs, groups);
        chats.start(streams, clients, groupChats);
        if (relay != null) {
          reader.start();
          relay.start();
        }
        List<ChatClient> ready = new ArrayList<>();
        clients.values().stream().filter(c -> c.publicKey() != null).forEach(ready::add);
        MobileBehaviours behaviours = new MobileBehaviours(plan, shard, scheduler, stop, catchUps);
        behaviours.start(ready);

        waitUntil(plan.measureFrom(), stop);
        Instant measuredFrom = Instant.now();
        waitUntil(plan.endAt(), stop);
        phases.put(Summary.MEASURED_PHASE, new PhaseWindow(measuredFrom, Instant.now()));
        LOG.info(
            "shard "
                + shard
                + ": window over; waiting "
                + grace.toSeconds()
                + " s for late arrivals");
        waitUntil(Instant.now().plus(grace), stop);
        Summary.Relay relaySummary = null;
        if (reader != null) {
          try {
            reader.stop().get(15, java.util.concurrent.TimeUnit.SECONDS);
          } catch (Exception e) {
            LOG.warning("shard " + shard + ": last relay reads did not finish: " + e);
          }
          RelayReader.Report report = reader.report();
          relaySummary =
              new Summary.Relay(
                  tracker.reachedAny(TrafficKind.RELAY),
                  report.pubsubTopics(),
                  report.receivers().size(),
                  report.subscribeFailures(),
                  report.cacheCapacity(),
                  report.readIntervalMillis(),
                  report.reads(),
                  report.overflows(),
                  report.failedReads(),
                  relay.failures());
        }

        Map<String, Figures> figures = new LinkedHashMap<>();
        tracker
            .figures()
            .forEach(
                (kind, f) -> {
                  if (f.sent() > 0 || f.failed() > 0) {
                    figures.put(kind.label(), f);
                  }
                });
        long reconnects = clients.values().stream().mapToLong(c -> c.signals().drops()).sum();
        if (receiptsFile != null) {
          writeReceipts(tracker.receipts());
        }
        metrics.phase.labelValues("traffic").set(0);
        return new Summary(
                ContractJson.VERSION,
                plan.experiment(),
                shard,
                plan.startAt(),
                skew,
                new Summary.Clients(
                    clients.size(),
                    clients.size() - loginFailures.size(),
                    loginFailures.size(),
                    first(loginFailures, 20)),
                pairs.size(),
                groups.size(),
                first(setupFailures, 20),
                figures,
                behaviours.counts(),
                tracker.foreign(),
                reconnects,
                stop.get(),
                relaySummary,
                tracker.expired())
            .withMeasurements(
                logins,
                emptyToNull(contactPhase.active() ? contactPhase.figures() : Map.of()),
                emptyToNull(creations.figures()),
                nullIfEmpty(catchUps.figures()),
                phases,
                roles(assignment, streams))
            .withClientFaults(ClientFaultCount.of(clients.values()));
      } finally {
        scheduler.shutdownNow();
      }
    } finally {
      if (!stop.get()) {
        // Leave each status-backend logged out: the next experiment on the network creates a
        // fresh account on it (logging in also logs out first, so a shard cut short is safe too).
        List<ChatClient> loggedIn =
            clients.values().stream().filter(c -> c.publicKey() != null).toList();
        int failed = new Provisioner(plan.concurrency(), 1, Duration.ZERO).logoutAll(loggedIn);
        LOG.info(
            "shard "
                + shard
                + ": logged out "
                + (loggedIn.size() - failed)
                + "/"
                + loggedIn.size());
      }
      clients.values().forEach(ChatClient::close);
    }
  }

  private void writeReceipts(List<DeliveryTracker.Receipt> receipts) {
    StringBuilder csv = new StringBuilder("message,receiver,received_us\n");
    for (DeliveryTracker.Receipt r : receipts) {
      csv.append(r.messageId())
          .append(',')
          .append(r.receiver())
          .append(',')
          .append(r.receivedMicros())
          .append('\n');
    }
    try {
      Files.writeString(receiptsFile, csv);
    } catch (IOException e) {
      LOG.warning("cannot write receipts to " + receiptsFile + ": " + e.getMessage());
    }
  }

  private void route(
      ChatClient client,
      Signal signal,
      SocialGraph graph,
      ContactRequestPhase contactPhase,
      DeliveryTracker tracker,
      CatchUps catchUps) {
    if ("message.delivered".equals(signal.type())) {
      tracker.acked(signal.event().path("messageID").asText(""));
      return;
    }
    if ("envelope.expired".equals(signal.type())) {
      // status-go gave up publishing these messages (docs/rln-results.md: all a client sees of a
      // refusal).
      for (var id : signal.event().path("ids")) {
        tracker
            .envelopeExpired(id.asText(""))
            .ifPresent(m -> catchUps.unsent(m.messageId(), m.receivers()));
      }
      return;
    }
    if (graph.onMessages(client, signal) || contactPhase.onMessages(client, signal)) {
      return;
    }
    for (var message : signal.messages()) {
      MessageText.decode(message.text())
          .ifPresent(
              m -> {
                tracker.received(
                    client.name(), client.ref().kind(), m, signal.receivedEpochMicros());
                catchUps.received(client.name(), m.id(), signal.receivedEpochMicros());
              });
    }
  }

  /** Logins by client kind: every client attempted, the successful ones timed. */
  private Map<String, OperationFigures> logins(
      java.util.Collection<ChatClient> clients, Map<String, String> failures) {
    Timings timings = new Timings();
    Map<String, long[]> counts = new java.util.TreeMap<>();
    for (ChatClient client : clients) {
      String kind = client.ref().kind();
      long[] c = counts.computeIfAbsent(kind, k -> new long[3]);
      c[0]++;
      if (failures.containsKey(client.name()) || client.loginMicros() < 0) {
        c[2]++;
        metrics.logins.labelValues(kind, "failed").inc();
      } else {
        c[1]++;
        timings.record(kind, client.loginMicros());
        metrics.logins.labelValues(kind, "succeeded").inc();
        metrics.login.labelValues(kind).observe(client.loginMicros() / 1e6);
      }
    }
    Map<String, OperationFigures> out = new LinkedHashMap<>();
    counts.forEach(
        (kind, c) -> out.put(kind, new OperationFigures(c[0], c[1], c[2], timings.summary(kind))));
    return out;
  }

  /**
   * This shard's clients by role: senders (a chat stream of theirs sends), silent (in a pair or
   * group, sending nothing), unchatting (in no pair or group).
   */
  static Map<String, Integer> roles(Assignment assignment, List<Schedule.Stream> streams) {
    java.util.Set<String> senders = new java.util.HashSet<>();
    streams.forEach(s -> senders.add(s.from()));
    java.util.Set<String> chatting = new java.util.HashSet<>();
    assignment.pairs().forEach(c -> c.members().forEach(m -> chatting.add(m.name())));
    assignment.groups().forEach(c -> c.members().forEach(m -> chatting.add(m.name())));
    Map<String, Integer> out = new LinkedHashMap<>();
    out.put("senders", (int) chatting.stream().filter(senders::contains).count());
    out.put("silent", (int) chatting.stream().filter(n -> !senders.contains(n)).count());
    out.put("unchatting", assignment.clients().size() - chatting.size());
    return out;
  }

  private static <K, V> Map<K, V> emptyToNull(Map<K, V> map) {
    return map == null || map.isEmpty() ? null : map;
  }

  private static <T> List<T> nullIfEmpty(List<T> list) {
    return list == null || list.isEmpty() ? null : list;
  }

  private void socialSetup(
      List<Chat> pairs,
      List<Chat> groups,
      Map<String, ChatClient> clients,
      SocialGraph graph,
      Map<Integer, String> groupChats,
      Map<String, String> failures,
      GroupCreations creations) {
    Semaphore slots = new Semaphore(Math.max(1, plan.concurrency()));
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (Chat pair : pairs) {
      ChatClient a = clients.get(pair.members().get(0).name());
      ChatClient b = clients.get(pair.members().get(1).name());
      slots.acquireUninterruptibly();
      all.add(
          Retry.withBackoff(() -> graph.connect(a, b), 3, Duration.ofSeconds(1))
              .whenComplete(
                  (v, e) -> {
                    slots.release();
                    if (e != null) {
                      failures.put(pairName(pair), String.valueOf(Retry.unwrap(e).getMessage()));
                    }
                  }));
    }
    for (Chat group : groups) {
      List<ChatClient> members = group.members().stream().map(m -> clients.get(m.name())).toList();
      // Named by its plan-wide index: the same group whatever the shard count.
      String name = plan.experiment() + "-g" + group.index();
      String creatorKind = members.get(0).ref().kind();
      creations.attempted(creatorKind);
      slots.acquireUninterruptibly();
      all.add(
          Retry.withBackoff(() -> graph.group(name, members), 3, Duration.ofSeconds(1))
              .whenComplete(
                  (chatId, e) -> {
                    slots.release();
                    if (e != null) {
                      creations.failed(creatorKind);
                      failures.put(name, String.valueOf(Retry.unwrap(e).getMessage()));
                    } else {
                      groupChats.put(group.index(), chatId);
                    }
                  }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
  }

  private static List<Chat> usable(List<Chat> chats, Map<String, String> failed) {
    List<Chat> out = new ArrayList<>();
    for (Chat chat : chats) {
      if (chat.members().stream().noneMatch(r -> failed.containsKey(r.name()))) {
        out.add(chat);
      }
    }
    return out;
  }

  static String pairName(Chat pair) {
    return pair.members().get(0).name() + "+" + pair.members().get(1).name();
  }

  /** Sleeps until {@code instant} (or a stop); returns how late it woke, in milliseconds. */
  static long waitUntil(Instant instant, AtomicBoolean stop) {
    while (!stop.get()) {
      long remaining = Duration.between(Instant.now(), instant).toMillis();
      if (remaining <= 0) {
        break;
      }
      try {
        Thread.sleep(Math.min(remaining, 200));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return Math.max(0, Duration.between(instant, Instant.now()).toMillis());
  }

  static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  private static Map<String, String> first(Map<String, String> map, int limit) {
    Map<String, String> out = new LinkedHashMap<>();
    map.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .limit(limit)
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}

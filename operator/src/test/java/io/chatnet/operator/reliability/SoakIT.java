package io.chatnet.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.AuditLog;
import io.chatnet.operator.Crds;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.naming.ExperimentNames;
import io.chatnet.operator.naming.Labels;
import io.chatnet.operator.reconciler.ChatExperimentLifecycleTest;
import io.chatnet.testkit.LocalCluster;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Issue 15's soak: {@link SoakSettings#networks()} networks of {@link SoakSettings#nodes()} pods
 * and an experiment loop on each (create, the shards played as the campaign does, delete, repeat)
 * for {@link SoakSettings#length()}, against the packaged operator as its own process. Every sample
 * interval it records the operator's resident memory, heap after a forced full GC, memo sizes, the
 * objects its informers hold, and its writes by family (audit log); then it deletes everything and
 * samples until the memos are empty. {@link SoakVerdict} judges the samples; they go to
 * target/reliability/soak.tsv (or CHATNET_SOAK_OUT), which bench/reliability/soak.sh turns into
 * bench/reliability.md's soak section.
 */
@LocalClusterTest
@EnabledIf(value = "requested", disabledReason = "a soak runs when asked: make bench-soak")
class SoakIT {
  static final SoakSettings SETTINGS = SoakSettings.fromEnvironment();
  static final String NETWORK_PREFIX = "soak";
  static final String EXPERIMENT_PREFIX = "x";

  /** The informers the operator runs, each with its selector, as (name, type, selector). */
  record Informer(String name, Class<? extends HasMetadata> type, String selector) {}

  static final List<Informer> INFORMERS =
      List.of(
          new Informer("networks", ChatNetwork.class, null),
          new Informer("experiments", ChatExperiment.class, null),
          new Informer("net-statefulsets", StatefulSet.class, Labels.MANAGED_SELECTOR),
          new Informer("net-services", Service.class, Labels.MANAGED_SELECTOR),
          new Informer("net-configmaps", ConfigMap.class, Labels.MANAGED_SELECTOR),
          new Informer("net-secrets", Secret.class, Labels.MANAGED_SELECTOR),
          new Informer(
              "net-enr-pods",
              Pod.class,
              Labels.MANAGED_SELECTOR + "," + Labels.ROLE + " in (bootstrap,service)"),
          new Informer("exp-jobs", Job.class, ExperimentNames.EXPERIMENT_LABEL),
          new Informer("exp-pods", Pod.class, ExperimentNames.EXPERIMENT_LABEL),
          new Informer("exp-configmaps", ConfigMap.class, ExperimentNames.EXPERIMENT_LABEL));

  /**
   * Only when a soak is asked for (bench/reliability/soak.sh sets SOAK_NETWORKS; or
   * -Dchatnet.soak.networks=): even the short variant took 2.5 minutes under load, over what `make
   * test` can spend on it.
   */
  static boolean requested() {
    return System.getenv("SOAK_NETWORKS") != null
        || System.getProperty("chatnet.soak.networks") != null;
  }

  final List<SoakSample> samples = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger finished = new AtomicInteger();
  final AtomicInteger succeeded = new AtomicInteger();
  final List<String> failedExperiments = Collections.synchronizedList(new ArrayList<>());
  volatile String stage = SoakSample.PROVISIONING;
  // when every network was seen Ready: the loop's writes are those the API server received after it
  volatile Instant loopStart = Instant.MAX;
  Instant began;

  @Test
  void operatorMemoryWritesAndMemosStayFlat(KubernetesClient client, TestNamespace ns)
      throws Exception {
    Crds.install(client);
    installPodMonitorCrd(client); // so the PodMonitor memo is exercised too
    String load0 = Files.readString(Path.of("/proc/loadavg")).trim();
    began = Instant.now();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    Path gcLog =
        Files.createDirectories(Path.of("target", "reliability", "soak"))
            .resolve("operator-1-gc.log")
            .toAbsolutePath();
    Files.deleteIfExists(gcLog);
    try (OperatorProcess operator =
            OperatorProcess.start(
                    "soak",
                    1,
                    ns.name(),
                    SETTINGS.resync(),
                    List.of(OperatorProbe.gcLogOption(gcLog)))
                .awaitReady(Duration.ofMinutes(3));
        ShardPlayer player = new ShardPlayer(client, ns.name())) {
      OperatorProbe probe = new OperatorProbe(operator, gcLog);
      AuditTail audit =
          new AuditTail(LocalCluster.get().auditLog().orElseThrow(), OperatorProcess.AGENT_PREFIX);
      sampler.scheduleWithFixedDelay(
          () -> sample(client, ns, probe, audit),
          0,
          SETTINGS.sample().toMillis(),
          TimeUnit.MILLISECONDS);

      for (int n = 0; n < SETTINGS.networks(); n++) {
        ChatNetwork network = Scenarios.manifest("smoke.yaml", ns.name(), NETWORK_PREFIX + n);
        network.getSpec().getGroups().get(1).setReplicas(SETTINGS.relays());
        client.resource(network).create();
      }
      Instant created = Instant.now();
      await(
          "every network Ready",
          SETTINGS.readyWithin(),
          () -> count(client, ns, ChatNetwork.class, this::ready) == SETTINGS.networks());
      long readySeconds = Duration.between(created, Instant.now()).toSeconds();

      loopStart = Instant.now();
      stage = SoakSample.LOOP;
      Instant end = Instant.now().plus(SETTINGS.length());
      int rounds = 0;
      while (Instant.now().isBefore(end)) {
        round(client, ns, rounds++);
      }

      stage = SoakSample.DRAIN;
      client.resources(ChatNetwork.class).inNamespace(ns.name()).delete();
      int drained = samples.size();
      await(
          "everything deleted and two samples after",
          Duration.ofMinutes(5),
          () ->
              count(client, ns, ChatNetwork.class, n -> true) == 0
                  && samples.size() >= drained + 2
                  && drained(samples.get(samples.size() - 1)));
      sampler.shutdown();
      sampler.awaitTermination(2, TimeUnit.MINUTES);

      SoakVerdict verdict = SoakVerdict.judge(List.copyOf(samples));
      String load1 = Files.readString(Path.of("/proc/loadavg")).trim();
      write(verdict, rounds, readySeconds, load0, load1, audit.rotations());
      assertThat(failedExperiments).as("experiments that failed").isEmpty();
      assertThat(verdict.failures()).as("soak verdict").isEmpty();
    } finally {
      sampler.shutdownNow();
    }
  }

  /** One round: SOAK_LOOP experiments on every network, each to its end, then all deleted. */
  void round(KubernetesClient client, TestNamespace ns, int round) throws Exception {
    List<String> names = new ArrayList<>();
    for (int n = 0; n < SETTINGS.networks(); n++) {
      for (int k = 0; k < SETTINGS.loop(); k++) {
        String name = EXPERIMENT_PREFIX + n + "-r" + round + "-" + k;
        client
            .resource(ChatExperimentLifecycleTest.experiment(ns, name, NETWORK_PREFIX + n, ""))
            .create();
        names.add(name);
      }
    }
    await(
        "round " + round + " finished",
        Duration.ofMinutes(10),
        () -> count(client, ns, ChatExperiment.class, this::done) == names.size());
    for (ChatExperiment e :
        client.resources(ChatExperiment.class).inNamespace(ns.name()).list().getItems()) {
      if (e.getStatus().getPhase() == ExperimentPhase.Succeeded) {
        succeeded.incrementAndGet();
      } else {
        failedExperiments.add(e.getMetadata().getName() + " " + e.getStatus().getConditions());
      }
      finished.incrementAndGet();
    }
    client.resources(ChatExperiment.class).inNamespace(ns.name()).delete();
    await(
        "round " + round + " deleted",
        Duration.ofMinutes(2),
        () -> count(client, ns, ChatExperiment.class, e -> true) == 0);
  }

  /** The upstream PodMonitor CRD (as PodMonitorClusterTest installs it), unless one is served. */
  static void installPodMonitorCrd(KubernetesClient client) throws Exception {
    String crd = "podmonitors.monitoring.coreos.com";
    if (client.apiextensions().v1().customResourceDefinitions().withName(crd).get() == null) {
      try (InputStream in =
          SoakIT.class.getResourceAsStream(
              "/upstream/prometheus-operator-v0.85.0-podmonitors.yaml")) {
        client
            .resource(client.apiextensions().v1().customResourceDefinitions().load(in).item())
            .fieldManager("chatnet-tests")
            .serverSideApply();
      }
    }
    await(
        "PodMonitors served",
        Duration.ofSeconds(60),
        () -> {
          try {
            client.resources(PodMonitor.class).inAnyNamespace().list();
            return true;
          } catch (KubernetesClientException e) {
            return false;
          }
        });
  }

  /** Whether a sample sees nothing left: no object in any informer, no per-owner memo entry. */
  static boolean drained(SoakSample s) {
    return s.objects().values().stream().allMatch(n -> n == 0)
        && s.memos().entrySet().stream()
            .filter(
                m ->
                    SoakVerdict.PER_NETWORK.contains(m.getKey())
                        || m.getKey().equals(SoakVerdict.PER_EXPERIMENT))
            .allMatch(m -> m.getValue() == 0);
  }

  boolean ready(ChatNetwork n) {
    return n.getStatus() != null && n.getStatus().getPhase() == NetworkPhase.Ready;
  }

  boolean done(ChatExperiment e) {
    return e.getStatus() != null
        && (e.getStatus().getPhase() == ExperimentPhase.Succeeded
            || e.getStatus().getPhase() == ExperimentPhase.Failed);
  }

  void sample(KubernetesClient client, TestNamespace ns, OperatorProbe probe, AuditTail audit) {
    try {
      long seconds = Duration.between(began, Instant.now()).toSeconds();
      String at = stage;
      double load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
      long rss = probe.residentBytes();
      long heap = probe.heapAfterForcedCollection();
      String metrics = probe.metricsText();
      Map<String, Integer> objects = new LinkedHashMap<>();
      for (Informer i : INFORMERS) {
        objects.put(i.name(), objects(client, ns, i));
      }
      int network = 0;
      int experiment = 0;
      int other = 0;
      for (AuditLog.Write w : audit.next()) {
        if (w.name().startsWith(NETWORK_PREFIX)) {
          if (w.at().isBefore(loopStart) && SoakSample.LOOP.equals(at)) {
            // the first loop sample reads on from the last provisioning one: the networks'
            // last Ready transitions fall in between and are provisioning's writes
            System.out.println("soak: a network write before the loop began: " + w);
            continue;
          }
          network++;
        } else if (w.name().startsWith(EXPERIMENT_PREFIX)) {
          experiment++;
        } else {
          other++;
          System.out.println("soak: write outside any family: " + w);
        }
      }
      SoakSample s =
          new SoakSample(
              seconds,
              at,
              load,
              rss,
              heap,
              OperatorProbe.memos(metrics),
              objects,
              network,
              experiment,
              other,
              finished.getAndSet(0),
              objects.get("networks"),
              objects.get("experiments"));
      samples.add(s);
      System.out.println(
          "soak sample: " + s.line(List.copyOf(s.memos().keySet()), informerNames()));
    } catch (Exception e) {
      System.out.println("soak: sample failed: " + e); // the next interval samples again
    }
  }

  static List<String> informerNames() {
    return INFORMERS.stream().map(Informer::name).toList();
  }

  static int objects(KubernetesClient client, TestNamespace ns, Informer i) {
    var op = client.resources(i.type()).inNamespace(ns.name());
    return i.selector() == null
        ? op.list().getItems().size()
        : op.list(new ListOptionsBuilder().withLabelSelector(i.selector()).build())
            .getItems()
            .size();
  }

  static <R extends HasMetadata> long count(
      KubernetesClient client, TestNamespace ns, Class<R> type, Predicate<R> which) {
    return client.resources(type).inNamespace(ns.name()).list().getItems().stream()
        .filter(which)
        .count();
  }

  static void await(String what, Duration within, java.util.function.BooleanSupplier done)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (!answered(done)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("soak: not within " + within + ": " + what);
      }
      Thread.sleep(1000);
    }
  }

  /**
   * An unanswered request (the API server busy creating thousands of pods) is "not yet", not a
   * failed soak: the deadline decides.
   */
  private static boolean answered(java.util.function.BooleanSupplier done) {
    try {
      return done.getAsBoolean();
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      System.out.println("soak: request unanswered, trying again: " + e.getMessage());
      return false;
    }
  }

  void write(
      SoakVerdict verdict, int rounds, long readySeconds, String load0, String load1, int rotations)
      throws IOException {
    Path out =
        Path.of(System.getenv().getOrDefault("CHATNET_SOAK_OUT", "target/reliability/soak.tsv"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    List<SoakSample> all = List.copyOf(samples);
    List<String> memos = List.copyOf(all.get(all.size() - 1).memos().keySet());
    List<String> lines = new ArrayList<>();
    lines.add(SoakSample.header(memos, informerNames()));
    all.forEach(s -> lines.add(s.line(memos, informerNames())));
    Files.write(out, lines);
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put("networks", String.valueOf(SETTINGS.networks()));
    summary.put("nodes", String.valueOf(SETTINGS.nodes()));
    summary.put("loop_seconds", String.valueOf(SETTINGS.length().toSeconds()));
    summary.put("loop", String.valueOf(SETTINGS.loop()));
    summary.put("sample_seconds", String.valueOf(SETTINGS.sample().toSeconds()));
    summary.put("resync_seconds", String.valueOf(SETTINGS.resync().toSeconds()));
    summary.put("ready_seconds", String.valueOf(readySeconds));
    summary.put("rounds", String.valueOf(rounds));
    summary.put("experiments_succeeded", String.valueOf(succeeded.get()));
    summary.put("experiments_failed", String.valueOf(failedExperiments.size()));
    summary.put("heap_slope_mib_per_hour", String.format("%.2f", verdict.heapSlopeMiBPerHour()));
    summary.put("heap_growth_mib", String.format("%.2f", verdict.heapGrowthMiB()));
    summary.put("heap_mean_mib", String.format("%.1f", verdict.heapMeanMiB()));
    summary.put(
        "writes_per_experiment_first", String.format("%.1f", verdict.writesPerExperimentFirst()));
    summary.put(
        "writes_per_experiment_last", String.format("%.1f", verdict.writesPerExperimentLast()));
    summary.put("audit_rotations", String.valueOf(rotations));
    summary.put("load_before", load0);
    summary.put("load_after", load1);
    summary.put("verdict", verdict.passed() ? "passed" : "failed");
    summary.put(
        "failures",
        verdict.failures().isEmpty()
            ? "-"
            : String.join("; ", verdict.failures()) + String.join("; ", failedExperiments));
    List<String> verdictLines = new ArrayList<>();
    summary.forEach((k, v) -> verdictLines.add(k + "\t" + v.replace('\t', ' ')));
    Files.write(out.resolveSibling(out.getFileName() + ".summary"), verdictLines);
    System.out.println("soak summary: " + summary);
  }
}

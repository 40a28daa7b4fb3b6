package io.chatnet.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Plan;
import io.chatnet.contract.Summary;
import io.chatnet.loadgen.LoadRun;
import io.chatnet.loadgen.client.ClientProfile;
import io.chatnet.loadgen.client.Json;
import io.chatnet.loadgen.client.Transport;
import io.chatnet.loadgen.measure.LoadMetrics;
import io.chatnet.loadgen.standin.StatusBackendStandIn;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.analysis.MetricsAnalyzer;
import io.chatnet.operator.analysis.MetricsStep;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.PrometheusSource;
import io.chatnet.operator.api.ShardStatus;
import io.chatnet.operator.e2e.E2eAssertions.Finding;
import io.chatnet.operator.experiment.ExperimentPlan;
import io.chatnet.operator.experiment.PlanConfigMap;
import io.chatnet.operator.experiment.SummaryAggregator;
import io.chatnet.operator.experiment.VerdictJudge;
import io.chatnet.operator.report.ExperimentReport;
import io.chatnet.operator.report.ReportConfigMap;
import io.chatnet.testkit.prometheus.PrometheusServer;
import io.chatnet.testkit.prometheus.PrometheusTest;
import io.chatnet.testkit.prometheus.SyntheticNetwork;
import io.chatnet.testkit.prometheus.Window;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * make e2e's assertions judged on what a real run produces: test-scenarios/e2e's experiment,
 * planned by the operator (ExperimentPlan) on its network, run by the real load generator against
 * the status-backend stand-in, its shard summary (the JSON the load generator writes) summed by
 * SummaryAggregator, metrics read by MetricsStep from a real Prometheus, judged by VerdictJudge and
 * reported by ExperimentReport into ReportConfigMap, as the experiment reconciler does. Only time
 * is compressed: 1 s warm-up and a 4 s window instead of 20 s and 60 s, with the rates 15 times
 * higher so the same number of messages is sent. The stand-in has no nwaku nodes, so Prometheus is
 * fed a synthetic network with the e2e network's groups over the run's window (testkit
 * SyntheticNetwork); the load generator's own counters are real.
 */
@PrometheusTest
class E2eAssertionsStandInTest {
  static final String NAMESPACE = "chatnet-e2e";
  static final int SPEED = 6;

  /** The clean run, shared by the cases that change only what happened after it. */
  static Run clean;

  /** What one run left: the experiment, its summaries, and the Prometheus fed for its window. */
  record Run(ChatExperiment experiment, Instant start, List<Summary> summaries) {}

  static final List<PrometheusServer> servers = new ArrayList<>();

  @BeforeAll
  static void cleanRun() {
    clean = run(faults -> {});
  }

  @AfterAll
  static void stopServers() {
    servers.forEach(PrometheusServer::close);
  }

  static ChatNetwork network() {
    return Scenarios.network("e2e/network.yaml", NAMESPACE);
  }

  /** The e2e experiment with time compressed by {@link #SPEED}. */
  static ChatExperiment experiment() throws Exception {
    ChatExperiment e =
        Serialization.unmarshal(
            Files.readString(Scenarios.dir().resolve("e2e/experiment.yaml")), ChatExperiment.class);
    e.getMetadata().setNamespace(NAMESPACE);
    e.getMetadata().setUid("00000000-0000-0000-0000-0000000000e2");
    var spec = e.getSpec();
    spec.setWarmupSeconds(spec.getWarmupSeconds() / 20);
    spec.setDurationSeconds(spec.getDurationSeconds() / SPEED);
    var t = spec.getTraffic();
    t.getOneToOne().setMessagesPerMinute(t.getOneToOne().getMessagesPerMinute() * SPEED);
    t.getPrivateGroups().setMessagesPerMinute(t.getPrivateGroups().getMessagesPerMinute() * SPEED);
    return e;
  }

  /**
   * The operator's plan for the e2e experiment run by the load generator against the stand-in (each
   * planned client at a stand-in client's URL, in plan order); {@code faults} set first.
   */
  static Run run(Consumer<StatusBackendStandIn.Faults> faults) {
    try {
      ChatExperiment experiment = experiment();
      ChatNetwork network = network();
      Instant planned0 = Instant.now();
      String json =
          PlanConfigMap.build(
                  experiment,
                  ExperimentPlan.build(experiment, network, planned0, "cluster.local"),
                  planned0)
              .getData()
              .get(PlanConfigMap.KEY);
      Plan planned = Json.MAPPER.readValue(json, Plan.class);
      List<Plan.ClientRef> refs = planned.allClients();
      List<Summary> summaries = new ArrayList<>();
      Instant start;
      try (StatusBackendStandIn standIn =
              new StatusBackendStandIn(refs.size(), ClientProfile.NEWER_ID);
          Transport transport = new Transport(Duration.ofSeconds(10))) {
        faults.accept(standIn.faults);
        List<Plan.ClientRef> atStandIn = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
          Plan.ClientRef ref = refs.get(i);
          atStandIn.add(new Plan.ClientRef(ref.name(), standIn.url(i), ref.kind(), ref.version()));
        }
        // The start instant is fixed once the stand-in is up, as the operator fixes it when it
        // writes the plan, leaving time for the logins, contacts and group (a cold JVM took 5 s
        // here, a refused login's retries 4 s) so the window is measured whole.
        start = Instant.now().plusSeconds(8);
        Plan plan =
            new Plan(
                ContractJson.VERSION,
                planned.experiment(),
                start,
                planned.warmupSeconds(),
                planned.durationSeconds(),
                planned.shards(),
                planned.seed(),
                atStandIn,
                null,
                planned.relayNodes(),
                planned.traffic(),
                planned.behaviours(),
                planned.clientSettings(),
                planned.concurrency(),
                planned.waku(),
                planned.scrapeIntervalSeconds());
        for (int shard = 0; shard < plan.shards(); shard++) {
          Summary summary =
              new LoadRun(
                      plan,
                      shard,
                      new LoadMetrics(),
                      transport,
                      Duration.ofSeconds(10),
                      Duration.ofSeconds(1))
                  .run(new AtomicBoolean());
          // What the operator reads: the summary as the load generator writes it.
          summaries.add(ContractJson.readSummary(ContractJson.write(summary)));
        }
      }
      return new Run(experiment, start, summaries);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A Prometheus holding the e2e network's series (synthetic nodes) over the run's window. */
  static String prometheusFor(Run run) {
    return prometheusFor(run, null);
  }

  /** The same on a chosen port (null: any free one). */
  static String prometheusFor(Run run, Integer port) {
    ChatExperiment e = run.experiment();
    ChatExperimentStatus status = new ChatExperimentStatus();
    status.setPlannedStart(run.start().toString());
    status.setWindowEnd(windowEnd(run).toString());
    Instant[] window = MetricsStep.window(e, status);
    SyntheticNetwork.Builder builder =
        SyntheticNetwork.builder()
            .seed(11)
            .namespace(e.getMetadata().getNamespace())
            .network(e.getSpec().getNetworkRef().getName())
            .experiment(e.getMetadata().getName())
            .window(new Window(window[0], window[1]))
            .step(Duration.ofSeconds(1))
            .margin(Duration.ofSeconds(10))
            .loadgenShards(e.getSpec().getLoadGenerator().getReplicas())
            .restartInWindow(false);
    for (NodeGroup g : network().getSpec().getGroups()) {
      if (g.getKind() == io.chatnet.operator.api.GroupKind.NWAKU) {
        builder.nwakuGroup(g.getName(), g.getRole().wireName(), g.getReplicas());
      } else {
        builder.clientGroup(g.getName(), g.getRole().wireName(), g.getReplicas());
      }
    }
    PrometheusServer.Builder server0 = PrometheusServer.builder().backfill(builder.build());
    if (port != null) {
      server0.port(port);
    }
    PrometheusServer server = server0.start();
    servers.add(server);
    return server.url().toString();
  }

  static Instant windowEnd(Run run) {
    var spec = run.experiment().getSpec();
    return run.start().plusSeconds(spec.getWarmupSeconds() + spec.getDurationSeconds());
  }

  /** The experiment as the reconciler leaves it, and its report ConfigMap (when written). */
  record Finished(ChatExperiment experiment, ConfigMap report) {}

  /**
   * The experiment reconciler's analysis and report steps on a run's summaries: results,
   * MetricsStep (against {@code prometheusUrl}, none when null), verdict, Succeeded, and the report
   * ConfigMap when {@code storeReport}.
   */
  static Finished finish(Run run, String prometheusUrl, boolean storeReport) {
    ChatExperiment experiment = Serialization.clone(run.experiment());
    if (prometheusUrl != null) {
      PrometheusSource source = new PrometheusSource();
      source.setUrl(prometheusUrl);
      experiment.getSpec().setPrometheus(source);
    }
    ChatExperimentStatus status = new ChatExperimentStatus();
    experiment.setStatus(status);
    status.setPlannedStart(run.start().toString());
    status.setWindowEnd(windowEnd(run).toString());
    ShardStatus shards = new ShardStatus();
    shards.setTotal(experiment.getSpec().getLoadGenerator().getReplicas());
    shards.setSucceeded(run.summaries().size());
    shards.setReported(run.summaries().size());
    shards.setMaxStartSkewMillis(SummaryAggregator.maxStartSkew(run.summaries()));
    status.setShards(shards);
    status.setResults(SummaryAggregator.aggregate(run.summaries()));
    MetricsAnalyzer.Outcome outcome =
        new MetricsStep(Optional.empty(), Duration.ofSeconds(10)).run(experiment, status);
    if (outcome.metrics() != null) {
      status.getResults().setMetrics(outcome.metrics());
    }
    status
        .getConditions()
        .add(
            condition(
                MetricsStep.CONDITION, outcome.available(), outcome.reason(), outcome.message()));
    status.setVerdict(VerdictJudge.judge(experiment.getSpec().getCriteria(), status.getResults()));
    status.setPhase(ExperimentPhase.Succeeded);
    status.setCompletionTime(Instant.now().toString());
    status
        .getConditions()
        .add(condition("Complete", true, "Analyzed", "verdict " + status.getVerdict().getResult()));
    ConfigMap report = null;
    if (storeReport) {
      report = ReportConfigMap.build(experiment, ExperimentReport.of(experiment, network()));
      status.setReportConfigMap(report.getMetadata().getName());
      status
          .getConditions()
          .add(
              condition(
                  "ReportStored",
                  true,
                  "Stored",
                  "report.json and report.html are in ConfigMap "
                      + report.getMetadata().getName()));
    }
    return new Finished(experiment, report);
  }

  static Condition condition(String type, boolean status, String reason, String message) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(Instant.now().toString())
        .build();
  }

  static Map<String, Finding> judge(Finished finished) {
    List<Finding> findings =
        E2eAssertions.check(finished.experiment(), network(), finished.report());
    System.out.print(E2eAssertions.table(findings));
    return findings.stream()
        .collect(
            Collectors.toMap(Finding::name, f -> f, (a, b) -> a, java.util.LinkedHashMap::new));
  }

  static List<String> failed(Map<String, Finding> findings) {
    return findings.values().stream().filter(f -> !f.passed()).map(Finding::name).toList();
  }

  @Test
  void aCleanRunPassesEveryFinding() {
    // The shard started sending on time, so the whole (compressed) window was measured.
    assertThat(SummaryAggregator.maxStartSkew(clean.summaries())).isLessThan(1000);
    Map<String, Finding> findings = judge(finish(clean, prometheusFor(clean), true));
    assertThat(failed(findings)).isEmpty();
    assertThat(findings.keySet())
        .containsExactly(
            E2eAssertions.SUCCEEDED,
            E2eAssertions.LOGGED_IN,
            E2eAssertions.SHARDS,
            E2eAssertions.delivered("oneToOne"),
            E2eAssertions.delivered("privateGroups"),
            E2eAssertions.VERDICT,
            E2eAssertions.METRICS_AVAILABLE,
            E2eAssertions.METRICS_NODES,
            E2eAssertions.METRICS_GROUPS,
            E2eAssertions.METRICS_TRAFFIC,
            E2eAssertions.REPORT);
    assertThat(findings.get(E2eAssertions.LOGGED_IN).figure())
        .isEqualTo("7/7 (the network has 7 clients)");
    assertThat(findings.get(E2eAssertions.delivered("oneToOne")).figure())
        .startsWith("received ")
        .contains("(1.000, min 0.950)");
    assertThat(findings.get(E2eAssertions.METRICS_GROUPS).figure()).isEqualTo("5/5 groups");
    assertThat(findings.get(E2eAssertions.REPORT).figure()).startsWith("e2e-report: report.json ");
    assertThat(E2eAssertions.allPassed(List.copyOf(findings.values()))).isTrue();
  }

  @Test
  void refusedLoginsFailClientsLoggedIn() {
    Run run = run(faults -> faults.loginFailures.add("c0"));
    Map<String, Finding> findings = judge(finish(run, prometheusFor(run), true));
    Finding loggedIn = findings.get(E2eAssertions.LOGGED_IN);
    assertThat(loggedIn.passed()).isFalse();
    assertThat(loggedIn.figure()).isEqualTo("6/7 (the network has 7 clients)");
    assertThat(findings.get(E2eAssertions.REPORT).passed()).isTrue();
  }

  @Test
  void droppedDeliveriesFailDelivered() {
    Run run = run(faults -> faults.lossPercent = 100);
    Map<String, Finding> findings = judge(finish(run, prometheusFor(run), true));
    assertThat(findings.get(E2eAssertions.LOGGED_IN).passed()).isTrue();
    for (String kind : List.of("oneToOne", "privateGroups")) {
      Finding delivered = findings.get(E2eAssertions.delivered(kind));
      assertThat(delivered.passed()).as(kind).isFalse();
      assertThat(delivered.figure()).as(kind).startsWith("received 0 of ").contains("(0.000,");
    }
    assertThat(findings.get(E2eAssertions.VERDICT).passed()).isFalse();
  }

  @Test
  void noPrometheusFailsTheMetricsFindings() {
    Map<String, Finding> findings = judge(finish(clean, null, true));
    assertThat(failed(findings))
        .containsExactly(
            E2eAssertions.METRICS_AVAILABLE,
            E2eAssertions.METRICS_NODES,
            E2eAssertions.METRICS_GROUPS,
            E2eAssertions.METRICS_TRAFFIC);
    assertThat(findings.get(E2eAssertions.METRICS_AVAILABLE).figure())
        .startsWith("False, NotConfigured: ");
    assertThat(findings.get(E2eAssertions.METRICS_NODES).figure())
        .isEqualTo("no metrics in status.results");
  }

  @Test
  void aPrometheusWithoutTheNetworksSeriesFailsTheMetricsFindings() {
    // A Prometheus that scrapes nothing of this network: the analyzer finds no series.
    PrometheusServer empty = PrometheusServer.builder().start();
    servers.add(empty);
    Map<String, Finding> findings = judge(finish(clean, empty.url().toString(), true));
    assertThat(failed(findings))
        .containsExactly(
            E2eAssertions.METRICS_AVAILABLE,
            E2eAssertions.METRICS_NODES,
            E2eAssertions.METRICS_GROUPS,
            E2eAssertions.METRICS_TRAFFIC);
    assertThat(findings.get(E2eAssertions.METRICS_AVAILABLE).figure())
        .startsWith("False, NoSeries: ");
  }

  @Test
  void noReportConfigMapFailsReportWritten() {
    Finished finished = finish(clean, null, false);
    Finding report = judge(finished).get(E2eAssertions.REPORT);
    assertThat(report.passed()).isFalse();
    assertThat(report.figure()).isEqualTo("no ReportStored condition");

    // Stored by the operator's account, but the ConfigMap is gone.
    Finished stored = finish(clean, null, true);
    Finding gone =
        E2eAssertions.check(stored.experiment(), network(), null).stream()
            .filter(f -> f.name().equals(E2eAssertions.REPORT))
            .findFirst()
            .orElseThrow();
    assertThat(gone.passed()).isFalse();
    assertThat(gone.figure()).isEqualTo("ConfigMap e2e-report not found");
  }

  @Test
  void aReportThatDoesNotReadBackFailsReportWritten() {
    Finished stored = finish(clean, null, true);
    ConfigMap broken =
        new ConfigMapBuilder(stored.report())
            .addToData(ReportConfigMap.JSON_KEY, "{\"schema\": \"something else\"}")
            .build();
    Finding report = judge(new Finished(stored.experiment(), broken)).get(E2eAssertions.REPORT);
    assertThat(report.passed()).isFalse();
    assertThat(report.figure()).startsWith("report.json unreadable: ");

    ConfigMap noHtml =
        new ConfigMapBuilder(stored.report()).addToData(ReportConfigMap.HTML_KEY, "").build();
    Finding html = judge(new Finished(stored.experiment(), noHtml)).get(E2eAssertions.REPORT);
    assertThat(html.passed()).isFalse();
    assertThat(html.figure()).isEqualTo("e2e-report has an empty report.html");
  }
}

package io.chatnet.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PlanVersion2Test {
  static final String V2 =
      """
      {"contractVersion": 2, "experiment": "dst-contacts", "startAt": "2026-12-02T01:00:00Z",
       "warmupSeconds": 10, "durationSeconds": 120, "shards": 2, "seed": "s",
       "clientGroups": [
         {"namePattern": "d-%d", "urlPattern": "http://d-%d:3333", "kind": "desktop", "replicas": 60},
         {"namePattern": "m-%d", "urlPattern": "http://m-%d:3333", "kind": "mobile", "replicas": 40}],
       "traffic": {"oneToOne": {"pairs": 5, "messagesPerMinute": 6, "payloadBytes": 200,
                                "oneWay": true},
                   "messageSizes": {"distribution": {"name": "lognormal", "shape": 0.8},
                                    "minBytes": 50, "maxBytes": 4000}},
       "contactRequests": {"requesters": 25, "targets": 60, "requestsPerRequester": 3,
                           "acceptShare": 0.3333, "declineShare": 0.3333, "spreadSeconds": 5,
                           "phaseSeconds": 90},
       "idle": {"phaseSeconds": 300, "clientShare": 0.2},
       "activity": {"perUserRate": {"name": "pareto", "shape": 1.16}},
       "behaviours": {"offline": {"fraction": 0.5, "periodSeconds": 600, "durationSeconds": 60,
                                  "clientKinds": ["desktop", "mobile"],
                                  "durationsSeconds": [30, 120, 300]}}}
      """;

  @Test
  void versionTwoFieldsReadAndSetTheTimeline() throws Exception {
    Plan plan = ContractJson.readPlan(V2);
    assertThat(ContractJson.versionProblem("plan", plan.contractVersion())).isEmpty();
    assertThat(plan.contactRequests().accepting()).isEqualTo(20);
    assertThat(plan.contactRequests().declining()).isEqualTo(20);
    assertThat(plan.contactRequests().ignoring()).isEqualTo(20);
    assertThat(plan.traffic().oneToOne().oneWay()).isTrue();
    assertThat(plan.traffic().messageSizes().distribution().effectiveShape()).isEqualTo(0.8);
    assertThat(plan.behaviours().offline().kinds()).containsExactly("desktop", "mobile");
    assertThat(plan.behaviours().offline().longestSeconds()).isEqualTo(300);
    Instant start = Instant.parse("2026-12-02T01:00:00Z");
    assertThat(plan.idleFrom()).isEqualTo(start.plusSeconds(90));
    assertThat(plan.trafficFrom()).isEqualTo(start.plusSeconds(390));
    assertThat(plan.measureFrom()).isEqualTo(start.plusSeconds(400));
    assertThat(plan.endAt()).isEqualTo(start.plusSeconds(520));
    assertThat(PlanChecks.problems(plan)).isEmpty();
    assertThat(PlanChecks.cells(plan)).isEqualTo(2);
  }

  @Test
  void aVersionOnePlanKeepsItsTimelineAndDefaults() throws Exception {
    Plan plan =
        ContractJson.readPlan(
            """
            {"contractVersion": 1, "experiment": "e", "startAt": "2026-12-02T01:00:00Z",
             "warmupSeconds": 30, "durationSeconds": 60, "shards": 1, "seed": "s",
             "behaviours": {"offline": {"fraction": 1, "periodSeconds": 60, "durationSeconds": 20}}}
            """);
    assertThat(ContractJson.versionProblem("plan", 1)).isEmpty();
    assertThat(plan.trafficFrom()).isEqualTo(plan.startAt());
    assertThat(plan.measureFrom()).isEqualTo(plan.startAt().plusSeconds(30));
    assertThat(plan.behaviours().offline().kinds()).containsExactly("mobile");
    assertThat(plan.behaviours().offline().lengths()).containsExactly(20);
    assertThat(PlanChecks.problems(plan)).isEmpty();
  }

  @Test
  void checksNameTheFieldsTheyRefuse() throws Exception {
    Plan plan =
        ContractJson.readPlan(
            V2.replace("\"acceptShare\": 0.3333", "\"acceptShare\": 0.9")
                .replace("\"requestsPerRequester\": 3", "\"requestsPerRequester\": 31")
                .replace(
                    "\"name\": \"pareto\", \"shape\": 1.16", "\"name\": \"pareto\", \"shape\": 1")
                .replace("\"name\": \"lognormal\"", "\"name\": \"zipf\"")
                .replace("[30, 120, 300]", "[30, 900]")
                .replace("\"clientShare\": 0.2", "\"clientShare\": 1.5"));
    assertThat(PlanChecks.problems(plan))
        .anySatisfy(p -> assertThat(p).startsWith("contactRequests.acceptShare=0.9 + declineShare"))
        .anySatisfy(p -> assertThat(p).startsWith("contactRequests.requestsPerRequester=31"))
        .anySatisfy(p -> assertThat(p).startsWith("activity.perUserRate.shape=1.0"))
        .anySatisfy(p -> assertThat(p).startsWith("traffic.messageSizes.distribution.name='zipf'"))
        .anySatisfy(p -> assertThat(p).startsWith("behaviours.offline spell length 900"))
        .anySatisfy(p -> assertThat(p).startsWith("idle.clientShare=1.5"));
    Plan crowded = ContractJson.readPlan(V2.replace("\"targets\": 60", "\"targets\": 86"));
    assertThat(PlanChecks.problems(crowded))
        .anySatisfy(p -> assertThat(p).contains("need 111 clients outside pairs and groups"));
  }

  @Test
  void summaryMeasurementsRoundTripAndTheirHistogramsCoarsen() throws Exception {
    Histogram h = LatencyHistograms.create();
    for (int i = 1; i <= 1000; i++) {
      LatencyHistograms.record(h, i * 997L);
    }
    LatencySummary latency = LatencySummary.of(h);
    Summary summary =
        new Summary(
                "e",
                0,
                Instant.parse("2026-12-02T01:00:00Z"),
                0,
                null,
                0,
                0,
                Map.of(),
                Map.of(),
                Map.of(),
                0,
                0,
                false,
                null)
            .withMeasurements(
                Map.of("mobile", new OperationFigures(3, 2, 1, latency)),
                Map.of(
                    "desktop",
                    new ContactRequestFigures(
                        9, 9, 0, 8, 3, 3, 2, 0, 0, 1, 8 / 9.0, latency, latency)),
                Map.of("desktop", new GroupCreationFigures(2, 2, 0, 2, 0, latency)),
                List.of(new CatchUpFigures("mobile", 60, 4, 3, 3, 12, 12, 0, 0.0, 120, latency)),
                Map.of(
                    Summary.IDLE_PHASE,
                    new PhaseWindow(
                        Instant.parse("2026-12-02T01:01:30Z"),
                        Instant.parse("2026-12-02T01:06:30Z"))),
                Map.of("senders", 4, "silent", 6, "unchatting", 0));
    Summary read = ContractJson.readSummary(ContractJson.write(summary));
    assertThat(read).isEqualTo(summary);
    assertThat(read.contractVersion()).isEqualTo(2);
    Summary coarse = read.withHistograms(LatencyHistograms::coarse);
    String coarseHistogram = coarse.catchUp().get(0).catchUpMillis().histogram();
    assertThat(coarseHistogram.length()).isLessThan(latency.histogram().length());
    assertThat(LatencyHistograms.decode(coarseHistogram).getTotalCount()).isEqualTo(1000);
    Summary none = read.withHistograms(x -> null);
    assertThat(none.logins().get("mobile").latencyMillis().histogram()).isNull();
    assertThat(none.contactRequests().get("desktop").deliveryMillis().histogram()).isNull();
    assertThat(none.groupCreations().get("desktop").allMembersMillis().p50())
        .isEqualTo(latency.p50());
  }
}

package io.chatnet.operator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.capacity.SweepPoint;
import org.junit.jupiter.api.Test;

class SweepPointsTest {
  private static SweepPoint point(ChatExperiment experiment) {
    return SweepPoints.of(
        ReportJson.read(
            ReportJson.write(ExperimentReport.of(experiment, ReportFixtures.network(60, 40))),
            experiment.getMetadata().getName()));
  }

  @Test
  void aPointStandsAtTheOfferedRatePerUser() {
    ChatExperiment steady = ReportFixtures.experiment("steady", 30);
    steady.getStatus().getResults().getOneToOne().setDropped(0L);
    // 5 msg/s offered over 100 users
    assertThat(point(steady).ratePerUser()).isEqualTo(0.05);
    assertThat(point(ReportFixtures.experiment("before-the-bound", 30)).ratePerUser())
        .isEqualTo(0.05);
  }

  @Test
  void aRunThatDroppedSendsStandsAtTheRateItReached() {
    ChatExperiment dropping = ReportFixtures.experiment("dropping", 30);
    // 600 dropped of 2,400 sent + 600 dropped one-to-one and 903 relay sends due
    dropping.getStatus().getResults().getOneToOne().setDropped(600L);
    dropping.getStatus().getResults().getRelay().setDropped(0L);
    assertThat(point(dropping).ratePerUser()).isCloseTo(0.05 * (1 - 600.0 / 3903), within(1e-12));
  }
}

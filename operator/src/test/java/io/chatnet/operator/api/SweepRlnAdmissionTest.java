package io.chatnet.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatnet.operator.Crds;
import io.chatnet.operator.Scenarios;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real API server's admission of the RLN limit axis: the contract's 20..600 whole numbers, and
 * only on a base network with RLN on; the scenario sweep over it, and a sweep of all six axes,
 * pass.
 */
@LocalClusterTest
class SweepRlnAdmissionTest {
  @BeforeAll
  static void installCrds(KubernetesClient client) {
    Crds.install(client);
  }

  /** The scenario sweep (an RLN network over limits 20, 100, 600) in the test's namespace. */
  private static ChatSweep scenario(TestNamespace ns) throws Exception {
    ChatSweep sweep =
        Serialization.unmarshal(
            Files.readString(Scenarios.dir().resolve("rln-sweep-limit.yaml")), ChatSweep.class);
    sweep.getMetadata().setNamespace(ns.name());
    return sweep;
  }

  private static SweepAxis axis(SweepAxisName name, Double... values) {
    SweepAxis axis = new SweepAxis();
    axis.setName(name);
    axis.setValues(List.of(values));
    return axis;
  }

  @Test
  void theScenarioSweepIsAccepted(KubernetesClient client, TestNamespace ns) throws Exception {
    ChatSweep stored = client.resource(scenario(ns)).dryRun().create();
    assertThat(stored.getSpec().getAxes().get(0).getName())
        .isEqualTo(SweepAxisName.RLN_USER_MESSAGE_LIMIT);
  }

  @Test
  void limitsOutsideTheContractsRangeOrNotWholeAreRefused(KubernetesClient client, TestNamespace ns)
      throws Exception {
    for (List<Double> values : List.of(List.of(19.0, 100.0), List.of(601.0), List.of(20.5))) {
      ChatSweep sweep = scenario(ns);
      sweep.getSpec().getAxes().get(0).setValues(values);
      assertThatThrownBy(() -> client.resource(sweep).dryRun().create())
          .as("values %s", values)
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
          .hasMessageContaining("spec.axes[0].values")
          .hasMessageContaining("rlnUserMessageLimit values must be whole numbers from 20 to 600");
    }
  }

  @Test
  void aLimitAxisOnANetworkWithoutRlnIsRefusedNamingTheField(
      KubernetesClient client, TestNamespace ns) throws Exception {
    ChatSweep absent = scenario(ns);
    absent.getSpec().getNetwork().setRln(null);
    assertThatThrownBy(() -> client.resource(absent).dryRun().create())
        .hasMessageContaining("spec.network.rln")
        .hasMessageContaining("an rlnUserMessageLimit axis needs RLN on the base network")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("no such key"));
    ChatSweep off = scenario(ns);
    off.getSpec().getNetwork().getRln().setEnabled(false);
    assertThatThrownBy(() -> client.resource(off).dryRun().create())
        .hasMessageContaining("an rlnUserMessageLimit axis needs RLN on the base network");
  }

  @Test
  void allSixAxesFitOneSweepAndAreCounted(KubernetesClient client, TestNamespace ns)
      throws Exception {
    ChatSweep sweep = scenario(ns);
    SweepAxis traffic = new SweepAxis();
    traffic.setName(SweepAxisName.TRAFFIC);
    traffic.setKinds(List.of(SweepTrafficKind.ONE_TO_ONE));
    sweep
        .getSpec()
        .getAxes()
        .addAll(
            List.of(
                axis(SweepAxisName.USERS, 40.0, 80.0),
                axis(SweepAxisName.MESSAGES_PER_MINUTE, 6.0),
                traffic,
                axis(SweepAxisName.GROUP_SIZE, 4.0),
                axis(SweepAxisName.LIGHT_CLIENT_SHARE, 1.0)));
    assertThat(client.resource(sweep).dryRun().create().getSpec().getAxes()).hasSize(6);
    // the sixth axis counts in the point limit: 3 x 2 x 1 x 1 x 1 x 20 = 120 > 100
    sweep
        .getSpec()
        .getAxes()
        .set(
            5,
            axis(
                SweepAxisName.LIGHT_CLIENT_SHARE,
                java.util.stream.IntStream.range(0, 20)
                    .mapToObj(i -> i / 20.0)
                    .toArray(Double[]::new)));
    assertThatThrownBy(() -> client.resource(sweep).dryRun().create())
        .hasMessageContaining("axes make more than 100 points");
  }
}

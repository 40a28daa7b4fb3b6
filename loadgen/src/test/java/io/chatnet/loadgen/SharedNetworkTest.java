package io.chatnet.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Plan;
import io.chatnet.contract.Summary;
import io.chatnet.loadgen.client.ChatClient;
import io.chatnet.loadgen.client.ClientProfile;
import io.chatnet.loadgen.client.StatusBackendClient;
import io.chatnet.loadgen.client.Transport;
import io.chatnet.loadgen.measure.LoadMetrics;
import io.chatnet.loadgen.standin.StatusBackendStandIn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Experiments one after another on the same status-backends: each run leaves its clients logged
 * out, and the next creates fresh accounts on them. The stand-in enforces what upstream does with a
 * second CreateAccountAndLogin without a Logout (accepted, then no node.login signal).
 */
@Tag("run") // runs the load generator in real time: make unit leaves it out
class SharedNetworkTest {
  StatusBackendStandIn standIn;
  final Transport transport = new Transport(Duration.ofSeconds(10));

  @AfterEach
  void stop() {
    if (standIn != null) {
      standIn.close();
    }
    transport.close();
  }

  Plan plan(String experiment, int clients, String version) {
    List<Plan.ClientRef> refs = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      refs.add(new Plan.ClientRef("c" + i, standIn.url(i), "desktop", version));
    }
    return new Plan(
        ContractJson.VERSION,
        experiment,
        Instant.now().plusMillis(1500),
        0,
        2,
        1,
        "seed-" + experiment,
        refs,
        null,
        List.of(),
        new Plan.Traffic(new Plan.OneToOne(clients / 2, 600, 100), null, null),
        null,
        LoadGeneratorContractTest.settings(version),
        8,
        null,
        0);
  }

  Summary run(Plan plan) {
    return new LoadRun(
            plan, 0, new LoadMetrics(), transport, Duration.ofSeconds(10), Duration.ofSeconds(1))
        .run(new AtomicBoolean());
  }

  @ParameterizedTest
  @ValueSource(strings = {ClientProfile.V2024_ID, ClientProfile.NEWER_ID})
  void twoExperimentsInARowBothLogInEveryClientAndDeliver(String version) {
    standIn = new StatusBackendStandIn(4, version);
    Summary first = run(plan("first", 4, version));
    assertThat(first.clients().ready()).isEqualTo(4);
    assertThat(first.traffic().get("oneToOne").received()).isPositive();
    for (int i = 0; i < 4; i++) {
      assertThat(standIn.loggedIn("c" + i)).as("c%d logged out after the run", i).isFalse();
    }
    String firstKey = standIn.publicKey("c0");

    Summary second = run(plan("second", 4, version));
    assertThat(second.clients().ready()).isEqualTo(4);
    assertThat(second.clients().failures()).isEmpty();
    assertThat(second.pairs()).isEqualTo(2);
    assertThat(second.traffic().get("oneToOne").received()).isPositive();
    assertThat(standIn.asyncFailures).isEmpty();
    // a fresh account on the same status-backend
    assertThat(standIn.publicKey("c0")).isNotEqualTo(firstKey);
    assertThat(standIn.callsOf("c0"))
        .containsSubsequence(
            "Logout",
            "InitializeApplication",
            "CreateAccountAndLogin",
            "Logout", // first run
            "Logout",
            "InitializeApplication",
            "CreateAccountAndLogin",
            "Logout"); // second
  }

  @ParameterizedTest
  @ValueSource(strings = {ClientProfile.V2024_ID, ClientProfile.NEWER_ID})
  void aSecondLoginWithoutLogoutIsAcceptedButNeverSignalsLikeUpstream(String version)
      throws Exception {
    standIn = new StatusBackendStandIn(1, version);
    Plan plan = plan("once", 2, version);
    ChatClient client = new ChatClient(plan.clients().get(0), transport, Duration.ofSeconds(5));
    try {
      assertThat(client.login(plan.clientSettings()).get(10, TimeUnit.SECONDS)).isNotBlank();
      assertThat(standIn.loggedIn("c0")).isTrue();

      // What a client that skips Logout sees: CreateAccountAndLogin answers {"error": ""} ...
      StatusBackendClient api =
          new StatusBackendClient(transport, standIn.url(0), Duration.ofSeconds(5));
      Map<String, Object> account =
          client.profile().createAccount(client.displayName(), false, plan.clientSettings());
      assertThat(api.call("CreateAccountAndLogin", account).get(5, TimeUnit.SECONDS).path("error"))
          .hasToString("\"\"");
      // ... and the failure stays inside status-go: no node.login comes.
      await().atMost(Duration.ofSeconds(2)).until(() -> !standIn.asyncFailures.isEmpty());
      assertThat(standIn.asyncFailures)
          .singleElement()
          .asString()
          .contains("UNIQUE constraint failed: settings.synthetic_id");

      // Logging in again through the load generator logs out first, so it works.
      assertThat(client.login(plan.clientSettings()).get(10, TimeUnit.SECONDS)).isNotBlank();
      assertThat(standIn.asyncFailures).hasSize(1);
    } finally {
      client.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {ClientProfile.V2024_ID, ClientProfile.NEWER_ID})
  void logoutWithNothingLoggedInAnswersUpstreamsError(String version) throws Exception {
    standIn = new StatusBackendStandIn(1, version);
    StatusBackendClient api =
        new StatusBackendClient(transport, standIn.url(0), Duration.ofSeconds(5));
    assertThat(api.call("Logout", Map.of()).handle((r, e) -> e).get(5, TimeUnit.SECONDS))
        .hasMessageContaining("there is no running node");
  }
}

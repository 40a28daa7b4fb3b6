package io.chatnet.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Plan;
import io.chatnet.contract.Summary;
import io.chatnet.loadgen.client.ChatClient;
import io.chatnet.loadgen.client.ClientProfile;
import io.chatnet.loadgen.client.Json;
import io.chatnet.loadgen.client.StatusBackendClient;
import io.chatnet.loadgen.client.Transport;
import io.chatnet.loadgen.measure.LoadMetrics;
import io.chatnet.loadgen.standin.StatusBackendStandIn;
import io.chatnet.loadgen.standin.StatusBackendStandIn.Request;
import io.chatnet.loadgen.standin.UpstreamApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every status-backend endpoint and JSON-RPC method the load generator calls exists in the upstream
 * lists of the client's status-go version (src/test/resources/upstream/, each headed by repo,
 * commit and file), with body keys upstream reads and values of the types it decodes; and each
 * feature switch arrives where status-go reads it. The checker is shown failing on deliberately
 * broken requests.
 */
@Tag("run") // runs the load generator in real time: make unit leaves it out
class UpstreamConformanceTest {
  final Transport transport = new Transport(Duration.ofSeconds(10));
  StatusBackendStandIn standIn;

  @AfterEach
  void stop() {
    if (standIn != null) {
      standIn.close();
    }
    transport.close();
  }

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /**
   * What upstream would make of recorded requests: a route it does not serve (404) or answers 501
   * for, a body it cannot decode, a key it never reads, an RPC method it does not have or params
   * that do not fit the method's Go signature.
   */
  static List<String> problems(UpstreamApi api, Collection<Request> requests) {
    List<String> problems = new ArrayList<>();
    for (Request r : requests) {
      Optional<UpstreamApi.Route> route = api.route(r.function());
      if (route.isEmpty()) {
        problems.add(r.function() + ": " + api.version() + " does not serve it (404)");
        continue;
      }
      if (route.get() == UpstreamApi.Route.UNSUPPORTED) {
        problems.add(r.function() + ": " + api.version() + " answers 501 for it");
        continue;
      }
      Map<String, Object> body = parse(r.body());
      if (r.function().equals("CallRPC")) {
        Object method = body.get("method");
        @SuppressWarnings("unchecked")
        List<Object> params =
            body.get("params") instanceof List<?> list ? (List<Object>) list : List.of();
        api.checkRpc(String.valueOf(method), params).forEach(p -> problems.add(p.toString()));
      } else {
        String type = REQUEST_TYPES.get(r.function());
        if (type != null) {
          api.checkBody(r.function(), type, body).forEach(p -> problems.add(p.toString()));
        }
      }
    }
    return problems;
  }

  /** The request struct each endpoint decodes (mobile/status.go). */
  static final Map<String, String> REQUEST_TYPES =
      Map.of(
          "InitializeApplication", "InitializeApplication",
          "CreateAccountAndLogin", "CreateAccount",
          "ConnectionChangeV2", "ConnectionChange",
          "AppStateChangeV2", "AppStateChange");

  static Map<String, Object> parse(String body) {
    try {
      return body == null || body.isBlank() ? Map.of() : Json.MAPPER.readValue(body, MAP);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Plan fullPlan(StatusBackendStandIn standIn, String version, Plan.ClientSettings s) {
    List<Plan.ClientRef> refs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      refs.add(
          new Plan.ClientRef("c" + i, standIn.url(i), i % 2 == 1 ? "mobile" : "desktop", version));
    }
    return new Plan(
        ContractJson.VERSION,
        "conformance",
        Instant.now().plusMillis(1500),
        1,
        3,
        1,
        "seed-c",
        refs,
        null,
        List.of(),
        new Plan.Traffic(
            new Plan.OneToOne(2, 600, 100), new Plan.PrivateGroups(1, 3, 300, 100), null),
        new Plan.Behaviours(new Plan.Periodic(1.0, 2, 1), new Plan.Periodic(1.0, 2, 1)),
        s,
        8,
        null,
        0);
  }

  static Plan.ClientSettings allOn(String version) {
    return version.equals(ClientProfile.V2024_ID)
        ? new Plan.ClientSettings("waku.sandbox", null, true, true, true, true, true, 9100)
        : new Plan.ClientSettings(
            "chatnet", "/etc/chatnet/network/fleets.json", true, true, true, true, true, 9100);
  }

  @ParameterizedTest
  @ValueSource(strings = {ClientProfile.V2024_ID, ClientProfile.NEWER_ID})
  void everyCallOfARunExistsUpstreamWithFieldsUpstreamReads(String version) {
    standIn = new StatusBackendStandIn(8, version);
    Plan plan = fullPlan(standIn, version, allOn(version));
    Summary summary =
        new LoadRun(
                plan,
                0,
                new LoadMetrics(),
                transport,
                Duration.ofSeconds(10),
                Duration.ofSeconds(1))
            .run(new AtomicBoolean());
    assertThat(summary.clients().ready()).isEqualTo(8);
    assertThat(summary.pairs()).isEqualTo(2);
    assertThat(summary.groups()).isEqualTo(1);

    UpstreamApi api = UpstreamApi.of(version);
    assertThat(problems(api, standIn.requests)).isEmpty();
    assertThat(standIn.unreadKeys).isEmpty();
    // The one error a run meets by design: Logout before the first login, with nothing logged in
    // (upstream's StatusNode.Stop: ErrNoRunningNode), which the load generator ignores.
    assertThat(standIn.requests)
        .filteredOn(r -> !(r.function().equals("Logout") && r.error() != null))
        .allSatisfy(r -> assertThat(r.error()).as(r.toString()).isNull());
    assertThat(standIn.requests)
        .filteredOn(r -> r.function().equals("Logout") && r.error() != null)
        .allSatisfy(r -> assertThat(r.error()).isEqualTo("there is no running node"));

    Set<String> functions = new TreeSet<>();
    Set<String> methods = new TreeSet<>();
    standIn.requests.forEach(
        r -> {
          functions.add(r.function());
          if (r.rpcMethod() != null) {
            methods.add(r.rpcMethod());
          }
        });
    Set<String> expectedFunctions =
        new TreeSet<>(
            List.of("Logout", "InitializeApplication", "CreateAccountAndLogin", "CallRPC"));
    if (version.equals(ClientProfile.NEWER_ID)) {
      expectedFunctions.addAll(List.of("ConnectionChangeV2", "AppStateChangeV2"));
    }
    assertThat(functions).isEqualTo(expectedFunctions);
    assertThat(methods)
        .containsExactlyInAnyOrder(
            "wakuext_startMessenger",
            "settings_saveSetting",
            "wakuext_sendContactRequest",
            "wakuext_acceptContactRequest",
            "wakuext_createGroupChatWithMembers",
            "wakuext_sendOneToOneMessage",
            "wakuext_sendGroupChatMessage");
  }

  @ParameterizedTest
  @CsvSource({
    "status-go-c72f4913, true",
    "status-go-c72f4913, false",
    "status-go-b22c58bd, true",
    "status-go-b22c58bd, false"
  })
  void featureSwitchesArriveWhereStatusGoReadsThemForDesktopAndMobile(String version, boolean on) {
    standIn = new StatusBackendStandIn(2, version);
    boolean v2024 = version.equals(ClientProfile.V2024_ID);
    Plan.ClientSettings settings =
        new Plan.ClientSettings(
            v2024 ? "waku.sandbox" : "chatnet",
            v2024 ? null : "/etc/chatnet/network/fleets.json",
            on,
            on,
            on,
            !on,
            on,
            9100);
    List<ChatClient> clients =
        List.of(
            new ChatClient(
                new Plan.ClientRef(
                    "chatnet-smoke-status-desktop-0", standIn.url(0), "desktop", version),
                transport,
                Duration.ofSeconds(10)),
            new ChatClient(
                new Plan.ClientRef(
                    "chatnet-smoke-status-mobile-0", standIn.url(1), "mobile", version),
                transport,
                Duration.ofSeconds(10)));
    try {
      clients.forEach(c -> c.login(settings).join());
    } finally {
      clients.forEach(ChatClient::close);
    }
    for (String c : List.of("c0", "c1")) {
      boolean mobile = c.equals("c1");
      Map<String, Object> account = standIn.accounts.get(c);
      // CreateAccountAndLogin fields (requests.CreateAccount)
      assertThat(account.get("wakuV2LightClient")).isEqualTo(mobile);
      assertThat(account.get("TorrentConfigEnabled")).isEqualTo(on);
      // the value status-go forces by mode, whatever the switches (wakuv2/waku.go New @ c72f4913)
      assertThat(account.get("wakuV2EnableStoreConfirmationForMessagesSent")).isEqualTo(!mobile);
      assertThat(account.get("wakuV2EnableMissingMessageVerification")).isEqualTo(!on);
      assertThat(account.get("wakuV2Fleet")).isEqualTo(settings.fleet());
      assertThat(account.get("customizationColor")).isEqualTo("blue");
      assertThat((String) account.get("displayName")).matches("^[\\w-\\s]{5,24}$");
      assertThat(account).doesNotContainKeys("telemetryServerURL", "telemetryServerUrl");
      // settings keys read by the backup loop, peer syncing and the status broadcast
      assertThat(standIn.settings.get(c))
          .containsEntry("backup-enabled?", String.valueOf(on))
          .containsEntry("peer-syncing-enabled?", String.valueOf(on))
          .containsEntry("send-status-updates?", String.valueOf(on));
    }
    List<Map<String, Object>> inits =
        standIn.requests.stream()
            .filter(r -> r.function().equals("InitializeApplication"))
            .map(r -> parse(r.body()))
            .toList();
    assertThat(inits).hasSize(2);
    for (Map<String, Object> init : inits) {
      if (v2024) {
        assertThat(init).containsOnlyKeys("dataDir");
      } else {
        assertThat(init)
            .containsEntry("wakuFleetsConfigFilePath", "/etc/chatnet/network/fleets.json")
            .containsEntry("metricsEnabled", true)
            .containsEntry("metricsAddress", "0.0.0.0:9100")
            .containsEntry("logLevel", "ERROR");
      }
    }
    assertThat(standIn.unreadKeys).isEmpty();
    assertThat(problems(UpstreamApi.of(version), standIn.requests)).isEmpty();
  }

  /**
   * Reports say Communities were not used because the load never calls a Communities method: the
   * client refuses one before sending, and an ordinary method still reaches the stand-in.
   */
  @Test
  void aCommunitiesMethodIsRefusedBeforeAnythingIsSent() {
    standIn = new StatusBackendStandIn(1, ClientProfile.NEWER_ID);
    StatusBackendClient api =
        new StatusBackendClient(transport, standIn.url(0), Duration.ofSeconds(5));
    for (String method :
        List.of("wakuext_joinCommunity", "wakuext_spectateCommunity", "wakuext_fetchCommunity")) {
      assertThatThrownBy(() -> api.rpc(method, List.of("0x01")).join())
          .hasCauseInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("never uses Communities");
    }
    assertThat(standIn.requests).isEmpty();
    api.rpc("settings_saveSetting", List.of("send-status-updates?", false))
        .exceptionally(e -> null)
        .join();
    assertThat(standIn.requests)
        .extracting(Request::rpcMethod)
        .containsExactly("settings_saveSetting");
  }

  /** The checker reports what upstream would refuse or ignore: it can fail. */
  @Test
  void theCheckerReportsDeliberatelyBrokenRequests() {
    UpstreamApi newer = UpstreamApi.of(ClientProfile.NEWER_ID);
    UpstreamApi v2024 = UpstreamApi.of(ClientProfile.V2024_ID);
    List<Request> broken =
        List.of(
            request("ConnectionChange", "{\"type\":\"none\",\"expensive\":false}"),
            request("ConnectionChangeV3", "{}"),
            request(
                "CreateAccountAndLogin",
                "{\"displayName\":\"valid-name\",\"telemetryServerUrl\":\"\"}"),
            request("InitializeApplication", "{\"dataDir\":\"/data\",\"metricsEnabled\":\"yes\"}"),
            rpc("wakuext_createGroupChatWithMembers", Arrays.asList(null, "g", List.of("0x04"))),
            rpc("wakuext_disableInstallation", List.of("id")),
            rpc("settings_saveSetting", List.of("backup-enabled?", false, "extra")),
            rpc("settings_saveSetting", List.of("backup-enabled", false)),
            rpc("settings_saveSetting", List.of("send-status-updates?", "off")));
    List<String> problems = problems(newer, broken);
    assertThat(problems)
        .containsExactly(
            "ConnectionChange: status-go-b22c58bd answers 501 for it",
            "ConnectionChangeV3: status-go-b22c58bd does not serve it (404)",
            "CreateAccountAndLogin: key 'telemetryServerUrl' is no field of CreateAccount in"
                + " status-go-b22c58bd",
            "InitializeApplication: json: cannot unmarshal string into Go struct field"
                + " InitializeApplication.metricsEnabled of type bool",
            "wakuext_createGroupChatWithMembers: too many arguments, want at most 2",
            "wakuext_disableInstallation: the method wakuext_disableInstallation does not"
                + " exist/is not available",
            "settings_saveSetting: too many arguments, want at most 2",
            "settings_saveSetting: setting 'backup-enabled' is not listed for status-go-b22c58bd",
            "settings_saveSetting: setting 'send-status-updates?' takes a bool value");
    // the same requests against the 2024 build: other answers, still reported
    assertThat(problems(v2024, broken))
        .contains(
            "ConnectionChange: status-go-c72f4913 answers 501 for it",
            "InitializeApplication: key 'metricsEnabled' is no field of InitializeApplication in"
                + " status-go-c72f4913")
        .noneMatch(p -> p.startsWith("wakuext_createGroupChatWithMembers"))
        .noneMatch(p -> p.contains("telemetryServerUrl"));
    assertThat(
            problems(
                v2024, List.of(rpc("wakuext_createGroupChatWithMembers", List.of("g", List.of())))))
        .singleElement()
        .asString()
        .contains(
            "invalid argument 0: json: cannot unmarshal string into Go value of type Context");
  }

  static Request request(String function, String body) {
    return new Request("c0", function, body, null, null, 0, null);
  }

  static Request rpc(String method, List<Object> params) {
    try {
      String body =
          Json.MAPPER.writeValueAsString(
              Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", params));
      return new Request("c0", "CallRPC", body, method, params, 0, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

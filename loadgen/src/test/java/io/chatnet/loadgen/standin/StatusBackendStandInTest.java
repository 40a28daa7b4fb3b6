package io.chatnet.loadgen.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatnet.loadgen.client.ClientProfile;
import io.chatnet.loadgen.client.EpochMicros;
import io.chatnet.loadgen.client.StatusBackendClient;
import io.chatnet.loadgen.client.Transport;
import io.chatnet.loadgen.traffic.MessageText;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stand-in refuses what upstream refuses, in upstream's shapes, per status-go version. */
class StatusBackendStandInTest {
  final Transport transport = new Transport(Duration.ofSeconds(5));
  StatusBackendStandIn standIn;

  @AfterEach
  void stop() {
    if (standIn != null) {
      standIn.close();
    }
    transport.close();
  }

  StatusBackendClient client(String version) {
    standIn = new StatusBackendStandIn(2, version);
    return new StatusBackendClient(transport, standIn.url(0), Duration.ofSeconds(5));
  }

  static Map<String, Object> account() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("rootDataDir", "/data");
    body.put("displayName", "valid-name");
    body.put("password", "secret");
    body.put("customizationColor", "blue");
    body.put("wakuV2Fleet", "waku.sandbox");
    return body;
  }

  static String failure(java.util.function.Supplier<Object> call) {
    Object answer;
    try {
      answer = call.get();
    } catch (CompletionException e) {
      return e.getCause().getMessage();
    }
    throw new AssertionError("the call succeeded: " + answer);
  }

  @ParameterizedTest
  @ValueSource(strings = {ClientProfile.V2024_ID, ClientProfile.NEWER_ID})
  void createAccountValidateRefusesEachMissingFieldInUpstreamsWords(String version) {
    StatusBackendClient api = client(version);
    assertThat(api.call("CreateAccountAndLogin", account()).join().path("error").asText())
        .isEmpty();
    Map<String, String> expected =
        Map.of(
            "customizationColor", "create-account: invalid customization color",
            "password", "create-account: invalid password",
            "rootDataDir", "create-account: invalid root data directory",
            "displayName", "create-account: invalid display name");
    expected.forEach(
        (field, error) -> {
          Map<String, Object> body = account();
          body.remove(field);
          assertThat(failure(() -> api.call("CreateAccountAndLogin", body).join()))
              .isEqualTo("CreateAccountAndLogin: " + error);
        });
    Map<String, Object> longName = account();
    longName.put("displayName", "chatnet-network-status-desktop-17");
    assertThat(failure(() -> api.call("CreateAccountAndLogin", longName).join()))
        .endsWith(
            "only letters, numbers, underscores and hyphens allowed:"
                + " create-account: invalid display name");
    Map<String, Object> wrongType = account();
    wrongType.put("wakuV2LightClient", "yes");
    assertThat(failure(() -> api.call("CreateAccountAndLogin", wrongType).join()))
        .contains("cannot unmarshal string into Go struct field CreateAccount.wakuV2LightClient");
  }

  @ParameterizedTest
  @ValueSource(strings = {ClientProfile.V2024_ID, ClientProfile.NEWER_ID})
  void unsupportedEndpointsAnswer501AndUnknownOnes404LikeGosServeMux(String version)
      throws Exception {
    client(version);
    HttpClient http = HttpClient.newHttpClient();
    String base = standIn.url(0);
    HttpResponse<String> unsupported = post(http, base + "/statusgo/ConnectionChange", "{}");
    assertThat(unsupported.statusCode()).isEqualTo(501);
    assertThat(unsupported.body()).isEmpty();
    HttpResponse<String> unknown = post(http, base + "/statusgo/NoSuchFunction", "{}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("404 page not found\n");
    // the V2 variants exist only in the newer build
    HttpResponse<String> v2 =
        post(
            http, base + "/statusgo/ConnectionChangeV2", "{\"type\":\"none\",\"expensive\":false}");
    assertThat(v2.statusCode()).isEqualTo(version.equals(ClientProfile.V2024_ID) ? 404 : 200);
  }

  static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theNewerBuildValidatesLogLevelsAndAppStates() {
    StatusBackendClient api = client(ClientProfile.NEWER_ID);
    assertThat(
            failure(
                () ->
                    api.call(
                            "InitializeApplication", Map.of("dataDir", "/data", "logLevel", "LOUD"))
                        .join()))
        .contains("LOUD");
    api.call("InitializeApplication", Map.of("dataDir", "/data", "logLevel", "ERROR")).join();
    assertThat(failure(() -> api.call("InitializeApplication", Map.of()).join()))
        .endsWith("initialize-centralized-metric: no dataDir");
    assertThat(failure(() -> api.call("AppStateChangeV2", Map.of("state", "asleep")).join()))
        .contains("failed on the 'app_state' tag");
    for (String state : List.of("background", "active", "inactive")) {
      api.call("AppStateChangeV2", Map.of("state", state)).join();
    }
    assertThat(
            failure(
                () ->
                    api.call("ConnectionChangeV2", Map.of("type", "none", "expensive", 0)).join()))
        .contains(
            "cannot unmarshal number into Go struct field ConnectionChange.expensive of type bool");
  }

  @Test
  void unknownRpcMethodsAndParamsThatDoNotFitAnswerGoEthereumsErrors() {
    StatusBackendClient api = client(ClientProfile.NEWER_ID);
    assertThat(failure(() -> api.rpc("wakuext_noSuchMethod", List.of()).join()))
        .isEqualTo(
            "wakuext_noSuchMethod: the method wakuext_noSuchMethod does not exist/is not available");
    assertThat(
            failure(
                () ->
                    api.rpc(
                            "wakuext_createGroupChatWithMembers",
                            Arrays.asList(null, "g", List.of("0x04")))
                        .join()))
        .contains("too many arguments, want at most 2");
    assertThat(
            failure(
                () -> api.rpc("wakuext_acceptContactRequest", List.of(Map.of("id", "m-1"))).join()))
        .contains(
            "cannot unmarshal string into Go struct field AcceptContactRequest.id of type types.HexBytes");
    assertThat(
            failure(
                () ->
                    api.rpc(
                            "wakuext_sendContactRequest",
                            List.of(Map.of("id", "0x04", "message", "")))
                        .join()))
        .endsWith("send-contact-request: invalid message");
    JsonNode raw =
        api.call("CallRPC", Map.of("jsonrpc", "2.0", "method", "wakuext_noSuchMethod")).join();
    // rpc/call_raw.go: a missing id comes back as 0; the error has go-ethereum's code
    assertThat(raw.path("id").asInt(-1)).isZero();
    assertThat(raw.path("error").path("code").asInt()).isEqualTo(-32601);
  }

  @Test
  void the2024BuildTakesTheGroupContextParamAndOnlyItsOwnFleets() {
    StatusBackendClient api = client(ClientProfile.V2024_ID);
    assertThat(
            failure(
                () ->
                    api.rpc("wakuext_createGroupChatWithMembers", List.of("g", List.of())).join()))
        .contains("invalid argument 0")
        .contains("cannot unmarshal string into Go value of type Context");
    // a key the 2024 request has no field for is dropped silently upstream: accepted, recorded
    api.call(
            "InitializeApplication",
            Map.of("dataDir", "/data", "wakuFleetsConfigFilePath", "/f.json"))
        .join();
    assertThat(standIn.unreadKeys)
        .singleElement()
        .asString()
        .contains("wakuFleetsConfigFilePath")
        .contains("is no field of InitializeApplication in status-go-c72f4913");
  }

  @ParameterizedTest
  @ValueSource(strings = {ClientProfile.V2024_ID, ClientProfile.NEWER_ID})
  void contactRequestAnswersRefuseWhatUpstreamRefuses(String version) {
    StatusBackendClient api = client(version);
    String hexId = "0x" + "ab".repeat(32);
    // "0x" decodes to no bytes: protocol/requests/{accept,decline}_contact_request.go Validate,
    // then
    // persistence.MessageByID's common.ErrRecordNotFound for a request never received
    assertThat(
            failure(
                () -> api.rpc("wakuext_declineContactRequest", List.of(Map.of("id", "0x"))).join()))
        .isEqualTo("wakuext_declineContactRequest: decline-contact-request: invalid id");
    assertThat(
            failure(
                () -> api.rpc("wakuext_acceptContactRequest", List.of(Map.of("id", "0x"))).join()))
        .isEqualTo("wakuext_acceptContactRequest: accept-contact-request: invalid id");
    assertThat(
            failure(
                () ->
                    api.rpc("wakuext_declineContactRequest", List.of(Map.of("id", hexId))).join()))
        .isEqualTo("wakuext_declineContactRequest: record not found");
    assertThat(
            failure(
                () ->
                    api.rpc("wakuext_declineContactRequest", List.of(Map.of("id", "m-1"))).join()))
        .contains(
            "cannot unmarshal string into Go struct field DeclineContactRequest.id of type"
                + " types.HexBytes");
    assertThat(failure(() -> api.rpc("wakuext_declineContactRequests", List.of()).join()))
        .contains("does not exist/is not available");
  }

  @Test
  void aRequestIsAnsweredOnceAndOnlyAnAcceptanceReachesTheRequester() throws Exception {
    standIn = new StatusBackendStandIn(3);
    StatusBackendClient a =
        new StatusBackendClient(transport, standIn.url(0), Duration.ofSeconds(5));
    StatusBackendClient b =
        new StatusBackendClient(transport, standIn.url(1), Duration.ofSeconds(5));
    for (StatusBackendClient api : List.of(a, b)) {
      assertThat(api.call("CreateAccountAndLogin", account()).join().path("error").asText())
          .isEmpty();
    }
    JsonNode sent =
        a.rpc(
                "wakuext_sendContactRequest",
                List.of(Map.of("id", standIn.publicKey("c1"), "message", "hello")))
            .join();
    // the response: the request (CONTACT_REQUEST, 11, pending) and the "sent" system message (15)
    assertThat(sent.path("messages").path(0).path("contentType").asInt()).isEqualTo(11);
    assertThat(sent.path("messages").path(0).path("contactRequestState").asInt()).isEqualTo(1);
    assertThat(sent.path("messages").path(1).path("contentType").asInt()).isEqualTo(15);
    String requestId = sent.path("messages").path(0).path("id").asText();
    JsonNode accepted =
        b.rpc("wakuext_acceptContactRequest", List.of(Map.of("id", requestId))).join();
    assertThat(accepted.path("messages").path(0).path("contactRequestState").asInt()).isEqualTo(2);
    assertThat(accepted.path("contacts").path(0).path("mutual").asBoolean()).isTrue();
    // answered once: a second answer finds no request
    assertThat(
            failure(
                () ->
                    b.rpc("wakuext_declineContactRequest", List.of(Map.of("id", requestId)))
                        .join()))
        .endsWith("record not found");
    // now mutual contacts: a group of the two can be made
    JsonNode group =
        a.rpc("wakuext_createGroupChatWithMembers", List.of("g", List.of(standIn.publicKey("c1"))))
            .join();
    assertThat(group.path("chats").path(0).path("chatType").asInt()).isEqualTo(3);
    assertThat(group.path("chats").path(0).path("id").asText())
        .endsWith("-" + standIn.publicKey("c0"));
  }

  @Test
  void eachLoadMessageDeliveryIsWrittenToTheControlAfterItsFrame() throws Exception {
    standIn = new StatusBackendStandIn(2);
    ByteArrayOutputStream control = new ByteArrayOutputStream();
    standIn.control = control;
    StatusBackendClient a =
        new StatusBackendClient(transport, standIn.url(0), Duration.ofSeconds(5));
    StatusBackendClient b =
        new StatusBackendClient(transport, standIn.url(1), Duration.ofSeconds(5));
    for (StatusBackendClient api : List.of(a, b)) {
      assertThat(api.call("CreateAccountAndLogin", account()).join().path("error").asText())
          .isEmpty();
    }
    List<String> frames = new CopyOnWriteArrayList<>();
    transport
        .sockets()
        .connect(
            new WebSocketConnectOptions()
                .setAbsoluteURI(standIn.url(1).replace("http:", "ws:") + "/signals"))
        .toCompletionStage()
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS)
        .textMessageHandler(frames::add);
    String load = new MessageText("0-7", EpochMicros.now()).encode(64);
    for (String text : List.of(load, "not a load message")) {
      a.rpc(
              "wakuext_sendOneToOneMessage",
              List.of(Map.of("id", standIn.publicKey("c1"), "message", text)))
          .join();
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> frames.stream().filter(f -> f.contains("messages.new")).count() == 2);
    // one record, for the load message only, as <message id>,<receiver>
    await().atMost(Duration.ofSeconds(5)).until(() -> control.size() > 0);
    assertThat(control.toString(StandardCharsets.US_ASCII)).isEqualTo("0-7,c1\n");
    assertThat(standIn.count(d -> d.messageText().equals(load))).isEqualTo(1);
  }
}

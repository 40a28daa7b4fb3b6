package io.chatnet.loadgen.client;

import io.chatnet.contract.Plan.ClientSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything about talking to status-backend that differs between the status-go builds chatnet
 * supports: request fields, RPC params, which endpoints exist. A client group declares its version
 * (the plan's {@code version}); the rest of the load generator asks its profile.
 *
 * <p>Facts and where they were read (repo status-im/status-go): see each method. The newer profile
 * is named after b22c58bd, the status-backend build DST's harness runs
 * (soutullostatus/status-backend:b22c58bd, vacp2p/status-benchmarks); that commit's tree is not
 * readable here, so the profile follows the newest files that are (named in the comments, each at
 * its own commit) and the calls DST's harness (fe8f777) makes against that build.
 */
public final class ClientProfile {
  public static final String V2024_ID = "status-go-c72f4913";
  public static final String NEWER_ID = "status-go-b22c58bd";

  /** status-go c72f491324909173c83e69c5a86ace7aeb87daaa (2024-10-24, the local snapshot). */
  public static final ClientProfile V2024 = new ClientProfile(V2024_ID, false);

  /** Newer status-go (2025-26 builds): V2 state endpoints, fleets file, metrics, no ctx param. */
  public static final ClientProfile NEWER = new ClientProfile(NEWER_ID, true);

  /**
   * The fleets compiled into c72f4913 (params/cluster.go supportedFleets, and the assets
   * config/cli/fleet-*.json that api/defaults.go SetFleet loads): the only ones it can join.
   */
  static final Set<String> V2024_FLEETS =
      Set.of("eth.prod", "status.prod", "status.staging", "waku.sandbox", "waku.test");

  /** A customization color status-go knows (multiaccounts/common/const.go @ c72f4913). */
  static final String CUSTOMIZATION_COLOR = "blue";

  static final String DATA_DIR = "/data";
  private static final String PASSWORD = "chatnet-load"; // test accounts; not a secret

  private final String id;
  private final boolean newer;

  private ClientProfile(String id, boolean newer) {
    this.id = id;
    this.newer = newer;
  }

  /** The profile of a declared version; absent means the newest supported. */
  public static ClientProfile forVersion(String version) {
    if (version == null || version.isBlank() || version.equals(NEWER_ID)) {
      return NEWER;
    }
    if (version.equals(V2024_ID)) {
      return V2024;
    }
    throw new IllegalArgumentException(
        "unknown status-go version '" + version + "': the load generator knows " + known());
  }

  public static List<String> known() {
    return List.of(V2024_ID, NEWER_ID);
  }

  public String id() {
    return id;
  }

  /**
   * InitializeApplication's body. c72f4913's request has only dataDir, mixpanelAppId and
   * mixpanelToken (protocol/requests/initialize_application.go @ c72f4913); the newer one adds
   * logLevel (validated), metricsEnabled, metricsAddress and wakuFleetsConfigFilePath
   * (initialize_application.go @ 0b4fc8a1f2e4). c72f4913 cannot take a custom fleet at all, so a
   * plan with one is refused here, before anything is sent.
   */
  public Map<String, Object> initializeApplication(ClientSettings settings) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dataDir", DATA_DIR);
    if (newer) {
      body.put("logLevel", "ERROR");
      body.put("metricsEnabled", true);
      body.put("metricsAddress", "0.0.0.0:" + settings.metricsPort());
      if (settings.fleetsFile() != null && !settings.fleetsFile().isBlank()) {
        body.put("wakuFleetsConfigFilePath", settings.fleetsFile());
      }
    } else {
      refuseCustomFleet(settings);
    }
    return body;
  }

  /**
   * c72f4913 knows only its compiled-in fleets: InitializeApplication has no fleets file, and
   * CreateAccountAndLogin's SetFleet loads config/cli/fleet-&lt;name&gt;.json from the binary's
   * assets (api/defaults.go, params/config.go LoadClusterConfigFromFleet), so a chatnet network's
   * own fleet cannot reach it.
   */
  private void refuseCustomFleet(ClientSettings settings) {
    boolean fileGiven = settings.fleetsFile() != null && !settings.fleetsFile().isBlank();
    if (fileGiven || !V2024_FLEETS.contains(settings.fleet())) {
      throw new UnsupportedByProfile(
          id
              + " cannot join fleet '"
              + settings.fleet()
              + "': its InitializeApplication takes no wakuFleetsConfigFilePath and"
              + " CreateAccountAndLogin only knows its compiled-in fleets "
              + V2024_FLEETS.stream().sorted().toList()
              + " (status-go c72f4913 protocol/requests/initialize_application.go,"
              + " api/defaults.go SetFleet)");
    }
  }

  /**
   * CreateAccountAndLogin's body; every key is a field of that version's requests.CreateAccount
   * (protocol/requests/create_account.go). Validate requires displayName, password,
   * customizationColor and rootDataDir in both. Telemetry stays off by sending no telemetry URL:
   * c72f4913 turns it on only for a non-empty telemetryServerURL (api/defaults.go) or setting
   * telemetry-server-url (node/status_node_services.go); the newer request has no telemetry field.
   */
  public Map<String, Object> createAccount(
      String displayName, boolean mobile, ClientSettings settings) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("rootDataDir", DATA_DIR);
    body.put("displayName", displayName);
    body.put("password", PASSWORD);
    body.put("customizationColor", CUSTOMIZATION_COLOR);
    body.put("kdfIterations", 1); // nothing to protect; keeps login fast
    body.put("wakuV2LightClient", mobile);
    body.put("wakuV2Fleet", settings.fleet());
    // status-go overrides this field by mode: relay (desktop) forced true, light (mobile) forced
    // false (wakuv2/waku.go New @ c72f4913; pkg/messaging/waku/gowaku.go New @ 0bf5bfe4). chatnet
    // sends the value status-go will use, so the recorded request says what actually runs.
    body.put("wakuV2EnableStoreConfirmationForMessagesSent", !mobile);
    body.put("wakuV2EnableMissingMessageVerification", settings.missingMessageVerification());
    // No json tag upstream: Go matches the field name itself (case-insensitively); *bool.
    body.put("TorrentConfigEnabled", settings.historyArchives());
    return body;
  }

  /**
   * The settings_saveSetting [key, value] params that switch status-go features after login, in
   * order. Every key is in multiaccounts/settings/columns.go of both builds (c72f4913 and
   * 00108d9dc763) and is read where the feature runs:
   *
   * <ul>
   *   <li>backup-enabled? gates the backup loop (protocol/messenger_backup.go @ c72f4913);
   *   <li>peer-syncing-enabled? gates datasync offers (protocol/messenger_peersyncing.go @
   *       c72f4913);
   *   <li>send-status-updates? gates the user-status broadcast, sent 5 s after start and every 5
   *       min (protocol/messenger_status_updates.go sendCurrentUserStatus @ c72f4913,
   *       internal/protocol/messenger_status_updates.go @ 52b4ad64). It is read on every tick, so
   *       saving it after login takes effect; an unset value means true
   *       (multiaccounts/settings/database.go ShouldBroadcastUserStatus @ c72f4913).
   * </ul>
   */
  public List<List<Object>> featureSettings(ClientSettings settings) {
    return List.of(
        List.of("backup-enabled?", settings.backup()),
        List.of("peer-syncing-enabled?", settings.pairing()),
        List.of("send-status-updates?", settings.statusUpdates()));
  }

  /**
   * createGroupChatWithMembers params. c72f4913's services/ext/api.go takes (ctx ext.Context, name,
   * members): ext.Context is a struct, so JSON-RPC needs an explicit leading null. Newer clients
   * send [name, members] (status-go's newer tests-functional wakuext.py, vacp2p/status-benchmarks
   * fe8f777): the context there is go-ethereum's injected one.
   */
  public List<Object> createGroupChatParams(String name, List<String> members) {
    List<Object> params = new ArrayList<>();
    if (!newer) {
      params.add(null);
    }
    params.add(name);
    params.add(members);
    return params;
  }

  /** A status-backend call: function and JSON body. */
  public record Call(String function, Map<String, Object> body) {}

  /**
   * Going offline or back online. status-backend answers 501 for ConnectionChange (its signature is
   * not one JSON string: cmd/status-backend/server/endpoints.go EndpointsUnsupported); the newer
   * ConnectionChangeV2 takes {type string, expensive bool} (protocol/requests/
   * connection_change.go @ afc14096d4f1). c72f4913 has no V2 variant: empty.
   */
  public Optional<Call> connectionChange(boolean online) {
    if (!newer) {
      return Optional.empty();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", online ? "wifi" : "none");
    body.put("expensive", false);
    return Optional.of(new Call("ConnectionChangeV2", body));
  }

  /**
   * Background and foreground: AppStateChangeV2 {state} with state background, active or inactive
   * (mobile/requests/app_state_change.go @ d016b9b8161e). c72f4913 has only AppStateChange, which
   * status-backend answers 501: empty.
   */
  public Optional<Call> appStateChange(boolean background) {
    if (!newer) {
      return Optional.empty();
    }
    return Optional.of(
        new Call("AppStateChangeV2", Map.of("state", background ? "background" : "active")));
  }

  /** Why {@link #connectionChange} or {@link #appStateChange} is empty. */
  public String noStateChangeReason(String behaviour) {
    return id
        + " cannot apply "
        + behaviour
        + ": status-backend answers 501 for ConnectionChange and AppStateChange, and this build"
        + " has no ConnectionChangeV2 or AppStateChangeV2 (status-go c72f4913 mobile/status.go)";
  }

  @Override
  public String toString() {
    return id;
  }
}

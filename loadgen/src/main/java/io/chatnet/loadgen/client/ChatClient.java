package io.chatnet.loadgen.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatnet.loadgen.plan.Plan.ClientRef;
import io.chatnet.loadgen.plan.Plan.ClientSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One status-backend client driven by the load generator: its API, its signal stream, and the start
 * order of REFERENCE.md: connect /signals, InitializeApplication, CreateAccountAndLogin, wait for
 * the node.login signal (the only place login success or failure is reported), then start the
 * messenger and switch off what isolates private chats.
 */
public final class ChatClient implements AutoCloseable {
  static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(60);
  private static final String PASSWORD = "chatnet-load"; // test accounts; not a secret

  private final ClientRef ref;
  private final StatusBackendClient api;
  private final SignalStream signals;
  private volatile Consumer<Signal> messageSink = s -> {};
  private volatile CompletableFuture<String> loginSignal = new CompletableFuture<>();
  private volatile String publicKey;

  public ChatClient(ClientRef ref, Transport transport, Duration requestTimeout) {
    this.ref = ref;
    this.api = new StatusBackendClient(transport.http(), ref.url(), requestTimeout);
    this.signals =
        new SignalStream(transport.sockets(), transport.loop(), api.signalsUri(), this::onSignal);
  }

  public ClientRef ref() {
    return ref;
  }

  public String name() {
    return ref.name();
  }

  public boolean mobile() {
    return "mobile".equals(ref.kind());
  }

  public StatusBackendClient api() {
    return api;
  }

  public SignalStream signals() {
    return signals;
  }

  /** Where messages.new and message.delivered signals go once the client is logged in. */
  public void onMessages(Consumer<Signal> sink) {
    this.messageSink = sink;
  }

  /** The account's public key, once logged in. */
  public String publicKey() {
    return publicKey;
  }

  /** Creates the account and logs in; completes with the public key. */
  public CompletableFuture<String> login(ClientSettings settings) {
    CompletableFuture<String> signal = new CompletableFuture<>();
    loginSignal = signal;
    CompletableFuture<Void> connected =
        signals.isOpen() ? CompletableFuture.completedFuture(null) : signals.connect();
    return connected
        .thenCompose(v -> api.call("InitializeApplication", initializeApplication(settings)))
        .thenCompose(v -> api.call("CreateAccountAndLogin", createAccount(settings)))
        .thenCompose(v -> signal.orTimeout(LOGIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
        .thenCompose(key -> startMessenger().thenApply(x -> key))
        .thenCompose(key -> isolate(settings).thenApply(x -> key))
        .thenApply(
            key -> {
              publicKey = key;
              return key;
            });
  }

  private Map<String, Object> initializeApplication(ClientSettings settings) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dataDir", "/data");
    body.put("logLevel", "ERROR");
    body.put("metricsEnabled", true);
    body.put("metricsAddress", "0.0.0.0:" + settings.metricsPort());
    body.put("wakuFleetsConfigFilePath", settings.fleetsFile());
    return body;
  }

  private Map<String, Object> createAccount(ClientSettings settings) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("rootDataDir", "/data");
    body.put("displayName", ref.name());
    body.put("password", PASSWORD);
    body.put("kdfIterations", 1); // nothing to protect; keeps login fast
    body.put("wakuV2LightClient", mobile());
    body.put("wakuV2Fleet", settings.fleet());
    body.put("wakuV2EnableStoreConfirmationForMessagesSent", settings.storeConfirmation());
    body.put("wakuV2EnableMissingMessageVerification", settings.missingMessageVerification());
    body.put("torrentConfigEnabled", settings.historyArchives());
    if (!settings.telemetry()) {
      body.put("telemetryServerUrl", "");
    }
    return body;
  }

  private CompletableFuture<Void> startMessenger() {
    return api.rpc("wakuext_startMessenger", List.of())
        .handle(
            (result, error) -> {
              if (error != null
                  && !String.valueOf(error.getMessage()).contains("already started")) {
                throw new StatusBackendException("wakuext_startMessenger", error);
              }
              return null;
            });
  }

  /** Backup and device sync off unless the network enables them (settings keys of status-go). */
  private CompletableFuture<Void> isolate(ClientSettings settings) {
    return api.rpc("settings_saveSetting", List.of("backup-enabled?", settings.backup()))
        .thenCompose(
            v ->
                api.rpc(
                    "settings_saveSetting", List.of("peer-syncing-enabled?", settings.pairing())))
        .thenApply(v -> null);
  }

  private void onSignal(Signal signal) {
    switch (signal.type()) {
      case "node.login" -> {
        JsonNode event = signal.event();
        String error = event.path("error").asText("");
        CompletableFuture<String> pending = loginSignal;
        if (!error.isEmpty()) {
          pending.completeExceptionally(new StatusBackendException("node.login: " + error));
        } else {
          String key = event.path("settings").path("public-key").asText("");
          if (key.isEmpty()) {
            pending.completeExceptionally(
                new StatusBackendException("node.login: no settings.public-key in the signal"));
          } else {
            pending.complete(key);
          }
        }
      }
      case "messages.new", "message.delivered" -> messageSink.accept(signal);
      default -> {}
    }
  }

  @Override
  public void close() {
    signals.close();
  }
}

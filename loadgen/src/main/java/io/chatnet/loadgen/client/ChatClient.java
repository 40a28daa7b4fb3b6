package io.chatnet.loadgen.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatnet.contract.Plan.ClientRef;
import io.chatnet.contract.Plan.ClientSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One status-backend client driven by the load generator: its API, its signal stream, and the start
 * order of REFERENCE.md: connect /signals, Logout, InitializeApplication, CreateAccountAndLogin,
 * wait for the node.login signal (the only place login success or failure is reported), then switch
 * off what isolates private chats and start the messenger. Request bodies come from the client's
 * {@link ClientProfile}, chosen by the version its group declares.
 */
public final class ChatClient implements AutoCloseable {
  static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(60);

  private final ClientRef ref;
  private final ClientProfile profile;
  private final String displayName;
  private final StatusBackendClient api;
  private final SignalStream signals;
  private volatile Consumer<Signal> messageSink = s -> {};
  private volatile CompletableFuture<String> loginSignal = new CompletableFuture<>();
  private volatile String publicKey;
  private volatile long loginStartMicros;
  private volatile long loginMicros = -1;

  public ChatClient(ClientRef ref, Transport transport, Duration requestTimeout) {
    this.ref = ref;
    this.profile = ClientProfile.forVersion(ref.version());
    this.displayName = DisplayName.of(ref.name());
    this.api = new StatusBackendClient(transport, ref.url(), requestTimeout);
    this.signals =
        new SignalStream(transport.sockets(), transport.loop(), api.signalsUri(), this::onSignal);
  }

  public ClientRef ref() {
    return ref;
  }

  public String name() {
    return ref.name();
  }

  public ClientProfile profile() {
    return profile;
  }

  /** The display name the account is created with (pod names are often too long for it). */
  public String displayName() {
    return displayName;
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

  /**
   * How long the last successful login took, in microseconds: from the CreateAccountAndLogin call
   * to its node.login signal (status-go reports a login's outcome only there); -1 before one.
   */
  public long loginMicros() {
    return loginMicros;
  }

  /** Creates the account and logs in; completes with the public key. */
  public CompletableFuture<String> login(ClientSettings settings) {
    Map<String, Object> initialize;
    Map<String, Object> account;
    try {
      initialize = profile.initializeApplication(settings);
      account = profile.createAccount(displayName, mobile(), settings);
    } catch (UnsupportedByProfile e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<String> signal = new CompletableFuture<>();
    loginSignal = signal;
    CompletableFuture<Void> connected =
        signals.isOpen() ? CompletableFuture.completedFuture(null) : signals.connect();
    return connected
        .thenCompose(v -> logout())
        .thenCompose(v -> api.call("InitializeApplication", initialize))
        .thenCompose(
            v -> {
              loginStartMicros = EpochMicros.now();
              return api.call("CreateAccountAndLogin", account);
            })
        .thenCompose(v -> signal.orTimeout(LOGIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
        // settings first: status-go's status broadcast fires 5 s after the messenger starts
        // (protocol/messenger_status_updates.go broadcastLatestUserStatus @ c72f4913)
        .thenCompose(key -> isolate(settings).thenApply(x -> key))
        .thenCompose(key -> startMessenger().thenApply(x -> key))
        .thenApply(
            key -> {
              publicKey = key;
              return key;
            });
  }

  /**
   * Logs the status-backend out of whatever account it runs, so it can create the next one: a
   * second CreateAccountAndLogin without a Logout is accepted and then fails inside status-go with
   * no node.login signal (see the stand-in's SECOND_LOGIN_ERROR for the upstream path). Logging in
   * calls it first, as DST's status-benchmarks does; a run calls it at its end, leaving the client
   * free for the next experiment. "there is no running node" (nothing to log out of) and any other
   * answer are not failures: the login that follows says whether the client is usable. No answer at
   * all is ({@link CallTimeoutException}).
   */
  public CompletableFuture<Void> logout() {
    return api.call("Logout", Map.of())
        .handle(
            (result, error) -> {
              publicKey = null;
              if (error != null && unwrap(error) instanceof CallTimeoutException timeout) {
                // a client that does not answer its Logout will not answer its login either
                throw timeout;
              }
              return null;
            });
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
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

  /**
   * Switches status-go features the network does not enable (backup, peer syncing, status
   * broadcasts) with settings_saveSetting, one key after another; the keys and where status-go
   * reads them are in {@link ClientProfile#featureSettings}. Device sync needs a second enabled
   * installation of the same account (protocol/messenger.go hasPairedDevices @ c72f4913): a fresh
   * account has only its own, so there is no installation to disable.
   */
  private CompletableFuture<Void> isolate(ClientSettings settings) {
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (List<Object> setting : profile.featureSettings(settings)) {
      chain = chain.thenCompose(v -> api.rpc("settings_saveSetting", setting).thenApply(x -> null));
    }
    return chain;
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
            if (pending.complete(key)) {
              loginMicros = signal.receivedEpochMicros() - loginStartMicros;
            }
          }
        }
      }
      case "messages.new", "message.delivered", "envelope.expired" -> messageSink.accept(signal);
      default -> {}
    }
  }

  @Override
  public void close() {
    signals.close();
  }
}

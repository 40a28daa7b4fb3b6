package io.chatnet.loadgen.standin;

import io.chatnet.loadgen.client.ClientProfile;
import io.chatnet.loadgen.client.Json;
import io.chatnet.loadgen.traffic.MessageText;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A stand-in for a fleet of status-backend processes of one status-go version on loopback. It
 * enforces that version's API as upstream's lists describe it ({@link UpstreamApi}): routes ({@code
 * /statusgo/<Function>}, 501 for the unsupported ones, Go's 404 for the rest), request fields and
 * their types, CreateAccount.Validate, InitializeApplication and AppStateChangeV2 validation,
 * JSON-RPC through CallRPC with go-ethereum's errors for unknown methods and params that do not fit
 * the method's signature. Login is reported only by the node.login signal. Client n lives under
 * {@code http://127.0.0.1:<port>/c<n>}.
 *
 * <p>It delivers chat messages between its clients after a delay it chooses, can lose, duplicate
 * and delay them, fail RPCs, answer slowly and drop websockets, and it records what it did: the
 * ground truth the load generator's figures are checked against. Every request is recorded ({@link
 * #requests}), with the keys upstream would not read ({@link #unreadKeys}), so tests can assert
 * what arrived where status-go reads it.
 */
public final class StatusBackendStandIn implements AutoCloseable {
  /** Knobs for the awkward parts; all deterministic given message ids. */
  public static final class Faults {
    public volatile long deliveryDelayMillis = 20;
    public volatile long deliveryJitterMillis = 30;

    /** Percent of (message, receiver) deliveries never made. */
    public volatile int lossPercent;

    /** Percent of deliveries made twice. */
    public volatile int duplicatePercent;

    /** Percent of send RPCs answered with an error. */
    public volatile int sendErrorPercent;

    /** Clients whose node.login signal reports an error. */
    public final Set<String> loginFailures = ConcurrentHashMap.newKeySet();

    /** Clients whose every response is delayed by {@link #slowMillis}. */
    public final Set<String> slowClients = ConcurrentHashMap.newKeySet();

    public volatile long slowMillis = 300;

    /**
     * Clients that accept the connection and read the request but never answer it (a hung
     * status-backend).
     */
    public final Set<String> silentClients = ConcurrentHashMap.newKeySet();

    /**
     * How long after CreateAccountAndLogin the node.login signal comes (plus a jitter by client).
     */
    public volatile long loginDelayMillis = 5;

    public volatile long loginJitterMillis;

    /** Endpoints that answer {"error": "stand-in fault"} to every call. */
    public final Set<String> failingFunctions = ConcurrentHashMap.newKeySet();

    /** How long a contact request, or an acceptance, takes to reach the other side. */
    public volatile long contactDelayMillis = 20;

    /** Percent of contact requests (by their text) that never reach the target. */
    public volatile int contactLossPercent;

    /**
     * How long after the create call each member's messages.new with the group arrives (plus a
     * jitter by member).
     */
    public volatile long groupDelayMillis = 30;

    public volatile long groupJitterMillis;

    /** Clients that never see the groups they are added to. */
    public final Set<String> groupBlind = ConcurrentHashMap.newKeySet();

    /**
     * Store catch-up after an offline spell: the history request starts when the client is back
     * online and its page of missed messages arrives after storeDelayMillis plus a jitter below
     * storeJitterMillis (by client and spell).
     */
    public volatile long storeDelayMillis = 300;

    public volatile long storeJitterMillis = 200;

    /** Messages older than this when the client comes back are no longer in the store. */
    public volatile long storeRetentionMillis = Long.MAX_VALUE;

    /** Percent of missed (message, receiver) pairs the store does not return. */
    public volatile int storeLossPercent;
  }

  /**
   * One contact-request event the stand-in delivered: {@code request} (the request's messages.new
   * at the target), {@code accepted} (the acceptance's messages.new back at the requester), {@code
   * declined} (the target's decline call, which tells the requester nothing upstream).
   */
  public record ContactEvent(
      String type, String requestId, String text, String client, long micros) {}

  /** A group the stand-in created (when the call arrived), with its members. */
  public record GroupCreated(String chatId, String creator, List<String> members, long micros) {}

  /** A member's messages.new carrying a new group, when it left for the member's socket. */
  public record GroupSeen(String chatId, String member, long micros) {}

  /**
   * An offline spell: when the ConnectionChangeV2 none and the following non-none call were
   * processed (epoch microseconds), the load messages held meanwhile that the store returns and
   * drops, and when the last returned one left for the socket (0 until then).
   */
  public record Spell(
      String client,
      long offlineMicros,
      long onlineMicros,
      List<String> returned,
      List<String> dropped,
      java.util.concurrent.atomic.AtomicLong lastReturnedMicros) {}

  /** A login: when CreateAccountAndLogin arrived and when its node.login signal left. */
  public record Login(String client, long requestMicros, long signalMicros, boolean ok) {}

  /** One delivery the stand-in made: the truth for one (message, receiver). */
  public record Delivery(
      String messageText, String receiver, long deliveredMicros, boolean duplicate) {}

  /** A send it accepted: its text, the clients it was addressed to and when it took it. */
  public record Accepted(
      String text, String sender, String chat, Set<String> receivers, long micros) {}

  public final Faults faults = new Faults();

  /**
   * Set to put the light clients (wakuV2LightClient) behind an RLN lightpush service node: their
   * messages over its limit are retried and end in envelope.expired, as status-go's are.
   */
  public volatile LightpushRln lightpushRln;

  // Append-only logs that grow with every message: a copy-on-write list would copy the whole log
  // on each append and slow the stand-in down as a run goes on.
  public final Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
  public final Queue<Accepted> accepted = new ConcurrentLinkedQueue<>();
  public final Queue<ContactEvent> contactEvents = new ConcurrentLinkedQueue<>();
  public final Queue<GroupCreated> groupsCreated = new ConcurrentLinkedQueue<>();
  public final Queue<GroupSeen> groupsSeen = new ConcurrentLinkedQueue<>();
  public final Queue<Spell> spells = new ConcurrentLinkedQueue<>();
  public final Queue<Login> logins = new ConcurrentLinkedQueue<>();
  public final Map<String, List<String>> calls = new ConcurrentHashMap<>();
  public final Map<String, String> appStates = new ConcurrentHashMap<>();
  public final List<String> rpcRejections = new CopyOnWriteArrayList<>();

  /**
   * One request as it arrived: endpoint, raw body, for CallRPC the method and params, the HTTP
   * status and the error answered (null when none).
   */
  public record Request(
      String client,
      String function,
      String body,
      String rpcMethod,
      List<Object> rpcParams,
      int status,
      String error) {}

  public final Queue<Request> requests = new ConcurrentLinkedQueue<>();

  /**
   * Whether the append-only logs of requests, calls and accepted sends are kept (tests read them).
   * bench/loadgen's StandInServer turns them off: at 2,000 msg/s they held hundreds of MB that each
   * young collection copied, and its pauses (up to 450 ms on its one core) held deliveries back and
   * released them in bursts that every receiver then read late.
   */
  public volatile boolean keepLogs = true;

  /**
   * Where every delivery of a load message is also written, as {@code <message id>,<receiver>\n},
   * right after its frame's write completed and its truth stamp was taken: bench/loadgen's control
   * receiver ({@link ControlReceiver}) reads it. A blocking write from the event loop (a few
   * microseconds on loopback); null for none.
   */
  public volatile java.io.OutputStream control;

  /** Keys sent that upstream's request structs have no field for (dropped silently upstream). */
  public final List<String> unreadKeys = new CopyOnWriteArrayList<>();

  /** CreateAccountAndLogin bodies accepted, by client. */
  public final Map<String, Map<String, Object>> accounts = new ConcurrentHashMap<>();

  /** settings_saveSetting values, by client then key. */
  public final Map<String, Map<String, String>> settings = new ConcurrentHashMap<>();

  /** ConnectionChangeV2 types received, by client, in order. */
  public final Map<String, List<String>> connectionTypes = new ConcurrentHashMap<>();

  private final String version;
  private final UpstreamApi upstream;

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final Map<String, Client> clients = new ConcurrentHashMap<>();
  private final Map<String, Client> byKey = new ConcurrentHashMap<>();
  private final Map<String, List<Client>> groups = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final Set<String> delivered = ConcurrentHashMap.newKeySet();

  private final class Client {
    final String name;
    volatile String publicKey;
    volatile boolean loggedIn;
    int accountsCreated;
    final List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
    volatile boolean messengerStarted;
    volatile boolean online = true;
    volatile long offlineMicros;
    final List<Queued> queued = new CopyOnWriteArrayList<>();
    final Set<String> contacts = ConcurrentHashMap.newKeySet();

    /** Contact requests received and not yet answered: request id -> requester name. */
    final Map<String, String> pendingRequests = new ConcurrentHashMap<>();

    Client(String name) {
      this.name = name;
      this.publicKey = "0x04" + String.format("%0128x", name.hashCode() & 0xffffffffL);
    }
  }

  /** A frame held while its client was offline, with when it would have been delivered. */
  private record Queued(
      JsonObject frame, long micros, String key, java.util.function.LongConsumer written) {}

  /** Clients of the newest supported status-go version. */
  public StatusBackendStandIn(int clientCount) {
    this(clientCount, ClientProfile.NEWER_ID);
  }

  public StatusBackendStandIn(int clientCount, String version) {
    this.version = version;
    this.upstream = UpstreamApi.of(version);
    for (int i = 0; i < clientCount; i++) {
      Client client = new Client("c" + i);
      clients.put(client.name, client);
      byKey.put(client.publicKey, client);
    }
    server =
        vertx
            // Like status-backend (Go's net/http), cleartext HTTP/1.1 only: no h2c upgrade.
            .createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
            .webSocketHandler(this::onWebSocket)
            .requestHandler(this::onRequest)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .join();
  }

  /** Base URL of client n, as a plan lists it. */
  public String url(int n) {
    return "http://127.0.0.1:" + server.actualPort() + "/c" + n;
  }

  public String publicKey(String client) {
    return clients.get(client).publicKey;
  }

  /** Closes every websocket of a client (the load generator must reconnect). */
  public void dropWebSockets(String client) {
    clients.get(client).sockets.forEach(ServerWebSocket::close);
  }

  public int openSockets(String client) {
    return (int) clients.get(client).sockets.stream().filter(s -> !s.isClosed()).count();
  }

  private void onWebSocket(ServerWebSocket socket) {
    String[] parts = socket.path().split("/");
    Client client =
        parts.length == 3 && upstream.servesPath("/" + parts[2]) && parts[2].equals("signals")
            ? clients.get(parts[1])
            : null;
    if (client == null) {
      socket.reject(404);
      return;
    }
    client.sockets.add(socket);
    socket.closeHandler(v -> client.sockets.remove(socket));
  }

  private void onRequest(HttpServerRequest request) {
    String[] parts = request.path().split("/");
    Client client = parts.length >= 3 ? clients.get(parts[1]) : null;
    if (client == null) {
      notFound(request);
      return;
    }
    if (parts.length == 3 && parts[2].equals("health") && upstream.servesPath("/health")) {
      request.response().end(new JsonObject().put("version", "stand-in").encode());
      return;
    }
    // status-backend's net/http ServeMux: one pattern per /statusgo/<Function>, any method.
    Optional<UpstreamApi.Route> route =
        parts.length == 4 && parts[2].equals("statusgo")
            ? upstream.route(parts[3])
            : Optional.empty();
    if (route.isEmpty()) {
      notFound(request);
      return;
    }
    String function = parts[3];
    request.body(
        body -> {
          String text = body.result().toString(StandardCharsets.UTF_8);
          if (keepLogs) {
            calls.computeIfAbsent(client.name, k -> new CopyOnWriteArrayList<>()).add(function);
          }
          if (route.get() == UpstreamApi.Route.UNSUPPORTED) {
            // server.go addUnsupportedEndpoint: WriteHeader(501), no body
            logRequest(new Request(client.name, function, text, null, null, 501, null));
            request.response().setStatusCode(501).end();
            return;
          }
          if (faults.silentClients.contains(client.name)) {
            return; // read, never answered: the caller's deadline must end the call
          }
          String out = handle(client, function, text);
          long delay = faults.slowClients.contains(client.name) ? faults.slowMillis : 0;
          request.response().putHeader("Content-Type", "application/json");
          if (delay > 0) {
            vertx.setTimer(delay, t -> request.response().end(out));
          } else {
            request.response().end(out);
          }
        });
  }

  /** Go's http.NotFound, as ServeMux answers a path no pattern matches. */
  private static void notFound(HttpServerRequest request) {
    request
        .response()
        .setStatusCode(404)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .end("404 page not found\n");
  }

  /** mobile/status.go makeJSONResponse: {"error": "..."}, empty when it went well. */
  private static String answer(String error) {
    return new JsonObject().put("error", error == null ? "" : error).encode();
  }

  private String handle(Client client, String function, String text) {
    Map<String, Object> in;
    try {
      in = text.isBlank() ? Map.of() : Json.MAPPER.readValue(text, MAP);
    } catch (IOException e) {
      logRequest(new Request(client.name, function, text, null, null, 200, e.getMessage()));
      return answer("invalid character in request: " + e.getMessage());
    }
    if (function.equals("CallRPC")) {
      return rpc(client, text, in);
    }
    String error = null;
    String requestType = REQUEST_TYPES.get(function);
    if (requestType != null) {
      for (UpstreamApi.Problem problem : upstream.checkBody(function, requestType, in)) {
        if (problem.fatal()) {
          error = error == null ? problem.message() : error;
        } else {
          unreadKeys.add(client.name + " " + problem);
        }
      }
    }
    if (error == null && faults.failingFunctions.contains(function)) {
      error = "stand-in fault";
    }
    if (error == null) {
      error =
          switch (function) {
            case "InitializeApplication" -> initializeApplication(in);
            case "CreateAccountAndLogin" -> createAccountAndLogin(client, in);
            case "ConnectionChangeV2" -> connectionChange(client, in);
            case "AppStateChangeV2" -> appStateChange(client, in);
            case "Logout" -> logout(client);
            default -> "stand-in: " + function + " exists upstream but is not simulated";
          };
    }
    logRequest(new Request(client.name, function, text, null, null, 200, error));
    return answer(error);
  }

  /** Which request struct each endpoint decodes its body into (mobile/status.go). */
  private static final Map<String, String> REQUEST_TYPES =
      Map.of(
          "InitializeApplication", "InitializeApplication",
          "CreateAccountAndLogin", "CreateAccount",
          "ConnectionChangeV2", "ConnectionChange",
          "AppStateChangeV2", "AppStateChange");

  private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};

  /**
   * requests.InitializeApplication.Validate: dataDir required; the newer request also validates
   * logLevel (ERROR, WARN, INFO, DEBUG or TRACE when given).
   */
  private String initializeApplication(Map<String, Object> in) {
    if (!(in.get("dataDir") instanceof String dir) || dir.isEmpty()) {
      return "initialize-centralized-metric: no dataDir";
    }
    Object level = in.get("logLevel");
    if (upstream.fieldKind("InitializeApplication", "logLevel").isPresent()
        && level instanceof String l
        && !l.isEmpty()
        && !LOG_LEVELS.contains(l)) {
      return "invalid log level: " + l;
    }
    return null;
  }

  static final Set<String> LOG_LEVELS = Set.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");

  /**
   * requests.CreateAccount.Validate, in upstream's order and words (protocol/requests/
   * create_account.go, both versions), then the login itself, reported only by node.login. The 2024
   * build joins only its compiled-in fleets (api/defaults.go SetFleet).
   */
  private String createAccountAndLogin(Client client, Map<String, Object> in) {
    long requestMicros = micros();
    String displayName = string(in, "displayName").strip();
    if (displayName.isEmpty()) {
      return "create-account: invalid display name";
    }
    if (!displayName.matches("^[0-9A-Za-z_\\-\\s]{5,24}$")) {
      return "only letters, numbers, underscores and hyphens allowed:"
          + " create-account: invalid display name";
    }
    if (displayName.endsWith("_eth")
        || displayName.endsWith(".eth")
        || displayName.endsWith("-eth")) {
      return "usernames ending with \"eth\" are not allowed: create-account: invalid display name";
    }
    if (string(in, "password").isEmpty()) {
      return "create-account: invalid password";
    }
    if (string(in, "customizationColor").isEmpty()) {
      return "create-account: invalid customization color";
    }
    if (string(in, "rootDataDir").isEmpty()) {
      return "create-account: invalid root data directory";
    }
    if (client.loggedIn) {
      // Upstream accepts the request (validation passed, the rest runs asynchronously), then
      // fails writing the new account's settings into the logged-in account's still open app
      // database and sends no node.login signal at all: the caller waits in vain.
      asyncFailures.add(client.name + " CreateAccountAndLogin: " + SECOND_LOGIN_ERROR);
      return null;
    }
    accounts.put(client.name, in);
    String fleet = string(in, "wakuV2Fleet");
    String loginError =
        faults.loginFailures.contains(client.name)
            ? "account already exists"
            : version.equals(ClientProfile.V2024_ID)
                    && !fleet.isEmpty()
                    && !V2024_FLEETS.contains(fleet)
                ? "Asset ../config/cli/fleet-" + fleet + ".json not found"
                : null;
    if (loginError == null) {
      client.loggedIn = true;
      if (client.accountsCreated++ > 0) {
        // a fresh account: a new key pair (the first keeps the key tests know beforehand)
        byKey.remove(client.publicKey);
        client.publicKey =
            "0x04"
                + String.format(
                    "%0128x",
                    (client.name + "#" + client.accountsCreated).hashCode() & 0xffffffffL);
        byKey.put(client.publicKey, client);
      }
    }
    // Success here means only "request accepted"; the outcome comes as a signal.
    vertx.setTimer(
        Math.max(
            1,
            faults.loginDelayMillis
                + (faults.loginJitterMillis == 0
                    ? 0
                    : Math.floorMod(client.name.hashCode() * 31, faults.loginJitterMillis))),
        t ->
            push(
                client,
                frame(
                    "node.login",
                    loginError != null
                        ? new JsonObject().put("error", loginError)
                        : new JsonObject()
                            .put("settings", new JsonObject().put("public-key", client.publicKey))
                            .put("error", "")),
                micros ->
                    logins.add(new Login(client.name, requestMicros, micros, loginError == null))));
    return null;
  }

  /**
   * What upstream's second CreateAccountAndLogin without a Logout fails with, asynchronously and
   * only in its log (status-go c72f491324909173c83e69c5a86ace7aeb87daaa: api/geth_backend.go
   * CreateAccountAndLogin -> StartNodeWithAccountAndInitialConfig -> ensureDBsOpened returns early
   * while b.appDB is open -> saveAccountsAndSettings -> multiaccounts/settings/database.go
   * CreateSettings INSERTs the row with synthetic_id 'id', the settings table's PRIMARY KEY; the
   * error returns before StartNodeWithAccount, whose LoggedIn sends node.login).
   */
  static final String SECOND_LOGIN_ERROR = "UNIQUE constraint failed: settings.synthetic_id";

  /** Failures upstream would only log (no answer, no signal), for tests to assert on. */
  public final List<String> asyncFailures = new CopyOnWriteArrayList<>();

  /**
   * Logout (mobile/status.go logout -> api/geth_backend.go GethStatusBackend.Logout @ c72f4913):
   * closes the account's databases and stops the node, sending node.stopped; with no node running
   * StatusNode.Stop answers ErrNoRunningNode, "there is no running node".
   */
  private String logout(Client client) {
    if (!client.loggedIn) {
      return "there is no running node";
    }
    client.loggedIn = false;
    client.messengerStarted = false;
    client.contacts.clear();
    client.pendingRequests.clear();
    client.queued.clear();
    client.online = true;
    vertx.setTimer(5, t -> push(client, frame("node.stopped", new JsonObject()), m -> {}));
    return null;
  }

  public boolean loggedIn(String client) {
    return clients.get(client).loggedIn;
  }

  /** params/cluster.go supportedFleets @ c72f4913. */
  static final Set<String> V2024_FLEETS =
      Set.of("eth.prod", "status.prod", "status.staging", "waku.sandbox", "waku.test");

  /**
   * ConnectionChangeV2 {type, expensive}: "none" takes the client offline; any other type brings it
   * back, and it catches up from the store as status-go does (protocol/messenger_mailserver.go @
   * c72f4913: a history request signalled by history.request.started {requestId, peerId,
   * batchIndex, numBatches} and history.request.completed, signal/events_shhext.go), each missed
   * message as a messages.new. What the store no longer holds (older than storeRetentionMillis) or
   * drops (storeLossPercent) never arrives.
   */
  private String connectionChange(Client client, Map<String, Object> in) {
    boolean online = !"none".equals(in.get("type"));
    if (!online && client.online) {
      client.offlineMicros = micros();
    }
    if (online && !client.online) {
      catchUp(client);
    }
    client.online = online;
    connectionTypes
        .computeIfAbsent(client.name, k -> new CopyOnWriteArrayList<>())
        .add(String.valueOf(in.get("type")));
    return null;
  }

  private void catchUp(Client client) {
    long now = micros();
    List<Queued> missed = List.copyOf(client.queued);
    client.queued.clear();
    List<Queued> returned = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (Queued q : missed) {
      boolean expired = (now - q.micros()) / 1000 > faults.storeRetentionMillis;
      boolean lost = Math.floorMod(("store" + q.key()).hashCode(), 100) < faults.storeLossPercent;
      if (expired || lost) {
        dropped.add(loadText(q.frame()));
      } else {
        returned.add(q);
      }
    }
    push(
        client,
        frame(
            "history.request.started",
            new JsonObject()
                .put("requestId", "")
                .put("peerId", "")
                .put("batchIndex", 0)
                .put("numBatches", 1)),
        m -> {});
    long delay =
        faults.storeDelayMillis
            + (faults.storeJitterMillis == 0
                ? 0
                : Math.floorMod((client.name + now).hashCode(), faults.storeJitterMillis));
    java.util.concurrent.atomic.AtomicInteger left =
        new java.util.concurrent.atomic.AtomicInteger(returned.size());
    java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong();
    spells.add(
        new Spell(
            client.name,
            client.offlineMicros,
            now,
            returned.stream().map(q -> loadText(q.frame())).filter(t -> t != null).toList(),
            dropped.stream().filter(t -> t != null).toList(),
            last));
    Runnable done =
        () ->
            push(
                client,
                frame(
                    "history.request.completed",
                    new JsonObject().put("requestId", "").put("peerId", "").put("batchIndex", 0)),
                m -> {});
    // One store page: every returned message in one go, after the query's delay.
    vertx.setTimer(
        Math.max(1, delay),
        t -> {
          if (returned.isEmpty()) {
            done.run();
          }
          for (Queued q : returned) {
            push(
                client,
                q.frame(),
                micros -> {
                  q.written().accept(micros);
                  last.accumulateAndGet(micros, Math::max);
                  if (left.decrementAndGet() == 0) {
                    done.run();
                  }
                });
          }
        });
  }

  /** The load message text a messages.new frame carries (null for other frames). */
  private static String loadText(JsonObject frame) {
    JsonObject event = frame.getJsonObject("event");
    JsonArray messages = event == null ? null : event.getJsonArray("messages");
    String text =
        messages == null || messages.isEmpty() ? null : messages.getJsonObject(0).getString("text");
    return text != null && text.startsWith("chatnet|") ? text : null;
  }

  /**
   * AppStateChangeV2: mobile/requests/app_state_change.go's validator (background, active,
   * inactive).
   */
  private String appStateChange(Client client, Map<String, Object> in) {
    Object state = in.get("state");
    if (!(state instanceof String s) || !Set.of("background", "active", "inactive").contains(s)) {
      return "Key: 'AppStateChange.State' Error:Field validation for 'State' failed on the"
          + (state == null || "".equals(state) ? " 'required' tag" : " 'app_state' tag");
    }
    appStates.put(client.name, s);
    return null;
  }

  private static String string(Map<String, Object> in, String key) {
    return in.get(key) instanceof String s ? s : "";
  }

  /**
   * CallRPC: status-go's rpc/call_raw.go answers a JSON-RPC response whatever happens (a missing id
   * becomes 0); an unknown method, or params that do not fit the method's Go signature, come back
   * as go-ethereum's errors.
   */
  private String rpc(Client client, String text, Map<String, Object> request) {
    Object id = request.containsKey("id") && request.get("id") != null ? request.get("id") : 0;
    JsonObject response = new JsonObject().put("jsonrpc", "2.0").put("id", id);
    String method = request.get("method") instanceof String m ? m : "";
    @SuppressWarnings("unchecked")
    List<Object> params =
        request.get("params") instanceof List<?> list ? (List<Object>) list : List.of();
    List<UpstreamApi.Problem> problems = upstream.checkRpc(method, params);
    problems.stream().filter(p -> !p.fatal()).forEach(p -> unreadKeys.add(client.name + " " + p));
    Optional<UpstreamApi.Problem> fatal =
        problems.stream().filter(UpstreamApi.Problem::fatal).findFirst();
    String error = null;
    try {
      if (fatal.isPresent()) {
        int code = upstream.method(method).isEmpty() ? -32601 : -32602;
        throw new RpcError(code, fatal.get().message());
      }
      response.put("result", call(client, method, new JsonArray(params)));
    } catch (RpcError e) {
      error = e.getMessage();
      rpcRejections.add(method + ": " + e.getMessage());
      response.put("error", new JsonObject().put("code", e.code).put("message", e.getMessage()));
    }
    logRequest(new Request(client.name, "CallRPC", text, method, params, 200, error));
    return response.encode();
  }

  private static final class RpcError extends RuntimeException {
    final int code;

    RpcError(String message) {
      this(-32000, message); // go-ethereum's code for an error a method returns
    }

    RpcError(int code, String message) {
      super(message);
      this.code = code;
    }
  }

  /** A 0x-hex message id like status-go's (Keccak-256 sized). */
  private String messageId() {
    return "0x" + String.format("%064x", ids.incrementAndGet());
  }

  private Object call(Client client, String method, JsonArray params) {
    switch (method) {
      case "wakuext_startMessenger":
        if (client.messengerStarted) {
          throw new RpcError("messenger already started");
        }
        client.messengerStarted = true;
        return new JsonObject();
      case "settings_saveSetting":
        settings
            .computeIfAbsent(client.name, k -> new ConcurrentHashMap<>())
            .put(params.getString(0), String.valueOf(params.getValue(1)));
        return null;
      case "wakuext_sendContactRequest":
        return sendContactRequest(client, params.getJsonObject(0));
      case "wakuext_acceptContactRequest":
        return answerContactRequest(client, params.getJsonObject(0), true);
      case "wakuext_declineContactRequest":
        return answerContactRequest(client, params.getJsonObject(0), false);
      case "wakuext_createGroupChatWithMembers":
        {
          // the name and members follow the ext.Context param where the version has one
          int first = params.size() == 3 ? 1 : 0;
          long calledMicros = micros();
          List<Client> members = new ArrayList<>();
          members.add(client);
          for (Object key : params.getJsonArray(first + 1)) {
            Client member = byKey.get((String) key);
            if (member == null || !client.contacts.contains(member.name)) {
              // protocol/messenger_group_chat.go validateAddedGroupMembers
              throw new RpcError("group-chat: can't add members who are not mutual contacts");
            }
            members.add(member);
          }
          // status-go names a private group "<uuid>-<creator's public key>"
          // (protocol/messenger_group_chat.go CreateGroupChatWithMembers @ c72f4913)
          String chatId = java.util.UUID.randomUUID() + "-" + client.publicKey;
          groups.put(chatId, members);
          groupsCreated.add(
              new GroupCreated(
                  chatId,
                  client.name,
                  members.stream().skip(1).map(m -> m.name).toList(),
                  calledMicros));
          JsonObject chat = groupChat(chatId, params.getString(first), members);
          // Every member's messenger handles the membership update and emits the new chat with
          // its "created the group" system message (contentType 6,
          // SYSTEM_MESSAGE_CONTENT_PRIVATE_GROUP: protocol/protobuf/chat_message.proto @ c72f4913).
          for (Client member : members.subList(1, members.size())) {
            if (faults.groupBlind.contains(member.name)) {
              continue;
            }
            JsonObject event =
                new JsonObject()
                    .put("chats", new JsonArray().add(chat))
                    .put(
                        "messages",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("id", messageId())
                                    .put("chatId", chatId)
                                    .put("from", client.publicKey)
                                    .put("contentType", 6)
                                    .put("text", "created the group " + params.getString(first))));
            long delay =
                faults.groupDelayMillis
                    + (faults.groupJitterMillis == 0
                        ? 0
                        : Math.floorMod(
                            (chatId + member.name).hashCode(), faults.groupJitterMillis));
            vertx.setTimer(
                Math.max(1, delay),
                t ->
                    deliver(
                        member,
                        frame("messages.new", event),
                        chatId,
                        micros -> groupsSeen.add(new GroupSeen(chatId, member.name, micros))));
          }
          return new JsonObject().put("chats", new JsonArray().add(chat));
        }
      case "wakuext_sendOneToOneMessage":
        {
          JsonObject arg = params.getJsonObject(0);
          requireNonEmpty(arg, "id", "send-one-to-one-message: invalid id");
          requireNonEmpty(arg, "message", "send-one-to-one-message: invalid message");
          Client to = byKey.get(arg.getString("id"));
          if (to == null) {
            throw new RpcError("unknown public key");
          }
          return send(client, List.of(to), arg.getString("message"), "1to1");
        }
      case "wakuext_sendGroupChatMessage":
        {
          JsonObject arg = params.getJsonObject(0);
          requireNonEmpty(arg, "id", "send-group-chat-message: invalid id");
          requireNonEmpty(arg, "message", "send-group-chat-message: invalid message");
          List<Client> members = groups.get(arg.getString("id"));
          if (members == null || !members.contains(client)) {
            throw new RpcError("unknown group chat " + arg.getString("id"));
          }
          return send(
              client,
              members.stream().filter(m -> m != client).toList(),
              arg.getString("message"),
              arg.getString("id"));
        }
      default:
        throw new RpcError("stand-in: " + method + " exists upstream but is not simulated");
    }
  }

  /**
   * wakuext_sendContactRequest [{id, message}] (protocol/messenger_contacts.go SendContactRequest @
   * c72f4913): the response carries the request message (contentType 11, CONTACT_REQUEST,
   * contactRequestState 1, pending) and the "You sent a contact request to @key" system message
   * (15, SYSTEM_MESSAGE_MUTUAL_EVENT_SENT); the target's messages.new carries the request message
   * and the requester as a contact, as status-go's functional tests expect
   * (tests-functional/tests/test_contact_request.py).
   */
  private JsonObject sendContactRequest(Client client, JsonObject arg) {
    requireNonEmpty(arg, "id", "send-contact-request: invalid id");
    requireNonEmpty(arg, "message", "send-contact-request: invalid message");
    Client to = byKey.get(arg.getString("id"));
    if (to == null) {
      throw new RpcError("unknown public key");
    }
    String requestId = messageId();
    String text = arg.getString("message");
    contactEvents.add(new ContactEvent("sent", requestId, text, client.name, micros()));
    JsonObject request =
        new JsonObject()
            .put("id", requestId)
            .put("chatId", to.publicKey)
            .put("from", client.publicKey)
            .put("text", text)
            .put("contentType", 11)
            .put("contactRequestState", 1);
    JsonObject incoming = request.copy().put("chatId", client.publicKey);
    if (Math.floorMod(("cr" + text).hashCode(), 100) >= faults.contactLossPercent) {
      to.pendingRequests.put(requestId, client.name);
      JsonObject event =
          new JsonObject()
              .put("messages", new JsonArray().add(incoming))
              .put("contacts", new JsonArray().add(contact(client.publicKey, false)));
      vertx.setTimer(
          Math.max(1, faults.contactDelayMillis),
          t ->
              deliver(
                  to,
                  frame("messages.new", event),
                  requestId,
                  micros ->
                      contactEvents.add(
                          new ContactEvent("request", requestId, text, to.name, micros))));
    }
    return new JsonObject()
        .put(
            "messages",
            new JsonArray()
                .add(request)
                .add(
                    new JsonObject()
                        .put("id", messageId())
                        .put("chatId", to.publicKey)
                        .put("from", client.publicKey)
                        .put("contentType", 15)
                        .put("text", "You sent a contact request to @" + to.publicKey)))
        .put("contacts", new JsonArray().add(contact(to.publicKey, false)));
  }

  /**
   * wakuext_acceptContactRequest and wakuext_declineContactRequest [{id}]
   * (protocol/requests/{accept,decline}_contact_request.go and protocol/messenger_contacts.go @
   * c72f4913): the id must be a request this client received (persistence.MessageByID: "record not
   * found"). Accepting sends the requester an AcceptContactRequest: its messages.new carries the
   * original request, now contactRequestState 2, and the "@key accepted your contact request"
   * system message (16, SYSTEM_MESSAGE_MUTUAL_EVENT_ACCEPTED; protocol/messenger_handler.go
   * handleAcceptContactRequestMessage), with the target as a mutual contact. Declining only marks
   * the request dismissed (state 3) locally: the requester hears nothing.
   */
  private JsonObject answerContactRequest(Client client, JsonObject arg, boolean accept) {
    // ID is types.HexBytes: "0x" decodes to no bytes, which Validate refuses as it does ""
    String requestId = arg == null ? null : arg.getString("id");
    if (requestId == null || requestId.isEmpty() || requestId.equalsIgnoreCase("0x")) {
      throw new RpcError(
          accept ? "accept-contact-request: invalid id" : "decline-contact-request: invalid id");
    }
    String from = client.pendingRequests.remove(requestId);
    if (from == null) {
      throw new RpcError("record not found");
    }
    Client requester = clients.get(from);
    JsonObject request =
        new JsonObject()
            .put("id", requestId)
            .put("chatId", requester.publicKey)
            .put("from", requester.publicKey)
            .put("contentType", 11)
            .put("contactRequestState", accept ? 2 : 3);
    if (!accept) {
      contactEvents.add(new ContactEvent("declined", requestId, null, client.name, micros()));
      return new JsonObject()
          .put("messages", new JsonArray().add(request))
          .put("contacts", new JsonArray().add(contact(requester.publicKey, false)));
    }
    client.contacts.add(from);
    requester.contacts.add(client.name);
    JsonObject event =
        new JsonObject()
            .put(
                "messages",
                new JsonArray()
                    .add(request.copy().put("chatId", client.publicKey))
                    .add(
                        new JsonObject()
                            .put("id", messageId())
                            .put("chatId", client.publicKey)
                            .put("from", client.publicKey)
                            .put("contentType", 16)
                            .put(
                                "text", "@" + client.publicKey + " accepted your contact request")))
            .put("contacts", new JsonArray().add(contact(client.publicKey, true)))
            .put(
                "chats",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("id", client.publicKey)
                            .put("chatType", 1)
                            .put("active", true)));
    vertx.setTimer(
        Math.max(1, faults.contactDelayMillis),
        t ->
            deliver(
                requester,
                frame("messages.new", event),
                "accept" + requestId,
                micros ->
                    contactEvents.add(
                        new ContactEvent("accepted", requestId, null, requester.name, micros))));
    return new JsonObject()
        .put(
            "messages",
            new JsonArray()
                .add(request)
                .add(
                    new JsonObject()
                        .put("id", messageId())
                        .put("chatId", requester.publicKey)
                        .put("from", client.publicKey)
                        .put("contentType", 16)
                        .put(
                            "text", "You accepted @" + requester.publicKey + "'s contact request")))
        .put("contacts", new JsonArray().add(contact(requester.publicKey, true)));
  }

  /** A contact as protocol/contact.go MarshalJSON writes the fields the load generator reads. */
  private static JsonObject contact(String key, boolean mutual) {
    return new JsonObject()
        .put("id", key)
        .put("mutual", mutual)
        .put("added", true)
        .put("contactRequestState", mutual ? 1 : 2);
  }

  /** A private group chat (chatType 3, ChatTypePrivateGroupChat: protocol/chat.go @ c72f4913). */
  private static JsonObject groupChat(String chatId, String name, List<Client> members) {
    JsonArray list = new JsonArray();
    for (int i = 0; i < members.size(); i++) {
      list.add(new JsonObject().put("id", members.get(i).publicKey).put("admin", i == 0));
    }
    return new JsonObject()
        .put("id", chatId)
        .put("name", name)
        .put("chatType", 3)
        .put("active", true)
        .put("members", list);
  }

  /** The Validate() of status-go's request objects: required fields, with upstream's words. */
  private static void requireNonEmpty(JsonObject arg, String key, String error) {
    if (arg == null || !(arg.getValue(key) instanceof String v) || v.isEmpty()) {
      throw new RpcError(error);
    }
  }

  private JsonObject send(Client from, List<Client> to, String text, String chatId) {
    int h = Math.floorMod(text.hashCode(), 100);
    if (h < faults.sendErrorPercent) {
      throw new RpcError("failed to send: no peers");
    }
    String messageId = "m-" + ids.incrementAndGet();
    if (keepLogs) {
      accepted.add(
          new Accepted(
              text,
              from.name,
              chatId,
              Set.copyOf(to.stream().map(c -> c.name).toList()),
              micros()));
    }
    LightpushRln rln = lightpushRln;
    if (rln != null && Boolean.TRUE.equals(accounts.get(from.name).get("wakuV2LightClient"))) {
      lightpush(rln, from, to, text, chatId, messageId, 1);
    } else {
      publish(from, to, text, chatId, messageId);
    }
    return new JsonObject()
        .put(
            "messages",
            new JsonArray().add(new JsonObject().put("id", messageId).put("text", text)));
  }

  /** One lightpush attempt of a light client's message through the RLN service node. */
  private void lightpush(
      LightpushRln rln,
      Client from,
      List<Client> to,
      String text,
      String chatId,
      String messageId,
      int attempt) {
    if (rln.attempt()) {
      if (attempt > 1) {
        rln.deliveredOnRetry.incrementAndGet();
      }
      publish(from, to, text, chatId, messageId);
    } else if (attempt < LightpushRln.MAX_ATTEMPTS) {
      vertx.setTimer(
          LightpushRln.retryDelayMillis(attempt),
          t -> lightpush(rln, from, to, text, chatId, messageId, attempt + 1));
    } else {
      rln.expired.add(text);
      push(
          from,
          frame(
              "envelope.expired",
              new JsonObject()
                  .put("ids", new JsonArray().add(messageId))
                  .put("hash", "0x" + "0".repeat(64))
                  .put("message", LightpushRln.EXPIRED_MESSAGE)),
          m -> {});
    }
  }

  /** The message published: delivered to its receivers, and acknowledged to its sender. */
  private void publish(Client from, List<Client> to, String text, String chatId, String messageId) {
    for (Client receiver : to) {
      int rh = Math.floorMod((text + receiver.name).hashCode(), 100);
      if (rh < faults.lossPercent) {
        continue;
      }
      long delay =
          faults.deliveryDelayMillis
              + (faults.deliveryJitterMillis == 0
                  ? 0
                  : Math.floorMod(
                      (text + receiver.name).hashCode() >> 8, faults.deliveryJitterMillis));
      JsonObject message =
          new JsonObject()
              .put("id", messageId)
              .put("chatId", chatId)
              .put("text", text)
              .put("from", from.publicKey);
      JsonObject frame =
          frame("messages.new", new JsonObject().put("messages", new JsonArray().add(message)));
      String key = text + "\n" + receiver.name;
      vertx.setTimer(
          Math.max(1, delay),
          t -> {
            deliver(receiver, frame, key, m -> {});
            if (Math.floorMod((text + receiver.name).hashCode() >> 16, 100)
                < faults.duplicatePercent) {
              deliver(receiver, frame, key, m -> {});
            }
          });
    }
    vertx.setTimer(
        Math.max(1, faults.deliveryDelayMillis),
        t ->
            push(
                from,
                frame(
                    "message.delivered",
                    new JsonObject().put("chatID", chatId).put("messageID", messageId)),
                m -> {}));
  }

  private static JsonObject frame(String type, JsonObject event) {
    return new JsonObject().put("type", type).put("event", event);
  }

  /**
   * Delivers {@code frame} to a client now, or holds it while the client is offline (the store
   * returns it when it comes back: {@link #catchUp}); {@code key} names the (message, receiver) for
   * the store's deterministic losses, {@code written} gets the instant it left for the socket.
   */
  private void deliver(
      Client receiver, JsonObject frame, String key, java.util.function.LongConsumer written) {
    if (!receiver.online) {
      receiver.queued.add(new Queued(frame, micros(), key, written));
      return;
    }
    push(receiver, frame, written);
  }

  /**
   * Writes {@code frame} to the client's first open socket; {@code written} gets the instant the
   * write completed. A messages.new carrying a load message is also recorded as a {@link Delivery}.
   */
  private void push(Client receiver, JsonObject frame, java.util.function.LongConsumer written) {
    List<ServerWebSocket> open = receiver.sockets.stream().filter(s -> !s.isClosed()).toList();
    if (open.isEmpty()) {
      return; // nobody listening: the signal is lost, as with the real server
    }
    JsonObject event = frame.getJsonObject("event");
    JsonArray messages = event == null ? null : event.getJsonArray("messages");
    String text =
        messages == null || messages.isEmpty() ? null : messages.getJsonObject(0).getString("text");
    boolean load =
        text != null
            && "messages.new".equals(frame.getString("type"))
            && text.startsWith("chatnet|");
    boolean duplicate = load && !delivered.add(receiver.name + "\n" + text);
    java.io.OutputStream controlOut = load ? control : null;
    byte[] controlRecord =
        controlOut == null
            ? null
            : MessageText.decode(text)
                .map(m -> (m.id() + "," + receiver.name + "\n").getBytes(StandardCharsets.US_ASCII))
                .orElse(null);
    // The ground-truth delivery instant is when the frame has left for the socket (the write's
    // completion), not when it was queued: a busy event loop delays the frame, and that delay is
    // the server's, not the load generator's.
    open.get(0)
        .writeTextMessage(frame.encode())
        .onSuccess(
            v -> {
              long now = micros();
              if (controlRecord != null) {
                writeControl(controlOut, controlRecord);
              }
              if (load) {
                deliveries.add(new Delivery(text, receiver.name, now, duplicate));
              }
              written.accept(now);
            });
  }

  private void writeControl(java.io.OutputStream out, byte[] record) {
    try {
      synchronized (out) {
        out.write(record);
      }
    } catch (IOException e) {
      // the control's figures then miss records, which its join counts; the run goes on
      control = null;
      System.err.println("stand-in: control receiver write failed, stopped: " + e);
    }
  }

  static long micros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  private void logRequest(Request request) {
    if (keepLogs) {
      requests.add(request);
    }
  }

  /** Calls made to a client's API, by function name, in order. */
  public List<String> callsOf(String client) {
    return calls.getOrDefault(client, List.of());
  }

  public long count(Predicate<Delivery> which) {
    return deliveries.stream().filter(which).count();
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
  }
}

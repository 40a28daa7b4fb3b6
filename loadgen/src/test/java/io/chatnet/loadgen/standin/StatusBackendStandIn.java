package io.chatnet.loadgen.standin;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A stand-in for a fleet of status-backend processes on loopback, following REFERENCE.md: {@code
 * POST /statusgo/<Function>}, JSON-RPC through CallRPC (an id is required), the {@code /signals}
 * websocket, login reported only by the node.login signal, and createGroupChatWithMembers with its
 * leading null. Client n lives under {@code http://127.0.0.1:<port>/c<n>}.
 *
 * <p>It delivers chat messages between its clients after a delay it chooses, can lose, duplicate
 * and delay them, fail RPCs, answer slowly and drop websockets, and it records what it did: the
 * ground truth the load generator's figures are checked against.
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
  }

  /** One delivery the stand-in made: the truth for one (message, receiver). */
  public record Delivery(
      String messageText, String receiver, long deliveredMicros, boolean duplicate) {}

  /** A send it accepted: its text and the clients it was addressed to. */
  public record Accepted(String text, String sender, String chat, Set<String> receivers) {}

  public final Faults faults = new Faults();
  // Append-only logs that grow with every message: a copy-on-write list would copy the whole log
  // on each append and slow the stand-in down as a run goes on.
  public final Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
  public final Queue<Accepted> accepted = new ConcurrentLinkedQueue<>();
  public final Map<String, List<String>> calls = new ConcurrentHashMap<>();
  public final Map<String, String> appStates = new ConcurrentHashMap<>();
  public final List<String> rpcRejections = new CopyOnWriteArrayList<>();

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final Map<String, Client> clients = new ConcurrentHashMap<>();
  private final Map<String, Client> byKey = new ConcurrentHashMap<>();
  private final Map<String, List<Client>> groups = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final Set<String> delivered = ConcurrentHashMap.newKeySet();

  private final class Client {
    final String name;
    final String publicKey;
    final List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
    volatile boolean messengerStarted;
    volatile boolean online = true;
    final List<JsonObject> queued = new CopyOnWriteArrayList<>();
    final Set<String> contacts = ConcurrentHashMap.newKeySet();

    Client(String name) {
      this.name = name;
      this.publicKey = "0x04" + String.format("%0128x", name.hashCode() & 0xffffffffL);
    }
  }

  public StatusBackendStandIn(int clientCount) {
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
    Client client = parts.length == 3 && parts[2].equals("signals") ? clients.get(parts[1]) : null;
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
      request.response().setStatusCode(404).end();
      return;
    }
    if (parts.length == 3 && parts[2].equals("health")) {
      request.response().end(new JsonObject().put("version", "stand-in").encode());
      return;
    }
    if (parts.length != 4
        || !parts[2].equals("statusgo")
        || request.method().name().equals("GET")) {
      request.response().setStatusCode(404).end();
      return;
    }
    String function = parts[3];
    request.body(
        body -> {
          JsonObject in =
              body.result().length() == 0 ? new JsonObject() : body.result().toJsonObject();
          calls.computeIfAbsent(client.name, k -> new CopyOnWriteArrayList<>()).add(function);
          JsonObject out = handle(client, function, in);
          long delay = faults.slowClients.contains(client.name) ? faults.slowMillis : 0;
          if (delay > 0) {
            vertx.setTimer(delay, t -> request.response().end(out.encode()));
          } else {
            request.response().end(out.encode());
          }
        });
  }

  private JsonObject handle(Client client, String function, JsonObject in) {
    switch (function) {
      case "InitializeApplication":
        return new JsonObject().put("error", "");
      case "CreateAccountAndLogin":
        // Success here means only "request accepted"; the outcome comes as a signal.
        vertx.setTimer(
            5,
            t -> {
              JsonObject event =
                  faults.loginFailures.contains(client.name)
                      ? new JsonObject().put("error", "account already exists")
                      : new JsonObject()
                          .put("settings", new JsonObject().put("public-key", client.publicKey))
                          .put("error", "");
              signal(client, "node.login", event);
            });
        return new JsonObject().put("error", "");
      case "ConnectionChange":
        client.online = !"none".equals(in.getString("type"));
        if (client.online) {
          client.queued.forEach(frame -> push(client, frame));
          client.queued.clear();
        }
        return new JsonObject().put("error", "");
      case "AppStateChangeV2":
        appStates.put(client.name, in.getString("state"));
        return new JsonObject().put("error", "");
      case "CallRPC":
        return rpc(client, in);
      default:
        return new JsonObject().put("error", "unknown function " + function);
    }
  }

  private JsonObject rpc(Client client, JsonObject request) {
    Object id = request.getValue("id");
    JsonObject response = new JsonObject().put("jsonrpc", "2.0");
    if (id == null) {
      rpcRejections.add("missing id");
      return response.put(
          "error",
          new JsonObject().put("code", -32600).put("message", "invalid request: id is required"));
    }
    response.put("id", id);
    String method = request.getString("method");
    JsonArray params = request.getJsonArray("params", new JsonArray());
    try {
      return response.put("result", call(client, method, params));
    } catch (RpcError e) {
      rpcRejections.add(method + ": " + e.getMessage());
      return response.put(
          "error", new JsonObject().put("code", -32000).put("message", e.getMessage()));
    }
  }

  private static final class RpcError extends RuntimeException {
    RpcError(String message) {
      super(message);
    }
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
        return null;
      case "wakuext_sendContactRequest":
        {
          JsonObject arg = params.getJsonObject(0);
          Client to = byKey.get(arg.getString("id"));
          if (to == null) {
            throw new RpcError("unknown public key");
          }
          String messageId = "cr-" + ids.incrementAndGet();
          JsonObject message =
              new JsonObject()
                  .put("id", messageId)
                  .put("text", arg.getString("message"))
                  .put("from", client.publicKey)
                  .put("contentType", 11);
          vertx.setTimer(5, t -> deliverNow(to, message));
          to.contacts.add(client.name + "?" + messageId);
          return new JsonObject()
              .put("messages", new JsonArray().add(new JsonObject().put("id", messageId)));
        }
      case "wakuext_acceptContactRequest":
        {
          String messageId = params.getJsonObject(0).getString("id");
          String request =
              client.contacts.stream()
                  .filter(c -> c.endsWith("?" + messageId))
                  .findFirst()
                  .orElseThrow(() -> new RpcError("no contact request " + messageId));
          String from = request.substring(0, request.indexOf('?'));
          client.contacts.add(from);
          clients.get(from).contacts.add(client.name);
          return new JsonObject();
        }
      case "wakuext_createGroupChatWithMembers":
        {
          if (params.size() != 3 || params.getValue(0) != null) {
            throw new RpcError("invalid params: expected [null, name, members]");
          }
          List<Client> members = new ArrayList<>();
          members.add(client);
          for (Object key : params.getJsonArray(2)) {
            Client member = byKey.get((String) key);
            if (member == null || !client.contacts.contains(member.name)) {
              throw new RpcError("member is not a contact: " + key);
            }
            members.add(member);
          }
          String chatId = "g-" + ids.incrementAndGet();
          groups.put(chatId, members);
          return new JsonObject()
              .put(
                  "chats",
                  new JsonArray()
                      .add(new JsonObject().put("id", chatId).put("name", params.getString(1))));
        }
      case "wakuext_sendOneToOneMessage":
        {
          JsonObject arg = params.getJsonObject(0);
          Client to = byKey.get(arg.getString("id"));
          if (to == null) {
            throw new RpcError("unknown public key");
          }
          return send(client, List.of(to), arg.getString("message"), "1to1");
        }
      case "wakuext_sendGroupChatMessage":
        {
          JsonObject arg = params.getJsonObject(0);
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
        throw new RpcError("the method " + method + " does not exist/is not available");
    }
  }

  private JsonObject send(Client from, List<Client> to, String text, String chatId) {
    int h = Math.floorMod(text.hashCode(), 100);
    if (h < faults.sendErrorPercent) {
      throw new RpcError("failed to send: no peers");
    }
    String messageId = "m-" + ids.incrementAndGet();
    accepted.add(
        new Accepted(text, from.name, chatId, Set.copyOf(to.stream().map(c -> c.name).toList())));
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
      vertx.setTimer(
          Math.max(1, delay),
          t -> {
            deliver(receiver, message);
            if (Math.floorMod((text + receiver.name).hashCode() >> 16, 100)
                < faults.duplicatePercent) {
              deliver(receiver, message);
            }
          });
    }
    vertx.setTimer(
        Math.max(1, faults.deliveryDelayMillis),
        t ->
            signal(
                from,
                "message.delivered",
                new JsonObject().put("chatID", chatId).put("messageID", messageId)));
    return new JsonObject()
        .put(
            "messages",
            new JsonArray().add(new JsonObject().put("id", messageId).put("text", text)));
  }

  private void deliver(Client receiver, JsonObject message) {
    JsonObject frame =
        new JsonObject()
            .put("type", "messages.new")
            .put("event", new JsonObject().put("messages", new JsonArray().add(message)));
    if (!receiver.online) {
      receiver.queued.add(frame);
      return;
    }
    push(receiver, frame);
  }

  private void deliverNow(Client receiver, JsonObject message) {
    push(
        receiver,
        new JsonObject()
            .put("type", "messages.new")
            .put("event", new JsonObject().put("messages", new JsonArray().add(message))));
  }

  private void push(Client receiver, JsonObject frame) {
    List<ServerWebSocket> open = receiver.sockets.stream().filter(s -> !s.isClosed()).toList();
    if (open.isEmpty()) {
      return; // nobody listening: the signal is lost, as with the real server
    }
    JsonObject event = frame.getJsonObject("event");
    JsonArray messages = event.getJsonArray("messages");
    String text =
        messages == null || messages.isEmpty() ? null : messages.getJsonObject(0).getString("text");
    if (text == null || !"messages.new".equals(frame.getString("type"))) {
      open.get(0).writeTextMessage(frame.encode());
      return;
    }
    boolean duplicate = !delivered.add(receiver.name + "\n" + text);
    // The ground-truth delivery instant is when the frame has left for the socket (the write's
    // completion), not when it was queued: a busy event loop delays the frame, and that delay is
    // the server's, not the load generator's.
    open.get(0)
        .writeTextMessage(frame.encode())
        .onSuccess(v -> deliveries.add(new Delivery(text, receiver.name, micros(), duplicate)));
  }

  private void signal(Client client, String type, JsonObject event) {
    push(client, new JsonObject().put("type", type).put("event", event));
  }

  static long micros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
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

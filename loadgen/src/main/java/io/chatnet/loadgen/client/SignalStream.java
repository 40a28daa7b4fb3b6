package io.chatnet.loadgen.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code /signals} websocket of one client, reconnected with backoff when it drops (the server
 * answers no pings, so a drop is noticed only when the connection closes or errors). Signals are
 * timestamped on arrival, before any parsing, so latency excludes the load generator's own work.
 */
public final class SignalStream implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SignalStream.class.getName());
  private static final ScheduledExecutorService RECONNECTS =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "signal-reconnect");
            t.setDaemon(true);
            return t;
          });

  private final HttpClient http;
  private final URI uri;
  private final Consumer<Signal> sink;
  private final AtomicInteger drops = new AtomicInteger();
  private volatile WebSocket socket;
  private volatile boolean closed;

  /**
   * The websockets' own client, whose callbacks run on its selector thread instead of being handed
   * to an executor: one thread hop fewer between a frame's arrival and its timestamp, which is the
   * load generator's latency measurement overhead (bench/loadgen.md). Safe because nothing a signal
   * triggers blocks: it completes futures and counts.
   */
  private static final HttpClient SOCKETS =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .executor(Runnable::run)
          .build();

  public SignalStream(URI uri, Consumer<Signal> sink) {
    this.http = SOCKETS;
    this.uri = uri;
    this.sink = sink;
  }

  /** Connects; completes when the socket is open. */
  public CompletableFuture<Void> connect() {
    return http.newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .buildAsync(uri, new Listener())
        .thenAccept(ws -> socket = ws);
  }

  /** How many times the connection dropped and was re-established. */
  public int drops() {
    return drops.get();
  }

  public boolean isOpen() {
    WebSocket ws = socket;
    return ws != null && !ws.isInputClosed();
  }

  private void reconnect(int attempt) {
    if (closed) {
      return;
    }
    long delay = Math.min(5000, 100L << Math.min(attempt, 6));
    RECONNECTS.schedule(
        () ->
            connect()
                .exceptionally(
                    e -> {
                      reconnect(attempt + 1);
                      return null;
                    }),
        delay,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    closed = true;
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort();
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder buffer = new StringBuilder();
    private long firstFrameNanos;
    private long firstFrameMicros;

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      if (buffer.length() == 0) {
        firstFrameNanos = System.nanoTime();
        firstFrameMicros = EpochMicros.now();
      }
      buffer.append(data);
      if (last) {
        String text = buffer.toString();
        buffer.setLength(0);
        try {
          JsonNode json = Json.MAPPER.readTree(text);
          sink.accept(
              new Signal(
                  json.path("type").asText(),
                  json.path("event"),
                  firstFrameNanos,
                  firstFrameMicros));
        } catch (Exception e) {
          LOG.log(Level.FINE, "unreadable signal from " + uri, e);
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      dropped();
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      dropped();
    }

    private void dropped() {
      if (!closed) {
        drops.incrementAndGet();
        reconnect(0);
      }
    }
  }
}

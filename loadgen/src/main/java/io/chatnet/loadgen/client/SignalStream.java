package io.chatnet.loadgen.client;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code /signals} websocket of one client, reconnected with backoff when it drops (the server
 * answers no pings, so a drop is noticed only when the connection closes or errors). A signal is
 * timestamped when its first frame is read on the transport's event loop, before any parsing, so
 * latency excludes the load generator's own work: parsing and handling are queued as a task on the
 * same loop, which runs them after it has read every connection that was ready. Frames that arrive
 * in a burst over many sockets are all stamped as read, not each after the handling of the ones
 * before it.
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

  private final WebSocketClient sockets;
  private final Executor loop;
  private final URI uri;
  private final Consumer<Signal> sink;
  private final AtomicInteger drops = new AtomicInteger();
  private volatile WebSocket socket;
  private volatile boolean closed;
  private volatile Outages outages = new Outages() {};
  // the current outage's start (System.nanoTime), or -1 while connected
  private volatile long downSinceNanos = -1;
  private volatile long longestOutageNanos;

  /**
   * Told when the socket goes down and when it is back (epoch microseconds): while it is down,
   * signals status-go sends the client are lost to the load generator, not to the network.
   */
  public interface Outages {
    default void down(long epochMicros) {}

    default void up(long epochMicros) {}
  }

  /** {@code loop} is the event loop the sockets' I/O runs on (Transport's single loop). */
  public SignalStream(WebSocketClient sockets, Executor loop, URI uri, Consumer<Signal> sink) {
    this.sockets = sockets;
    this.loop = loop;
    this.uri = uri;
    this.sink = sink;
  }

  /** Connects; completes when the socket is open. */
  public CompletableFuture<Void> connect() {
    return sockets
        .connect(new WebSocketConnectOptions().setAbsoluteURI(uri.toString()))
        .map(
            ws -> {
              Reader reader = new Reader();
              AtomicBoolean dropped = new AtomicBoolean();
              ws.frameHandler(reader::onFrame);
              ws.closeHandler(v -> dropped(dropped));
              ws.exceptionHandler(e -> dropped(dropped));
              socket = ws;
              reconnected();
              return (Void) null;
            })
        .toCompletionStage()
        .toCompletableFuture();
  }

  /** How many times the connection dropped (it is then re-established). */
  public int drops() {
    return drops.get();
  }

  /** Where outages are reported (one listener; set before connecting). */
  public void onOutage(Outages listener) {
    this.outages = listener;
  }

  /** The longest time the socket stayed down, the current outage included; 0 without drops. */
  public long longestOutageMillis() {
    long since = downSinceNanos;
    long current = since < 0 ? 0 : System.nanoTime() - since;
    return Math.max(longestOutageNanos, current) / 1_000_000;
  }

  private synchronized void reconnected() {
    long since = downSinceNanos;
    if (since >= 0) {
      longestOutageNanos = Math.max(longestOutageNanos, System.nanoTime() - since);
      downSinceNanos = -1;
      outages.up(EpochMicros.now());
    }
  }

  public boolean isOpen() {
    WebSocket ws = socket;
    return ws != null && !ws.isClosed();
  }

  /** A close and an error of the same connection are one drop. */
  private void dropped(AtomicBoolean once) {
    if (!closed && once.compareAndSet(false, true)) {
      drops.incrementAndGet();
      synchronized (this) {
        if (downSinceNanos < 0) {
          downSinceNanos = System.nanoTime();
          outages.down(EpochMicros.now());
        }
      }
      reconnect(0);
    }
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
      ws.close();
    }
  }

  /** Reassembles one connection's text messages from their frames. */
  private final class Reader {
    private Buffer message;
    private long firstFrameNanos;
    private long firstFrameMicros;

    void onFrame(WebSocketFrame frame) {
      if (frame.isText()) {
        firstFrameNanos = System.nanoTime();
        firstFrameMicros = EpochMicros.now();
        if (frame.isFinal()) {
          later(frame.binaryData());
        } else {
          message = Buffer.buffer().appendBuffer(frame.binaryData());
        }
      } else if (frame.isContinuation() && message != null) {
        message.appendBuffer(frame.binaryData());
        if (frame.isFinal()) {
          Buffer complete = message;
          message = null;
          later(complete);
        }
      }
      // binary, ping, pong and close frames carry no signal
    }

    /**
     * Queues the parse and handling. The frame's bytes are read where they are (Vert.x copies a
     * frame out of Netty's pooled buffers into a heap buffer of its own: VertxHandler.safeBuffer),
     * not copied once more.
     */
    @SuppressWarnings("deprecation") // getByteBuf: Vert.x 4's only way to the bytes uncopied
    private void later(Buffer text) {
      io.netty.buffer.ByteBuf buf = text.getByteBuf();
      byte[] bytes;
      int offset;
      int length = buf.readableBytes();
      if (buf.hasArray()) {
        bytes = buf.array();
        offset = buf.arrayOffset() + buf.readerIndex();
      } else {
        bytes = text.getBytes();
        offset = 0;
      }
      long nanos = firstFrameNanos;
      long micros = firstFrameMicros;
      loop.execute(() -> handle(bytes, offset, length, nanos, micros));
    }

    private void handle(byte[] text, int offset, int length, long nanos, long micros) {
      try {
        sink.accept(SignalParser.parse(text, offset, length, nanos, micros));
      } catch (Exception e) {
        LOG.log(Level.FINE, "unreadable signal from " + uri, e);
      }
    }
  }
}

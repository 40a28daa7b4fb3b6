package io.chatnet.loadgen.client;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Every connection of the load generator on one event loop: status-backend calls (HTTP/1.1 with
 * keep-alive, as Go's net/http serves them), the signals websockets and the chat senders' timers.
 * One thread does the sends and timestamps the arrivals, so on a single core a frame is not kept
 * waiting for another of the load generator's threads to be descheduled, and buffers are pooled
 * instead of allocated per request: the latency it measures carries little of its own cost
 * (bench/loadgen.md).
 */
public final class Transport implements AutoCloseable {
  /** Connections kept per status-backend (one per client in a real network; many here). */
  static final int CONNECTIONS_PER_SERVER = 16;

  /**
   * Websockets per server: one per client in a real network, but every client of the stand-in
   * shares one port (Vert.x's default of 50 would queue the rest forever).
   */
  static final int SOCKETS_PER_SERVER = 65_536;

  /** status-go's signals can be large (a messages.new carries whole chats): no frame cap below. */
  static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

  private final Vertx vertx;
  private final HttpClient http;
  private final WebSocketClient sockets;
  private final ScheduledExecutorService loop;

  public Transport(Duration connectTimeout) {
    // The JDK resolver (glibc, /etc/hosts, the pod's search domains), not Vert.x's own.
    System.setProperty("vertx.disableDnsResolver", "true");
    this.vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2)
                // a read-only root: no file cache or class-path extraction under /tmp either
                .setFileSystemOptions(
                    new FileSystemOptions()
                        .setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
    int connectMillis = (int) connectTimeout.toMillis();
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                .setConnectTimeout(connectMillis),
            new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_SERVER));
    this.sockets =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setConnectTimeout(connectMillis)
                .setMaxConnections(SOCKETS_PER_SERVER)
                .setMaxFrameSize(MAX_FRAME_BYTES)
                .setMaxMessageSize(MAX_FRAME_BYTES));
    this.loop = vertx.nettyEventLoopGroup().next();
  }

  public HttpClient http() {
    return http;
  }

  public WebSocketClient sockets() {
    return sockets;
  }

  /**
   * The event loop as a scheduler: what runs here must not block. Sends scheduled on it reach their
   * connection without a thread hop.
   */
  public ScheduledExecutorService loop() {
    return loop;
  }

  /**
   * Runs a call on the event loop and hands back its result. A Vert.x HTTP exchange started from
   * another thread can complete before the caller has attached its response handlers, and the
   * response body is then lost (an empty 200): started on the loop, the handlers are attached in
   * the same task, before the loop can read the answer. It never throws: a call that throws, or a
   * loop that is shut down, gives a failed future, so a caller's completion handler (which gives
   * back a send's place in its {@code SendBound}) always runs.
   */
  public <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> call) {
    if (loop instanceof EventExecutor executor && executor.inEventLoop()) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      loop.execute(
          () -> {
            try {
              call.get()
                  .whenComplete(
                      (value, error) -> {
                        if (error != null) {
                          result.completeExceptionally(error);
                        } else {
                          result.complete(value);
                        }
                      });
            } catch (RuntimeException e) {
              result.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      // the loop is shut down (the run is closing): a failed call, as callers count failures
      result.completeExceptionally(e);
    }
    return result;
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // closing at exit: nothing left to save
    }
  }
}

package io.chatnet.loadgen.setup;

import io.chatnet.contract.Plan.ClientSettings;
import io.chatnet.loadgen.client.ChatClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;

/**
 * Logs in a shard's clients with bounded concurrency and retries. A client that keeps failing is
 * recorded with its reason and left out; it does not stop the others.
 */
public final class Provisioner {
  private static final Logger LOG = Logger.getLogger(Provisioner.class.getName());
  private final int concurrency;
  private final int attempts;
  private final Duration backoff;

  public Provisioner(int concurrency, int attempts, Duration backoff) {
    this.concurrency = Math.max(1, concurrency);
    this.attempts = attempts;
    this.backoff = backoff;
  }

  /** Logs every client in; returns the failures by client name (empty when all succeeded). */
  public Map<String, String> loginAll(List<ChatClient> clients, ClientSettings settings) {
    Semaphore slots = new Semaphore(concurrency);
    Map<String, String> failures = new ConcurrentHashMap<>();
    CompletableFuture<?>[] all = new CompletableFuture<?>[clients.size()];
    for (int i = 0; i < clients.size(); i++) {
      ChatClient client = clients.get(i);
      slots.acquireUninterruptibly();
      all[i] =
          Retry.withBackoff(() -> client.login(settings), attempts, backoff)
              .whenComplete(
                  (key, error) -> {
                    slots.release();
                    if (error != null) {
                      String reason = String.valueOf(Retry.unwrap(error).getMessage());
                      failures.put(client.name(), reason);
                      LOG.warning("client " + client.name() + " failed to log in: " + reason);
                    }
                  });
    }
    CompletableFuture.allOf(all).exceptionally(e -> null).join();
    return failures;
  }

  /**
   * Logs every client out (bounded concurrency, no retries), so the next experiment on the same
   * status-backends starts from a clean node. Returns how many logouts did not complete.
   */
  public int logoutAll(List<ChatClient> clients) {
    Semaphore slots = new Semaphore(concurrency);
    CompletableFuture<?>[] all = new CompletableFuture<?>[clients.size()];
    java.util.concurrent.atomic.AtomicInteger failed =
        new java.util.concurrent.atomic.AtomicInteger();
    for (int i = 0; i < clients.size(); i++) {
      slots.acquireUninterruptibly();
      all[i] =
          clients
              .get(i)
              .api()
              .call("Logout", java.util.Map.of())
              .whenComplete(
                  (v, error) -> {
                    slots.release();
                    if (error != null) {
                      failed.incrementAndGet();
                    }
                  });
    }
    CompletableFuture.allOf(all).exceptionally(e -> null).join();
    return failed.get();
  }
}

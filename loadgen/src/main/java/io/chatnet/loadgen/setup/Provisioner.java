package io.chatnet.loadgen.setup;

import io.chatnet.loadgen.client.ChatClient;
import io.chatnet.loadgen.plan.Plan.ClientSettings;
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
}

package io.chatnet.loadgen.setup;

import io.chatnet.loadgen.client.CallTimeoutException;
import io.chatnet.loadgen.client.UnsupportedByProfile;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Retries an asynchronous step with exponential backoff; what the client's version cannot do at all
 * is not retried, nor a call the client never answered (each retry would wait out the deadline
 * again while the shard's setup waits).
 */
public final class Retry {
  private Retry() {}

  public static <T> CompletableFuture<T> withBackoff(
      Supplier<CompletableFuture<T>> step, int attempts, Duration firstDelay) {
    return attempt(step, 1, attempts, firstDelay);
  }

  private static <T> CompletableFuture<T> attempt(
      Supplier<CompletableFuture<T>> step, int attempt, int attempts, Duration delay) {
    return step.get()
        .handle(
            (value, error) -> {
              if (error == null) {
                return CompletableFuture.completedFuture(value);
              }
              Throwable cause = unwrap(error);
              if (attempt >= attempts
                  || cause instanceof UnsupportedByProfile
                  || cause instanceof CallTimeoutException) {
                return CompletableFuture.<T>failedFuture(unwrap(error));
              }
              Executor later =
                  CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS);
              return CompletableFuture.supplyAsync(() -> null, later)
                  .thenCompose(x -> attempt(step, attempt + 1, attempts, delay.multipliedBy(2)));
            })
        .thenCompose(f -> f);
  }

  public static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }
}

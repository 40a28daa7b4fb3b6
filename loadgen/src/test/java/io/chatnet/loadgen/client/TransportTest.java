package io.chatnet.loadgen.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link Transport#onLoop} fails its future instead of throwing, so the completion handlers that
 * give back a send's place in the shard's bound always run.
 */
class TransportTest {
  @Test
  void aCallThatThrowsOnTheLoopGivesAFailedFuture() throws Exception {
    try (Transport transport = new Transport(Duration.ofSeconds(1))) {
      CompletableFuture<String> onLoop =
          CompletableFuture.supplyAsync(
                  () ->
                      transport.<String>onLoop(
                          () -> {
                            throw new IllegalStateException("client closed");
                          }),
                  transport.loop())
              .thenCompose(f -> f);
      CompletableFuture<String> offLoop =
          transport.onLoop(
              () -> {
                throw new IllegalStateException("client closed");
              });

      for (CompletableFuture<String> call : java.util.List.of(onLoop, offLoop)) {
        assertThat(call)
            .failsWithin(5, TimeUnit.SECONDS)
            .withThrowableThat()
            .withMessageContaining("client closed");
      }
    }
  }

  @Test
  void aClosedLoopGivesAFailedFutureNotAnException() {
    Transport transport = new Transport(Duration.ofSeconds(1));
    transport.close();

    assertThatCode(() -> transport.onLoop(() -> CompletableFuture.completedFuture("sent")))
        .doesNotThrowAnyException();
    assertThat(transport.onLoop(() -> CompletableFuture.completedFuture("sent")))
        .failsWithin(5, TimeUnit.SECONDS);
  }
}

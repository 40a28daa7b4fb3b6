package io.chatnet.loadgen.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The stand-in's NonceManager keeps nonce_manager.nim's arithmetic. */
class NonceManagerTest {
  @Test
  void resetsEpochSecondsAfterItsLastResetNotAtEpochBoundaries() {
    AtomicReference<Double> now = new AtomicReference<>(100.5);
    NonceManager nonces = new NonceManager(2, 10, now::get);
    assertThat(nonces.getNonce()).isEqualTo(0);
    assertThat(nonces.getNonce()).isEqualTo(1);
    assertThat(nonces.getNonce()).isNull();
    assertThat(nonces.error()).endsWith("requested nonce: 2 & nonceLimit: 2");
    now.set(110.0); // an epoch boundary (10 s epochs), but only 9.5 s since the reset
    assertThat(nonces.getNonce()).isNull();
    assertThat(nonces.error()).endsWith("requested nonce: 3 & nonceLimit: 2");
    now.set(110.5);
    assertThat(nonces.getNonce()).isEqualTo(0);
  }
}

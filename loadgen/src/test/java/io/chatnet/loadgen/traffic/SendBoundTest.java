package io.chatnet.loadgen.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SendBoundTest {
  @Test
  void issuesUpToTheBoundThenRefusesUntilASendIsDone() {
    SendBound bound = new SendBound(3);
    assertThat(bound.tryIssue()).isTrue();
    assertThat(bound.tryIssue()).isTrue();
    assertThat(bound.tryIssue()).isTrue();
    assertThat(bound.tryIssue()).isFalse();
    assertThat(bound.outstanding()).isEqualTo(3);
    bound.done();
    assertThat(bound.tryIssue()).isTrue();
    assertThat(bound.tryIssue()).isFalse();
  }

  @Test
  void theFirstRefusalIsLoggedOnce() {
    java.util.List<java.util.logging.LogRecord> records = new java.util.ArrayList<>();
    java.util.logging.Handler handler =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            records.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    java.util.logging.Logger log = java.util.logging.Logger.getLogger(SendBound.class.getName());
    log.addHandler(handler);
    try {
      SendBound bound = new SendBound(1);
      assertThat(bound.tryIssue()).isTrue();
      assertThat(records).isEmpty();
      assertThat(bound.tryIssue()).isFalse();
      assertThat(bound.tryIssue()).isFalse();
      assertThat(records)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
                assertThat(r.getMessage()).contains("1 sends outstanding", "dropped");
              });
    } finally {
      log.removeHandler(handler);
    }
  }

  @Test
  void concurrentIssuersNeverGoPastTheBound() throws Exception {
    SendBound bound = new SendBound(100);
    AtomicInteger issued = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      pool.submit(
          () -> {
            for (int i = 0; i < 10_000; i++) {
              if (bound.tryIssue()) {
                issued.incrementAndGet();
              }
            }
          });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(issued.get()).isEqualTo(100);
    assertThat(bound.outstanding()).isEqualTo(100);
  }

  @Test
  void theShardBoundIsPositive() {
    assertThat(new SendBound().max()).isEqualTo(SendBound.MAX_OUTSTANDING).isPositive();
    assertThatThrownBy(() -> new SendBound(0)).isInstanceOf(IllegalArgumentException.class);
  }
}

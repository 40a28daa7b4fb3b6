package io.chatnet.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest {
  @Test
  void aMemoSizeIsAGaugeLabelledWithTheMemoAndTheLatestSourceIsRead() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AtomicInteger first = new AtomicInteger(3);
    OperatorMetrics.memoEntries(registry, "network-podmonitors", first::get);

    assertThat(gauge(registry, "network-podmonitors")).isEqualTo(3.0);
    first.set(0);
    assertThat(gauge(registry, "network-podmonitors")).isEqualTo(0.0);

    // a reconciler built again (a test JVM) replaces the source under the same name
    OperatorMetrics.memoEntries(registry, "network-podmonitors", () -> 5);
    assertThat(gauge(registry, "network-podmonitors")).isEqualTo(5.0);
    assertThat(registry.find(OperatorMetrics.MEMO_ENTRIES).gauges()).hasSize(1);
  }

  static double gauge(SimpleMeterRegistry registry, String memo) {
    return registry.get(OperatorMetrics.MEMO_ENTRIES).tag("memo", memo).gauge().value();
  }
}

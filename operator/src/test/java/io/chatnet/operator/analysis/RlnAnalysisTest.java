package io.chatnet.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.chatnet.operator.api.RlnMetrics;
import io.chatnet.testkit.prometheus.Expected;
import io.chatnet.testkit.prometheus.PrometheusServer;
import io.chatnet.testkit.prometheus.PrometheusTest;
import io.chatnet.testkit.prometheus.Series;
import io.chatnet.testkit.prometheus.SyntheticNetwork;
import io.chatnet.testkit.prometheus.SyntheticNetwork.RlnSeries;
import io.chatnet.testkit.prometheus.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analyzer's RLN figures against Debian's Prometheus fed synthetic networks: nwaku v0.36.0's
 * valid-messages histogram, v0.37+'s counter (under logos-delivery HEAD's names), and a network
 * that did no RLN work (absent, never zero).
 */
@PrometheusTest
class RlnAnalysisTest {
  static final Window WINDOW =
      new Window(
          Instant.parse("2026-11-20T10:00:00.250Z"), Instant.parse("2026-11-20T10:10:00.250Z"));
  static SyntheticNetwork v036;
  static SyntheticNetwork head;
  static PrometheusServer prometheus;

  static SyntheticNetwork.Builder network(long seed, String namespace) {
    return SyntheticNetwork.builder()
        .seed(seed)
        .namespace(namespace)
        .network("lab")
        .experiment("exp")
        .window(WINDOW)
        .step(Duration.ofSeconds(15));
  }

  @BeforeAll
  static void start() {
    v036 = network(11, "ns-r1").rln(RlnSeries.HISTOGRAM_V036).build();
    head =
        network(12, "ns-r2")
            .rln(RlnSeries.COUNTER_V037)
            .nodeMetrics(SyntheticNetwork.NodeMetrics.LOGOS_DELIVERY)
            .build();
    SyntheticNetwork none = network(13, "ns-r3").build();
    prometheus = PrometheusServer.builder().backfill(v036).backfill(head).backfill(none).start();
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  static RlnMetrics rln(String namespace) {
    return new MetricsAnalyzer(
            new PrometheusClient(prometheus.url(), Duration.ofSeconds(10)), Duration.ofSeconds(60))
        .analyze(namespace, "lab", "exp", WINDOW.start(), WINDOW.end())
        .metrics()
        .getRln();
  }

  static double increase(SyntheticNetwork net, String name) {
    return net.select(name, Map.of()).stream().mapToDouble(s -> Expected.increase(s, WINDOW)).sum();
  }

  static double min(SyntheticNetwork net, String name) {
    return net.select(name, Map.of()).stream()
        .flatMap(s -> Expected.inWindow(s, WINDOW).stream())
        .mapToDouble(Series.Sample::value)
        .min()
        .orElseThrow();
  }

  @Test
  void v036CountsValidMessagesFromTheHistogramsCount() {
    RlnMetrics rln = rln("ns-r1");
    assertThat(rln).isNotNull();
    assertThat(rln.getValidMessages())
        .isEqualTo(Math.round(increase(v036, "waku_rln_valid_messages_total_count")))
        .isPositive();
    assertThat(rln.getSpamMessages())
        .isEqualTo(Math.round(increase(v036, "waku_rln_spam_messages_total_total")));
    assertThat(rln.getInvalidMessages())
        .isEqualTo(Math.round(increase(v036, "waku_rln_invalid_messages_total_total")));
    long verified = Math.round(increase(v036, "waku_rln_proof_verification_total_total"));
    assertThat(rln.getProofsVerified()).isEqualTo(verified).isPositive();
    assertThat(rln.getRemainingProofsMin())
        .isEqualTo(Math.round(min(v036, "waku_rln_remaining_proofs_per_epoch")));
    assertThat(rln.getVerificationSecondsEstimate())
        .isCloseTo(verified * rln.getProofVerificationSecondsMean(), offset(1e-9));
    assertThat(rln.getProofGenerationSecondsMean()).isBetween(0.15, 0.25);
  }

  @Test
  void laterVersionsCountValidMessagesFromTheCounterUnderTheirNames() {
    RlnMetrics rln = rln("ns-r2");
    assertThat(rln).isNotNull();
    assertThat(rln.getValidMessages())
        .isEqualTo(Math.round(increase(head, "logos_delivery_rln_valid_messages_total_total")))
        .isPositive();
    assertThat(rln.getProofsVerified())
        .isEqualTo(Math.round(increase(head, "logos_delivery_rln_proof_verification_total_total")));
  }

  @Test
  void aNetworkThatDidNoRlnWorkHasNoRlnFigures() {
    // Its nodes still expose the spam counter and the verification gauge, as every nwaku does.
    assertThat(rln("ns-r3")).isNull();
  }
}

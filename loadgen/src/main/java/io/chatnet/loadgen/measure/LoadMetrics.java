package io.chatnet.loadgen.measure;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The load generator's Prometheus metrics, labelled by traffic kind and client kind (desktop,
 * mobile, relay). Names start with chatnet_loadgen_.
 */
public final class LoadMetrics {
  public final PrometheusRegistry registry = new PrometheusRegistry();
  public final Counter sent =
      Counter.builder()
          .name("chatnet_loadgen_messages_sent_total")
          .help("Messages the load generator sent (accepted by the client or node)")
          .labelNames("traffic", "client_kind")
          .register(registry);
  public final Counter received =
      Counter.builder()
          .name("chatnet_loadgen_messages_received_total")
          .help("First receipts of load messages, per receiving client")
          .labelNames("traffic", "client_kind")
          .register(registry);
  public final Counter duplicates =
      Counter.builder()
          .name("chatnet_loadgen_messages_duplicate_total")
          .help("Repeated receipts of a message by the same client")
          .labelNames("traffic", "client_kind")
          .register(registry);
  public final Counter failed =
      Counter.builder()
          .name("chatnet_loadgen_messages_failed_total")
          .help("Sends that failed (error from the client or node, timeout)")
          .labelNames("traffic", "client_kind")
          .register(registry);
  public final Counter expected =
      Counter.builder()
          .name("chatnet_loadgen_messages_expected_total")
          .help(
              "Receipts expected from accepted sends, labelled by the receiver's client kind"
                  + " (received / expected is the delivery ratio)")
          .labelNames("traffic", "client_kind")
          .register(registry);
  public final Counter acked =
      Counter.builder()
          .name("chatnet_loadgen_messages_acked_total")
          .help("message.delivered acknowledgements seen by senders")
          .labelNames("traffic", "client_kind")
          .register(registry);
  public final Histogram latency =
      Histogram.builder()
          .name("chatnet_loadgen_latency_seconds")
          .help("End-to-end latency from send to the receiver's messages.new signal")
          .labelNames("traffic", "client_kind")
          .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
          .register(registry);
  public final Gauge unknown =
      Gauge.builder()
          .name("chatnet_loadgen_receipts_unknown")
          .help(
              "Measured receipts whose fate no reader could observe (a relay node's REST cache"
                  + " overflowed or a read failed), set when the run summarises")
          .labelNames("traffic")
          .register(registry);
  public final Gauge clients =
      Gauge.builder()
          .name("chatnet_loadgen_clients")
          .help("Clients of this shard by state (ready, failed)")
          .labelNames("state")
          .register(registry);
  public final Counter signalDrops =
      Counter.builder()
          .name("chatnet_loadgen_signal_reconnects_total")
          .help("Times a client's /signals websocket dropped and was reconnected")
          .register(registry);
}

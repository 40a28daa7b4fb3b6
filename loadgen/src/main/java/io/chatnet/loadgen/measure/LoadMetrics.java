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
  public final Counter refused =
      Counter.builder()
          .name("chatnet_loadgen_messages_refused_total")
          .help(
              "Sends refused by the RLN rate limit (relay: the node's NonceLimitReached answer;"
                  + " chat: status-go's envelope.expired after its retries), by the sender's"
                  + " client kind; neither sent nor failed")
          .labelNames("traffic", "client_kind")
          .register(registry);
  public final Counter dropped =
      Counter.builder()
          .name("chatnet_loadgen_messages_dropped_total")
          .help(
              "Scheduled sends not issued because the shard's outstanding sends were at their"
                  + " bound (the clients answered slower than the send rate), by the sender's"
                  + " client kind; neither sent nor failed")
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
  public final Histogram login =
      Histogram.builder()
          .name("chatnet_loadgen_login_seconds")
          .help("From CreateAccountAndLogin to the node.login signal, for logins that succeeded")
          .labelNames("client_kind")
          .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
          .register(registry);
  public final Counter logins =
      Counter.builder()
          .name("chatnet_loadgen_logins_total")
          .help("Clients logged in (outcome succeeded) or given up on (failed)")
          .labelNames("client_kind", "outcome")
          .register(registry);
  public final Histogram contactRoundTrip =
      Histogram.builder()
          .name("chatnet_loadgen_contact_request_round_trip_seconds")
          .help(
              "From sending a contact request to its acceptance arriving back at the requester,"
                  + " by the requester's client kind")
          .labelNames("client_kind")
          .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)
          .register(registry);
  public final Counter contactRequests =
      Counter.builder()
          .name("chatnet_loadgen_contact_requests_total")
          .help(
              "Contact requests of the contact-request phase by outcome (sent, failed, delivered,"
                  + " accepted, declined, ignored, unanswered, answer_failed), by the requester's"
                  + " client kind")
          .labelNames("client_kind", "outcome")
          .register(registry);
  public final Histogram groupCreation =
      Histogram.builder()
          .name("chatnet_loadgen_group_creation_seconds")
          .help(
              "From the create call to every member seeing the new group, by the creator's client"
                  + " kind")
          .labelNames("client_kind")
          .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
          .register(registry);
  public final Counter groupCreations =
      Counter.builder()
          .name("chatnet_loadgen_group_creations_total")
          .help("Group creations by outcome (created, failed, complete, incomplete)")
          .labelNames("client_kind", "outcome")
          .register(registry);
  public final Histogram catchUp =
      Histogram.builder()
          .name("chatnet_loadgen_catch_up_seconds")
          .help(
              "From coming back online to the last message missed while offline arriving, by"
                  + " client kind and the offline spell's length")
          .labelNames("client_kind", "offline_seconds")
          .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600)
          .register(registry);
  public final Counter catchUpMessages =
      Counter.builder()
          .name("chatnet_loadgen_catch_up_messages_total")
          .help(
              "Messages missed during offline spells (missed), then arrived (arrived) or not within"
                  + " the retention window (never)")
          .labelNames("client_kind", "offline_seconds", "outcome")
          .register(registry);
  public final Gauge phase =
      Gauge.builder()
          .name("chatnet_loadgen_phase")
          .help("1 while this shard is in the phase (contact_requests, idle, traffic), else 0")
          .labelNames("phase")
          .register(registry);
  public final Counter signalDrops =
      Counter.builder()
          .name("chatnet_loadgen_signal_reconnects_total")
          .help("Times a client's /signals websocket dropped and was reconnected")
          .register(registry);
}

package io.chatnet.loadgen.measure;

import io.chatnet.contract.Figures;
import io.chatnet.contract.LatencyHistograms;
import io.chatnet.contract.LatencySummary;
import io.chatnet.loadgen.traffic.MessageText;
import io.chatnet.loadgen.traffic.TrafficKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Delivery bookkeeping: every sent message with the clients expected to receive it, every first
 * receipt with its latency, duplicates, late arrivals and, at the end, losses.
 *
 * <p>Memory is bounded whatever the run's length: latencies go to fixed-size histograms
 * (LatencyHistograms), and a message is tracked for {@code retainMicros} after its send, then
 * settled (whether it reached anyone, which of its receipts a blind reader could not observe) and
 * forgotten. So the tracked messages are at most the sends of the last {@code retainMicros} (at
 * 2,000 msg/s and 120 s, 240,000), held in primitive arrays ({@link TrackedMessages}) that the
 * collector does not trace. A receipt of a message sent before the retention horizon cannot be told
 * from a duplicate or from another shard's message: it counts as {@code expired} (and its receipt
 * stays lost), never as received. Only messages sent inside the measurement window count towards
 * the figures; all of them count in metrics. Warm-up messages are tracked the same way, so the code
 * a measured receipt runs is already compiled when the window opens.
 */
public final class DeliveryTracker {
  private final LoadMetrics metrics;
  private final long windowStartMicros;
  private final long windowEndMicros;
  private final long retainMicros;
  // The tracked messages in send order, in arrays (TrackedMessages); it, routes and gotBeyond64
  // are guarded by its monitor.
  private final TrackedMessages messages = new TrackedMessages();
  // A sender's kind and expected receivers, shared by all of its messages: a message holds its
  // route's index.
  private final List<Route> routes = new ArrayList<>();
  private final Map<Route, Integer> routeIndex = new HashMap<>();
  // Receipts by receivers past the 64th of a message (groups over 64 members only), by handle.
  private final Map<Long, Set<String>> gotBeyond64 = new HashMap<>();
  private volatile long horizonMicros = Long.MIN_VALUE;
  private final Map<TrafficKind, AtomicLong> settledReached = new EnumMap<>(TrafficKind.class);
  private final Map<TrafficKind, AtomicLong> settledUnknown = new EnumMap<>(TrafficKind.class);
  private final Map<TrafficKind, Tally> tallies = new EnumMap<>(TrafficKind.class);
  private final AtomicLong foreign = new AtomicLong();
  private final AtomicLong expired = new AtomicLong();
  private final Map<String, Long> blindUntil = new ConcurrentHashMap<>();
  private final Map<String, SocketOutages> outages = new ConcurrentHashMap<>();
  private volatile ReceiptLog receipts;

  private static final TrafficKind[] KINDS = TrafficKind.values();

  /** How long a message is tracked after its send when the run does not say. */
  public static final long DEFAULT_RETAIN_MICROS = 120_000_000L;

  public DeliveryTracker(LoadMetrics metrics, long windowStartMicros, long windowEndMicros) {
    this(metrics, windowStartMicros, windowEndMicros, DEFAULT_RETAIN_MICROS);
  }

  /**
   * @param retainMicros how long after its send a message's receipts are matched: longer than any
   *     latency worth measuring (an offline client's catch-up included)
   */
  public DeliveryTracker(
      LoadMetrics metrics, long windowStartMicros, long windowEndMicros, long retainMicros) {
    this.metrics = metrics;
    this.windowStartMicros = windowStartMicros;
    this.windowEndMicros = windowEndMicros;
    this.retainMicros = retainMicros;
    for (TrafficKind kind : KINDS) {
      tallies.put(kind, new Tally());
      settledReached.put(kind, new AtomicLong());
      settledUnknown.put(kind, new AtomicLong());
    }
  }

  /** A sender's kind and the receivers its messages are expected at. */
  private record Route(String senderKind, List<String> expected) {}

  /** Messages tracked now (bounded by the sends of the last retainMicros). */
  public int tracked() {
    synchronized (messages) {
      return messages.size();
    }
  }

  /** Client message ids tracked now, for acks (bounded like {@link #tracked()}). */
  public int trackedClientIds() {
    synchronized (messages) {
      return messages.withClientKey();
    }
  }

  /**
   * Settles and forgets the messages sent before {@code nowMicros - retainMicros}. Sends come in
   * (nearly) time order, so the oldest handle is the oldest send. Called holding the lock.
   */
  private void forgetBefore(long nowMicros) {
    long horizon = nowMicros - retainMicros;
    while (messages.first() < messages.end()) {
      long oldest = messages.first();
      if (messages.isLive(oldest)) {
        if (messages.sentMicros(oldest) >= horizon) {
          break;
        }
        settle(oldest);
      }
      messages.passOldest();
    }
    if (horizon > horizonMicros) {
      horizonMicros = horizon;
    }
  }

  /**
   * What the end of the run would have counted for a live message, counted now; then forgets it.
   */
  private void settle(long handle) {
    if (messages.measured(handle) && !messages.refused(handle)) {
      TrafficKind kind = KINDS[messages.kind(handle)];
      if (reachedAny(handle)) {
        settledReached.get(kind).incrementAndGet();
      }
      settledUnknown.get(kind).addAndGet(unknownOf(handle));
    }
    forget(handle);
  }

  private void forget(long handle) {
    messages.remove(handle);
    if (!gotBeyond64.isEmpty()) {
      gotBeyond64.remove(handle);
    }
  }

  private int routeOf(String senderKind, List<String> expected) {
    return routeIndex.computeIfAbsent(
        new Route(senderKind, expected),
        r -> {
          routes.add(r);
          return routes.size() - 1;
        });
  }

  private Route route(long handle) {
    return routes.get(messages.route(handle));
  }

  /** One first receipt of a measured message, for {@link #keepReceipts()}. */
  public record Receipt(String messageId, String receiver, long receivedMicros) {}

  /**
   * Also keeps every first receipt of a measured message, for a per-message export (28 bytes each
   * in arrays: ReceiptLog; off unless asked for).
   */
  public DeliveryTracker keepReceipts() {
    receipts = new ReceiptLog();
    return this;
  }

  /** The receipts kept since {@link #keepReceipts()}, in arrival order; empty if not asked for. */
  public List<Receipt> receipts() {
    ReceiptLog kept = receipts;
    return kept == null ? List.of() : kept.receipts();
  }

  /**
   * Whether the live message {@code handle} has a receipt by {@code receiver}, at {@code index}.
   */
  private boolean has(long handle, int index, String receiver) {
    if (index < 64) {
      return (messages.got(handle) & (1L << index)) != 0;
    }
    Set<String> beyond = gotBeyond64.get(handle);
    return beyond != null && beyond.contains(receiver);
  }

  private boolean reachedAny(long handle) {
    if (messages.got(handle) != 0) {
      return true;
    }
    Set<String> beyond = gotBeyond64.get(handle);
    return beyond != null && !beyond.isEmpty();
  }

  /**
   * A message accepted by the sender's client; {@code expected} are the receiving clients (pass the
   * same list for every message of a sender: it is kept, not copied). Its id is the load
   * generator's own, at most {@link TrackedMessages#MAX_ID_CHARS} ASCII characters.
   */
  public void sent(
      TrafficKind kind, String senderKind, MessageText message, List<String> expected) {
    if (!TrackedMessages.packable(message.id())) {
      throw new IllegalArgumentException(
          "message id "
              + message.id()
              + " cannot be tracked: at most "
              + TrackedMessages.MAX_ID_CHARS
              + " ASCII characters");
    }
    boolean measured = inWindow(message.sentMicros());
    metrics.sent.labelValues(kind.label(), senderKind).inc();
    synchronized (messages) {
      messages.add(
          message.id(),
          message.sentMicros(),
          kind.ordinal(),
          routeOf(senderKind, expected),
          measured);
      forgetBefore(message.sentMicros());
    }
    if (!measured) {
      return;
    }
    Tally tally = tallies.get(kind);
    tally.sent.incrementAndGet();
    tally.expected.addAndGet(expected.size());
  }

  /**
   * A send the client accepted: its receipts become expected, counted per receiver client kind
   * ({@code receiversByKind}), so metrics give received / expected per kind.
   */
  public void accepted(TrafficKind kind, Map<String, Long> receiversByKind) {
    receiversByKind.forEach(
        (receiverKind, count) ->
            metrics.expected.labelValues(kind.label(), receiverKind).inc(count));
  }

  /** The client's own id for a message (from the send response), to match delivery acks. */
  public void clientMessageId(String clientMessageId, String messageId) {
    ClientMessageKey.Hash256 key = ClientMessageKey.of(clientMessageId);
    synchronized (messages) {
      long handle = messages.find(messageId);
      if (handle != TrackedMessages.NONE) { // else already forgotten (or failed): no ack to match
        messages.clientKey(handle, key);
      }
    }
  }

  /**
   * The expected receiver count of a message that leaves the figures, forgotten here; -1 if it was
   * not tracked (or not measured).
   */
  private int forgetMeasured(MessageText message) {
    synchronized (messages) {
      long handle = messages.find(message.id());
      if (handle == TrackedMessages.NONE) {
        return -1;
      }
      int expected = messages.measured(handle) ? route(handle).expected().size() : -1;
      forget(handle);
      return expected;
    }
  }

  /** A send that the client or node refused: it leaves the expected figures. */
  public void sendFailed(TrafficKind kind, String senderKind, MessageText message) {
    metrics.failed.labelValues(kind.label(), senderKind).inc();
    int expected = forgetMeasured(message);
    if (expected >= 0) {
      Tally tally = tallies.get(kind);
      tally.sent.decrementAndGet();
      tally.expected.addAndGet(-expected);
      tally.failed.incrementAndGet();
    }
  }

  /**
   * A send refused by the RLN rate limit at its publishing node (relay: nwaku's 500
   * "NonceLimitReached" answer): it leaves the expected figures like a failure, but counts as
   * refused, not failed.
   */
  public void refused(TrafficKind kind, String senderKind, MessageText message) {
    countRefused(kind, senderKind, forgetMeasured(message));
  }

  /**
   * status-go's envelope.expired signal for a client message id: the client's node gave up
   * publishing it after its retries (its lightpush service node refused it every time). The message
   * leaves the expected figures and counts as refused; it stays tracked so that a receipt that
   * still arrives (another copy of it got through) is not taken for another shard's message, but
   * such a receipt is not counted. Returns the message refused, if the id was a tracked message's.
   */
  public java.util.Optional<RefusedMessage> envelopeExpired(String clientMessageId) {
    ClientMessageKey.Hash256 key = ClientMessageKey.of(clientMessageId);
    TrafficKind kind;
    Route route;
    String id;
    boolean measured;
    synchronized (messages) {
      long handle = messages.findByClient(key);
      if (handle == TrackedMessages.NONE || messages.refused(handle)) {
        return java.util.Optional.empty();
      }
      messages.refuse(handle);
      kind = KINDS[messages.kind(handle)];
      route = route(handle);
      id = messages.id(handle);
      measured = messages.measured(handle);
    }
    countRefused(kind, route.senderKind(), measured ? route.expected().size() : -1);
    return java.util.Optional.of(new RefusedMessage(id, route.expected()));
  }

  /** A message refused after its client had accepted it, and its expected receivers. */
  public record RefusedMessage(String messageId, List<String> receivers) {}

  /** Counts a refusal; {@code expected} is the measured message's receiver count, else -1. */
  private void countRefused(TrafficKind kind, String senderKind, int expected) {
    metrics.refused.labelValues(kind.label(), senderKind).inc();
    if (expected >= 0) {
      Tally tally = tallies.get(kind);
      tally.sent.decrementAndGet();
      tally.expected.addAndGet(-expected);
      tally.refused.incrementAndGet();
      tally.refusedBySender.computeIfAbsent(senderKind, k -> new AtomicLong()).incrementAndGet();
    }
  }

  /**
   * A send due at {@code dueMicros} that was not issued (the shard's outstanding sends were at
   * their bound): never sent, so neither expected nor failed.
   */
  public void dropped(TrafficKind kind, String senderKind, long dueMicros) {
    metrics.dropped.labelValues(kind.label(), senderKind).inc();
    if (inWindow(dueMicros)) {
      tallies.get(kind).dropped.incrementAndGet();
    }
  }

  /** A message.delivered acknowledgement for the client message id. */
  public void acked(String clientMessageId) {
    ClientMessageKey.Hash256 key = ClientMessageKey.of(clientMessageId);
    TrafficKind kind;
    String senderKind;
    boolean measured;
    synchronized (messages) {
      long handle = messages.findByClient(key);
      if (handle == TrackedMessages.NONE) {
        return;
      }
      kind = KINDS[messages.kind(handle)];
      senderKind = route(handle).senderKind();
      measured = messages.measured(handle);
    }
    metrics.acked.labelValues(kind.label(), senderKind).inc();
    if (measured) {
      tallies.get(kind).acked.incrementAndGet();
    }
  }

  /** A messages.new receipt of {@code text} by {@code receiver} at {@code receivedMicros}. */
  public void received(String receiver, String receiverKind, String text, long receivedMicros) {
    MessageText.decode(text).ifPresent(m -> received(receiver, receiverKind, m, receivedMicros));
  }

  /** A receipt of load message {@code message} (decoded from its text) by {@code receiver}. */
  public void received(
      String receiver, String receiverKind, MessageText message, long receivedMicros) {
    long latencyMicros = receivedMicros - message.sentMicros();
    TrafficKind kind;
    boolean measured;
    boolean first;
    synchronized (messages) {
      long handle = messages.find(message.id());
      if (handle == TrackedMessages.NONE) {
        kind = null;
        measured = false;
        first = false;
      } else {
        if (messages.refused(handle)) {
          return; // its sender's client gave up on it: neither expected nor received
        }
        int index = route(handle).expected().indexOf(receiver);
        if (index < 0) {
          return; // an echo to the sender itself
        }
        kind = KINDS[messages.kind(handle)];
        measured = messages.measured(handle);
        first =
            index < 64
                ? messages.firstReceipt(handle, index)
                : gotBeyond64.computeIfAbsent(handle, h -> new HashSet<>()).add(receiver);
      }
    }
    if (kind == null) {
      if (!inWindow(message.sentMicros())) {
        return;
      }
      if (message.sentMicros() < horizonMicros) {
        // Sent before the retention horizon: forgotten, so first receipt or not is unknown.
        expired.incrementAndGet();
      } else {
        foreign.incrementAndGet(); // sent by another shard
      }
      return;
    }
    String label = kind.label();
    if (!first) {
      metrics.duplicates.labelValues(label, receiverKind).inc();
      if (measured) {
        tallies.get(kind).duplicates.incrementAndGet();
      }
      return;
    }
    metrics.received.labelValues(label, receiverKind).inc();
    metrics.latency.labelValues(label, receiverKind).observe(latencyMicros / 1e6);
    if (!measured) {
      return;
    }
    Tally tally = tallies.get(kind);
    tally.received.incrementAndGet();
    tally.latency(latencyMicros);
    ReceiptLog kept = receipts;
    if (kept != null) {
      kept.add(message.id(), receiver, receivedMicros);
    }
    if (receivedMicros > windowEndMicros) {
      tally.late.incrementAndGet();
    }
  }

  /**
   * {@code receiver} may have missed messages up to {@code micros} (a relay node's REST cache
   * overflowed or a read failed): its missing receipts of messages sent by then count as unknown,
   * not lost.
   */
  public void blindUntil(String receiver, long micros) {
    blindUntil.merge(receiver, micros, Math::max);
  }

  /**
   * {@code receiver}'s signals socket went down at {@code micros}: a chat receipt missing there of
   * a message sent before it is back counts as unknown (unobserved), not lost. status-backend does
   * not replay signals sent while nobody listened: the network may well have delivered it.
   */
  public void socketDown(String receiver, long micros) {
    outages.computeIfAbsent(receiver, r -> new SocketOutages()).down(micros);
  }

  /** {@code receiver}'s signals socket is back at {@code micros}. */
  public void socketUp(String receiver, long micros) {
    SocketOutages o = outages.get(receiver);
    if (o != null) {
      o.up(micros);
    }
  }

  /**
   * A receiver's socket outages, merged into one span [first down, last up] after {@link #KEPT}
   * (bounded memory; the merged span only widens what counts as unobserved).
   */
  private static final class SocketOutages {
    static final int KEPT = 32;
    private final List<long[]> spans = new java.util.ArrayList<>();

    synchronized void down(long micros) {
      if (spans.size() == KEPT) {
        long[] merged = {spans.get(0)[0], Long.MAX_VALUE};
        spans.clear();
        spans.add(merged);
      } else {
        spans.add(new long[] {micros, Long.MAX_VALUE});
      }
    }

    synchronized void up(long micros) {
      if (!spans.isEmpty() && spans.get(spans.size() - 1)[1] == Long.MAX_VALUE) {
        spans.get(spans.size() - 1)[1] = micros;
      }
    }

    /** Whether the socket was down at any time in [from, to]. */
    synchronized boolean downBetween(long from, long to) {
      for (long[] span : spans) {
        if (span[0] <= to && span[1] >= from) {
          return true;
        }
      }
      return false;
    }
  }

  boolean inWindow(long micros) {
    return micros >= windowStartMicros && micros < windowEndMicros;
  }

  /**
   * Receipts in the window of messages sent before the retention horizon (forgotten): first
   * receipts or duplicates, of this shard or another, cannot be told apart.
   */
  public long expired() {
    return expired.get();
  }

  /** Receipts of messages this tracker did not send but that fell in the window (other shards). */
  public long foreign() {
    return foreign.get();
  }

  public Map<TrafficKind, Figures> figures() {
    Map<TrafficKind, Long> unknown = unknownReceipts();
    Map<TrafficKind, Figures> out = new EnumMap<>(TrafficKind.class);
    tallies.forEach(
        (kind, tally) -> {
          long n = unknown.getOrDefault(kind, 0L);
          metrics.unknown.labelValues(kind.label()).set(n);
          out.put(kind, tally.figures(n));
        });
    return out;
  }

  /**
   * Measured messages of {@code kind} that reached at least one expected receiver: for relay load,
   * the messages that left the node they were published through.
   */
  public long reachedAny(TrafficKind kind) {
    long n = settledReached.get(kind).get();
    synchronized (messages) {
      for (long h = messages.first(); h < messages.end(); h++) {
        if (countable(h) && messages.kind(h) == kind.ordinal() && reachedAny(h)) {
          n++;
        }
      }
    }
    return n;
  }

  /** Whether {@code handle} is a live, measured message whose sender did not give up on it. */
  private boolean countable(long handle) {
    return messages.isLive(handle) && messages.measured(handle) && !messages.refused(handle);
  }

  /** Measured receipts that are missing at a receiver which was blind after the send. */
  private Map<TrafficKind, Long> unknownReceipts() {
    Map<TrafficKind, Long> out = new EnumMap<>(TrafficKind.class);
    settledUnknown.forEach((kind, n) -> out.put(kind, n.get()));
    synchronized (messages) {
      for (long h = messages.first(); h < messages.end(); h++) {
        if (countable(h)) {
          out.merge(KINDS[messages.kind(h)], unknownOf(h), Long::sum);
        }
      }
    }
    return out;
  }

  /** Missing receipts of a live message at receivers that were blind after its send. */
  private long unknownOf(long handle) {
    if (messages.kind(handle) != TrafficKind.RELAY.ordinal()) {
      return unobservedOf(handle);
    }
    // Only a message read back by polling (relay) can be missed by a blind poller.
    if (blindUntil.isEmpty()) {
      return 0;
    }
    List<String> expected = route(handle).expected();
    long sentMicros = messages.sentMicros(handle);
    long n = 0;
    for (int i = 0; i < expected.size(); i++) {
      String receiver = expected.get(i);
      Long blind = blindUntil.get(receiver);
      if (blind != null && blind >= sentMicros && !has(handle, i, receiver)) {
        n++;
      }
    }
    return n;
  }

  /**
   * Missing chat receipts of a live message at receivers whose signals socket was down between its
   * send and the end of its tracking (a delivery then is invisible to the load generator).
   */
  private long unobservedOf(long handle) {
    if (outages.isEmpty()) {
      return 0;
    }
    List<String> expected = route(handle).expected();
    long sentMicros = messages.sentMicros(handle);
    long until = sentMicros + retainMicros;
    long n = 0;
    for (int i = 0; i < expected.size(); i++) {
      String receiver = expected.get(i);
      SocketOutages o = outages.get(receiver);
      if (o != null && !has(handle, i, receiver) && o.downBetween(sentMicros, until)) {
        n++;
      }
    }
    return n;
  }

  private static final class Tally {
    final AtomicLong sent = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong expected = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong late = new AtomicLong();
    final AtomicLong acked = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final Map<String, AtomicLong> refusedBySender = new ConcurrentHashMap<>();
    // Fixed size whatever the number of receipts (LatencyHistograms: 1 us to 1 h, 1%).
    private final Histogram latencies = LatencyHistograms.create();

    void latency(long micros) {
      synchronized (latencies) {
        LatencyHistograms.record(latencies, micros);
      }
    }

    LatencySummary latencySummary() {
      synchronized (latencies) {
        return LatencySummary.of(latencies);
      }
    }

    Figures figures(long unknown) {
      long exp = expected.get() - unknown;
      long rec = received.get();
      return new Figures(
          sent.get(),
          failed.get(),
          exp,
          rec,
          duplicates.get(),
          late.get(),
          exp - rec,
          acked.get(),
          exp == 0 ? null : (double) rec / exp,
          latencySummary(),
          unknown,
          refused.get(),
          refusedBySender(),
          dropped.get());
    }

    private Map<String, Long> refusedBySender() {
      Map<String, Long> out = new java.util.TreeMap<>();
      refusedBySender.forEach((k, v) -> out.put(k, v.get()));
      return out;
    }
  }
}

package io.chatnet.loadgen.measure;

import io.chatnet.contract.Figures;
import io.chatnet.contract.LatencyHistograms;
import io.chatnet.contract.LatencySummary;
import io.chatnet.loadgen.traffic.MessageText;
import io.chatnet.loadgen.traffic.TrafficKind;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import org.HdrHistogram.Histogram;

/**
 * Delivery bookkeeping: every sent message with the clients expected to receive it, every first
 * receipt with its latency, duplicates, late arrivals and, at the end, losses.
 *
 * <p>Memory is bounded whatever the run's length: latencies go to fixed-size histograms
 * (LatencyHistograms), and a message is tracked for {@code retainMicros} after its send, then
 * settled (whether it reached anyone, which of its receipts a blind reader could not observe) and
 * forgotten. So the tracked messages are at most the sends of the last {@code retainMicros} (at
 * 2,000 msg/s and 120 s, 240,000). A receipt of a message sent before the retention horizon cannot
 * be told from a duplicate or from another shard's message: it counts as {@code expired} (and its
 * receipt stays lost), never as received. Only messages sent inside the measurement window count
 * towards the figures; all of them count in metrics. Warm-up messages are tracked the same way, so
 * the code a measured receipt runs is already compiled when the window opens.
 */
public final class DeliveryTracker {
  private final LoadMetrics metrics;
  private final long windowStartMicros;
  private final long windowEndMicros;
  private final long retainMicros;
  // Tracked messages in send order, to forget them once they are older than retainMicros (guarded
  // by settling): the messages themselves, one reference each, not a wrapper and a queue node.
  private final ArrayDeque<Sent> order = new ArrayDeque<>();
  private final Object settling = new Object();
  private volatile long horizonMicros = Long.MIN_VALUE;
  private final Map<TrafficKind, AtomicLong> settledReached = new EnumMap<>(TrafficKind.class);
  private final Map<TrafficKind, AtomicLong> settledUnknown = new EnumMap<>(TrafficKind.class);
  private final Map<String, Sent> messages = new ConcurrentHashMap<>();
  // ClientMessageKey of the client message id -> message id
  private final Map<Object, String> byClientId = new ConcurrentHashMap<>();
  private final Map<TrafficKind, Tally> tallies = new EnumMap<>(TrafficKind.class);
  private final AtomicLong foreign = new AtomicLong();
  private final AtomicLong expired = new AtomicLong();
  private final Map<String, Long> blindUntil = new ConcurrentHashMap<>();
  private final Map<String, SocketOutages> outages = new ConcurrentHashMap<>();
  private volatile Queue<Receipt> receipts;

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
    for (TrafficKind kind : TrafficKind.values()) {
      tallies.put(kind, new Tally());
      settledReached.put(kind, new AtomicLong());
      settledUnknown.put(kind, new AtomicLong());
    }
  }

  /** Messages tracked now (bounded by the sends of the last retainMicros). */
  public int tracked() {
    return messages.size();
  }

  /** Client message ids tracked now, for acks (bounded like {@link #tracked()}). */
  public int trackedClientIds() {
    return byClientId.size();
  }

  /**
   * Settles and forgets the messages sent before {@code nowMicros - retainMicros}. Sends come in
   * (nearly) time order, so the queue's head is the oldest. Called holding {@code settling}.
   */
  private void forgetBefore(long nowMicros) {
    long horizon = nowMicros - retainMicros;
    Sent head;
    while ((head = order.peek()) != null && head.sentMicros < horizon) {
      order.poll();
      if (messages.remove(head.id, head)) {
        settle(head);
      }
    }
    if (horizon > horizonMicros) {
      horizonMicros = horizon;
    }
  }

  /** What the end of the run would have counted for {@code sent}, counted now. */
  private void settle(Sent sent) {
    Object clientKey = sent.clientKey;
    if (clientKey != null) {
      byClientId.remove(clientKey);
    }
    if (!sent.measured || sent.refused) {
      return;
    }
    if (sent.reachedAny()) {
      settledReached.get(sent.kind).incrementAndGet();
    }
    settledUnknown.get(sent.kind).addAndGet(unknownOf(sent));
  }

  /** One first receipt of a measured message, for {@link #keepReceipts()}. */
  public record Receipt(String messageId, String receiver, long receivedMicros) {}

  /**
   * Also keeps every first receipt of a measured message, for a per-message export (about 100 bytes
   * each, so off unless asked for).
   */
  public DeliveryTracker keepReceipts() {
    receipts = new ConcurrentLinkedQueue<>();
    return this;
  }

  /** The receipts kept since {@link #keepReceipts()}, in arrival order; empty if not asked for. */
  public List<Receipt> receipts() {
    Queue<Receipt> kept = receipts;
    return kept == null ? List.of() : List.copyOf(kept);
  }

  /**
   * One tracked message. Which receivers have it is a bit per position in {@code expected} (a
   * receiver list shared by all of a sender's messages): a tracked message lives for the retention
   * window (at 2,000 msg/s, 240,000 of them), so its bytes are most of the load generator's heap.
   */
  private static final class Sent {
    private static final AtomicLongFieldUpdater<Sent> GOT =
        AtomicLongFieldUpdater.newUpdater(Sent.class, "got");
    final String id;
    final long sentMicros;
    final TrafficKind kind;
    final String senderKind;
    final boolean measured;
    final List<String> expected;
    private volatile long got;
    volatile Object clientKey; // to forget its ack mapping with it
    volatile boolean refused; // its client gave up publishing it (status-go envelope.expired)
    private Set<String> gotBeyond64; // groups over 64 members only

    Sent(
        String id,
        long sentMicros,
        TrafficKind kind,
        String senderKind,
        boolean measured,
        List<String> expected) {
      this.id = id;
      this.sentMicros = sentMicros;
      this.kind = kind;
      this.senderKind = senderKind;
      this.measured = measured;
      this.expected = expected;
    }

    /** Whether {@code receiver} (at {@code index} in expected) has a receipt. */
    boolean has(int index, String receiver) {
      if (index < 64) {
        return (got & (1L << index)) != 0;
      }
      synchronized (this) {
        return gotBeyond64 != null && gotBeyond64.contains(receiver);
      }
    }

    synchronized boolean reachedAny() {
      return got != 0 || (gotBeyond64 != null && !gotBeyond64.isEmpty());
    }

    /** Records a receipt by {@code receiver}; false if it had one already. */
    boolean firstReceipt(int index, String receiver) {
      if (index < 64) {
        long bit = 1L << index;
        long before = GOT.getAndUpdate(this, g -> g | bit);
        return (before & bit) == 0;
      }
      synchronized (this) {
        if (gotBeyond64 == null) {
          gotBeyond64 = new HashSet<>();
        }
        return gotBeyond64.add(receiver);
      }
    }
  }

  /**
   * A message accepted by the sender's client; {@code expected} are the receiving clients (pass the
   * same list for every message of a sender: it is kept, not copied).
   */
  public void sent(
      TrafficKind kind, String senderKind, MessageText message, List<String> expected) {
    boolean measured = inWindow(message.sentMicros());
    metrics.sent.labelValues(kind.label(), senderKind).inc();
    Sent sent = new Sent(message.id(), message.sentMicros(), kind, senderKind, measured, expected);
    messages.put(message.id(), sent);
    synchronized (settling) {
      order.add(sent);
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
    Sent sent = messages.get(messageId);
    if (sent == null) {
      return; // already forgotten (or failed): no ack to match
    }
    Object key = ClientMessageKey.of(clientMessageId);
    sent.clientKey = key;
    byClientId.put(key, messageId);
  }

  /** A send that the client or node refused: it leaves the expected figures. */
  public void sendFailed(TrafficKind kind, String senderKind, MessageText message) {
    metrics.failed.labelValues(kind.label(), senderKind).inc();
    Sent sent = messages.remove(message.id());
    if (sent != null && sent.clientKey != null) {
      byClientId.remove(sent.clientKey);
    }
    if (sent != null && sent.measured) {
      Tally tally = tallies.get(kind);
      tally.sent.decrementAndGet();
      tally.expected.addAndGet(-sent.expected.size());
      tally.failed.incrementAndGet();
    }
  }

  /**
   * A send refused by the RLN rate limit at its publishing node (relay: nwaku's 500
   * "NonceLimitReached" answer): it leaves the expected figures like a failure, but counts as
   * refused, not failed.
   */
  public void refused(TrafficKind kind, String senderKind, MessageText message) {
    Sent sent = messages.remove(message.id());
    if (sent != null && sent.clientKey != null) {
      byClientId.remove(sent.clientKey);
    }
    countRefused(kind, senderKind, sent);
  }

  /**
   * status-go's envelope.expired signal for a client message id: the client's node gave up
   * publishing it after its retries (its lightpush service node refused it every time). The message
   * leaves the expected figures and counts as refused; it stays tracked so that a receipt that
   * still arrives (another copy of it got through) is not taken for another shard's message, but
   * such a receipt is not counted. Returns the message refused, if the id was a tracked message's.
   */
  public java.util.Optional<RefusedMessage> envelopeExpired(String clientMessageId) {
    String id = byClientId.get(ClientMessageKey.of(clientMessageId));
    Sent sent = id == null ? null : messages.get(id);
    if (sent == null || sent.refused) {
      return java.util.Optional.empty();
    }
    sent.refused = true;
    countRefused(sent.kind, sent.senderKind, sent);
    return java.util.Optional.of(new RefusedMessage(sent.id, sent.expected));
  }

  /** A message refused after its client had accepted it, and its expected receivers. */
  public record RefusedMessage(String messageId, List<String> receivers) {}

  private void countRefused(TrafficKind kind, String senderKind, Sent sent) {
    metrics.refused.labelValues(kind.label(), senderKind).inc();
    if (sent != null && sent.measured) {
      Tally tally = tallies.get(kind);
      tally.sent.decrementAndGet();
      tally.expected.addAndGet(-sent.expected.size());
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
    String id = byClientId.get(ClientMessageKey.of(clientMessageId));
    Sent sent = id == null ? null : messages.get(id);
    if (sent != null) {
      metrics.acked.labelValues(sent.kind.label(), sent.senderKind).inc();
      if (sent.measured) {
        tallies.get(sent.kind).acked.incrementAndGet();
      }
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
    Sent sent = messages.get(message.id());
    if (sent == null) {
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
    if (sent.refused) {
      return; // its sender's client gave up on it: neither expected nor received
    }
    String label = sent.kind.label();
    int index = sent.expected.indexOf(receiver);
    if (index < 0) {
      return; // an echo to the sender itself
    }
    if (!sent.firstReceipt(index, receiver)) {
      metrics.duplicates.labelValues(label, receiverKind).inc();
      if (sent.measured) {
        tallies.get(sent.kind).duplicates.incrementAndGet();
      }
      return;
    }
    metrics.received.labelValues(label, receiverKind).inc();
    metrics.latency.labelValues(label, receiverKind).observe(latencyMicros / 1e6);
    if (!sent.measured) {
      return;
    }
    Tally tally = tallies.get(sent.kind);
    tally.received.incrementAndGet();
    tally.latency(latencyMicros);
    Queue<Receipt> kept = receipts;
    if (kept != null) {
      kept.add(new Receipt(message.id(), receiver, receivedMicros));
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
    for (Sent sent : messages.values()) {
      if (sent.measured && !sent.refused && sent.kind == kind && sent.reachedAny()) {
        n++;
      }
    }
    return n;
  }

  /** Measured receipts that are missing at a receiver which was blind after the send. */
  private Map<TrafficKind, Long> unknownReceipts() {
    Map<TrafficKind, Long> out = new EnumMap<>(TrafficKind.class);
    settledUnknown.forEach((kind, n) -> out.put(kind, n.get()));
    for (Sent sent : messages.values()) {
      if (sent.measured && !sent.refused) {
        out.merge(sent.kind, unknownOf(sent), Long::sum);
      }
    }
    return out;
  }

  /** Missing receipts of {@code sent} at receivers that were blind after its send. */
  private long unknownOf(Sent sent) {
    if (sent.kind != TrafficKind.RELAY) {
      return unobservedOf(sent);
    }
    // Only a message read back by polling (relay) can be missed by a blind poller.
    if (blindUntil.isEmpty()) {
      return 0;
    }
    long n = 0;
    for (int i = 0; i < sent.expected.size(); i++) {
      String receiver = sent.expected.get(i);
      Long blind = blindUntil.get(receiver);
      if (blind != null && blind >= sent.sentMicros && !sent.has(i, receiver)) {
        n++;
      }
    }
    return n;
  }

  /**
   * Missing chat receipts of {@code sent} at receivers whose signals socket was down between its
   * send and the end of its tracking (a delivery then is invisible to the load generator).
   */
  private long unobservedOf(Sent sent) {
    if (outages.isEmpty()) {
      return 0;
    }
    long n = 0;
    long until = sent.sentMicros + retainMicros;
    for (int i = 0; i < sent.expected.size(); i++) {
      String receiver = sent.expected.get(i);
      SocketOutages o = outages.get(receiver);
      if (o != null && !sent.has(i, receiver) && o.downBetween(sent.sentMicros, until)) {
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

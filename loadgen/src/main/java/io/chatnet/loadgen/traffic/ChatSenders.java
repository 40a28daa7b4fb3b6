package io.chatnet.loadgen.traffic;

import io.chatnet.contract.Plan;
import io.chatnet.loadgen.client.ChatClient;
import io.chatnet.loadgen.client.EpochMicros;
import io.chatnet.loadgen.measure.CatchUps;
import io.chatnet.loadgen.measure.DeliveryTracker;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * One Poisson sender per chat participant: in a pair each side writes to the other at the pair
 * rate; in a group every member writes to the group at the group rate. Streams and their arrival
 * times come from {@link Schedule} (independent of the shard count), timed from the plan's traffic
 * start (Plan#trafficFrom). Sends are asynchronous, so a slow client delays only its own messages.
 * A send due while the shard's {@link SendBound} is reached is dropped (counted, not issued).
 */
public final class ChatSenders {
  private final Plan plan;
  private final int shard;
  private final ScheduledExecutorService scheduler;
  private final DeliveryTracker tracker;
  private final long endMicros;
  private final AtomicBoolean stop;
  private final AtomicLong sequence = new AtomicLong();
  private CatchUps catchUps;
  private SendBound bound = new SendBound();

  public ChatSenders(
      Plan plan,
      int shard,
      ScheduledExecutorService scheduler,
      DeliveryTracker tracker,
      long endMicros,
      AtomicBoolean stop) {
    this.plan = plan;
    this.shard = shard;
    this.scheduler = scheduler;
    this.tracker = tracker;
    this.endMicros = endMicros;
    this.stop = stop;
  }

  /** Also tells {@code catchUps} every accepted send, for the receivers that are offline. */
  public ChatSenders catchUps(CatchUps catchUps) {
    this.catchUps = catchUps;
    return this;
  }

  /** Bounds the outstanding sends by {@code bound} (shared with the shard's relay sends). */
  public ChatSenders bound(SendBound bound) {
    this.bound = bound;
    return this;
  }

  /**
   * Starts every stream whose sender and receivers are ready; a group stream also needs its chat id
   * ({@code groupChats}, by group index).
   */
  public void start(
      List<Schedule.Stream> streams,
      Map<String, ChatClient> clients,
      Map<Integer, String> groupChats) {
    long origin =
        plan.trafficFrom().getEpochSecond() * 1_000_000L + plan.trafficFrom().getNano() / 1_000;
    for (Schedule.Stream stream : streams) {
      ChatClient from = clients.get(stream.from());
      List<ChatClient> receivers = stream.receivers().stream().map(clients::get).toList();
      if (from == null || receivers.contains(null)) {
        continue;
      }
      String target;
      String method;
      if (stream.kind() == TrafficKind.ONE_TO_ONE) {
        target = receivers.get(0).publicKey();
        method = "wakuext_sendOneToOneMessage";
      } else {
        target = groupChats.get(stream.chat());
        method = "wakuext_sendGroupChatMessage";
      }
      if (target == null) {
        continue;
      }
      Sender sender = new Sender(from, stream, method, target, receivers);
      stream.arrivals().runUntil(scheduler, origin, endMicros, stop, sender::send);
    }
  }

  private final class Sender {
    final ChatClient from;
    final TrafficKind kind;
    final String method;
    final String target;
    final List<String> expected;
    final Map<String, Long> receiversByKind;
    final int payloadBytes;
    final Plan.MessageSizes sizes;
    final SplittableRandom sizeRandom;

    Sender(
        ChatClient from,
        Schedule.Stream stream,
        String method,
        String target,
        List<ChatClient> receivers) {
      this.from = from;
      this.kind = stream.kind();
      this.sizes = stream.sizes();
      this.sizeRandom = stream.sizeRandom();
      this.method = method;
      this.target = target;
      this.expected = receivers.stream().map(ChatClient::name).distinct().toList();
      this.receiversByKind =
          receivers.stream()
              .collect(Collectors.groupingBy(r -> r.ref().kind(), Collectors.counting()));
      this.payloadBytes = stream.payloadBytes();
    }

    void send() {
      String senderKind = from.ref().kind();
      if (!bound.tryIssue()) {
        tracker.dropped(kind, senderKind, EpochMicros.now());
        return;
      }
      String id = shard + "-" + sequence.incrementAndGet();
      MessageText message = new MessageText(id, EpochMicros.now());
      int size;
      synchronized (sizeRandom) {
        size = Multipliers.size(sizes, payloadBytes, sizeRandom);
      }
      String text = message.encode(size);
      tracker.sent(kind, senderKind, message, expected);
      if (catchUps != null) {
        catchUps.sent(id, message.sentMicros(), expected);
      }
      from.api()
          .sendMessage(method, List.of(Map.of("id", target, "message", text)))
          .whenComplete(
              (clientId, error) -> {
                bound.done();
                if (error != null) {
                  tracker.sendFailed(kind, senderKind, message);
                  if (catchUps != null) {
                    catchUps.unsent(id, expected);
                  }
                } else {
                  tracker.accepted(kind, receiversByKind);
                  if (!clientId.isEmpty()) {
                    tracker.clientMessageId(clientId, id);
                  }
                }
              });
    }
  }

  /** A seed per (plan seed, salt), as mobile behaviours use it. */
  static long seed(String seed, int salt) {
    return Schedule.seedOf(seed) * 31 + salt;
  }
}

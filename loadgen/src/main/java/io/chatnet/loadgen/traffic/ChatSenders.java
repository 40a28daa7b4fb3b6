package io.chatnet.loadgen.traffic;

import io.chatnet.loadgen.client.ChatClient;
import io.chatnet.loadgen.client.EpochMicros;
import io.chatnet.loadgen.measure.DeliveryTracker;
import io.chatnet.loadgen.plan.Plan;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * One Poisson sender per chat participant: in a pair each side writes to the other at the pair
 * rate; in a group every member writes to the group at the group rate. Sends are asynchronous, so a
 * slow client delays only its own messages.
 */
public final class ChatSenders {
  private final Plan plan;
  private final int shard;
  private final ScheduledExecutorService scheduler;
  private final DeliveryTracker tracker;
  private final long endMicros;
  private final AtomicBoolean stop;
  private final AtomicLong sequence = new AtomicLong();
  private final SplittableRandom random;

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
    this.random = new SplittableRandom(seed(plan.seed(), shard));
  }

  public void start(
      List<List<ChatClient>> pairs,
      List<List<ChatClient>> groups,
      Map<List<ChatClient>, String> groupChats) {
    Plan.OneToOne oneToOne = plan.traffic() == null ? null : plan.traffic().oneToOne();
    if (oneToOne != null && oneToOne.messagesPerMinute() > 0) {
      for (List<ChatClient> pair : pairs) {
        for (int side = 0; side < 2; side++) {
          ChatClient from = pair.get(side);
          ChatClient to = pair.get(1 - side);
          schedule(
              new Sender(
                  from,
                  TrafficKind.ONE_TO_ONE,
                  "wakuext_sendOneToOneMessage",
                  to.publicKey(),
                  List.of(to),
                  oneToOne.payloadBytes(),
                  new PoissonArrivals(random.split(), oneToOne.messagesPerMinute() / 60.0)));
        }
      }
    }
    Plan.PrivateGroups privateGroups =
        plan.traffic() == null ? null : plan.traffic().privateGroups();
    if (privateGroups != null && privateGroups.messagesPerMinute() > 0) {
      for (List<ChatClient> group : groups) {
        String chatId = groupChats.get(group);
        for (ChatClient member : group) {
          List<ChatClient> others = group.stream().filter(m -> m != member).toList();
          schedule(
              new Sender(
                  member,
                  TrafficKind.PRIVATE_GROUP,
                  "wakuext_sendGroupChatMessage",
                  chatId,
                  others,
                  privateGroups.payloadBytes(),
                  new PoissonArrivals(random.split(), privateGroups.messagesPerMinute() / 60.0)));
        }
      }
    }
  }

  private void schedule(Sender sender) {
    sender.arrivals.runUntil(scheduler, endMicros, stop, sender::send);
  }

  private final class Sender {
    final ChatClient from;
    final TrafficKind kind;
    final String method;
    final String target;
    final List<String> expected;
    final Map<String, Long> receiversByKind;
    final int payloadBytes;
    final PoissonArrivals arrivals;

    Sender(
        ChatClient from,
        TrafficKind kind,
        String method,
        String target,
        List<ChatClient> receivers,
        int payloadBytes,
        PoissonArrivals arrivals) {
      this.from = from;
      this.kind = kind;
      this.method = method;
      this.target = target;
      this.expected = receivers.stream().map(ChatClient::name).distinct().toList();
      this.receiversByKind =
          receivers.stream()
              .collect(Collectors.groupingBy(r -> r.ref().kind(), Collectors.counting()));
      this.payloadBytes = payloadBytes;
      this.arrivals = arrivals;
    }

    void send() {
      String id = shard + "-" + sequence.incrementAndGet();
      MessageText message = new MessageText(id, EpochMicros.now());
      String text = message.encode(payloadBytes);
      String senderKind = from.ref().kind();
      tracker.sent(kind, senderKind, message, expected);
      from.api()
          .rpc(method, List.of(Map.of("id", target, "message", text)))
          .whenComplete(
              (result, error) -> {
                if (error != null) {
                  tracker.sendFailed(kind, senderKind, message);
                } else {
                  tracker.accepted(kind, receiversByKind);
                  String clientId = result.path("messages").path(0).path("id").asText("");
                  if (!clientId.isEmpty()) {
                    tracker.clientMessageId(clientId, id);
                  }
                }
              });
    }
  }

  static long seed(String seed, int shard) {
    byte[] bytes = (seed == null ? "" : seed).getBytes(StandardCharsets.UTF_8);
    long h = 1125899906842597L;
    for (byte b : bytes) {
      h = 31 * h + b;
    }
    return h * 31 + shard;
  }
}

package io.chatnet.loadgen.traffic;

import io.chatnet.loadgen.client.ChatClient;
import io.chatnet.loadgen.plan.Plan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * Mobile behaviours on a seeded fraction of the shard's clients, each at a staggered offset in the
 * period: going offline and back ({@code ConnectionChange} none / wifi) and background and
 * foreground ({@code AppStateChangeV2} background / active).
 */
public final class MobileBehaviours {
  private static final Logger LOG = Logger.getLogger(MobileBehaviours.class.getName());
  private final Plan plan;
  private final int shard;
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean stop;
  private final AtomicInteger offline = new AtomicInteger();
  private final AtomicInteger background = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();

  public MobileBehaviours(
      Plan plan, int shard, ScheduledExecutorService scheduler, AtomicBoolean stop) {
    this.plan = plan;
    this.shard = shard;
    this.scheduler = scheduler;
    this.stop = stop;
  }

  public void start(List<ChatClient> clients) {
    Plan.Behaviours behaviours = plan.behaviours();
    if (behaviours == null) {
      return;
    }
    schedule(
        clients,
        behaviours.offline(),
        1,
        offline,
        (client, on) ->
            client
                .api()
                .call(
                    "ConnectionChange", Map.of("type", on ? "none" : "wifi", "expensive", false)));
    schedule(
        clients,
        behaviours.background(),
        2,
        background,
        (client, on) ->
            client.api().call("AppStateChangeV2", Map.of("state", on ? "background" : "active")));
  }

  private void schedule(
      List<ChatClient> clients,
      Plan.Periodic periodic,
      int salt,
      AtomicInteger count,
      BiConsumer<ChatClient, Boolean> toggle) {
    if (periodic == null || periodic.fraction() <= 0 || clients.isEmpty()) {
      return;
    }
    List<ChatClient> chosen = new ArrayList<>(clients);
    Collections.shuffle(chosen, new Random(ChatSenders.seed(plan.seed(), shard * 16 + salt)));
    chosen = chosen.subList(0, (int) Math.round(periodic.fraction() * clients.size()));
    long period = periodic.periodSeconds() * 1000L;
    long endAt = plan.endAt().toEpochMilli();
    for (int i = 0; i < chosen.size(); i++) {
      ChatClient client = chosen.get(i);
      long offset = chosen.size() == 0 ? 0 : period * i / chosen.size();
      for (long on = plan.startAt().toEpochMilli() + offset; on < endAt; on += period) {
        long off = Math.min(on + periodic.durationSeconds() * 1000L, endAt);
        at(
            on,
            () -> {
              count.incrementAndGet();
              toggle.accept(client, true);
            });
        at(off, () -> toggle.accept(client, false));
      }
    }
  }

  private void at(long epochMillis, Runnable action) {
    long delay = Math.max(0, epochMillis - System.currentTimeMillis());
    scheduler.schedule(
        () -> {
          if (!stop.get()) {
            try {
              action.run();
            } catch (RuntimeException e) {
              failures.incrementAndGet();
              LOG.fine("behaviour failed: " + e.getMessage());
            }
          }
        },
        delay,
        TimeUnit.MILLISECONDS);
  }

  /** How many times clients went offline and to the background. */
  public Map<String, Integer> counts() {
    Map<String, Integer> out = new LinkedHashMap<>();
    out.put("offline", offline.get());
    out.put("background", background.get());
    out.put("failed", failures.get());
    return out;
  }
}

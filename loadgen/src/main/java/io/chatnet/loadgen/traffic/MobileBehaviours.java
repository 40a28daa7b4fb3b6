package io.chatnet.loadgen.traffic;

import io.chatnet.contract.Plan;
import io.chatnet.loadgen.client.ChatClient;
import io.chatnet.loadgen.client.ClientProfile;
import io.chatnet.loadgen.client.EpochMicros;
import io.chatnet.loadgen.measure.CatchUps;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * Mobile behaviours on a seeded fraction of the shard's clients of the behaviour's kinds (mobile
 * only unless the plan names others: Plan.Periodic.clientKinds), each at a staggered offset in the
 * period from the plan's traffic start, spell lengths cycling through the plan's list: going
 * offline and back ({@code ConnectionChangeV2} none / wifi) and background and foreground ({@code
 * AppStateChangeV2} background / active). A spell counts as applied only when status-backend
 * accepted the call; a failed call is counted as failed, and a spell the client's status-go version
 * cannot apply (no V2 endpoints in c72f4913) as unsupported, without calling anything.
 */
public final class MobileBehaviours {
  private static final Logger LOG = Logger.getLogger(MobileBehaviours.class.getName());
  private final Plan plan;
  private final int shard;
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean stop;
  private final Map<String, Tally> tallies = new LinkedHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private final CatchUps catchUps;

  /** What happened to one behaviour's spells and calls. */
  private static final class Tally {
    final AtomicInteger applied = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger unsupported = new AtomicInteger();
  }

  public MobileBehaviours(
      Plan plan, int shard, ScheduledExecutorService scheduler, AtomicBoolean stop) {
    this(plan, shard, scheduler, stop, null);
  }

  /** With {@code catchUps}, every offline spell is followed by its catch-up. */
  public MobileBehaviours(
      Plan plan,
      int shard,
      ScheduledExecutorService scheduler,
      AtomicBoolean stop,
      CatchUps catchUps) {
    this.catchUps = catchUps;
    this.plan = plan;
    this.shard = shard;
    this.scheduler = scheduler;
    this.stop = stop;
    tallies.put("offline", new Tally());
    tallies.put("background", new Tally());
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
        "offline",
        (profile, on) -> profile.connectionChange(!on));
    schedule(
        clients,
        behaviours.background(),
        2,
        "background",
        (profile, on) -> profile.appStateChange(on));
  }

  private void schedule(
      List<ChatClient> clients,
      Plan.Periodic periodic,
      int salt,
      String behaviour,
      BiFunction<ClientProfile, Boolean, Optional<ClientProfile.Call>> call) {
    if (periodic == null || periodic.fraction() <= 0) {
      return;
    }
    Tally tally = tallies.get(behaviour);
    List<ChatClient> chosen = new ArrayList<>();
    List<String> kinds = periodic.kinds();
    for (int k = 0; k < kinds.size(); k++) {
      String kind = kinds.get(k);
      List<ChatClient> ofKind =
          new ArrayList<>(clients.stream().filter(c -> kind.equals(c.ref().kind())).toList());
      // the first kind keeps version 1's seed (mobile only: the same clients as before)
      Collections.shuffle(
          ofKind, new Random(ChatSenders.seed(plan.seed(), shard * 16 + salt + 1024 * k)));
      chosen.addAll(ofKind.subList(0, (int) Math.round(periodic.fraction() * ofKind.size())));
    }
    if (chosen.isEmpty()) {
      return;
    }
    List<Integer> lengths = periodic.lengths();
    long period = periodic.periodSeconds() * 1000L;
    long endAt = plan.endAt().toEpochMilli();
    for (int i = 0; i < chosen.size(); i++) {
      ChatClient client = chosen.get(i);
      long offset = period * i / chosen.size();
      int spell = 0;
      for (long on = plan.trafficFrom().toEpochMilli() + offset; on < endAt; on += period) {
        int seconds = lengths.get((i + spell++) % lengths.size());
        long planned = on + seconds * 1000L;
        long off = Math.min(planned, endAt);
        Spell spellState = new Spell(seconds, planned <= endAt);
        at(on, () -> toggle(client, behaviour, true, call, tally, spellState));
        at(off, () -> toggle(client, behaviour, false, call, tally, spellState));
      }
    }
  }

  /** One spell's length, whether it runs in full, and its catch-up record once offline. */
  private static final class Spell {
    final int seconds;
    final boolean full;
    volatile CatchUps.Spell catchUp;

    Spell(int seconds, boolean full) {
      this.seconds = seconds;
      this.full = full;
    }
  }

  private void toggle(
      ChatClient client,
      String behaviour,
      boolean on,
      BiFunction<ClientProfile, Boolean, Optional<ClientProfile.Call>> calls,
      Tally tally,
      Spell spell) {
    Optional<ClientProfile.Call> call = calls.apply(client.profile(), on);
    if (call.isEmpty()) {
      if (on) {
        tally.unsupported.incrementAndGet();
        if (warned.add(behaviour + "|" + client.profile().id())) {
          LOG.warning(client.profile().noStateChangeReason(behaviour));
        }
      }
      return;
    }
    // Catch-up is timed from the instant the call is made (offline spells only).
    boolean timed = catchUps != null && "offline".equals(behaviour);
    if (timed && on) {
      spell.catchUp =
          catchUps.offline(
              client.name(), client.ref().kind(), spell.seconds, spell.full, EpochMicros.now());
    } else if (timed && spell.catchUp != null) {
      catchUps.online(spell.catchUp, EpochMicros.now());
    }
    CompletableFuture<?> sent;
    try {
      sent = client.api().call(call.get().function(), call.get().body());
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete(
        (result, error) -> {
          if (error != null) {
            if (timed && spell.catchUp != null) {
              catchUps.failed(spell.catchUp);
            }
            tally.failed.incrementAndGet();
            LOG.warning(behaviour + " on " + client.name() + " failed: " + error.getMessage());
          } else if (on) {
            tally.applied.incrementAndGet();
          }
        });
  }

  private void at(long epochMillis, Runnable action) {
    long delay = Math.max(0, epochMillis - System.currentTimeMillis());
    scheduler.schedule(
        () -> {
          if (!stop.get()) {
            action.run();
          }
        },
        delay,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Spells applied ({@code offline}, {@code background}: the call was accepted), calls that failed
   * ({@code offlineFailed}, {@code backgroundFailed}, and their sum {@code failed}), and spells the
   * client's version cannot apply ({@code offlineUnsupported}, {@code backgroundUnsupported}).
   */
  public Map<String, Integer> counts() {
    Map<String, Integer> out = new LinkedHashMap<>();
    int failed = 0;
    for (Map.Entry<String, Tally> e : tallies.entrySet()) {
      out.put(e.getKey(), e.getValue().applied.get());
      out.put(e.getKey() + "Failed", e.getValue().failed.get());
      out.put(e.getKey() + "Unsupported", e.getValue().unsupported.get());
      failed += e.getValue().failed.get();
    }
    out.put("failed", failed);
    return out;
  }
}

package io.chatnet.loadgen.measure;

import io.chatnet.contract.CatchUpFigures;
import io.chatnet.contract.LatencyHistograms;
import io.chatnet.contract.LatencySummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.HdrHistogram.Histogram;

/**
 * Catch-up after offline spells (CatchUpFigures). While a client is offline, the chat messages sent
 * to it (accepted by the sender's status-backend) are noted; when it comes back (the call that
 * brings it online is made), those not yet arrived are its missed messages, and the spell has
 * caught up when the last of them arrives. A missed message that does not arrive within the
 * retention window of its send never arrived. Only spells of their full planned length that end in
 * the measured window count.
 */
public final class CatchUps {
  private final LoadMetrics metrics;
  private final long windowStartMicros;
  private final long windowEndMicros;
  private final long retainMicros;
  private final Map<String, Spell> offline = new ConcurrentHashMap<>();
  private final Map<String, List<Spell>> catchingUp = new ConcurrentHashMap<>();
  private final Queue<Spell> spells = new ConcurrentLinkedQueue<>();

  /** One offline spell of one client. */
  public static final class Spell {
    final String client;
    final String kind;
    final int plannedSeconds;
    final boolean full;
    final long offMicros;
    volatile long onMicros = -1;
    volatile boolean dropped;
    // message id -> send micros; while offline, then frozen as the missed messages
    final Map<String, Long> sent = new ConcurrentHashMap<>();
    final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    volatile Map<String, Long> missed;

    Spell(String client, String kind, int plannedSeconds, boolean full, long offMicros) {
      this.client = client;
      this.kind = kind;
      this.plannedSeconds = plannedSeconds;
      this.full = full;
      this.offMicros = offMicros;
    }
  }

  public CatchUps(
      LoadMetrics metrics, long windowStartMicros, long windowEndMicros, long retainMicros) {
    this.metrics = metrics;
    this.windowStartMicros = windowStartMicros;
    this.windowEndMicros = windowEndMicros;
    this.retainMicros = retainMicros;
  }

  /**
   * {@code client} goes offline at {@code micros} (the call is being made) for a spell of {@code
   * plannedSeconds}; {@code full} when the spell is not cut short by the window's end.
   */
  public Spell offline(String client, String kind, int plannedSeconds, boolean full, long micros) {
    Spell spell = new Spell(client, kind, plannedSeconds, full, micros);
    offline.put(client, spell);
    spells.add(spell);
    return spell;
  }

  /** {@code client} comes back at {@code micros}: what it has not received by now is missed. */
  public void online(Spell spell, long micros) {
    // Listed as catching up before it leaves the offline map, so a receipt always finds it; the
    // spell's lock orders the receipt before or after the missed set is frozen.
    List<Spell> list = catchingUp.computeIfAbsent(spell.client, k -> new CopyOnWriteArrayList<>());
    list.add(spell);
    synchronized (spell) {
      spell.onMicros = micros;
      spell.missed = new ConcurrentHashMap<>(spell.sent);
    }
    offline.remove(spell.client, spell);
    if (!counts(spell) || spell.missed.isEmpty()) {
      list.remove(spell);
      return;
    }
    metrics
        .catchUpMessages
        .labelValues(spell.kind, String.valueOf(spell.plannedSeconds), "missed")
        .inc(spell.missed.size());
  }

  /** A going-offline or coming-back call failed: the spell did not happen as planned. */
  public void failed(Spell spell) {
    spell.dropped = true;
    offline.remove(spell.client, spell);
    List<Spell> list = catchingUp.get(spell.client);
    if (list != null) {
      list.remove(spell);
    }
  }

  /**
   * A chat message being sent to {@code receivers} (noted before the send call, whose answer may
   * come after the receiver is back; {@link #unsent} takes back one its sender refused).
   */
  public void sent(String messageId, long sentMicros, List<String> receivers) {
    if (offline.isEmpty()) {
      return;
    }
    for (String receiver : receivers) {
      Spell spell = offline.get(receiver);
      if (spell != null && sentMicros >= spell.offMicros) {
        spell.sent.put(messageId, sentMicros);
      }
    }
  }

  /** A send noted by {@link #sent} that the sender's status-backend refused. */
  public void unsent(String messageId, List<String> receivers) {
    for (String receiver : receivers) {
      Spell now = offline.get(receiver);
      if (now != null) {
        synchronized (now) {
          now.sent.remove(messageId);
          if (now.missed != null) {
            now.missed.remove(messageId);
          }
        }
      }
      List<Spell> list = catchingUp.get(receiver);
      if (list != null) {
        for (Spell spell : list) {
          synchronized (spell) {
            if (spell.missed != null) {
              spell.missed.remove(messageId);
            } else {
              spell.sent.remove(messageId);
            }
          }
        }
      }
    }
  }

  /** The first receipt of {@code messageId} by {@code receiver} at {@code micros}. */
  public void received(String receiver, String messageId, long micros) {
    Spell now = offline.get(receiver);
    if (now != null) {
      synchronized (now) {
        if (now.onMicros < 0) {
          now.sent.remove(messageId); // arrived while offline: not missed
        }
      }
    }
    List<Spell> list = catchingUp.get(receiver);
    if (list == null) {
      return;
    }
    for (Spell spell : list) {
      Long sentMicros;
      synchronized (spell) {
        if (spell.missed == null) {
          spell.sent.remove(messageId);
          continue;
        }
        sentMicros = spell.missed.get(messageId);
      }
      if (sentMicros == null || micros - sentMicros > retainMicros) {
        continue;
      }
      if (spell.arrivals.putIfAbsent(messageId, micros) == null) {
        String offlineSeconds = String.valueOf(spell.plannedSeconds);
        metrics.catchUpMessages.labelValues(spell.kind, offlineSeconds, "arrived").inc();
        if (spell.arrivals.size() == spell.missed.size()) {
          list.remove(spell);
          long last = spell.arrivals.values().stream().mapToLong(Long::longValue).max().orElse(0);
          metrics
              .catchUp
              .labelValues(spell.kind, offlineSeconds)
              .observe(Math.max(0, last - spell.onMicros) / 1e6);
        }
      }
    }
  }

  private boolean counts(Spell spell) {
    return spell.full
        && !spell.dropped
        && spell.onMicros >= windowStartMicros
        && spell.onMicros < windowEndMicros;
  }

  /** The figures by client kind and offline length, settled now (the run's end). */
  public List<CatchUpFigures> figures() {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, Histogram> times = new TreeMap<>();
    for (Spell spell : spells) {
      if (spell.onMicros < 0 || !counts(spell)) {
        continue;
      }
      String key = spell.kind + "\n" + String.format("%09d", spell.plannedSeconds);
      long[] c = counts.computeIfAbsent(key, k -> new long[5]);
      // spells, spellsWithMissed, caughtUp, missed, arrived
      c[0]++;
      int missed = spell.missed.size();
      if (missed == 0) {
        continue;
      }
      c[1]++;
      c[3] += missed;
      c[4] += spell.arrivals.size();
      if (spell.arrivals.size() == missed) {
        c[2]++;
        long last = spell.arrivals.values().stream().mapToLong(Long::longValue).max().orElse(0);
        LatencyHistograms.record(
            times.computeIfAbsent(key, k -> LatencyHistograms.create()),
            Math.max(0, last - spell.onMicros));
      }
    }
    List<CatchUpFigures> out = new ArrayList<>();
    counts.forEach(
        (key, c) -> {
          String kind = key.substring(0, key.indexOf('\n'));
          int seconds = Integer.parseInt(key.substring(key.indexOf('\n') + 1));
          long never = c[3] - c[4];
          metrics.catchUpMessages.labelValues(kind, String.valueOf(seconds), "never").inc(never);
          LatencySummary latency = LatencySummary.of(times.get(key));
          out.add(
              new CatchUpFigures(
                  kind,
                  seconds,
                  c[0],
                  c[1],
                  c[2],
                  c[3],
                  c[4],
                  never,
                  c[3] == 0 ? null : Math.round(1e6 * never / c[3]) / 1e6,
                  (int) (retainMicros / 1_000_000),
                  latency));
        });
    return out;
  }
}

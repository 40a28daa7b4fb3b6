package io.chatnet.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The writes the API server refused, remembered across reconciles of each owner (one instance per
 * reconciler). It decides when a refused object is tried again: a refusal retrying cannot help
 * ({@link RefusalClass#REFUSED}) not before the owner's next generation or a new desired form;
 * quota and RBAC refusals with backoff (5 s doubling to 60 s); transient failures after 1 s
 * doubling to 30 s, shown only once they persist for {@link #PERSISTS}. Each reconcile opens a
 * {@link Round} the {@link Applier} reports to.
 */
public final class WriteRefusals {
  /** How many refused objects a condition or event names; the rest are counted. */
  static final int SHOWN = 3;

  /** A transient failure shown in status only once it lasts this long. */
  static final Duration PERSISTS = Duration.ofSeconds(20);

  /** How soon a name held by another owner is looked at again (its removal sends no event). */
  static final Duration COLLISION_RECHECK = Duration.ofSeconds(10);

  private final Clock clock;
  private final Map<String, Entry> memory = new ConcurrentHashMap<>();

  private record Entry(
      WriteRefusal refusal,
      String hash,
      Long generation,
      Instant firstSeen,
      int attempts,
      Instant notBefore) {}

  public WriteRefusals(Clock clock) {
    this.clock = clock;
  }

  /**
   * Forgets the refusals of owners whose uid is not in {@code liveUids}: a deleted owner is never
   * reconciled again, so no round of its would ever finish them.
   */
  public void retainOwners(Set<String> liveUids) {
    memory.keySet().removeIf(k -> !liveUids.contains(k.substring(0, k.indexOf('/'))));
  }

  /** Refusals remembered now, of every owner. */
  public int size() {
    return memory.size();
  }

  /** The refusals of one reconcile of {@code owner}. */
  public Round round(HasMetadata owner, ChildSpecFields fields) {
    return new Round(owner, fields);
  }

  /** What one reconcile of an owner had refused. */
  public final class Round {
    private final HasMetadata owner;
    private final ChildSpecFields fields;
    private final String prefix;
    private final Map<String, WriteRefusal> refusals = new LinkedHashMap<>();
    private final Set<String> touched = new HashSet<>();
    private final Set<String> refusedKeys = new HashSet<>();
    private Duration retry;

    private Round(HasMetadata owner, ChildSpecFields fields) {
      this.owner = owner;
      this.fields = fields;
      this.prefix = owner.getMetadata().getUid() + "/";
    }

    /**
     * A remembered refusal of this very object ({@code hash}) that is not due for another try yet;
     * it counts as refused in this round too.
     */
    Optional<WriteRefusal> pending(HasMetadata desired, String hash) {
      String key = key(desired);
      Entry entry = memory.get(key);
      Instant now = clock.instant();
      if (entry == null
          || !entry.hash().equals(hash)
          || !Objects.equals(entry.generation(), generation())
          || !now.isBefore(entry.notBefore())) {
        return Optional.empty();
      }
      touched.add(key);
      refusedKeys.add(key);
      show(key, entry);
      if (entry.refusal().refusalClass() != RefusalClass.REFUSED) {
        retryIn(Duration.between(now, entry.notBefore()));
      }
      return Optional.of(entry.refusal());
    }

    /** The API server refused a write of {@code desired}. */
    void refused(HasMetadata desired, String hash, KubernetesClientException e) {
      record(desired, hash, RefusalClassifier.refusal(desired, e, fields));
    }

    /** A refused write whose spec field only the caller can name (e.g. a fault's object). */
    public void refusedAt(HasMetadata object, String field, KubernetesClientException e) {
      WriteRefusal classified = RefusalClassifier.refusal(object, e, fields);
      record(
          object,
          "",
          new WriteRefusal(
              classified.refusalClass(),
              classified.kind(),
              classified.name(),
              classified.code(),
              field,
              classified.message()));
    }

    private void record(HasMetadata desired, String hash, WriteRefusal refusal) {
      String key = key(desired);
      Instant now = clock.instant();
      Entry before = memory.get(key);
      int attempts = before == null ? 1 : before.attempts() + 1;
      Instant firstSeen = before == null ? now : before.firstSeen();
      Duration wait = backoff(refusal.refusalClass(), attempts);
      Entry entry =
          new Entry(
              refusal,
              hash,
              generation(),
              firstSeen,
              attempts,
              wait == null ? Instant.MAX : now.plus(wait));
      memory.put(key, entry);
      touched.add(key);
      refusedKeys.add(key);
      show(key, entry);
      if (wait != null) {
        retryIn(wait);
      }
    }

    /**
     * {@code desired}'s name is held by {@code live}, which another owner controls (or nobody):
     * refused without writing.
     */
    void collision(HasMetadata desired, HasMetadata live) {
      String holder =
          live.getMetadata().getOwnerReferences() == null
              ? null
              : live.getMetadata().getOwnerReferences().stream()
                  .filter(r -> Boolean.TRUE.equals(r.getController()))
                  .findFirst()
                  .map(WriteRefusals::describe)
                  .orElse(null);
      String message =
          "already exists, "
              + (holder == null
                  ? "controlled by no owner (not created for this " + fields.owner() + ")"
                  : "controlled by " + holder)
              + "; not overwritten";
      WriteRefusal refusal =
          new WriteRefusal(
              RefusalClass.NAME_COLLISION,
              desired.getKind(),
              desired.getMetadata().getName(),
              409,
              fields.nameField(desired),
              message);
      refusals.put(key(desired), refusal);
      refusedKeys.add(key(desired));
      retryIn(COLLISION_RECHECK);
    }

    /**
     * {@code desired}'s name is held by an earlier owner of the same name, deleted and awaiting
     * garbage collection: a transient wait (shown if it persists), not a collision.
     */
    void awaitingCollection(HasMetadata desired, String hash, HasMetadata live) {
      record(
          desired,
          hash,
          new WriteRefusal(
              RefusalClass.TRANSIENT,
              desired.getKind(),
              desired.getMetadata().getName(),
              409,
              fields.nameField(desired),
              "still held by an earlier "
                  + owner.getKind()
                  + " "
                  + owner.getMetadata().getName()
                  + " that was deleted; waiting for the garbage collector to remove it"));
    }

    /** The write of {@code desired} went through (or was not needed). */
    void accepted(HasMetadata desired) {
      memory.remove(key(desired));
    }

    /** Whether a write of {@code object} was refused (or skipped as refused) in this round. */
    public boolean refusedNow(HasMetadata object) {
      return refusedKeys.contains(key(object));
    }

    /** This round's refusal of {@code object}, if it had one to show. */
    public Optional<WriteRefusal> of(HasMetadata object) {
      return Optional.ofNullable(refusals.get(key(object)));
    }

    /** The refusals to show, most severe class first, then in write order. */
    public List<WriteRefusal> shown() {
      List<WriteRefusal> list = new ArrayList<>(refusals.values());
      list.sort(Comparator.comparingInt(r -> r.refusalClass().ordinal()));
      return list;
    }

    /** The class that fails the owner, when one of the refusals is such. */
    public Optional<RefusalClass> failing() {
      return shown().stream()
          .map(WriteRefusal::refusalClass)
          .filter(RefusalClass::fails)
          .findFirst();
    }

    /** The condition reason: that of the most severe refusal. */
    public Optional<String> reason() {
      return shown().stream().findFirst().map(r -> r.refusalClass().reason());
    }

    /** The first {@link #SHOWN} refusals, and how many more. */
    public String summary() {
      List<WriteRefusal> list = shown();
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < Math.min(SHOWN, list.size()); i++) {
        out.append(i == 0 ? "" : "; ").append(list.get(i).describe());
      }
      if (list.size() > SHOWN) {
        out.append("; and ")
            .append(list.size() - SHOWN)
            .append(" more refused object")
            .append(list.size() - SHOWN == 1 ? "" : "s");
      }
      return out.toString();
    }

    /** When to reconcile again to retry what is due a retry (none for REFUSED alone). */
    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(retry);
    }

    /** Forgets this owner's refusals that this round neither saw again nor skipped. */
    public void finish() {
      memory.keySet().removeIf(k -> k.startsWith(prefix) && !touched.contains(k));
    }

    private void show(String key, Entry entry) {
      boolean hidden =
          entry.refusal().refusalClass() == RefusalClass.TRANSIENT
              && Duration.between(entry.firstSeen(), clock.instant()).compareTo(PERSISTS) < 0;
      if (!hidden) {
        refusals.put(key, entry.refusal());
      }
    }

    private void retryIn(Duration wait) {
      Duration atLeast = wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
      retry = retry == null || atLeast.compareTo(retry) < 0 ? atLeast : retry;
    }

    private Long generation() {
      return owner.getMetadata().getGeneration();
    }

    private String key(HasMetadata object) {
      return prefix + object.getKind() + "/" + object.getMetadata().getName();
    }
  }

  /** How long before the next try, or null when only a new generation or form is tried. */
  static Duration backoff(RefusalClass refusalClass, int attempts) {
    int doublings = Math.min(attempts - 1, 6);
    return switch (refusalClass) {
      case REFUSED, NAME_COLLISION -> null;
      case QUOTA_EXCEEDED, FORBIDDEN -> min(Duration.ofSeconds(5L << doublings), 60);
      case TRANSIENT -> min(Duration.ofSeconds(1L << doublings), 30);
    };
  }

  private static Duration min(Duration d, long seconds) {
    return d.getSeconds() > seconds ? Duration.ofSeconds(seconds) : d;
  }

  private static String describe(OwnerReference ref) {
    return ref.getKind() + " " + ref.getName();
  }
}

package io.chatnet.operator.experiment;

import io.chatnet.contract.CatchUpFigures;
import io.chatnet.contract.ContactRequestFigures;
import io.chatnet.contract.GroupCreationFigures;
import io.chatnet.contract.OperationFigures;
import io.chatnet.contract.PhaseWindow;
import io.chatnet.contract.Summary;
import io.chatnet.operator.api.CatchUpResult;
import io.chatnet.operator.api.ContactRequestResult;
import io.chatnet.operator.api.GroupCreationResult;
import io.chatnet.operator.api.OperationResults;
import io.chatnet.operator.api.OperationTiming;
import io.chatnet.operator.api.RoleCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums the shards' measured operations (contract version 2: logins, contact requests, group
 * creations, catch-up, phases, roles) into status results, per client kind (and offline length).
 * Counts add up exactly; percentiles come from the shards' histograms added together (LatencyMerge,
 * as message latency). Null when no shard reported any of them (a version-1 load generator). Pure.
 */
public final class OperationAggregator {
  private OperationAggregator() {}

  public static OperationResults aggregate(List<Summary> summaries) {
    OperationResults results = new OperationResults();
    results.setLogin(logins(summaries));
    results.setContactRequests(contactRequests(summaries));
    results.setGroupCreation(groupCreations(summaries));
    results.setCatchUp(catchUp(summaries));
    results.setPhases(phases(summaries));
    results.setRoles(roles(summaries));
    results.setOmitted(omitted(summaries));
    boolean empty =
        results.getLogin().isEmpty()
            && results.getContactRequests().isEmpty()
            && results.getGroupCreation().isEmpty()
            && results.getCatchUp().isEmpty()
            && results.getPhases().isEmpty()
            && results.getRoles() == null
            && results.getOmitted().isEmpty();
    return empty ? null : results;
  }

  private static List<OperationTiming> logins(List<Summary> summaries) {
    Map<String, OperationTiming> rows = new TreeMap<>();
    Map<String, LatencyMerge> times = new TreeMap<>();
    for (Summary summary : summaries) {
      if (summary.logins() == null) {
        continue;
      }
      summary
          .logins()
          .forEach(
              (kind, f) -> {
                OperationTiming row =
                    rows.computeIfAbsent(
                        kind,
                        k -> {
                          OperationTiming r = new OperationTiming();
                          r.setClientKind(k);
                          r.setAttempted(0L);
                          r.setSucceeded(0L);
                          r.setFailed(0L);
                          return r;
                        });
                add(row, f);
                times.computeIfAbsent(kind, k -> new LatencyMerge()).add(f.latencyMillis());
              });
    }
    rows.forEach((kind, row) -> row.setTime(times.get(kind).result()));
    return new ArrayList<>(rows.values());
  }

  private static void add(OperationTiming row, OperationFigures f) {
    row.setAttempted(row.getAttempted() + f.attempted());
    row.setSucceeded(row.getSucceeded() + f.succeeded());
    row.setFailed(row.getFailed() + f.failed());
  }

  private static List<ContactRequestResult> contactRequests(List<Summary> summaries) {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, LatencyMerge> roundTrips = new TreeMap<>();
    Map<String, LatencyMerge> deliveries = new TreeMap<>();
    for (Summary summary : summaries) {
      if (summary.contactRequests() == null) {
        continue;
      }
      for (Map.Entry<String, ContactRequestFigures> e : summary.contactRequests().entrySet()) {
        ContactRequestFigures f = e.getValue();
        long[] c = counts.computeIfAbsent(e.getKey(), k -> new long[10]);
        long[] add = {
          f.planned(),
          f.sent(),
          f.failed(),
          f.delivered(),
          f.accepted(),
          f.declined(),
          f.ignored(),
          f.unanswered(),
          f.answerFailed(),
          f.undelivered()
        };
        for (int i = 0; i < c.length; i++) {
          c[i] += add[i];
        }
        roundTrips.computeIfAbsent(e.getKey(), k -> new LatencyMerge()).add(f.roundTripMillis());
        deliveries.computeIfAbsent(e.getKey(), k -> new LatencyMerge()).add(f.deliveryMillis());
      }
    }
    List<ContactRequestResult> rows = new ArrayList<>();
    counts.forEach(
        (kind, c) -> {
          ContactRequestResult r = new ContactRequestResult();
          r.setClientKind(kind);
          r.setPlanned(c[0]);
          r.setSent(c[1]);
          r.setFailed(c[2]);
          r.setDelivered(c[3]);
          r.setAccepted(c[4]);
          r.setDeclined(c[5]);
          r.setIgnored(c[6]);
          r.setUnanswered(c[7]);
          r.setAnswerFailed(c[8]);
          r.setUndelivered(c[9]);
          if (c[0] > 0) {
            // The contract's definition (ContactRequestFigures.successRate), over every shard.
            r.setSuccessRate((double) (c[4] + c[5] + c[6]) / c[0]);
            r.setDeliveredRatio((double) c[3] / c[0]);
          }
          r.setRoundTrip(roundTrips.get(kind).result());
          r.setDelivery(deliveries.get(kind).result());
          rows.add(r);
        });
    return rows;
  }

  private static List<GroupCreationResult> groupCreations(List<Summary> summaries) {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, LatencyMerge> times = new TreeMap<>();
    for (Summary summary : summaries) {
      if (summary.groupCreations() == null) {
        continue;
      }
      for (Map.Entry<String, GroupCreationFigures> e : summary.groupCreations().entrySet()) {
        GroupCreationFigures f = e.getValue();
        long[] c = counts.computeIfAbsent(e.getKey(), k -> new long[5]);
        c[0] += f.attempted();
        c[1] += f.created();
        c[2] += f.failed();
        c[3] += f.complete();
        c[4] += f.incomplete();
        times.computeIfAbsent(e.getKey(), k -> new LatencyMerge()).add(f.allMembersMillis());
      }
    }
    List<GroupCreationResult> rows = new ArrayList<>();
    counts.forEach(
        (kind, c) -> {
          GroupCreationResult r = new GroupCreationResult();
          r.setClientKind(kind);
          r.setAttempted(c[0]);
          r.setCreated(c[1]);
          r.setFailed(c[2]);
          r.setComplete(c[3]);
          r.setIncomplete(c[4]);
          r.setTime(times.get(kind).result());
          rows.add(r);
        });
    return rows;
  }

  /** One row per client kind and offline length, in that order. */
  private static List<CatchUpResult> catchUp(List<Summary> summaries) {
    Map<String, CatchUpResult> rows = new TreeMap<>();
    Map<String, LatencyMerge> times = new TreeMap<>();
    for (Summary summary : summaries) {
      if (summary.catchUp() == null) {
        continue;
      }
      for (CatchUpFigures f : summary.catchUp()) {
        String key = f.clientKind() + "/" + String.format("%010d", f.offlineSeconds());
        CatchUpResult r =
            rows.computeIfAbsent(
                key,
                k -> {
                  CatchUpResult row = new CatchUpResult();
                  row.setClientKind(f.clientKind());
                  row.setOfflineSeconds(f.offlineSeconds());
                  row.setSpells(0L);
                  row.setSpellsWithMissed(0L);
                  row.setCaughtUp(0L);
                  row.setMissed(0L);
                  row.setArrived(0L);
                  row.setNeverArrived(0L);
                  return row;
                });
        r.setSpells(r.getSpells() + f.spells());
        r.setSpellsWithMissed(r.getSpellsWithMissed() + f.spellsWithMissed());
        r.setCaughtUp(r.getCaughtUp() + f.caughtUp());
        r.setMissed(r.getMissed() + f.missed());
        r.setArrived(r.getArrived() + f.arrived());
        r.setNeverArrived(r.getNeverArrived() + f.neverArrived());
        // Shards share one retention window; the longest is what any missed message was given.
        r.setWindowSeconds(
            Math.max(r.getWindowSeconds() == null ? 0 : r.getWindowSeconds(), f.windowSeconds()));
        times.computeIfAbsent(key, k -> new LatencyMerge()).add(f.catchUpMillis());
      }
    }
    rows.forEach(
        (key, r) -> {
          if (r.getMissed() > 0) {
            r.setNeverArrivedRatio((double) r.getNeverArrived() / r.getMissed());
          }
          r.setTime(times.get(key).result());
        });
    return new ArrayList<>(rows.values());
  }

  /** Each phase from the earliest shard's start to the latest shard's end. */
  private static List<io.chatnet.operator.api.PhaseWindow> phases(List<Summary> summaries) {
    Map<String, Instant[]> spans = new TreeMap<>();
    for (Summary summary : summaries) {
      if (summary.phases() == null) {
        continue;
      }
      for (Map.Entry<String, PhaseWindow> e : summary.phases().entrySet()) {
        PhaseWindow w = e.getValue();
        if (w == null || w.from() == null || w.to() == null) {
          continue;
        }
        Instant[] span = spans.computeIfAbsent(e.getKey(), k -> new Instant[] {w.from(), w.to()});
        span[0] = w.from().isBefore(span[0]) ? w.from() : span[0];
        span[1] = w.to().isAfter(span[1]) ? w.to() : span[1];
      }
    }
    List<io.chatnet.operator.api.PhaseWindow> rows = new ArrayList<>();
    for (String phase :
        List.of(Summary.CONTACT_REQUESTS_PHASE, Summary.IDLE_PHASE, Summary.MEASURED_PHASE)) {
      Instant[] span = spans.get(phase);
      if (span != null) {
        io.chatnet.operator.api.PhaseWindow row = new io.chatnet.operator.api.PhaseWindow();
        row.setPhase(phase);
        row.setFrom(span[0].toString());
        row.setTo(span[1].toString());
        rows.add(row);
      }
    }
    return rows;
  }

  /** The sections each shard's termination message had to leave out, so status does not hide it. */
  private static List<String> omitted(List<Summary> summaries) {
    return summaries.stream()
        .filter(s -> s.omitted() != null && !s.omitted().isEmpty())
        .sorted(java.util.Comparator.comparingInt(Summary::shard))
        .map(s -> "shard " + s.shard() + ": " + String.join(", ", s.omitted()))
        .toList();
  }

  private static RoleCounts roles(List<Summary> summaries) {
    RoleCounts roles = null;
    for (Summary summary : summaries) {
      if (summary.roles() == null) {
        continue;
      }
      if (roles == null) {
        roles = new RoleCounts();
        roles.setSenders(0L);
        roles.setSilent(0L);
        roles.setUnchatting(0L);
      }
      roles.setSenders(roles.getSenders() + summary.roles().getOrDefault("senders", 0));
      roles.setSilent(roles.getSilent() + summary.roles().getOrDefault("silent", 0));
      roles.setUnchatting(roles.getUnchatting() + summary.roles().getOrDefault("unchatting", 0));
    }
    return roles;
  }
}

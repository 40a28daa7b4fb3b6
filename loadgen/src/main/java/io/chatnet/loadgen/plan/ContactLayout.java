package io.chatnet.loadgen.plan;

import io.chatnet.contract.Plan;
import io.chatnet.contract.Plan.ClientRef;
import io.chatnet.contract.PlanChecks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Who asks whom in the contact-request phase (Plan.ContactRequests). The requesters and targets are
 * the clients outside pairs and groups, in plan order: the first {@code requesters}, then the next
 * {@code targets}. Each target's answer (accept, decline, ignore) is decided plan-wide with the
 * plan's seed, exactly {@code accepting()}, {@code declining()} and {@code ignoring()} of them. The
 * requesters and targets are dealt into {@link PlanChecks#cells} contiguous cells, cell {@code c}
 * driven by shard {@code c}; each requester asks {@code requestsPerRequester} distinct targets of
 * its own cell, picked with the seed, so no request crosses shards.
 */
public record ContactLayout(List<Cell> cells, Map<String, Answer> answers) {

  /** What a target does with every request it gets. */
  public enum Answer {
    ACCEPT,
    DECLINE,
    IGNORE
  }

  /** One request: its plan-wide index, requester and target. */
  public record Request(int index, ClientRef requester, ClientRef target) {}

  /** The requesters and targets one shard drives, and their requests. */
  public record Cell(
      int index, List<ClientRef> requesters, List<ClientRef> targets, List<Request> requests) {
    public List<ClientRef> clients() {
      List<ClientRef> out = new ArrayList<>(requesters);
      out.addAll(targets);
      return out;
    }
  }

  static final ContactLayout NONE = new ContactLayout(List.of(), Map.of());

  /** The plan's contact-request layout (none without a contact-request phase). */
  public static ContactLayout of(Plan plan, Assignment.Layout chats) {
    Plan.ContactRequests spec = plan.contactRequests();
    if (spec == null || spec.effectivePhaseSeconds() == 0) {
      return NONE;
    }
    Set<String> chatting = new HashSet<>();
    chats.pairs().forEach(c -> c.members().forEach(m -> chatting.add(m.name())));
    chats.groups().forEach(c -> c.members().forEach(m -> chatting.add(m.name())));
    List<ClientRef> left =
        plan.allClients().stream().filter(c -> !chatting.contains(c.name())).toList();
    int r = spec.requesters();
    int t = spec.targets();
    if (r + t > left.size()) {
      throw new IllegalArgumentException(
          "contactRequests needs "
              + (r + t)
              + " clients outside pairs and groups, has "
              + left.size());
    }
    List<ClientRef> requesters = left.subList(0, r);
    List<ClientRef> targets = left.subList(r, r + t);

    List<ClientRef> shuffled = new ArrayList<>(targets);
    Collections.shuffle(shuffled, new Random(seed(plan.seed(), -1)));
    Map<String, Answer> answers = new LinkedHashMap<>();
    for (int i = 0; i < shuffled.size(); i++) {
      answers.put(
          shuffled.get(i).name(),
          i < spec.accepting()
              ? Answer.ACCEPT
              : i < spec.accepting() + spec.declining() ? Answer.DECLINE : Answer.IGNORE);
    }

    int cellCount = PlanChecks.cells(plan);
    List<Cell> cells = new ArrayList<>();
    int index = 0;
    for (int c = 0; c < cellCount; c++) {
      List<ClientRef> cellRequesters = slice(requesters, c, cellCount);
      List<ClientRef> cellTargets = slice(targets, c, cellCount);
      List<Request> requests = new ArrayList<>();
      int per = Math.min(spec.requestsPerRequester(), cellTargets.size());
      for (ClientRef requester : cellRequesters) {
        List<ClientRef> pick = new ArrayList<>(cellTargets);
        Collections.shuffle(pick, new Random(seed(plan.seed(), requesters.indexOf(requester))));
        for (ClientRef target : pick.subList(0, per)) {
          requests.add(new Request(index++, requester, target));
        }
      }
      cells.add(new Cell(c, cellRequesters, cellTargets, requests));
    }
    return new ContactLayout(cells, answers);
  }

  /** The cell shard {@code shard} drives (null: none). */
  public Cell cell(int shard) {
    return shard < cells.size() ? cells.get(shard) : null;
  }

  /** Every requester and target of the phase. */
  public Set<String> clientNames() {
    Set<String> out = new HashSet<>();
    cells.forEach(c -> c.clients().forEach(ref -> out.add(ref.name())));
    return out;
  }

  private static <T> List<T> slice(List<T> all, int part, int parts) {
    int from = (int) ((long) all.size() * part / parts);
    int to = (int) ((long) all.size() * (part + 1) / parts);
    return all.subList(from, to);
  }

  private static long seed(String seed, int salt) {
    return (seed == null ? 0 : seed.hashCode()) * 1_000_003L + salt + 0x5eedL;
  }
}

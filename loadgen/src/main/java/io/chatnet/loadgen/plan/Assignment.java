package io.chatnet.loadgen.plan;

import io.chatnet.contract.Plan;
import io.chatnet.contract.Plan.ClientRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who chats with whom, and which shard drives it. Pairs and groups are laid out over the whole
 * plan, independently of the shard count: pair {@code p} and group {@code g} have the same members
 * whether one or ten load generators run, and each client is in at most one pair or group. A shard
 * owns whole pairs and groups (index modulo shard count) with their clients, plus its share of the
 * clients that chat in none, so every client is logged in by exactly one shard.
 *
 * <p>Layout order: desktop-mobile pairs, then groups with a fixed number of mobile members, then
 * the remaining pairs and groups from the clients left, in plan order. A plan whose pairs and
 * groups do not fit its clients is refused ({@link #problems}), never shrunk.
 */
public record Assignment(
    List<Chat> pairs, List<Chat> groups, List<ClientRef> clients, ContactLayout.Cell contacts) {

  /** A pair or group: its index in the plan-wide layout and its members. */
  public record Chat(int index, List<ClientRef> members) {}

  static final String DESKTOP = "desktop";
  static final String MOBILE = "mobile";

  /** This shard's part of the layout; refuses a plan with {@link #problems}. */
  public static Assignment of(Plan plan, int shard) {
    Layout layout = layout(plan);
    int shards = plan.shards();
    List<Chat> pairs = owned(layout.pairs, shards, shard);
    List<Chat> groups = owned(layout.groups, shards, shard);
    Set<String> chatting = new HashSet<>();
    List<ClientRef> clients = new ArrayList<>();
    for (Chat chat : layout.pairs) {
      chat.members().forEach(m -> chatting.add(m.name()));
    }
    for (Chat chat : layout.groups) {
      chat.members().forEach(m -> chatting.add(m.name()));
    }
    pairs.forEach(c -> clients.addAll(c.members()));
    groups.forEach(c -> clients.addAll(c.members()));
    // The contact-request phase's clients belong to the shard that drives their cell.
    ContactLayout contactLayout = ContactLayout.of(plan, layout);
    ContactLayout.Cell cell = contactLayout.cell(shard);
    if (cell != null) {
      clients.addAll(cell.clients());
    }
    Set<String> contacting = contactLayout.clientNames();
    int idle = 0;
    for (ClientRef client : plan.allClients()) {
      if (!chatting.contains(client.name())
          && !contacting.contains(client.name())
          && idle++ % shards == shard) {
        clients.add(client);
      }
    }
    return new Assignment(pairs, groups, clients, cell);
  }

  /** Every pair and group of the plan, whoever drives them; refuses a plan with problems. */
  public static Layout layout(Plan plan) {
    List<String> problems = problems(plan);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "the plan's pairs and groups cannot be formed: " + String.join("; ", problems));
    }
    List<ClientRef> all = plan.allClients();
    Deque<ClientRef> desktops = new ArrayDeque<>();
    Deque<ClientRef> mobiles = new ArrayDeque<>();
    for (ClientRef c : all) {
      if (MOBILE.equals(c.kind())) {
        mobiles.add(c);
      } else if (DESKTOP.equals(c.kind())) {
        desktops.add(c);
      }
    }
    Plan.OneToOne oneToOne = plan.traffic() == null ? null : plan.traffic().oneToOne();
    Plan.PrivateGroups groupSpec = plan.traffic() == null ? null : plan.traffic().privateGroups();
    int pairCount = oneToOne == null ? 0 : oneToOne.pairs();
    int mixed = oneToOne == null ? 0 : oneToOne.desktopMobilePairs();
    int groupCount = groupSpec == null ? 0 : groupSpec.groups();
    int size = groupSpec == null ? 0 : groupSpec.membersPerGroup();
    Integer mobilesPerGroup = groupSpec == null ? null : groupSpec.mobileMembersPerGroup();

    List<Chat> pairs = new ArrayList<>();
    List<Chat> groups = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (int p = 0; p < mixed; p++) {
      pairs.add(chat(p, take(desktops, 1, used), take(mobiles, 1, used)));
    }
    List<List<ClientRef>> fixedGroups = new ArrayList<>();
    if (mobilesPerGroup != null) {
      for (int g = 0; g < groupCount; g++) {
        List<ClientRef> members = new ArrayList<>(take(desktops, size - mobilesPerGroup, used));
        members.addAll(take(mobiles, mobilesPerGroup, used));
        fixedGroups.add(members);
      }
    }
    // What is left, in plan order, for members of any kind.
    Deque<ClientRef> rest = new ArrayDeque<>();
    all.stream().filter(c -> !used.contains(c.name())).forEach(rest::add);
    for (int p = mixed; p < pairCount; p++) {
      pairs.add(new Chat(p, take(rest, 2, used)));
    }
    for (int g = 0; g < groupCount; g++) {
      groups.add(
          new Chat(g, mobilesPerGroup != null ? fixedGroups.get(g) : take(rest, size, used)));
    }
    return new Layout(pairs, groups);
  }

  /** The plan-wide layout. */
  public record Layout(List<Chat> pairs, List<Chat> groups) {}

  /**
   * Why the plan's pairs and groups cannot be formed from its clients (empty if they can): a client
   * chats in at most one pair or group. The operator makes the same check before the run
   * (SpecChecks), naming the network; this one is the load generator's own guard.
   */
  public static List<String> problems(Plan plan) {
    List<String> problems = new ArrayList<>();
    List<ClientRef> all = plan.allClients();
    long desktops = all.stream().filter(c -> DESKTOP.equals(c.kind())).count();
    long mobiles = all.stream().filter(c -> MOBILE.equals(c.kind())).count();
    Plan.OneToOne oneToOne = plan.traffic() == null ? null : plan.traffic().oneToOne();
    Plan.PrivateGroups groups = plan.traffic() == null ? null : plan.traffic().privateGroups();
    long pairs = oneToOne == null ? 0 : oneToOne.pairs();
    long mixed = oneToOne == null ? 0 : oneToOne.desktopMobilePairs();
    long groupCount = groups == null ? 0 : groups.groups();
    long size = groups == null ? 0 : groups.membersPerGroup();
    Integer perGroup = groups == null ? null : groups.mobileMembersPerGroup();
    if (mixed < 0 || mixed > pairs) {
      problems.add(
          "traffic.oneToOne.desktopMobilePairs="
              + mixed
              + " must be between 0 and traffic.oneToOne.pairs="
              + pairs);
      return problems;
    }
    if (perGroup != null && (perGroup < 0 || perGroup > size)) {
      problems.add(
          "traffic.privateGroups.mobileMembersPerGroup="
              + perGroup
              + " must be between 0 and traffic.privateGroups.membersPerGroup="
              + size);
      return problems;
    }
    long needMobiles = mixed + (perGroup == null ? 0 : groupCount * perGroup);
    long needDesktops = mixed + (perGroup == null ? 0 : groupCount * (size - perGroup));
    long needTotal = 2 * pairs + groupCount * size;
    if (needDesktops > desktops) {
      problems.add(kindProblem(oneToOne, groups, needDesktops, DESKTOP, desktops, "the plan"));
    }
    if (needMobiles > mobiles) {
      problems.add(kindProblem(oneToOne, groups, needMobiles, MOBILE, mobiles, "the plan"));
    }
    if (needTotal > all.size()) {
      problems.add(
          totalProblem(oneToOne, groups, needTotal)
              + ", the plan has "
              + all.size()
              + " status-backend clients");
    }
    return problems;
  }

  private static String totalProblem(
      Plan.OneToOne oneToOne, Plan.PrivateGroups groups, long needTotal) {
    List<String> asks = new ArrayList<>();
    if (oneToOne != null && oneToOne.pairs() > 0) {
      asks.add("traffic.oneToOne.pairs=" + oneToOne.pairs());
    }
    if (groups != null && groups.groups() > 0) {
      asks.add(
          "traffic.privateGroups.groups="
              + groups.groups()
              + " x membersPerGroup="
              + groups.membersPerGroup());
    }
    return String.join(" and ", asks)
        + (asks.size() > 1 ? " need " : " needs ")
        + needTotal
        + " clients (a client chats in at most one pair or group)";
  }

  private static String kindProblem(
      Plan.OneToOne oneToOne,
      Plan.PrivateGroups groups,
      long need,
      String kind,
      long have,
      String where) {
    List<String> asks = new ArrayList<>();
    if (oneToOne != null && oneToOne.desktopMobilePairs() > 0) {
      asks.add("traffic.oneToOne.desktopMobilePairs=" + oneToOne.desktopMobilePairs());
    }
    if (groups != null && groups.mobileMembersPerGroup() != null) {
      asks.add(
          "traffic.privateGroups.groups="
              + groups.groups()
              + " with mobileMembersPerGroup="
              + groups.mobileMembersPerGroup()
              + " of membersPerGroup="
              + groups.membersPerGroup());
    }
    return String.join(" and ", asks)
        + (asks.size() > 1 ? " need " : " needs ")
        + need
        + " "
        + kind
        + " clients, "
        + where
        + " has "
        + have;
  }

  private static Chat chat(int index, List<ClientRef> a, List<ClientRef> b) {
    List<ClientRef> members = new ArrayList<>(a);
    members.addAll(b);
    return new Chat(index, members);
  }

  private static List<ClientRef> take(Deque<ClientRef> from, int n, Set<String> used) {
    List<ClientRef> out = new ArrayList<>(n);
    while (out.size() < n) {
      ClientRef next = from.poll();
      if (next == null) {
        throw new IllegalStateException("layout ran out of clients after problems() passed");
      }
      if (used.add(next.name())) {
        out.add(next);
      }
    }
    return out;
  }

  private static List<Chat> owned(List<Chat> chats, int shards, int shard) {
    return chats.stream().filter(c -> c.index() % shards == shard).toList();
  }
}

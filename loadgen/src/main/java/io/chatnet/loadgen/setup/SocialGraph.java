package io.chatnet.loadgen.setup;

import io.chatnet.contract.GroupCreationFigures;
import io.chatnet.loadgen.client.ChatClient;
import io.chatnet.loadgen.client.EpochMicros;
import io.chatnet.loadgen.client.Signal;
import io.chatnet.loadgen.measure.GroupCreations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Makes the contacts and groups the load needs: each pair becomes mutual contacts (request, then
 * accept on the receiver's messages.new), each group's creator becomes a contact of every member,
 * then creates the group with {@code wakuext_createGroupChatWithMembers}, whose params depend on
 * the creator's status-go version ({@link io.chatnet.loadgen.client.ClientProfile}). Contact
 * requests and acceptances take one request object ({@code {id, message}} and {@code {id}}:
 * status-go protocol/requests/send_contact_request.go and accept_contact_request.go, the same in
 * both versions; the id accepted is the request message's 0x-hex id).
 */
public final class SocialGraph {
  static final String CONTACT_PREFIX = "chatnet-contact|";
  private final Duration timeout;
  private final GroupCreations creations;

  /** Private group chats members have seen, by chat id (status-go's chatType 3). */
  private final Map<String, GroupSeen> groupsSeen = new ConcurrentHashMap<>();

  /** Who has seen one group chat, and a future completed when every expected member has. */
  private static final class GroupSeen {
    final Map<String, Long> members = new ConcurrentHashMap<>();
    volatile Set<String> expected;
    final CompletableFuture<Long> all = new CompletableFuture<>();

    synchronized void saw(String member, long micros) {
      members.putIfAbsent(member, micros);
      check();
    }

    synchronized void expect(Set<String> names) {
      expected = names;
      check();
    }

    private void check() {
      if (expected != null && members.keySet().containsAll(expected)) {
        all.complete(expected.stream().mapToLong(members::get).max().orElse(0L));
      }
    }
  }

  /** Contact requests awaited, by receiver name then sender name. */
  private final Map<String, CompletableFuture<String>> pendingRequests = new ConcurrentHashMap<>();

  public SocialGraph(Duration timeout) {
    this(timeout, null);
  }

  /** With {@code creations}, every group creation is timed until all its members see it. */
  public SocialGraph(Duration timeout, GroupCreations creations) {
    this.timeout = timeout;
    this.creations = creations;
  }

  /**
   * Feeds a receiver's messages.new signal; returns true when it was a contact request this graph
   * was waiting for (it is then accepted).
   */
  public boolean onMessages(ChatClient receiver, Signal signal) {
    boolean handled = false;
    // A member's messenger emits a new private group (chatType 3, ChatTypePrivateGroupChat:
    // protocol/chat.go @ c72f4913) in the chats of a messages.new once it handled the membership
    // update the creator sent.
    for (Signal.Chat chat : signal.chats()) {
      if (chat.chatType() == 3 && creations != null) {
        groupsSeen
            .computeIfAbsent(chat.id(), k -> new GroupSeen())
            .saw(receiver.name(), signal.receivedEpochMicros());
      }
    }
    for (Signal.ChatMessage message : signal.messages()) {
      String text = message.text();
      if (text.startsWith(CONTACT_PREFIX)) {
        String sender = text.substring(CONTACT_PREFIX.length());
        CompletableFuture<String> pending = pendingRequests.get(receiver.name() + "<" + sender);
        if (pending != null) {
          pending.complete(message.id());
          handled = true;
        }
      }
    }
    return handled;
  }

  /** Makes {@code a} and {@code b} mutual contacts. */
  public CompletableFuture<Void> connect(ChatClient a, ChatClient b) {
    CompletableFuture<String> request = new CompletableFuture<>();
    pendingRequests.put(b.name() + "<" + a.name(), request);
    return a.api()
        .rpc(
            "wakuext_sendContactRequest",
            List.of(Map.of("id", b.publicKey(), "message", CONTACT_PREFIX + a.name())))
        .thenCompose(v -> request.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS))
        .thenCompose(
            messageId ->
                b.api().rpc("wakuext_acceptContactRequest", List.of(Map.of("id", messageId))))
        .whenComplete((v, e) -> pendingRequests.remove(b.name() + "<" + a.name()))
        .thenApply(v -> null);
  }

  /** Creates a private group of {@code members}, created by the first; returns its chat id. */
  public CompletableFuture<String> group(String name, List<ChatClient> members) {
    ChatClient creator = members.get(0);
    List<CompletableFuture<Void>> contacts = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (ChatClient member : members.subList(1, members.size())) {
      contacts.add(connect(creator, member));
      keys.add(member.publicKey());
    }
    List<Object> params = creator.profile().createGroupChatParams(name, keys);
    long[] calledMicros = new long[1];
    return CompletableFuture.allOf(contacts.toArray(CompletableFuture[]::new))
        .thenCompose(
            v -> {
              calledMicros[0] = EpochMicros.now();
              return creator.api().rpc("wakuext_createGroupChatWithMembers", params);
            })
        .thenApply(
            result -> {
              String chatId = result.path("chats").path(0).path("id").asText("");
              if (chatId.isEmpty()) {
                throw new IllegalStateException("group " + name + ": no chat id in the response");
              }
              watch(chatId, creator, members.subList(1, members.size()), calledMicros[0]);
              return chatId;
            });
  }

  /**
   * Times the group from the create call until every member has seen it, at most {@link
   * GroupCreationFigures#SEEN_TIMEOUT_SECONDS}; does not hold up the setup.
   */
  private void watch(String chatId, ChatClient creator, List<ChatClient> members, long called) {
    if (creations == null) {
      return;
    }
    String kind = creator.ref().kind();
    creations.created(kind);
    GroupSeen seen = groupsSeen.computeIfAbsent(chatId, k -> new GroupSeen());
    seen.all
        .orTimeout(GroupCreationFigures.SEEN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .whenComplete(
            (last, error) -> {
              if (error != null) {
                creations.incomplete(kind);
              } else {
                creations.complete(kind, Math.max(0, last - called));
              }
            });
    seen.expect(
        members.stream().map(ChatClient::name).collect(java.util.stream.Collectors.toSet()));
  }
}

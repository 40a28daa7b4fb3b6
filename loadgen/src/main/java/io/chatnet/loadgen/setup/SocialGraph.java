package io.chatnet.loadgen.setup;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatnet.loadgen.client.ChatClient;
import io.chatnet.loadgen.client.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /** Contact requests awaited, by receiver name then sender name. */
  private final Map<String, CompletableFuture<String>> pendingRequests = new ConcurrentHashMap<>();

  public SocialGraph(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Feeds a receiver's messages.new signal; returns true when it was a contact request this graph
   * was waiting for (it is then accepted).
   */
  public boolean onMessages(ChatClient receiver, Signal signal) {
    boolean handled = false;
    for (JsonNode message : signal.event().path("messages")) {
      String text = message.path("text").asText("");
      if (text.startsWith(CONTACT_PREFIX)) {
        String sender = text.substring(CONTACT_PREFIX.length());
        CompletableFuture<String> pending = pendingRequests.get(receiver.name() + "<" + sender);
        if (pending != null) {
          pending.complete(message.path("id").asText());
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
    return CompletableFuture.allOf(contacts.toArray(CompletableFuture[]::new))
        .thenCompose(v -> creator.api().rpc("wakuext_createGroupChatWithMembers", params))
        .thenApply(
            result -> {
              String chatId = result.path("chats").path(0).path("id").asText("");
              if (chatId.isEmpty()) {
                throw new IllegalStateException("group " + name + ": no chat id in the response");
              }
              return chatId;
            });
  }
}

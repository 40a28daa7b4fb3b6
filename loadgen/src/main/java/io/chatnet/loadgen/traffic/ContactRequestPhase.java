package io.chatnet.loadgen.traffic;

import io.chatnet.contract.ContactRequestFigures;
import io.chatnet.contract.Plan;
import io.chatnet.loadgen.client.ChatClient;
import io.chatnet.loadgen.client.EpochMicros;
import io.chatnet.loadgen.client.Signal;
import io.chatnet.loadgen.measure.LoadMetrics;
import io.chatnet.loadgen.measure.Timings;
import io.chatnet.loadgen.plan.ContactLayout;
import io.chatnet.loadgen.plan.ContactLayout.Answer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The measured contact-request phase (DST's contact-request scenario): from the plan's start, this
 * shard's requesters send their requests ({@code wakuext_sendContactRequest [{id, message}]}),
 * spread evenly over {@code spreadSeconds}; each target, on the request's messages.new, accepts
 * ({@code wakuext_acceptContactRequest [{id}]}), declines ({@code wakuext_declineContactRequest
 * [{id}]}) or ignores it, by its role ({@link ContactLayout}). An acceptance comes back to the
 * requester as a messages.new carrying the original request in contactRequestState 2 and the "@key
 * accepted your contact request" system message (contentType 16), both in the chat with the target
 * (status-go protocol/messenger_handler.go handleAcceptContactRequestMessage @ c72f4913; the
 * functional tests' accept_contact_request_and_wait_for_signal_to_be_received waits for that text);
 * a decline tells the requester nothing (protocol/messenger_contacts.go declineContactRequest @
 * c72f4913). What happens after the phase's end is not counted.
 */
public final class ContactRequestPhase {
  static final String PREFIX = "chatnet-cr|";

  private final Plan plan;
  private final LoadMetrics metrics;
  private final ContactLayout.Cell cell;
  private final Map<String, Answer> answers;
  private final Map<String, ChatClient> clients;
  private final Map<String, Request> byText = new ConcurrentHashMap<>();
  // requester name + "|" + target public key
  private final Map<String, Request> byPair = new ConcurrentHashMap<>();
  private final Timings roundTrips = new Timings();
  private final Timings deliveries = new Timings();
  private volatile boolean closed;

  /** One request's fate. Fields are written once each, on the signal or response that sets them. */
  private static final class Request {
    final ContactLayout.Request planned;
    final String text;
    final String kind;
    final Answer answer;
    volatile long sentMicros;
    volatile boolean sendAnswered;
    volatile boolean sendFailed;
    volatile boolean delivered;
    volatile boolean accepted;
    volatile boolean declined;
    volatile boolean answerFailed;

    Request(ContactLayout.Request planned, String kind, Answer answer) {
      this.planned = planned;
      this.text = PREFIX + planned.index() + "|" + planned.requester().name();
      this.kind = kind;
      this.answer = answer;
    }
  }

  public ContactRequestPhase(
      Plan plan,
      LoadMetrics metrics,
      ContactLayout.Cell cell,
      Map<String, Answer> answers,
      Map<String, ChatClient> clients) {
    this.plan = plan;
    this.metrics = metrics;
    this.cell = cell;
    this.answers = answers;
    this.clients = clients;
  }

  /** Whether this shard has requests to make. */
  public boolean active() {
    return cell != null && !cell.requests().isEmpty() && plan.contactPhaseSeconds() > 0;
  }

  /**
   * Schedules this shard's requests from the plan's start (those whose requester or target did not
   * log in are sent anyway: the send or the delivery fails and is counted).
   */
  public void start(ScheduledExecutorService scheduler) {
    if (!active()) {
      return;
    }
    List<ContactLayout.Request> requests = cell.requests();
    long spreadMillis = Math.max(0, plan.contactRequests().spreadSeconds()) * 1000L;
    long startMillis = plan.startAt().toEpochMilli();
    for (int i = 0; i < requests.size(); i++) {
      ContactLayout.Request planned = requests.get(i);
      Request request =
          new Request(
              planned,
              planned.requester().kind(),
              answers.getOrDefault(planned.target().name(), Answer.IGNORE));
      byText.put(request.text, request);
      long at = startMillis + spreadMillis * i / requests.size();
      scheduler.schedule(
          () -> send(request), Math.max(0, at - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    }
  }

  private void send(Request request) {
    if (closed) {
      return;
    }
    ChatClient from = clients.get(request.planned.requester().name());
    ChatClient to = clients.get(request.planned.target().name());
    if (from == null || from.publicKey() == null || to == null || to.publicKey() == null) {
      request.sendFailed = true;
      request.sendAnswered = true;
      metrics.contactRequests.labelValues(request.kind, "failed").inc();
      return;
    }
    byPair.put(from.name() + "|" + to.publicKey(), request);
    request.sentMicros = EpochMicros.now();
    from.api()
        .rpc(
            "wakuext_sendContactRequest",
            List.of(Map.of("id", to.publicKey(), "message", request.text)))
        .whenComplete(
            (result, error) -> {
              request.sendFailed = error != null;
              request.sendAnswered = true;
              metrics
                  .contactRequests
                  .labelValues(request.kind, error != null ? "failed" : "sent")
                  .inc();
            });
  }

  /**
   * Feeds a client's messages.new; returns true when it carried a request or an acceptance of this
   * phase.
   */
  public boolean onMessages(ChatClient client, Signal signal) {
    if (byText.isEmpty()) {
      return false;
    }
    boolean handled = false;
    for (Signal.ChatMessage message : signal.messages()) {
      String text = message.text();
      if (text.startsWith(PREFIX)) {
        Request request = byText.get(text);
        if (request != null && request.planned.target().name().equals(client.name())) {
          received(client, request, message.id(), signal.receivedEpochMicros());
          handled = true;
        }
        continue;
      }
      boolean acceptance =
          message.contentType() == 16
              || (message.contentType() == 11 && message.contactRequestState() == 2);
      if (acceptance) {
        Request request = byPair.get(client.name() + "|" + message.chatId());
        if (request != null) {
          accepted(request, signal.receivedEpochMicros());
          handled = true;
        }
      }
    }
    return handled;
  }

  private void received(ChatClient target, Request request, String requestId, long micros) {
    synchronized (request) {
      if (closed || request.delivered) {
        return;
      }
      request.delivered = true;
    }
    deliveries.record(request.kind, Math.max(0, micros - request.sentMicros));
    metrics.contactRequests.labelValues(request.kind, "delivered").inc();
    if (request.answer == Answer.IGNORE) {
      return;
    }
    boolean accept = request.answer == Answer.ACCEPT;
    target
        .api()
        .rpc(
            accept ? "wakuext_acceptContactRequest" : "wakuext_declineContactRequest",
            List.of(Map.of("id", requestId)))
        .whenComplete(
            (result, error) -> {
              if (closed) {
                return;
              }
              if (error != null) {
                request.answerFailed = true;
                metrics.contactRequests.labelValues(request.kind, "answer_failed").inc();
              } else if (!accept) {
                request.declined = true;
                metrics.contactRequests.labelValues(request.kind, "declined").inc();
              }
            });
  }

  private void accepted(Request request, long micros) {
    synchronized (request) {
      if (closed || request.accepted || request.answer != Answer.ACCEPT) {
        return;
      }
      request.accepted = true;
    }
    long roundTrip = Math.max(0, micros - request.sentMicros);
    roundTrips.record(request.kind, roundTrip);
    metrics.contactRoundTrip.labelValues(request.kind).observe(roundTrip / 1e6);
    metrics.contactRequests.labelValues(request.kind, "accepted").inc();
  }

  /** Ends the phase: later signals and answers are not counted. */
  public void close() {
    closed = true;
  }

  /** The phase's figures by the requester's client kind (ContactRequestFigures). */
  public Map<String, ContactRequestFigures> figures() {
    Map<String, long[]> counts = new TreeMap<>();
    // planned sent failed delivered accepted declined ignored unanswered answerFailed undelivered
    for (Request r : byText.values()) {
      long[] c = counts.computeIfAbsent(r.kind, k -> new long[10]);
      c[0]++;
      boolean sent = r.sendAnswered && !r.sendFailed;
      if (!sent) {
        c[2]++;
        continue;
      }
      c[1]++;
      if (r.delivered) {
        c[3]++;
      }
      switch (r.answer) {
        case ACCEPT -> {
          if (r.accepted) {
            c[4]++;
          } else if (r.answerFailed) {
            c[8]++;
          } else {
            c[7]++;
          }
        }
        case DECLINE -> {
          if (!r.delivered) {
            c[9]++;
          } else if (r.declined) {
            c[5]++;
          } else {
            c[8]++; // refused, or no answer within the phase
          }
        }
        case IGNORE -> {
          if (r.delivered) {
            c[6]++;
          } else {
            c[9]++;
          }
        }
      }
    }
    Map<String, ContactRequestFigures> out = new LinkedHashMap<>();
    counts.forEach(
        (kind, c) -> {
          metrics.contactRequests.labelValues(kind, "ignored").inc(c[6]);
          metrics.contactRequests.labelValues(kind, "unanswered").inc(c[7]);
          out.put(
              kind,
              new ContactRequestFigures(
                  c[0],
                  c[1],
                  c[2],
                  c[3],
                  c[4],
                  c[5],
                  c[6],
                  c[7],
                  c[8],
                  c[9],
                  c[0] == 0 ? null : Math.round(1e6 * (c[4] + c[5] + c[6]) / c[0]) / 1e6,
                  roundTrips.summary(kind),
                  deliveries.summary(kind)));
        });
    return out;
  }

  /** Requests of this shard, for logs. */
  public int planned() {
    return byText.size();
  }

  static List<String> kinds(Map<String, ContactRequestFigures> figures) {
    return new ArrayList<>(figures.keySet());
  }
}

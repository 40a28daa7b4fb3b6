package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import lombok.Data;

/**
 * status-backend features that status-go lets a client switch. The defaults isolate one-to-one and
 * private group chats as far as status-go allows: every switchable Waku-using feature is off.
 *
 * <p>What has no switch, and so is not here (reports state it instead):
 *
 * <ul>
 *   <li>Communities: no status-go setting or request field turns them off, and a relay (desktop)
 *       client always subscribes to the Communities shard /waku/2/rs/16/64 (protocol/messenger.go
 *       InitFilters @ c72f4913; pkg/messaging/waku/gowaku.go setupRelaySubscriptions @ 0bf5bfe4).
 *       The load generator never creates or joins a community.
 *   <li>Store confirmation of sent messages: status-go forces it on for relay (desktop) and off for
 *       light (mobile) clients whatever wakuV2EnableStoreConfirmationForMessagesSent says
 *       (wakuv2/waku.go New @ c72f4913; pkg/messaging/waku/gowaku.go New @ 0bf5bfe4).
 *   <li>Telemetry: status-go sends it only to a telemetry server URL it is given (api/defaults.go @
 *       c72f4913; the newer CreateAccount has no telemetry field), and chatnet gives none.
 *   <li>Push-notification queries: switched off at run time only by RPC
 *       wakuext_disableSendingNotifications (services/ext/api.go @ c72f4913), which could not be
 *       verified in the newer status-backend build; they stay at status-go's default (on).
 * </ul>
 */
@Data
public class Features {
  @JsonPropertyDescription(
      "Settings backup over Waku: the client's setting backup-enabled? (status-go's backup loop"
          + " runs only when it is true).")
  @Default("false")
  private boolean backup;

  @JsonPropertyDescription(
      "Peer syncing: the client's setting peer-syncing-enabled? (datasync offers of chat messages"
          + " to peers). Device pairing needs no switch: each client is a fresh account with one"
          + " installation, and status-go syncs to other devices only when a second installation"
          + " is paired and enabled.")
  @Default("false")
  private boolean pairing;

  @JsonPropertyDescription(
      "Community history archives over torrent (CreateAccountAndLogin's TorrentConfigEnabled).")
  @Default("false")
  private boolean historyArchives;

  @JsonPropertyDescription(
      "Status broadcasts: the client's setting send-status-updates? (status-go publishes the"
          + " user's online status 5 s after start and every 5 minutes while it is true, its"
          + " default).")
  @Default("false")
  private boolean statusUpdates;

  @JsonPropertyDescription(
      "Missing message verification through store queries"
          + " (wakuV2EnableMissingMessageVerification).")
  @Default("true")
  private boolean missingMessageVerification = true;
}

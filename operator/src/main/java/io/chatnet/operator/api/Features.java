package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/**
 * status-backend features. The defaults isolate one-to-one and private group chats: every other
 * Waku-using feature is off, so bandwidth and delivery figures measure chats alone. Telemetry has
 * no switch: status-go sends it only to a telemetry server URL it is given (status-go c72f4913
 * api/defaults.go, wakuv2/waku.go; the newer CreateAccount has no telemetry field), and chatnet
 * gives none.
 */
public class Features {
  @JsonPropertyDescription(
      "Communities. status-go has no switch to turn them off; when false the load generator"
          + " never creates or joins one, and reports say so.")
  @Default("false")
  private boolean communities;

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
      "Store confirmation of sent messages" + " (wakuV2EnableStoreConfirmationForMessagesSent).")
  @Default("true")
  private boolean storeConfirmation = true;

  @JsonPropertyDescription(
      "Missing message verification through store queries"
          + " (wakuV2EnableMissingMessageVerification).")
  @Default("true")
  private boolean missingMessageVerification = true;

  public boolean isCommunities() {
    return communities;
  }

  public void setCommunities(boolean communities) {
    this.communities = communities;
  }

  public boolean isBackup() {
    return backup;
  }

  public void setBackup(boolean backup) {
    this.backup = backup;
  }

  public boolean isPairing() {
    return pairing;
  }

  public void setPairing(boolean pairing) {
    this.pairing = pairing;
  }

  public boolean isHistoryArchives() {
    return historyArchives;
  }

  public void setHistoryArchives(boolean historyArchives) {
    this.historyArchives = historyArchives;
  }

  public boolean isStoreConfirmation() {
    return storeConfirmation;
  }

  public void setStoreConfirmation(boolean storeConfirmation) {
    this.storeConfirmation = storeConfirmation;
  }

  public boolean isMissingMessageVerification() {
    return missingMessageVerification;
  }

  public void setMissingMessageVerification(boolean missingMessageVerification) {
    this.missingMessageVerification = missingMessageVerification;
  }
}

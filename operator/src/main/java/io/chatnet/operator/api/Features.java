package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/**
 * status-backend features. The defaults isolate one-to-one and private group chats: every other
 * Waku-using feature is off, so bandwidth and delivery figures measure chats alone.
 */
public class Features {
  @JsonPropertyDescription(
      "Communities. status-go has no switch to turn them off; when false the load generator"
          + " never creates or joins one, and reports say so.")
  @Default("false")
  private boolean communities;

  @JsonPropertyDescription("Settings backup over Waku (setting backup-enabled?).")
  @Default("false")
  private boolean backup;

  @JsonPropertyDescription(
      "Device pairing and sync (settings peer-syncing-enabled?, and installations disabled).")
  @Default("false")
  private boolean pairing;

  @JsonPropertyDescription("Community history archives over torrent (TorrentConfigEnabled).")
  @Default("false")
  private boolean historyArchives;

  @JsonPropertyDescription("Telemetry to a telemetry server (telemetry URL set).")
  @Default("false")
  private boolean telemetry;

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

  public boolean isTelemetry() {
    return telemetry;
  }

  public void setTelemetry(boolean telemetry) {
    this.telemetry = telemetry;
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

package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The kinds of load; any combination. */
public class ExperimentTraffic {
  @JsonPropertyDescription("One-to-one chats between pairs of clients.")
  private OneToOneTraffic oneToOne;

  @JsonPropertyDescription("Private group chats.")
  private PrivateGroupTraffic privateGroups;

  @JsonPropertyDescription("Raw Waku relay messages published to nwaku REST (no clients needed).")
  private RelayTraffic relay;

  public OneToOneTraffic getOneToOne() {
    return oneToOne;
  }

  public void setOneToOne(OneToOneTraffic oneToOne) {
    this.oneToOne = oneToOne;
  }

  public PrivateGroupTraffic getPrivateGroups() {
    return privateGroups;
  }

  public void setPrivateGroups(PrivateGroupTraffic privateGroups) {
    this.privateGroups = privateGroups;
  }

  public RelayTraffic getRelay() {
    return relay;
  }

  public void setRelay(RelayTraffic relay) {
    this.relay = relay;
  }
}

package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A group's role. nwaku groups are bootstrap, relay or service nodes; status-backend groups are
 * desktop (relay) or mobile (light client) clients. The role fixes the start order: bootstrap
 * first, then relay and service nodes, then clients.
 */
public enum GroupRole {
  @JsonProperty("bootstrap")
  BOOTSTRAP(GroupKind.NWAKU, 0),
  @JsonProperty("relay")
  RELAY(GroupKind.NWAKU, 1),
  @JsonProperty("service")
  SERVICE(GroupKind.NWAKU, 1),
  @JsonProperty("desktop")
  DESKTOP(GroupKind.STATUS_BACKEND, 2),
  @JsonProperty("mobile")
  MOBILE(GroupKind.STATUS_BACKEND, 2);

  private final GroupKind kind;
  private final int stage;

  GroupRole(GroupKind kind, int stage) {
    this.kind = kind;
    this.stage = stage;
  }

  /** The kind of group this role belongs to. */
  public GroupKind kind() {
    return kind;
  }

  /** Start stage: a group starts once every group of a lower stage is ready. */
  public int stage() {
    return stage;
  }

  /** The role as written in manifests and labels. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

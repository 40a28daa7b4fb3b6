package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a group's pods run. */
public enum GroupKind {
  /** The Waku node (nwaku, or its successor logos-delivery). */
  @JsonProperty("nwaku")
  NWAKU,
  /** status-go's headless chat client, driven over HTTP by the load generator. */
  @JsonProperty("status-backend")
  STATUS_BACKEND
}

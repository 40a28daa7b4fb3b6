package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** The protocols a service node serves to light clients and to the rest of the network. */
public class ServiceProtocols {
  @JsonPropertyDescription("Store: keeps history for clients that were offline (--store).")
  @Default("true")
  private boolean store = true;

  @JsonPropertyDescription("Filter: pushes matching messages to light clients (--filter).")
  @Default("true")
  private boolean filter = true;

  @JsonPropertyDescription("Lightpush: publishes on behalf of light clients (--lightpush).")
  @Default("true")
  private boolean lightpush = true;

  @JsonPropertyDescription("Peer exchange: hands peers to light clients (--peer-exchange).")
  @Default("true")
  private boolean peerExchange = true;

  public boolean isStore() {
    return store;
  }

  public void setStore(boolean store) {
    this.store = store;
  }

  public boolean isFilter() {
    return filter;
  }

  public void setFilter(boolean filter) {
    this.filter = filter;
  }

  public boolean isLightpush() {
    return lightpush;
  }

  public void setLightpush(boolean lightpush) {
    this.lightpush = lightpush;
  }

  public boolean isPeerExchange() {
    return peerExchange;
  }

  public void setPeerExchange(boolean peerExchange) {
    this.peerExchange = peerExchange;
  }
}

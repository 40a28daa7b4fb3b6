package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** Pairs of clients chatting one-to-one; each side sends at the given Poisson rate. */
public class OneToOneTraffic {
  @JsonPropertyDescription("Number of chatting pairs (each client is in at most one pair).")
  @Required
  @Min(1)
  @Max(50000)
  private int pairs;

  @JsonPropertyDescription("Messages per minute each side of a pair sends (Poisson arrivals).")
  @Required
  @Min(0.001)
  @Max(6000)
  private double messagesPerMinute;

  @JsonPropertyDescription("Message text size in bytes.")
  @Min(64)
  @Max(65536)
  @Default("256")
  private int payloadBytes = 256;

  public int getPairs() {
    return pairs;
  }

  public void setPairs(int pairs) {
    this.pairs = pairs;
  }

  public double getMessagesPerMinute() {
    return messagesPerMinute;
  }

  public void setMessagesPerMinute(double messagesPerMinute) {
    this.messagesPerMinute = messagesPerMinute;
  }

  public int getPayloadBytes() {
    return payloadBytes;
  }

  public void setPayloadBytes(int payloadBytes) {
    this.payloadBytes = payloadBytes;
  }
}

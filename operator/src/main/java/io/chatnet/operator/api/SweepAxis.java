package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import lombok.Data;

/**
 * One axis of a sweep: what it varies and the values it takes, in order. Numeric axes take {@code
 * values}, the traffic axis takes {@code kinds}.
 */
@ValidationRule(
    value =
        "self.name == 'traffic' ? has(self.kinds) && !has(self.values) : has(self.values) &&"
            + " !has(self.kinds)",
    message = "the traffic axis takes kinds, every other axis takes values (and not kinds)")
@ValidationRule(
    value = "!has(self.values) || self.values.all(v, self.values.exists_one(w, w == v))",
    message = "an axis takes each value once",
    fieldPath = ".values")
@ValidationRule(
    value = "!has(self.kinds) || self.kinds.all(v, self.kinds.exists_one(w, w == v))",
    message = "an axis takes each kind once",
    fieldPath = ".kinds")
@ValidationRule(
    value =
        "self.name != 'users' || !has(self.values) || self.values.all(v, v >= 2.0 && v <="
            + " 100000.0 && double(int(v)) == v)",
    message = "users values must be whole numbers from 2 to 100000",
    fieldPath = ".values")
@ValidationRule(
    value =
        "self.name != 'messagesPerMinute' || !has(self.values) || self.values.all(v, v > 0.0"
            + " && v <= 6000.0)",
    message = "messagesPerMinute values must be above 0 and at most 6000 (as the traffic's)",
    fieldPath = ".values")
@ValidationRule(
    value =
        "self.name != 'groupSize' || !has(self.values) || self.values.all(v, v >= 2.0 && v <="
            + " 256.0 && double(int(v)) == v)",
    message = "groupSize values must be whole numbers from 2 to 256 (as membersPerGroup)",
    fieldPath = ".values")
@ValidationRule(
    value =
        "self.name != 'lightClientShare' || !has(self.values) || self.values.all(v, v >= 0.0"
            + " && v <= 1.0)",
    message = "lightClientShare values are fractions of the clients, from 0 to 1",
    fieldPath = ".values")
@ValidationRule(
    value =
        "self.name != 'rlnUserMessageLimit' || !has(self.values) || self.values.all(v, v >= 20.0"
            + " && v <= 600.0 && double(int(v)) == v)",
    message =
        "rlnUserMessageLimit values must be whole numbers from 20 to 600 (the contract's"
            + " per-membership range, as spec.rln.userMessageLimit)",
    fieldPath = ".values")
@Data
public class SweepAxis {
  @JsonPropertyDescription(
      "What the axis varies: users (status-backend clients), messagesPerMinute (per client),"
          + " traffic (oneToOne or privateGroups), groupSize (members per private group),"
          + " lightClientShare (fraction of the clients that are mobile light clients) or"
          + " rlnUserMessageLimit (the network's spec.rln.userMessageLimit, 20 to 600; needs"
          + " spec.network.rln.enabled, and each value runs on a new network).")
  @Required
  private SweepAxisName name;

  @JsonPropertyDescription(
      "The values of a numeric axis, in the order the points take them (1 to 20 distinct).")
  @Size(min = 1, max = 20)
  private List<Double> values;

  @JsonPropertyDescription("The values of the traffic axis: oneToOne, privateGroups.")
  @Size(min = 1, max = 2)
  private List<SweepTrafficKind> kinds;
}

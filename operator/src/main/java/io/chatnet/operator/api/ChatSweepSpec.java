package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/**
 * A sweep: a base network and experiment, and the axes whose cartesian product gives the points
 * (the first axis varies slowest, the last fastest).
 */
@ValidationRule(
    value = "self.axes.all(a, self.axes.exists_one(b, b.name == a.name))",
    message = "an axis may appear only once in axes",
    fieldPath = ".axes")
@ValidationRule(
    value = ChatSweepSpec.POINT_COUNT + " <= " + ChatSweepSpec.MAX_POINTS,
    message =
        "axes make more than "
            + ChatSweepSpec.MAX_POINTS
            + " points (the product of the axes' value counts): each point is a whole experiment;"
            + " split the sweep",
    fieldPath = ".axes")
@ValidationRule(
    value = "has(self.experiment.traffic.oneToOne) != has(self.experiment.traffic.privateGroups)",
    message =
        "a sweep's base experiment has exactly one of traffic.oneToOne and traffic.privateGroups"
            + " (the traffic axis switches between them)",
    fieldPath = ".experiment.traffic")
@ValidationRule(
    value =
        "!self.axes.exists(a, a.name == 'rlnUserMessageLimit') || (has(self.network.rln) &&"
            + " has(self.network.rln.enabled) && self.network.rln.enabled)",
    message =
        "an rlnUserMessageLimit axis needs RLN on the base network: set"
            + " spec.network.rln.enabled: true",
    fieldPath = ".network.rln")
@ValidationRule(
    value = "self == oldSelf",
    message = "a sweep's spec cannot change once created; create a new sweep")
@Data
public class ChatSweepSpec {
  /** The most points one sweep may have: each is a whole experiment of minutes. */
  public static final int MAX_POINTS = 100;

  // The product of the axes' value counts, written out per index (CEL has no fold); axes holds
  // at most 6 entries (one per axis name), so six factors cover every sweep.
  static final String POINT_COUNT =
      "(self.axes.size() > 0 ? (has(self.axes[0].values) ? self.axes[0].values.size() : has(self.axes[0].kinds) ? self.axes[0].kinds.size() : 1) : 1)"
          + " * "
          + "(self.axes.size() > 1 ? (has(self.axes[1].values) ? self.axes[1].values.size() : has(self.axes[1].kinds) ? self.axes[1].kinds.size() : 1) : 1)"
          + " * "
          + "(self.axes.size() > 2 ? (has(self.axes[2].values) ? self.axes[2].values.size() : has(self.axes[2].kinds) ? self.axes[2].kinds.size() : 1) : 1)"
          + " * "
          + "(self.axes.size() > 3 ? (has(self.axes[3].values) ? self.axes[3].values.size() : has(self.axes[3].kinds) ? self.axes[3].kinds.size() : 1) : 1)"
          + " * "
          + "(self.axes.size() > 4 ? (has(self.axes[4].values) ? self.axes[4].values.size() : has(self.axes[4].kinds) ? self.axes[4].kinds.size() : 1) : 1)"
          + " * "
          + "(self.axes.size() > 5 ? (has(self.axes[5].values) ? self.axes[5].values.size() : has(self.axes[5].kinds) ? self.axes[5].kinds.size() : 1) : 1)";

  @JsonPropertyDescription(
      "The base ChatNetwork spec every point starts from; the axes change its client (and, with"
          + " relayNodesPerUser, relay) counts, and rlnUserMessageLimit its spec.rln.userMessageLimit"
          + " (a new network per value). The sweep creates the networks and owns them.")
  @Required
  private ChatNetworkSpec network;

  @JsonPropertyDescription(
      "The base ChatExperiment spec every point starts from (without networkRef: the sweep fills"
          + " it in). It has exactly one of traffic.oneToOne and traffic.privateGroups; the axes set"
          + " its pairs or groups, rate, members and mobile share.")
  @Required
  private ChatExperimentSpec experiment;

  @JsonPropertyDescription(
      "The axes, each at most once; the points are their cartesian product, the first axis varying"
          + " slowest. List axes that change the network's shape first: points run in order and a"
          + " network is replaced only when its shape changes.")
  @Required
  @Size(min = 1, max = 6)
  private List<SweepAxis> axes = new ArrayList<>();

  @JsonPropertyDescription(
      "Relay nodes per client: when set, the network's relay group (exactly one) gets ceil(users x"
          + " relayNodesPerUser) replicas at each point; unset, relay groups keep the base's count.")
  @Min(value = 0, inclusive = false)
  @Max(10)
  private Double relayNodesPerUser;
}

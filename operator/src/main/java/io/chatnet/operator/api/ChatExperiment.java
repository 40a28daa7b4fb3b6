package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A load experiment on a ChatNetwork: load generator Jobs that start at one instant, drive chat
 * traffic for a warm-up and a measured window, and report figures and a verdict.
 */
@Group(ChatNetwork.GROUP)
@Version(ChatNetwork.VERSION)
@ShortNames("cexp")
@AdditionalPrinterColumn(
    name = "Network",
    jsonPath = ".spec.networkRef.name",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "The ChatNetwork the experiment runs on")
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "Pending, WaitingForNetwork, Preparing, Running, Analyzing, Succeeded, Failed")
@AdditionalPrinterColumn(
    name = "Verdict",
    jsonPath = ".status.verdict.result",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "Passed or Failed against the criteria")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(
    value = "self.metadata.name.size() <= " + NameRules.EXPERIMENT_NAME_MAX,
    message =
        "metadata.name: a ChatExperiment name is at most 51 characters: its load generator Job"
            + " <experiment>-loadgen gives its pods the host names <experiment>-loadgen-<index>"
            + " (index up to 255), which must be DNS labels of at most 63 characters")
@ValidationRule(
    value = "self.metadata.name.matches('" + NameRules.RFC1123_LABEL + "')",
    message =
        "metadata.name: a ChatExperiment name must contain only lowercase letters, digits and"
            + " hyphens (no dots) and start and end with a letter or digit: its load generator"
            + " Job gives its pods the host names <experiment>-loadgen-<index>, which must be DNS"
            + " labels",
    messageExpression =
        "'metadata.name: ' + self.metadata.name + ' cannot name the children of the experiment:"
            + " a ChatExperiment name must contain only lowercase letters, digits and hyphens (no"
            + " dots) and start and end with a letter or digit, because its load generator Job"
            + " gives its pods the host names <experiment>-loadgen-<index>, which must be DNS"
            + " labels'")
public class ChatExperiment extends CustomResource<ChatExperimentSpec, ChatExperimentStatus>
    implements Namespaced {
  @Override
  @Required
  @JsonPropertyDescription(
      "What to run on a network: chat and relay load, mobile behaviours, faults, the warm-up and measured window, the load generator shards and the pass/fail criteria. Immutable once created.")
  public ChatExperimentSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "Phase, the start instant, shard progress, results per traffic kind and the verdict.")
  public ChatExperimentStatus getStatus() {
    return super.getStatus();
  }

  @Override
  protected ChatExperimentStatus initStatus() {
    return new ChatExperimentStatus();
  }
}

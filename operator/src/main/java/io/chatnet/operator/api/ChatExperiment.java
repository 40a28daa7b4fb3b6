package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
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
public class ChatExperiment extends CustomResource<ChatExperimentSpec, ChatExperimentStatus>
    implements Namespaced {
  @Override
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

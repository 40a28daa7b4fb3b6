package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.SchemaSwap;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A sweep: the points of a few axes (users, message rate, traffic kind, group size, light-client
 * share) run one after another as ChatExperiments on a network the sweep owns, and a capacity model
 * fitted from their reports.
 */
@Group(ChatNetwork.GROUP)
@Version(ChatNetwork.VERSION)
@ShortNames("csweep")
// The base experiment's networkRef is the sweep's to fill in: it is left out of the schema.
@SchemaSwap(
    originalType = ChatExperimentSpec.class,
    fieldName = "networkRef",
    targetType = void.class)
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "Pending, Running, Succeeded or Failed")
@AdditionalPrinterColumn(
    name = "Points",
    jsonPath = ".status.progress",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "Points done over points total")
@AdditionalPrinterColumn(
    name = "Current",
    jsonPath = ".status.currentPoint",
    type = AdditionalPrinterColumn.Type.INTEGER,
    getDescription = "The point running now")
@AdditionalPrinterColumn(
    name = "Failed",
    jsonPath = ".status.pointsFailed",
    type = AdditionalPrinterColumn.Type.INTEGER,
    getDescription = "Points whose experiment failed")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(
    value = "self.metadata.name.size() <= " + NameRules.SWEEP_NAME_MAX,
    message =
        "metadata.name: a ChatSweep name is at most 25 characters: its networks are named"
            + " <sweep>-n<k> (k up to 100), and a ChatNetwork name is at most 30")
@ValidationRule(
    value = "self.metadata.name.matches('" + NameRules.RFC1035_LABEL + "')",
    message =
        "metadata.name: a ChatSweep name must start with a lowercase letter, contain only"
            + " lowercase letters, digits and hyphens and end with a letter or digit: it names its"
            + " ChatNetworks <sweep>-n<k>")
public class ChatSweep extends CustomResource<ChatSweepSpec, ChatSweepStatus>
    implements Namespaced {
  @Override
  @Required
  @JsonPropertyDescription(
      "The base network and experiment and the axes whose cartesian product are the points."
          + " Immutable once created.")
  public ChatSweepSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "Phase, progress, the current point, every point's experiment and outcome, the report.")
  public ChatSweepStatus getStatus() {
    return super.getStatus();
  }

  @Override
  protected ChatSweepStatus initStatus() {
    return new ChatSweepStatus();
  }
}

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
 * A private-chat test network: nwaku nodes (bootstrap, relay, service) and status-backend clients
 * (desktop, mobile), reconciled into one StatefulSet and one headless Service per group.
 */
@Group(ChatNetwork.GROUP)
@Version(ChatNetwork.VERSION)
@ShortNames("cnet")
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "Pending, Provisioning, Ready, Degraded or Failed")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.ready",
    type = AdditionalPrinterColumn.Type.STRING,
    getDescription = "Ready pods over desired pods, e.g. 998/1000")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(
    value = "self.metadata.name.size() <= " + NameRules.NETWORK_NAME_MAX,
    message =
        "metadata.name: a ChatNetwork name is at most 30 characters, so that each group's"
            + " StatefulSet <network>-<group> stays within 52 characters (the StatefulSet"
            + " controller labels pods controller-revision-hash=<statefulset>-<hash>, at most 63)"
            + " and pod names <network>-<group>-<ordinal> stay valid DNS labels")
@ValidationRule(
    value = "self.metadata.name.matches('" + NameRules.RFC1035_LABEL + "')",
    message =
        "metadata.name: a ChatNetwork name must start with a lowercase letter, contain only"
            + " lowercase letters, digits and hyphens (no dots) and end with a letter or digit: each"
            + " group's headless Service is named <network>-<group>, and a Service name is an RFC"
            + " 1035 label",
    messageExpression =
        "'metadata.name: ' + self.metadata.name + ' cannot name the children of the network: a"
            + " ChatNetwork name must start with a lowercase letter, contain only lowercase letters,"
            + " digits and hyphens (no dots) and end with a letter or digit, because each group"
            + " gets a headless Service <network>-<group> and a Service name is an RFC 1035"
            + " label'")
public class ChatNetwork extends CustomResource<ChatNetworkSpec, ChatNetworkStatus>
    implements Namespaced {
  public static final String GROUP = "chatnet.io";
  public static final String VERSION = "v1alpha1";

  @Override
  @Required
  @JsonPropertyDescription(
      "The desired network: Waku cluster and shards, the seed every identity derives from, groups of nwaku nodes and status-backend clients, discovery, and status-backend features.")
  public ChatNetworkSpec getSpec() {
    return super.getSpec();
  }

  @Override
  @JsonPropertyDescription(
      "What the operator observed: phase, ready pods per group, bootstrap ENRs, conditions.")
  public ChatNetworkStatus getStatus() {
    return super.getStatus();
  }

  @Override
  protected ChatNetworkStatus initStatus() {
    return new ChatNetworkStatus();
  }
}

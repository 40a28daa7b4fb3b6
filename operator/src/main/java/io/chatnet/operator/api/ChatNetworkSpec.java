package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;
import lombok.ToString;

/** The desired network: its Waku cluster, its groups of nodes and clients, and how they connect. */
@ValidationRule(
    value = "self.groups.all(g, self.groups.exists_one(h, h.name == g.name))",
    message = "group names must be unique",
    fieldPath = ".groups")
@ValidationRule(
    value = "self.discovery.mode != 'discv5' || self.groups.exists(g, g.role == 'bootstrap')",
    message = "discovery mode discv5 needs a group with role bootstrap",
    fieldPath = ".discovery.mode")
@ValidationRule(
    value =
        "!self.groups.exists(g, g.role == 'mobile') || self.groups.exists(g, g.role == 'service'"
            + " && g.replicas > 0 && (!has(g.services) || (g.services.store && g.services.filter &&"
            + " g.services.lightpush)))",
    message =
        "mobile (light client) groups need a service group with at least one replica and store,"
            + " filter and lightpush enabled",
    fieldPath = ".groups")
@ValidationRule(
    value =
        "!self.groups.exists(g, g.kind == 'status-backend') || self.groups.exists(g, g.kind =="
            + " 'nwaku' && g.role != 'bootstrap' && g.replicas > 0)",
    message =
        "status-backend clients need a relay or service nwaku group with replicas to connect to",
    fieldPath = ".groups")
@ValidationRule(
    value = "self.shards.all(s, self.shards.exists_one(t, t == s))",
    message = "shards must not repeat",
    fieldPath = ".shards")
// nwaku turns some cluster ids into network presets that override the command line
// (tools/confutils/cli_args.nim toNetworkConf at nwaku v0.37.1-beta and logos-delivery v0.38.1,
// waku/factory/external_config.nim at v0.36.0; presets in waku/factory/networks_config.nim).
@ValidationRule(
    value = "self.clusterId != 1",
    message =
        "clusterId 1 is The Waku Network: every supported nwaku release then applies its preset"
            + " (RLN on chain 59141, autosharding over 8 shards, discv5 with public bootstrap"
            + " nodes) over the operator's flags; use another cluster id (status-go's fleets use"
            + " 16)",
    fieldPath = ".clusterId")
@ValidationRule(
    value =
        "self.clusterId != 2 || !self.groups.exists(g, g.kind == 'nwaku' && has(g.version) &&"
            + " g.version == 'logos-delivery-v0.38.1')",
    message =
        "clusterId 2 is logos.dev: logos-delivery v0.38.1 then applies its preset (autosharding"
            + " over 8 shards, mix, kademlia discovery, public entry nodes) over the operator's"
            + " flags; use another cluster id",
    fieldPath = ".clusterId")
// degree is optional in the schema (Discovery's own rule reports it missing): guarded so that
// these rules report their own message, not "no such key".
@ValidationRule(
    value =
        "self.discovery.mode != 'static' || !has(self.discovery.degree) ||"
            + " self.groups.filter(g, g.kind == 'nwaku').map(g, g.replicas).sum() >"
            + " self.discovery.degree",
    message = "static discovery needs more nwaku nodes than the degree of the graph",
    fieldPath = ".discovery.degree")
@ValidationRule(
    value =
        "self.discovery.mode != 'static' || !has(self.discovery.degree) ||"
            + " (self.groups.filter(g, g.kind == 'nwaku').map(g, g.replicas).sum() *"
            + " self.discovery.degree) % 2 == 0",
    message =
        "static discovery needs an even product of nwaku nodes and degree (a regular graph has"
            + " n*degree/2 edges)",
    fieldPath = ".discovery.degree")
@ValidationRule(
    value =
        "!has(self.rln) || !self.rln.enabled || !self.groups.exists(g, g.kind =="
            + " 'status-backend' && g.role == 'desktop' && g.replicas > 0)",
    message =
        "spec.rln.enabled with desktop (relay-mode) status-backend clients: status-go attaches no"
            + " RLN proof, so every message they publish is rejected by the validators; use mobile"
            + " (light) clients, whose lightpush service nodes attach proofs (docs/rln.md)",
    fieldPath = ".rln.enabled")
@ValidationRule(
    value =
        "!has(self.rln) || !has(self.rln.validatorGroups) || self.rln.validatorGroups.all(n, self.groups.exists(g, g.name == n &&"
            + " g.kind == 'nwaku' && (g.role == 'relay' || (g.role == 'service' &&"
            + " has(g.services) && !g.services.lightpush))))",
    message =
        "spec.rln.validatorGroups names relay groups or service groups without lightpush only"
            + " (lightpush service nodes attach proofs for light clients, so they need a"
            + " membership)",
    fieldPath = ".rln.validatorGroups")
// A publishing group's StatefulSet carries the keystore claim template (rln), and Kubernetes
// refuses any change to a StatefulSet's volumeClaimTemplates: RLN is on or off for the network's
// life.
@ValidationRule(
    value = "(has(self.rln) && self.rln.enabled) == (has(oldSelf.rln) && oldSelf.rln.enabled)",
    message =
        "spec.rln.enabled cannot change after the network is created: publishing groups keep"
            + " their RLN keystore on a volumeClaimTemplate, which a StatefulSet cannot gain or"
            + " lose; delete the network and create it again with the RLN setting it needs",
    fieldPath = ".rln.enabled")
@Data
public class ChatNetworkSpec {
  @JsonPropertyDescription(
      "Waku cluster id (--cluster-id). 16 is what status-go's own fleets use. 1 (The Waku"
          + " Network) and, with logos-delivery v0.38.1 nodes, 2 (logos.dev) are refused: nwaku"
          + " applies those networks' presets over the operator's flags.")
  @Min(0)
  @Max(65535)
  @Default("16")
  private int clusterId = 16;

  @JsonPropertyDescription(
      "Relay shards every nwaku node subscribes to (--shard, one per entry), 0 to 1023.")
  @Size(min = 1, max = 64)
  @Default("[32, 64]")
  private List<@Min(0) @Max(1023) Integer> shards = new ArrayList<>(List.of(32, 64));

  @JsonPropertyDescription(
      "Seed from which node keys, peer ids and random topologies derive: the same seed gives the"
          + " same network. Not a secret in the security sense (test networks only), but keys"
          + " derived from it are kept in Secrets.")
  @Required
  @Size(min = 1, max = 128)
  @Pattern("^[A-Za-z0-9._-]+$")
  // Node keys derive from it: keep it out of logs as the Secrets keep the keys.
  @ToString.Exclude
  private String seed;

  @JsonPropertyDescription(
      "Groups of pods, each one StatefulSet: nwaku bootstrap, relay and service nodes, and"
          + " status-backend desktop and mobile clients.")
  @Required
  @Size(min = 1, max = 32)
  private List<NodeGroup> groups = new ArrayList<>();

  @JsonPropertyDescription("How nwaku nodes discover each other.")
  @Default("{}")
  private Discovery discovery = new Discovery();

  @JsonPropertyDescription(
      "status-backend features that status-go lets a client switch; all off by default so that"
          + " measurements are of one-to-one and private group chats. Communities and store"
          + " confirmation have no switch in status-go: reports state what they did.")
  @Default("{}")
  private Features features = new Features();

  @JsonPropertyDescription(
      "When the network must reach its groups' ready thresholds (see groups[].readyThreshold).")
  private Readiness readiness;

  @JsonPropertyDescription(
      "Checks made before groups are created or pods added: capacity of schedulable nodes,"
          + " ResourceQuotas and the namespace's Pod Security level. A failed check leaves the"
          + " network Pending with condition Preflight=False; skip it here when you know better.")
  @Default("{}")
  private Preflight preflight = new Preflight();

  @JsonPropertyDescription(
      "RLN (rate-limiting nullifiers) on relay: chain, contract, one membership per publishing"
          + " node, and the per-epoch message limit every node enforces. Absent or disabled: no"
          + " RLN. See docs/rln.md.")
  private RlnSpec rln;
}

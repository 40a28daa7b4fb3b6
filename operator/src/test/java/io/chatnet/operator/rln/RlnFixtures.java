package io.chatnet.operator.rln;

import io.chatnet.operator.api.ChatNetwork;
import io.fabric8.kubernetes.client.utils.Serialization;

/** ChatNetworks with RLN for the pure tests, from YAML as a user writes them. */
public final class RlnFixtures {
  static final RlnEndpoints CHAIN =
      new RlnEndpoints(
          "http://net-rln-chain:8545", "0x0165878A594ca255338adfa4d48449f69242Eb8F", 1234);

  private RlnFixtures() {}

  /** bootstrap, relay, a lightpush service group and mobile clients, at {@code version}. */
  public static ChatNetwork network(String version, String rln, String extraGroups) {
    String yaml =
        """
        apiVersion: chatnet.io/v1alpha1
        kind: ChatNetwork
        metadata: {name: net, namespace: ns}
        spec:
          seed: rln-seed
          rln: %s
          groups:
          - {name: boot, kind: nwaku, role: bootstrap, replicas: 1, version: %s}
          - {name: relay, kind: nwaku, role: relay, replicas: 3, version: %s}
          - {name: svc, kind: nwaku, role: service, replicas: 2, version: %s}
          - {name: mob, kind: status-backend, role: mobile, replicas: 4}
        %s"""
            .formatted(rln, version, version, version, extraGroups);
    return Serialization.unmarshal(yaml, ChatNetwork.class);
  }

  public static ChatNetwork network(String rln) {
    return network("nwaku-v0.36.0", rln, "");
  }
}

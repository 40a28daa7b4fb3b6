package io.chatnet.operator.rln;

import io.chatnet.operator.api.ChatNetwork;
import io.fabric8.kubernetes.client.utils.Serialization;

/** ChatNetworks with RLN for the pure tests, from YAML as a user writes them. */
public final class RlnFixtures {
  static final RlnEndpoints CHAIN =
      new RlnEndpoints(
          "http://net-rln-chain:8545", "0x0165878A594ca255338adfa4d48449f69242Eb8F", 1234);

  /** What anvil gives the deployer's scripts on a fresh chain (rln.md section 1). */
  public static final String CONTRACT = "0x0165878A594ca255338adfa4d48449f69242Eb8F";

  public static final String TOKEN = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";

  /** The termination message of a deploy Job that succeeded (RlnDeployJob.SCRIPT's format). */
  public static final String DEPLOY_OUTPUTS =
      "TOKEN_ADDRESS="
          + TOKEN
          + "\nPRICE_CALCULATOR_ADDRESS=0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0\n"
          + "WAKURLNV2_ADDRESS=0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9\n"
          + "RLN_CONTRACT_ADDRESS="
          + CONTRACT
          + "\n";

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

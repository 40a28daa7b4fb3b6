package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.network.NetworkConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the operator makes after admission: limits that depend on derived objects and so cannot be
 * CEL rules. The CRD's schema and rules catch everything else earlier.
 */
final class SpecChecks {
  private SpecChecks() {}

  static List<String> problems(ChatNetwork network, ConfigMap networkConfig) {
    List<String> problems = new ArrayList<>();
    long bytes = NetworkConfigMap.dataBytes(networkConfig);
    if (bytes > NetworkConfigMap.MAX_DATA_BYTES) {
      problems.add(
          "spec.discovery: the network ConfigMap would hold "
              + bytes
              + " bytes (limit "
              + NetworkConfigMap.MAX_DATA_BYTES
              + "); a static topology this large does not fit, use discovery mode discv5 or a"
              + " lower degree");
    }
    return problems;
  }
}

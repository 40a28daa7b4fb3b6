package io.chatnet.operator.rln;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a contract-deploy Job reports: KEY=VALUE lines in its container's termination message
 * (/dev/termination-log), read back from the terminated container of the Job's pod, so addresses
 * reach the next step without guessing nonces and without RBAC for the Job. The kubelet keeps at
 * most {@value #MAX_MESSAGE_BYTES} bytes of a message; one that long may have lost lines and is
 * refused rather than half read. The keys are the env names CON's forge scripts read
 * (waku-rlnv2-contract e75ac913 script/Deploy.s.sol: TOKEN_ADDRESS, PRICE_CALCULATOR_ADDRESS,
 * WAKURLNV2_ADDRESS) and the proxy's, RLN_CONTRACT_ADDRESS, as waku-simulator names it.
 */
public final class RlnDeployOutputs {
  public static final int MAX_MESSAGE_BYTES = 4096;

  public static final List<String> KEYS =
      List.of(
          "TOKEN_ADDRESS", "PRICE_CALCULATOR_ADDRESS", "WAKURLNV2_ADDRESS", "RLN_CONTRACT_ADDRESS");

  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

  /** The addresses found, or the problems (each naming the key), never both. */
  public record Outputs(Map<String, String> addresses, List<String> problems) {
    public boolean complete() {
      return problems.isEmpty();
    }
  }

  private RlnDeployOutputs() {}

  /** The outputs of the terminated container {@code container} of a Job's pod. */
  public static Outputs of(Pod pod, String container) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return failed("pod " + pod.getMetadata().getName() + " has no container status");
    }
    for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
      if (container.equals(status.getName())
          && status.getState() != null
          && status.getState().getTerminated() != null) {
        String message = status.getState().getTerminated().getMessage();
        return parse(message == null ? "" : message);
      }
    }
    return failed(
        "container "
            + container
            + " of pod "
            + pod.getMetadata().getName()
            + " has not terminated");
  }

  public static Outputs parse(String message) {
    if (message.getBytes(StandardCharsets.UTF_8).length >= MAX_MESSAGE_BYTES) {
      return failed(
          "termination message reaches the kubelet's "
              + MAX_MESSAGE_BYTES
              + "-byte cap: may be cut");
    }
    Map<String, String> found = new LinkedHashMap<>();
    for (String line : message.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && KEYS.contains(line.substring(0, eq).trim())) {
        found.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    List<String> problems = new ArrayList<>();
    Map<String, String> addresses = new LinkedHashMap<>();
    for (String key : KEYS) {
      String value = found.get(key);
      if (value == null) {
        problems.add(key + " missing");
      } else if (!ADDRESS.matcher(value).matches()) {
        problems.add(key + " is not an address");
      } else {
        addresses.put(key, value);
      }
    }
    return problems.isEmpty() ? new Outputs(addresses, List.of()) : new Outputs(Map.of(), problems);
  }

  private static Outputs failed(String problem) {
    return new Outputs(Map.of(), List.of(problem));
  }
}

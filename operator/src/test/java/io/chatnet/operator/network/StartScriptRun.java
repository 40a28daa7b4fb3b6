package io.chatnet.operator.network;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.identity.NodeKey;
import io.chatnet.operator.naming.Names;
import io.chatnet.operator.rln.RlnEndpoints;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link NodeStartScript#SCRIPT} with /bin/sh (or -Dchatnet.test.shell) as a pod would, with
 * the group's arguments, its key and the network ConfigMap's files in a temporary directory, and a
 * stand-in binary that prints the command line it was given: the real per-pod flags, not a rewrite
 * of them.
 */
public final class StartScriptRun {
  public static final String RESOLV_CONF =
      "search ns.svc.cluster.local svc.cluster.local cluster.local\n"
          + "nameserver 10.96.0.10\n"
          + "options ndots:5\n";

  private StartScriptRun() {}

  /** Marks the stand-in binary's last line: the node key it got in its environment. */
  private static final String ENV_MARK = "#env-nodekey=";

  /** Marks the RLN keystore password the stand-in found in its environment. */
  private static final String PASSWORD_MARK = "#env-rln-password=";

  /**
   * What the node got: its argv (after the binary), the key and the RLN keystore password in its
   * environment ("" if none).
   */
  public record Run(List<String> argv, String nodeKeyEnv, String rlnPasswordEnv) {}

  /** The node's full argv (after the binary) for pod {@code ordinal} of {@code group}. */
  public static List<String> argv(
      ChatNetwork network, NodeGroup group, int ordinal, ConfigMap config, int peerWaitSeconds) {
    return run(network, group, ordinal, config, peerWaitSeconds).argv();
  }

  /** The start script run for pod {@code ordinal} of {@code group}. */
  public static Run run(
      ChatNetwork network, NodeGroup group, int ordinal, ConfigMap config, int peerWaitSeconds) {
    return run(network, group, ordinal, config, peerWaitSeconds, Optional.empty());
  }

  /**
   * The same for a group of an RLN network bound to {@code chain}: the node's RLN flags and the
   * network's password Secret mounted, as GroupStatefulSet builds them.
   */
  public static Run run(
      ChatNetwork network,
      NodeGroup group,
      int ordinal,
      ConfigMap config,
      int peerWaitSeconds,
      Optional<RlnEndpoints> chain) {
    try {
      Path dir = Files.createTempDirectory("chatnet-start");
      try {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.writeString(
            keys.resolve(String.valueOf(ordinal)),
            NodeKey.derive(network.getSpec().getSeed(), group.getName(), ordinal).privateKeyHex());
        Path net = Files.createDirectories(dir.resolve("network"));
        for (Map.Entry<String, String> file : config.getData().entrySet()) {
          Files.writeString(net.resolve(file.getKey()), file.getValue());
        }
        Path resolv = Files.writeString(dir.resolve("resolv.conf"), RESOLV_CONF);
        Path password = Files.createDirectories(dir.resolve("rln-password"));
        Files.writeString(
            password.resolve(RlnKeystorePassword.KEY),
            RlnKeystorePassword.derive(network.getSpec().getSeed()));
        Path binary = dir.resolve("node");
        // prints its argv, one per line, then the key it found in its environment
        Files.writeString(
            binary,
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n"
                + "printf '"
                + ENV_MARK
                + "%s\\n' \"${"
                + NodeStartScript.NODEKEY_ENV
                + ":-}\"\n"
                + "printf '"
                + PASSWORD_MARK
                + "%s\\n' \"${"
                + RlnKeystorePassword.ENV
                + ":-}\"\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwx------"));
        // -Dchatnet.test.shell="busybox sh" runs it with the release images' shell (busybox ash)
        List<String> command =
            new ArrayList<>(
                List.of(System.getProperty("chatnet.test.shell", "/bin/sh").split(" ")));
        command.addAll(List.of("-c", NodeStartScript.SCRIPT));
        command.add("nwaku");
        command.addAll(NwakuArgs.of(network.getSpec(), group, chain));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        Map<String, String> env = pb.environment();
        env.put("HOSTNAME", Names.pod(network.getMetadata().getName(), group.getName(), ordinal));
        env.put("POD_IP", "10.1.0." + (ordinal % 250 + 1));
        env.put(NodeStartScript.BINARY_ENV, binary.toString());
        env.put("CHATNET_KEYS_DIR", keys.toString());
        env.put("CHATNET_NETWORK_DIR", net.toString());
        env.put("CHATNET_RESOLV_CONF", resolv.toString());
        env.put("CHATNET_RLN_PASSWORD_DIR", password.toString());
        env.put("CHATNET_PEER_WAIT_SECONDS", String.valueOf(peerWaitSeconds));
        Process process = pb.start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
          throw new IllegalStateException("start script failed: " + err);
        }
        List<String> lines = new String(out, StandardCharsets.UTF_8).lines().toList();
        String key = lines.get(lines.size() - 2).substring(ENV_MARK.length());
        String rlnPassword = lines.get(lines.size() - 1).substring(PASSWORD_MARK.length());
        return new Run(lines.subList(0, lines.size() - 2), key, rlnPassword);
      } finally {
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

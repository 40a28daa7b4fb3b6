package io.chatnet.operator.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.identity.EthAccount;
import io.chatnet.operator.rln.RlnArgs;
import io.chatnet.operator.rln.RlnFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keystore init container's script run with /bin/sh (or -Dchatnet.test.shell) as in a pod, with
 * the group's Secrets as files and a stand-in {@code wakunode} that records what it was given and
 * writes a keystore where --rln-relay-cred-path points, as generateRlnKeystore does after the
 * registration is mined.
 */
class RlnKeystoreInitTest {
  static final ChatNetwork NETWORK = RlnFixtures.network("{enabled: true, userMessageLimit: 20}");

  @TempDir Path dir;

  record Result(int exit, String out, List<String> toolCalls) {}

  /** Runs the script as pod {@code ordinal} of relay; the stand-in exits {@code toolExit}. */
  Result run(int ordinal, int toolExit) throws IOException, InterruptedException {
    String seed = NETWORK.getSpec().getSeed();
    Path accounts = Files.createDirectories(dir.resolve("accounts"));
    for (int i = 0; i < 3; i++) {
      Files.writeString(
          accounts.resolve(String.valueOf(i)), EthAccount.derive(seed, "relay", i).privateKeyHex());
    }
    Path password = Files.createDirectories(dir.resolve("password"));
    Files.writeString(password.resolve(RlnKeystorePassword.KEY), RlnKeystorePassword.derive(seed));
    Files.createDirectories(dir.resolve("rln"));
    Path calls = dir.resolve("calls");
    Path tool = dir.resolve("wakunode");
    // one line per call: argv, then the key and password found in the environment
    Files.writeString(
        tool,
        """
        #!/bin/sh
        { printf '%s ' "$@"; printf '| key=%s password=%s\\n' "$KEY_ENV" "$PW_ENV"; } >> "$CALLS"
        for a in "$@"; do
          case "$a" in --rln-relay-cred-path=*) [ "$EXIT" != 0 ] || echo '{"credentials":{}}' > "${a#*=}" ;; esac
        done
        exit "$EXIT"
        """
            .replace("$KEY_ENV", "$" + RlnKeystoreInit.PRIVATE_KEY_ENV)
            .replace("$PW_ENV", "$" + RlnKeystorePassword.ENV));
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
    List<String> command =
        new ArrayList<>(List.of(System.getProperty("chatnet.test.shell", "/bin/sh").split(" ")));
    command.addAll(List.of("-c", RlnKeystoreInit.SCRIPT, "rln-keystore"));
    // the manifest's arguments, the keystore moved into the temporary directory
    for (String arg : RlnArgs.keystoreTool(NETWORK.getSpec().getRln(), RlnGroupPodsTest.CHAIN)) {
      command.add(arg.replace(RlnArgs.KEYSTORE_DIR + "/", dir.resolve("rln") + "/"));
    }
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("HOSTNAME", "net-relay-" + ordinal);
    pb.environment().put(NodeStartScript.BINARY_ENV, tool.toString());
    pb.environment().put("CHATNET_RLN_ACCOUNTS_DIR", accounts.toString());
    pb.environment().put("CHATNET_RLN_PASSWORD_DIR", password.toString());
    pb.environment().put("CALLS", calls.toString());
    pb.environment().put("EXIT", String.valueOf(toolExit));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> lines = Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    return new Result(p.exitValue(), out, lines);
  }

  Path keystore() {
    return dir.resolve("rln").resolve("keystore.json");
  }

  @Test
  void registersOnceWithThePodsAccountAndThePasswordInTheEnvironment() throws Exception {
    Result first = run(2, 0);
    assertThat(first.exit()).as(first.out()).isZero();
    assertThat(keystore()).exists().isNotEmptyFile();
    assertThat(dir.resolve("rln").resolve("keystore.json.partial")).doesNotExist();
    assertThat(first.toolCalls()).hasSize(1);
    String call = first.toolCalls().get(0);
    String seed = NETWORK.getSpec().getSeed();
    String key = EthAccount.derive(seed, "relay", 2).privateKeyHex();
    String argv = call.substring(0, call.indexOf(" | "));
    assertThat(argv)
        .startsWith("generateRlnKeystore ")
        .contains("--execute", "--rln-relay-user-message-limit=20")
        .contains("--rln-relay-cred-path=" + keystore() + ".partial")
        .doesNotContain(key)
        .doesNotContain("password");
    assertThat(call).endsWith(" | key=" + key + " password=" + RlnKeystorePassword.derive(seed));

    // a restarted pod finds its keystore and never calls the tool (never registers) again
    Result again = run(2, 0);
    assertThat(again.exit()).as(again.out()).isZero();
    assertThat(again.toolCalls()).hasSize(1);
    assertThat(again.out()).contains("already registered");
  }

  @Test
  void aFailedRegistrationFailsThePodAndLeavesNoKeystore() throws Exception {
    Result failed = run(0, 1);
    assertThat(failed.exit()).isNotZero();
    assertThat(keystore()).doesNotExist();
    // the next attempt calls the tool again
    Result retry = run(0, 0);
    assertThat(retry.exit()).as(retry.out()).isZero();
    assertThat(retry.toolCalls()).hasSize(2);
    assertThat(keystore()).isNotEmptyFile();
  }

  @Test
  void aCredentialWrittenBeforeThePodWasKilledIsKeptNotRegisteredAgain() throws Exception {
    Files.createDirectories(dir.resolve("rln"));
    Files.writeString(dir.resolve("rln").resolve("keystore.json.partial"), "{\"credentials\":{}}");
    Result result = run(1, 0);
    assertThat(result.exit()).as(result.out()).isZero();
    assertThat(result.toolCalls()).isEmpty();
    assertThat(keystore()).hasContent("{\"credentials\":{}}");
  }
}

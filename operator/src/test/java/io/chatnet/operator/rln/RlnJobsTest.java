package io.chatnet.operator.rln;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.identity.EthAccount;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy and funding Jobs: pinned images, keys only through Secrets, a locked-down container
 * that reports through its termination message, and scripts that do what the step expects of them
 * (run here with stand-in forge and cast on PATH).
 */
class RlnJobsTest {
  static final String CONTRACT = "0x0165878A594ca255338adfa4d48449f69242Eb8F";
  static final String TOKEN = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
  final ChatNetwork network = RlnFixtures.network("{enabled: true}");

  static void assertLockedDown(Job job) {
    assertThat(job.getSpec().getBackoffLimit()).isEqualTo(1);
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isPositive();
    var pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    Container c = pod.getContainers().get(0);
    assertThat(c.getName()).isEqualTo(RlnJobs.CONTAINER);
    assertThat(c.getImage()).doesNotEndWith(":latest").contains(":");
    assertThat(c.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
    assertThat(c.getTerminationMessagePolicy()).isEqualTo("File");
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    EnvVar key =
        c.getEnv().stream()
            .filter(e -> e.getName().equals(RlnJobs.DEPLOYER_KEY))
            .findFirst()
            .orElseThrow();
    assertThat(key.getValue()).isNull();
    assertThat(key.getValueFrom().getSecretKeyRef().getName()).isEqualTo("net-rln-deployer");
    String json = Serialization.asJson(job);
    assertThat(json).doesNotContain(RlnJobs.ANVIL_ACCOUNT_0_KEY.substring(2));
    assertThat(job.getMetadata().getLabels()).containsKey(RlnJobs.RLN_LABEL);
  }

  @Test
  void theDeployJobRunsThePinnedContractImageLockedDown() {
    Job job = RlnDeployJob.build(network);
    assertLockedDown(job);
    assertThat(job.getMetadata().getName()).isEqualTo("net-rln-deploy");
    Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getImage()).isEqualTo("chatnet/rln-deploy:e75ac913");
    assertThat(c.getWorkingDir()).isEqualTo("/contract");
    assertThat(c.getEnv()).contains(RlnJobs.env("RPC_URL", "http://net-rln-chain:8545"));
    ChatNetwork pinned =
        RlnFixtures.network(
            "{enabled: true, contract: logos-rlnv2-contract-b560521a, deployImage: 'r.example/d@sha256:ab'}");
    assertThat(RlnDeployJob.image(pinned.getSpec().getRln())).isEqualTo("r.example/d@sha256:ab");
    assertThat(
            RlnDeployJob.image(
                RlnFixtures.network("{enabled: true, contract: logos-rlnv2-contract-b560521a}")
                    .getSpec()
                    .getRln()))
        .isEqualTo("chatnet/rln-deploy:b560521a");
  }

  @Test
  void theDeployerKeyLivesInASecretOfTheNetwork() {
    var secret = RlnJobs.deployerSecret(network);
    assertThat(secret.getMetadata().getName()).isEqualTo("net-rln-deployer");
    String key =
        new String(
            java.util.Base64.getDecoder().decode(secret.getData().get(RlnJobs.DEPLOYER_KEY)),
            StandardCharsets.US_ASCII);
    // anvil's account 0 (known answer in rln.md section 1)
    assertThat(EthAccount.fromPrivateKeyHex(key).address())
        .isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  }

  @Test
  void aFundingJobIsNamedByItsRangeMountsTheGroupsKeysAndCarriesNone() {
    RlnFundingJob.Round round = new RlnFundingJob.Round("relay", 100, 104);
    Job job =
        RlnFundingJob.build(
            network,
            round,
            new RlnEndpoints("http://net-rln-chain:8545", CONTRACT, 1234),
            TOKEN,
            List.of("net-relay-rln-1"));
    assertLockedDown(job);
    assertThat(job.getMetadata().getName()).isEqualTo("net-rln-fund-relay-100-104");
    assertThat(job.getMetadata().getAnnotations())
        .containsEntry(RlnJobs.FROM_ANNOTATION, "100")
        .containsEntry(RlnJobs.TO_ANNOTATION, "104");
    var pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getVolumes())
        .anySatisfy(
            v -> {
              assertThat(v.getSecret().getSecretName()).isEqualTo("net-relay-rln-1");
              assertThat(v.getSecret().getDefaultMode()).isEqualTo(0440);
            });
    Map<String, String> env =
        pod.getContainers().get(0).getEnv().stream()
            .filter(e -> e.getValue() != null)
            .collect(java.util.stream.Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    assertThat(env)
        .containsEntry("DEPOSIT_WEI", "1000000000000000000") // 20 x 0.05 TST
        .containsEntry("TOKEN_ADDRESS", TOKEN)
        .containsEntry("RLN_CONTRACT_ADDRESS", CONTRACT);
    String json = Serialization.asJson(job);
    for (int ordinal = 100; ordinal <= 104; ordinal++) {
      assertThat(json)
          .doesNotContain(
              EthAccount.derive("rln-seed", "relay", ordinal).privateKeyHex().substring(2));
    }
  }

  @Test
  void longNamesStayWithinTheLabelLimit() {
    ChatNetwork longNet = RlnFixtures.network("{enabled: true}");
    longNet.getMetadata().setName("n".repeat(30));
    String name =
        RlnFundingJob.name(longNet, new RlnFundingJob.Round("g".repeat(20), 10000, 99999));
    assertThat(name).hasSizeLessThanOrEqualTo(63).endsWith("-10000-99999");
    assertThat(name)
        .isNotEqualTo(
            RlnFundingJob.name(longNet, new RlnFundingJob.Round("h".repeat(20), 10000, 99999)));
  }

  // ---- the scripts, run with stand-in forge and cast

  static Path fakeBin(Path dir, String name, String body) throws IOException {
    Path bin = dir.resolve("bin");
    Files.createDirectories(bin);
    Path f = bin.resolve(name);
    Files.writeString(f, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  static int run(Path dir, String script, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).directory(dir.toFile());
    pb.environment().putAll(env);
    pb.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  @Test
  void theDeployScriptReportsTheFourAddressesForgePrints(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("calls");
    // forge prints its return values as "0: <type> <address>" (one per script)
    fakeBin(
        dir,
        "forge",
        """
        echo "forge $*" >> %s
        case "$*" in
          *DeployTokenWithProxy*) echo "== Return =="; echo "0: address 0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";;
          *DeployPriceCalculator*) echo "0: address 0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";;
          *DeployWakuRlnV2*) echo "0: contract WakuRlnV2 0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9";;
          *DeployProxy*) [ "$WAKURLNV2_ADDRESS" = 0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9 ] || exit 3
                         echo "0: address 0x0165878A594ca255338adfa4d48449f69242Eb8F";;
        esac
        """
            .formatted(log));
    fakeBin(
        dir,
        "cast",
        """
        echo "cast $*" | sed 's/0xac0974[0-9a-f]*/KEY/' >> %s
        case "$1 $2" in "wallet address") echo 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266;; esac
        """
            .formatted(log));
    Path message = dir.resolve("termination-log");
    String script = RlnDeployJob.SCRIPT.replace("/dev/termination-log", message.toString());
    int exit =
        run(
            dir,
            script,
            Map.of(
                "RPC_URL",
                "http://net-rln-chain:8545",
                "DEPLOYER_KEY",
                RlnJobs.ANVIL_ACCOUNT_0_KEY));
    assertThat(exit).isZero();
    var outputs = RlnDeployOutputs.parse(Files.readString(message));
    assertThat(outputs.problems()).isEmpty();
    assertThat(outputs.addresses())
        .containsEntry("RLN_CONTRACT_ADDRESS", CONTRACT)
        .containsEntry("TOKEN_ADDRESS", TOKEN);
    assertThat(Files.readString(log))
        .contains(
            "cast send --rpc-url http://net-rln-chain:8545 --private-key KEY "
                + TOKEN
                + " addMinter(address) 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  }

  @Test
  void aFailingForgeScriptLeavesItsErrorInTheTerminationMessage(@TempDir Path dir)
      throws Exception {
    fakeBin(dir, "forge", "echo 'Error: script failed: revert InvalidInitialization'; exit 1\n");
    fakeBin(dir, "cast", "echo 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\n");
    Path message = dir.resolve("termination-log");
    int exit =
        run(
            dir,
            RlnDeployJob.SCRIPT.replace("/dev/termination-log", message.toString()),
            Map.of("RPC_URL", "http://x:8545", "DEPLOYER_KEY", RlnJobs.ANVIL_ACCOUNT_0_KEY));
    assertThat(exit).isEqualTo(1);
    assertThat(Files.readString(message))
        .contains("DeployTokenWithProxy", "revert InvalidInitialization")
        .doesNotContain(RlnJobs.ANVIL_ACCOUNT_0_KEY);
    assertThat(RlnDeployOutputs.parse(Files.readString(message)).complete()).isFalse();
  }

  @Test
  void theFundingScriptSendsGasMintsAndApprovesEachOrdinalOfItsRange(@TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("calls");
    fakeBin(
        dir,
        "cast",
        """
        case "$1 $2" in
          "wallet address") echo "ADDR-$4";;
          *) echo "cast $*" >> %s;;
        esac
        """
            .formatted(log));
    Path keys = dir.resolve("keys");
    Files.createDirectories(keys.resolve("0"));
    for (int i = 0; i < 4; i++) {
      Files.writeString(keys.resolve("0").resolve("" + i), "K" + i);
    }
    Path message = dir.resolve("termination-log");
    String script =
        RlnFundingJob.SCRIPT
            .replace("/dev/termination-log", message.toString())
            .replace("/rln-keys", keys.toString());
    Map<String, String> env =
        Map.of(
            "RPC_URL", "http://c:8545",
            "DEPLOYER_KEY", "DK",
            "TOKEN_ADDRESS", "TOK",
            "RLN_CONTRACT_ADDRESS", "RLN",
            "GROUP", "relay",
            "FROM", "2",
            "TO", "3",
            "GAS_WEI", "G",
            "DEPOSIT_WEI", "D");
    assertThat(run(dir, script, env)).isZero();
    assertThat(Files.readAllLines(log))
        .containsExactly(
            "cast send --rpc-url http://c:8545 --private-key DK --value G ADDR-K2",
            "cast send --rpc-url http://c:8545 --private-key DK TOK mint(address,uint256) ADDR-K2 D",
            "cast send --rpc-url http://c:8545 --private-key K2 TOK approve(address,uint256) RLN D",
            "cast send --rpc-url http://c:8545 --private-key DK --value G ADDR-K3",
            "cast send --rpc-url http://c:8545 --private-key DK TOK mint(address,uint256) ADDR-K3 D",
            "cast send --rpc-url http://c:8545 --private-key K3 TOK approve(address,uint256) RLN D");
    assertThat(Files.readString(message)).isEqualTo("FUNDED=2-3\n");
    // an ordinal without its key fails, naming it
    Files.delete(keys.resolve("0").resolve("3"));
    assertThat(run(dir, script, env)).isEqualTo(1);
    assertThat(Files.readString(message)).contains("no account key for ordinal 3 of group relay");
  }
}

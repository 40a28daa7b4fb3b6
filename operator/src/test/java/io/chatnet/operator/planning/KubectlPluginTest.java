package io.chatnet.operator.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/kubectl-chatnet found and run by the real kubectl (the local cluster's pinned build, from
 * the tool cache): kubectl's plugin discovery on PATH, the plan verb's table, help and exit codes.
 * Tagged cluster: the kubectl binary comes with the local cluster's build (make cluster-build).
 */
@Tag("cluster")
class KubectlPluginTest {
  @TempDir static Path bin;
  static Path kubectl;
  static Path repo =
      Path.of(System.getProperty("chatnet.repo.dir", "..")).toAbsolutePath().normalize();

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void linkThePlugin() throws Exception {
    Run where =
        exec(
            List.of("bash", "-c", ". cluster/scripts/lib.sh && echo \"$K8S_BIN/kubectl\""),
            Map.of(),
            repo);
    kubectl = Path.of(where.out().trim());
    assertThat(kubectl)
        .as("kubectl of the local cluster's build (make cluster-build)")
        .isExecutable();
    Files.createSymbolicLink(
        bin.resolve("kubectl-chatnet"), repo.resolve("scripts/kubectl-chatnet"));
  }

  static Run kubectl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(kubectl.toString()));
    command.addAll(List.of(args));
    Path java = Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent();
    return exec(
        command,
        Map.of(
            "PATH",
            bin + ":" + java + ":/usr/bin:/bin",
            // The test's own classes, so the plugin runs this build without packaging it.
            "CHATNET_OPERATOR_CLASSPATH",
            System.getProperty("java.class.path")),
        Files.createTempDirectory("plugin-cwd"));
  }

  static Run exec(List<String> command, Map<String, String> env, Path dir) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().keySet().removeIf(k -> k.equals("KUBECONFIG") || k.startsWith("CHATNET_"));
    pb.environment().putAll(env);
    Path out = Files.createTempFile("plugin", ".out");
    Path err = Files.createTempFile("plugin", ".err");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("did not finish in 2 minutes: " + command);
    }
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void kubectlFindsThePluginOnPath() throws Exception {
    Run list = kubectl("plugin", "list");
    assertThat(list.out()).as(list.err()).contains(bin.resolve("kubectl-chatnet").toString());
  }

  @Test
  void kubectlChatnetPlanPrintsTheBaselineTable() throws Exception {
    Run plan =
        kubectl(
            "chatnet",
            "plan",
            "--relay-nodes",
            "1000",
            "--network-rate",
            "1",
            "--message-size",
            "1KB");
    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out().lines())
        .anySatisfy(l -> assertThat(l).matches("relay bandwidth in per pod +10\\.0 kB/s .*"))
        .contains("machines needed: 19 (CPU (cores) binds first); 19 at the bands' upper end");
  }

  @Test
  void helpAndBadUsageSayWhatToDoWithTheirExitCodes() throws Exception {
    Run help = kubectl("chatnet", "help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Usage: kubectl chatnet VERB [ARGS]").contains("plan [--model");
    Run none = kubectl("chatnet");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("Usage: kubectl chatnet VERB [ARGS]");
    Run bogus = kubectl("chatnet", "bogus");
    assertThat(bogus.exit()).isEqualTo(2);
    assertThat(bogus.err())
        .isEqualTo(
            "kubectl chatnet: unknown verb 'bogus' (verbs: status, sweep, report, compare, fit, plan, help)\n");
    Run negative = kubectl("chatnet", "plan", "--users", "-5", "--rate", "1");
    assertThat(negative.exit()).isEqualTo(2);
    assertThat(negative.err()).isEqualTo("chatnet plan: --users must be 0 or more, not -5\n");
    Run verbHelp = kubectl("chatnet", "plan", "--help");
    assertThat(verbHelp.exit()).isZero();
    assertThat(verbHelp.out()).contains("--network-rate").contains("--node-bandwidth");
  }

  @Test
  void fitAndCompareRunOnExportedReports(@TempDir Path dir) throws Exception {
    List<String> files = new ArrayList<>();
    for (int users : new int[] {100, 300, 1000}) {
      for (double perMinute : new double[] {1.2, 6}) {
        double load = users * perMinute / 60;
        Path file = dir.resolve(users + "-" + perMinute + "/report.json");
        Files.createDirectories(file.getParent());
        Files.writeString(
            file,
            SweepReports.reportJson(
                "p" + users + "-" + (int) (perMinute * 10),
                users,
                perMinute,
                new SweepReports.Figures(9000 * Math.pow(load, 0.85), 0.01 + 0.002 * load, 300)));
        files.add(file.toString());
      }
    }
    List<String> fit = new ArrayList<>(List.of("chatnet", "fit", "--out", dir + "/model.json"));
    fit.addAll(files);
    Run fitted = kubectl(fit.toArray(String[]::new));
    assertThat(fitted.exit()).as(fitted.err()).isZero();
    assertThat(fitted.out()).contains("relay bandwidth in: y = a*(U*r)^b");
    assertThat(dir.resolve("model.json")).isRegularFile();
    List<String> compare = new ArrayList<>(List.of("chatnet", "compare", "--out", dir + "/cmp"));
    compare.addAll(files);
    Run compared = kubectl(compare.toArray(String[]::new));
    assertThat(compared.exit()).as(compared.err()).isZero();
    assertThat(dir.resolve("cmp/comparison.html")).isRegularFile();
  }
}

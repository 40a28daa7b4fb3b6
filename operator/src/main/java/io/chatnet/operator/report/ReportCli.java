package io.chatnet.operator.report;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.config.KubeconfigClient;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code make report} and {@code make compare}: copies experiments' stored reports out of their
 * ConfigMaps into reports/NAME/, and compares exported reports. Uses the kubeconfig the environment
 * names (scripts/report.sh picks it as the demo does).
 */
@Command(
    name = "chatnet-report",
    mixinStandardHelpOptions = true,
    subcommands = {ReportCli.Export.class, ReportCli.Compare.class},
    description = "Export and compare chatnet experiment reports.")
public final class ReportCli {
  static final String COMPARISON_DIR = "comparison";

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    CommandLine cli = new CommandLine(new ReportCli());
    cli.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          command.getErr().println("chatnet-report: " + e.getMessage());
          return 1;
        });
    return cli.execute(args);
  }

  @Command(
      name = "export",
      description =
          "Write each experiment's report.json and report.html to OUT/NAME/; with several"
              + " experiments, also OUT/comparison/comparison.{html,json}.")
  static final class Export implements Callable<Integer> {
    @Option(
        names = {"-n", "--namespace"},
        description = "Namespace of the experiments (default: the kubeconfig context's).")
    String namespace;

    @Option(
        names = "--kubeconfig",
        description = "Kubeconfig file (default: KUBECONFIG, then ~/.kube/config).")
    Path kubeconfig;

    @Option(
        names = "--out",
        defaultValue = "reports",
        description = "Directory to write into (default: ${DEFAULT-VALUE}).")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "EXPERIMENT", description = "Experiment names.")
    List<String> names;

    @Override
    public Integer call() {
      try (KubernetesClient client = KubeconfigClient.of(kubeconfig)) {
        String ns = namespace != null ? namespace : client.getNamespace();
        if (ns == null) {
          ns = "default";
        }
        List<ExperimentReport> reports = new ArrayList<>();
        for (String name : names) {
          ConfigMap map = reportConfigMap(client, ns, name);
          String json = map.getData().get(ReportConfigMap.JSON_KEY);
          ExperimentReport report = ReportJson.read(json, ns + "/" + map.getMetadata().getName());
          String html = map.getData().get(ReportConfigMap.HTML_KEY);
          Path dir = out.resolve(name);
          write(dir.resolve("report.json"), json);
          write(dir.resolve("report.html"), html != null ? html : HtmlReport.render(report));
          System.out.println(dir.resolve("report.html"));
          reports.add(report);
        }
        if (reports.size() > 1) {
          System.out.println(writeComparison(reports, out.resolve(COMPARISON_DIR)));
        }
        return 0;
      }
    }
  }

  @Command(
      name = "compare",
      description =
          "Compare exported reports (report.json files) in OUT/comparison.{html,json}: bandwidth,"
              + " CPU, memory, latency and delivery against users and message rate.")
  static final class Compare implements Callable<Integer> {
    @Option(
        names = "--out",
        defaultValue = "reports/" + COMPARISON_DIR,
        description = "Directory to write into (default: ${DEFAULT-VALUE}).")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "REPORT_JSON", description = "report.json files.")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
      List<ExperimentReport> reports = new ArrayList<>();
      for (Path file : files) {
        if (!Files.isRegularFile(file)) {
          throw new IllegalArgumentException(file + " does not exist");
        }
        reports.add(ReportJson.read(Files.readString(file), file.toString()));
      }
      System.out.println(writeComparison(reports, out));
      return 0;
    }
  }

  /** The live report ConfigMap of an experiment, or an error that says what is missing. */
  static ConfigMap reportConfigMap(KubernetesClient client, String namespace, String name) {
    ChatExperiment experiment =
        client.resources(ChatExperiment.class).inNamespace(namespace).withName(name).get();
    if (experiment == null) {
      throw new IllegalArgumentException(
          "no ChatExperiment " + name + " in namespace " + namespace);
    }
    var status = experiment.getStatus();
    if (status == null || status.getReportConfigMap() == null) {
      throw new IllegalArgumentException(
          "experiment "
              + namespace
              + "/"
              + name
              + " has no report yet (phase "
              + (status == null || status.getPhase() == null ? "none" : status.getPhase())
              + "): the operator writes it when the experiment is Succeeded or Failed");
    }
    ConfigMap map =
        client.configMaps().inNamespace(namespace).withName(status.getReportConfigMap()).get();
    if (map == null
        || map.getData() == null
        || !map.getData().containsKey(ReportConfigMap.JSON_KEY)) {
      throw new IllegalArgumentException(
          "ConfigMap "
              + namespace
              + "/"
              + status.getReportConfigMap()
              + " named by experiment "
              + name
              + " is missing or holds no "
              + ReportConfigMap.JSON_KEY);
    }
    return map;
  }

  static Path writeComparison(List<ExperimentReport> reports, Path dir) {
    ComparisonReport.Comparison comparison = ComparisonReport.compare(reports);
    write(dir.resolve("comparison.json"), ReportJson.write(comparison));
    Path html = dir.resolve("comparison.html");
    write(html, ComparisonReport.html(comparison));
    return html;
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}

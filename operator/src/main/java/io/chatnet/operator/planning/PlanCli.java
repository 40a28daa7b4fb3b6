package io.chatnet.operator.planning;

import io.chatnet.operator.capacity.CapacityModel;
import io.chatnet.operator.capacity.CapacityPlan;
import io.chatnet.operator.capacity.PlanRequest;
import io.chatnet.operator.capacity.Planner;
import io.chatnet.operator.capacity.SweepPoint;
import io.chatnet.operator.capacity.Traffic;
import io.chatnet.operator.report.ExperimentReport;
import io.chatnet.operator.report.ReportJson;
import io.chatnet.operator.report.SweepPoints;
import io.chatnet.operator.report.SweepReportPage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl chatnet plan} and {@code kubectl chatnet fit}: the capacity model fitted from
 * experiment reports (a sweep's report.json files) and the plan of a network from it, or from the
 * published baseline when no model is given. Exit codes: 0 done, 2 bad arguments (picocli's usage
 * errors and inputs the planner refuses), 1 anything else.
 */
@Command(
    name = "chatnet-capacity",
    mixinStandardHelpOptions = true,
    subcommands = {PlanCli.Plan.class, PlanCli.Fit.class},
    description = "Fit a capacity model from experiment reports and plan a network from it.")
public final class PlanCli {
  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new PlanCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          command.getErr().println("chatnet " + command.getCommandName() + ": " + e.getMessage());
          return e instanceof IllegalArgumentException ? 2 : 1;
        });
    return cli.execute(args);
  }

  /** Where the numbers come from: a model.json, report.json files fitted now, or neither. */
  static final class ModelSource {
    @Option(names = "--model", paramLabel = "MODEL_JSON", description = "A model written by fit.")
    Path model;

    @Option(
        names = "--reports",
        arity = "1..*",
        paramLabel = "REPORT_JSON",
        description = "Experiment reports (a sweep's points) to fit now.")
    List<Path> reports;

    CapacityModel load() throws IOException {
      if (model != null) {
        return CapacityModel.read(read(model), model.toString());
      }
      return reports == null ? null : CapacityModel.fit(SweepPoints.of(readReports(reports)));
    }
  }

  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      description =
          "Per pod bandwidth, CPU and memory, the machines needed and the limit that binds first,"
              + " from a fitted model (--model or --reports) or, with none, the published 1000-node"
              + " baseline.")
  static final class Plan implements Callable<Integer> {
    @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true)
    ModelSource source = new ModelSource();

    @Option(
        names = "--users",
        defaultValue = "0",
        description = "status-backend clients (default: ${DEFAULT-VALUE}).")
    long users;

    @Option(names = "--rate", description = "Messages per second each user sends.")
    Double rate;

    @Option(
        names = "--network-rate",
        description = "Messages per second network-wide (instead of --rate).")
    Double networkRate;

    @Option(
        names = "--traffic",
        defaultValue = "one-to-one",
        description = "one-to-one or private-groups (default: ${DEFAULT-VALUE}).")
    String traffic;

    @Option(names = "--group-size", description = "Members per private group.")
    Integer groupSize;

    @Option(
        names = "--message-size",
        defaultValue = "1KB",
        description = "Payload per message (default: ${DEFAULT-VALUE}).")
    String messageSize;

    @Option(
        names = "--relay-nodes",
        description = "nwaku relay nodes (default: the model's shape, else one per user).")
    Integer relayNodes;

    @Option(
        names = "--node-cpu",
        defaultValue = "8",
        description = "Cores per machine (default: ${DEFAULT-VALUE}).")
    double nodeCpu;

    @Option(
        names = "--node-memory",
        defaultValue = "32GiB",
        description = "Memory per machine (default: ${DEFAULT-VALUE}).")
    String nodeMemory;

    @Option(
        names = "--max-pods",
        defaultValue = "110",
        description = "Pods per machine (default: ${DEFAULT-VALUE}, the kubelet's).")
    int maxPods;

    @Option(
        names = "--node-bandwidth",
        description = "Network per machine each way, e.g. 1Gbit (default: not a limit).")
    String nodeBandwidth;

    @Option(
        names = "--level",
        defaultValue = "0.95",
        description = "Coverage of the bands (default: ${DEFAULT-VALUE}).")
    double level;

    @Option(
        names = {"-o", "--output"},
        defaultValue = "table",
        description = "table or json (default: ${DEFAULT-VALUE}).")
    String output;

    @Override
    public Integer call() throws IOException {
      if (level <= 0 || level >= 1) {
        throw new IllegalArgumentException("--level must be between 0 and 1, not " + level);
      }
      PlanRequest request =
          new PlanRequest(
              users,
              rate,
              networkRate,
              traffic(traffic),
              groupSize,
              Sizes.parse(messageSize, "--message-size"),
              relayNodes,
              nodeCpu,
              Sizes.parse(nodeMemory, "--node-memory"),
              maxPods,
              nodeBandwidth == null ? null : Sizes.parse(nodeBandwidth, "--node-bandwidth"),
              level);
      CapacityPlan plan = Planner.plan(request, source == null ? null : source.load());
      PrintWriter out = spec.commandLine().getOut();
      switch (output) {
        case "table" -> out.print(PlanTable.render(plan));
        case "json" -> out.print(ReportJson.write(plan));
        default ->
            throw new IllegalArgumentException("--output must be table or json, not " + output);
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "fit",
      mixinStandardHelpOptions = true,
      description =
          "Fit the capacity model to experiment reports (one report.json per sweep point): the law"
              + " of each measured quantity chosen by AICc, its goodness of fit and residuals.")
  static final class Fit implements Callable<Integer> {
    @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "MODEL_JSON", description = "Write the model here.")
    Path out;

    @Option(
        names = "--html",
        paramLabel = "FILE",
        description = "Also write the sweep report page here: points, laws, prediction and bands.")
    Path html;

    @Option(
        names = "--predict-to",
        paramLabel = "USERS",
        description = "The page's curves run to this many users (default: 10 x the largest).")
    Double predictTo;

    @Option(
        names = "--title",
        defaultValue = "chatnet capacity sweep",
        description = "The page's title (default: ${DEFAULT-VALUE}).")
    String title;

    @Parameters(arity = "1..*", paramLabel = "REPORT_JSON", description = "report.json files.")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
      List<SweepPoint> points = SweepPoints.of(readReports(files));
      CapacityModel model = CapacityModel.fit(points);
      PrintWriter printer = spec.commandLine().getOut();
      printer.print(FitTable.render(model));
      if (out != null) {
        write(out, model.toJson());
        printer.println("model written to " + out);
      }
      if (html != null) {
        if (predictTo != null && !(predictTo > 0)) {
          throw new IllegalArgumentException("--predict-to must be above zero, not " + predictTo);
        }
        SweepReportPage.Options options =
            new SweepReportPage.Options(
                SweepReportPage.Options.DEFAULT.factor(),
                predictTo,
                SweepReportPage.Options.DEFAULT.level());
        write(html, SweepReportPage.render(title, points, model, options));
        printer.println("page written to " + html);
      }
      printer.flush();
      return 0;
    }

    private static void write(Path file, String text) throws IOException {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, text);
    }
  }

  static Traffic traffic(String text) {
    return switch (text) {
      case "one-to-one" -> Traffic.ONE_TO_ONE;
      case "private-groups" -> Traffic.PRIVATE_GROUPS;
      default ->
          throw new IllegalArgumentException(
              "--traffic must be one-to-one or private-groups, not '" + text + "'");
    };
  }

  static List<ExperimentReport> readReports(List<Path> files) throws IOException {
    List<ExperimentReport> reports = new ArrayList<>();
    for (Path file : files) {
      reports.add(ReportJson.read(read(file), file.toString()));
    }
    return reports;
  }

  private static String read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " does not exist");
    }
    return Files.readString(file);
  }
}

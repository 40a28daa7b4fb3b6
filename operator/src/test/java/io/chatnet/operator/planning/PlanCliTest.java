package io.chatnet.operator.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chatnet.operator.capacity.CapacityModel;
import io.chatnet.operator.capacity.Law;
import io.chatnet.operator.capacity.LawFit;
import io.chatnet.operator.capacity.Quantity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCliTest {
  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = PlanCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, out.toString(), err.toString());
  }

  static final String[] BASELINE = {
    "plan", "--relay-nodes", "1000", "--network-rate", "1", "--message-size", "1KB"
  };

  @Test
  void theBaselinePlanPrintsAbout10KBPerSecondPerRelayNodeAndNamesItsSource() {
    Run run = run(BASELINE);
    assertThat(run.exit()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "chatnet plan: 0 users, 1 msg/s network-wide, relay publishes, 1.00 kB messages,"
                + " 1 envelopes/s on the wire");
    assertThat(lines.get(1))
        .startsWith("source: published 1000-node baseline (shared/docs/REFERENCE.md");
    assertThat(lines)
        .anySatisfy(
            l -> assertThat(l).matches("relay bandwidth in per pod +10\\.0 kB/s +- +- +\\[1]"));
    assertThat(lines)
        .anySatisfy(l -> assertThat(l).matches("relay bandwidth out per pod +10\\.0 kB/s .*"));
    assertThat(lines).contains("[1] " + io.chatnet.operator.capacity.Baseline.SOURCE);
    assertThat(lines).anySatisfy(l -> assertThat(l).matches("CPU \\(cores\\) +150 +8 +19 +19"));
    assertThat(lines)
        .contains("machines needed: 19 (CPU (cores) binds first); 19 at the bands' upper end");
  }

  @Test
  void aSweepsReportsFitTheModelThePlanThenUses(@TempDir Path dir) throws Exception {
    // A 3 x 2 sweep: relay bandwidth in = 9000 (U r)^0.85 with 1% log-normal noise.
    Random random = new Random(11);
    List<String> files = new ArrayList<>();
    List<double[]> points = new ArrayList<>();
    for (int users : new int[] {100, 300, 1000}) {
      for (double perMinute : new double[] {1.2, 6}) {
        double rate = perMinute / 60;
        double in = 9000 * Math.pow(users * rate, 0.85) * Math.exp(0.01 * random.nextGaussian());
        points.add(new double[] {users * rate, in});
        var figures = new SweepReports.Figures(in, 0.01 + 0.002 * users * rate, 300);
        Path file = dir.resolve("sweep-" + users + "-" + perMinute + "/report.json");
        Files.createDirectories(file.getParent());
        Files.writeString(
            file,
            SweepReports.reportJson(
                "sweep-" + users + "-" + (int) (perMinute * 10), users, perMinute, figures));
        files.add(file.toString());
      }
    }
    Path model = dir.resolve("model.json");
    List<String> fitArgs = new ArrayList<>(List.of("fit", "--out", model.toString()));
    fitArgs.addAll(files);
    Run fit = run(fitArgs.toArray(String[]::new));
    assertThat(fit.exit()).as(fit.err()).isZero();
    assertThat(fit.out())
        .contains("relay bandwidth in: y = a*(U*r)^b")
        .contains("residual lab/sweep-100-12");
    // --html adds the page and a line saying where; the fit's text is otherwise the same
    Path page = dir.resolve("out/sweep.html");
    List<String> htmlArgs = new ArrayList<>(List.of("fit", "--html", page.toString()));
    htmlArgs.addAll(files);
    Run withPage = run(htmlArgs.toArray(String[]::new));
    assertThat(withPage.exit()).as(withPage.err()).isZero();
    assertThat(withPage.out())
        .isEqualTo(
            fit.out().replace("model written to " + model + "\n", "")
                + "page written to "
                + page
                + "\n");
    assertThat(Files.readString(page))
        .contains("<h1>chatnet capacity sweep</h1>", "relay bandwidth in: y = a*(U*r)^b")
        .contains("class=\"extrapolation\"");

    // The model's power law equals an independent fit: closed-form least squares of ln y on ln L.
    LawFit law =
        CapacityModel.read(Files.readString(model), "model.json")
            .law(Quantity.RELAY_BANDWIDTH_IN)
            .orElseThrow();
    assertThat(law.law()).isEqualTo(Law.POWER_LOAD);
    double mx = points.stream().mapToDouble(p -> Math.log(p[0])).average().orElseThrow();
    double my = points.stream().mapToDouble(p -> Math.log(p[1])).average().orElseThrow();
    double sxy =
        points.stream().mapToDouble(p -> (Math.log(p[0]) - mx) * (Math.log(p[1]) - my)).sum();
    double sxx =
        points.stream().mapToDouble(p -> (Math.log(p[0]) - mx) * (Math.log(p[0]) - mx)).sum();
    double b = sxy / sxx;
    assertThat(law.coefficients()[1]).isCloseTo(b, within(1e-9));
    assertThat(law.coefficients()[0])
        .isCloseTo(Math.exp(my - b * mx), within(1e-6 * Math.exp(my - b * mx)));

    Run plan = run("plan", "--model", model.toString(), "--users", "10000", "--rate", "0.1");
    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out())
        .contains("source: fitted model of 6 points")
        .contains("model: y = a*(U*r)^b (extrapolated)")
        .contains("note: extrapolated: 10000 users at 0.100 msg/s each");
    Run same =
        run(
            "plan",
            "--reports",
            files.get(0),
            files.get(1),
            files.get(2),
            files.get(3),
            files.get(4),
            files.get(5),
            "--users",
            "10000",
            "--rate",
            "0.1");
    assertThat(same.out()).isEqualTo(plan.out());
  }

  @Test
  void argumentErrorsExitWith2AndSayWhatIsWrong(@TempDir Path dir) {
    Run none = run("plan");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err())
        .isEqualTo("chatnet plan: give exactly one of --rate (per user) and --network-rate\n");
    Run traffic = run("plan", "--users", "10", "--rate", "1", "--traffic", "groups");
    assertThat(traffic.exit()).isEqualTo(2);
    assertThat(traffic.err())
        .contains("--traffic must be one-to-one or private-groups, not 'groups'");
    Run size = run("plan", "--users", "10", "--rate", "1", "--message-size", "1XB");
    assertThat(size.exit()).isEqualTo(2);
    assertThat(size.err()).contains("--message-size '1XB' is not a size");
    Run unknown = run("plan", "--userz", "10");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown options: '--userz'");
    Run both =
        run("plan", "--model", "a.json", "--reports", "b.json", "--users", "1", "--rate", "1");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
    Run missing =
        run("plan", "--model", dir.resolve("nope.json").toString(), "--users", "1", "--rate", "1");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.json does not exist");
  }
}

package io.chatnet.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.analysis.MetricsAnalyzer;
import io.chatnet.operator.analysis.PrometheusClient;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.MetricsResults;
import io.chatnet.testkit.prometheus.PrometheusServer;
import io.chatnet.testkit.prometheus.PrometheusTest;
import io.chatnet.testkit.prometheus.SyntheticNetwork;
import io.chatnet.testkit.prometheus.Window;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The reports opened in a real browser. A first run with a small probe script appended records
 * where each chart was laid out and how tall the page is; the second run screenshots the page as
 * shipped (no script) at that size into target/report-browser/, and each chart's area of the PNG
 * must hold pixels of its series colours: the bars and points really were painted.
 */
@PrometheusTest
@Tag("browser")
class ReportBrowserTest {
  static final Path OUT = Path.of("target", "report-browser");
  static final int WIDTH = 1280;
  static final int LEGEND_HEIGHT = 46;
  private static final String PROBE =
      "<script>for (const s of document.querySelectorAll('svg.chart')) {"
          + " const r = s.getBoundingClientRect();"
          + " s.setAttribute('data-rect', [r.x, r.y, r.width, r.height].map(Math.round).join(',')); }"
          + " document.body.setAttribute('data-height', document.documentElement.scrollHeight);"
          + "</script>";
  private static final Set<Integer> SERIES_COLOURS =
      Set.of(0x2f6fb0, 0xe07b28, 0x3a9a4a, 0xb8413b, 0x7d5bb5, 0x8c6d4f);

  static Chromium chromium;

  @BeforeAll
  static void browser() throws Exception {
    Files.createDirectories(OUT);
    chromium = new Chromium(OUT);
  }

  @Test
  void theExperimentReportShowsItsCharts() throws Exception {
    String html =
        HtmlReport.render(
            ExperimentReport.of(
                ReportFixtures.experiment("baseline-1to1", 30), ReportFixtures.network(4, 2)));
    List<ChartArea> charts = openAndScreenshot("report", html);
    assertThat(charts).hasSize(7);
    for (ChartArea chart : charts) {
      assertThat(chart.marks()).as("bars with data in %s", chart.title()).isPositive();
      assertThat(chart.seriesPixels())
          .as("pixels of the series colours painted in %s", chart.title())
          .isGreaterThan(100);
    }
  }

  @Test
  void theMeasuredOperationsAreChartedAndPainted() throws Exception {
    ChatExperiment experiment = ReportFixtures.experiment("operations", 30);
    experiment.getStatus().getResults().setOperations(OperationFixtures.operations());
    MetricsResults metrics = experiment.getStatus().getResults().getMetrics();
    metrics.setIdleBaseline(
        metrics.getGroups().stream()
            .filter(g -> List.of("desktop", "mobile").contains(g.getRole()))
            .toList());
    String html = HtmlReport.render(ExperimentReport.of(experiment, ReportFixtures.network(4, 2)));
    List<ChartArea> charts = openAndScreenshot("operations", html);
    // the report's own 7 charts, 6 of the operations and the idle baseline, bars counted
    assertThat(charts).hasSize(14);
    java.util.Map<String, Integer> bars =
        java.util.Map.of(
            "Login time per client kind", 2 * 4,
            "Contact-request success per requester kind", 2 * 2,
            "Contact-request round trip per requester kind", 2 * 4,
            "Group creation time per creator kind", 4,
            "Catch-up time per offline length", 4 * 4,
            "Missed messages that never arrived", 4,
            "Idle baseline: CPU per client, by group", 2 * 3);
    for (var expected : bars.entrySet()) {
      ChartArea chart =
          charts.stream()
              .filter(c -> c.title().equals(expected.getKey()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no chart " + expected.getKey()));
      assertThat(chart.marks()).as("bars in %s", chart.title()).isEqualTo(expected.getValue());
      assertThat(chart.seriesPixels()).as("painted in %s", chart.title()).isGreaterThan(100);
    }
  }

  @Test
  void theComparisonReportShowsItsCharts() throws Exception {
    var reports =
        List.of(
            ExperimentReport.of(
                ReportFixtures.experiment("users-100", 10), ReportFixtures.network(60, 40)),
            ExperimentReport.of(
                ReportFixtures.experiment("users-500", 10), ReportFixtures.network(300, 200)),
            ExperimentReport.of(
                ReportFixtures.experiment("users-1000", 30), ReportFixtures.network(600, 400)));
    String html = ComparisonReport.html(ComparisonReport.compare(reports));
    List<ChartArea> charts = openAndScreenshot("comparison", html);
    assertThat(charts).hasSize(10);
    for (ChartArea chart : charts) {
      assertThat(chart.marks())
          .as("points with data in %s", chart.title())
          .isGreaterThanOrEqualTo(3);
      assertThat(chart.seriesPixels())
          .as("pixels of the series colours painted in %s", chart.title())
          .isGreaterThan(100);
    }
  }

  @Test
  void theComparisonsChartsAgainstTheRlnLimitArePainted() throws Exception {
    var reports =
        List.of(
            RlnReportTest.storedAt(20, 2000),
            RlnReportTest.storedAt(100, 400),
            RlnReportTest.storedAt(600, 0));
    List<ChartArea> charts =
        openAndScreenshot(
            "comparison-rln", ComparisonReport.html(ComparisonReport.compare(reports)));
    assertThat(charts).hasSize(12);
    for (String title :
        List.of(
            "Refused share and delivery against the RLN limit",
            "RLN validation time against the RLN limit")) {
      ChartArea chart =
          charts.stream()
              .filter(c -> c.title().equals(title))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no chart " + title));
      assertThat(chart.marks()).as("points with data in %s", title).isGreaterThanOrEqualTo(3);
      assertThat(chart.seriesPixels()).as("painted in %s", title).isGreaterThan(100);
    }
  }

  @Test
  void aReportOfFiguresAnalyzedFromARealPrometheusShowsThem() throws Exception {
    Window window =
        new Window(Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-20T10:05:00Z"));
    SyntheticNetwork net = SyntheticNetwork.small(3, window);
    MetricsResults metrics;
    try (PrometheusServer prometheus = PrometheusServer.builder().backfill(net).start()) {
      MetricsAnalyzer.Outcome outcome =
          new MetricsAnalyzer(
                  new PrometheusClient(prometheus.url(), Duration.ofSeconds(10)),
                  Duration.ofSeconds(60))
              .analyze(
                  net.namespace(), net.network(), net.experiment(), window.start(), window.end());
      assertThat(outcome.available()).as(outcome.message()).isTrue();
      metrics = outcome.metrics();
    }
    ChatExperiment experiment = ReportFixtures.experiment("analyzed", 30);
    experiment.getStatus().getResults().setMetrics(metrics);
    String html = HtmlReport.render(ExperimentReport.of(experiment, ReportFixtures.network(3, 2)));
    List<ChartArea> charts = openAndScreenshot("analyzed", html);
    ChartArea cpu =
        charts.stream()
            .filter(c -> c.title().equals("CPU per node, by group"))
            .findFirst()
            .orElseThrow();
    // every group of the synthetic network has its three CPU bars (mean, p95, max)
    assertThat(cpu.marks()).isEqualTo(3 * net.groups().size());
    for (ChartArea chart : charts) {
      assertThat(chart.marks()).as("bars with data in %s", chart.title()).isPositive();
      assertThat(chart.seriesPixels()).as("painted in %s", chart.title()).isGreaterThan(100);
    }
  }

  @Test
  void chartsThatDidNotPaintAreCaught() throws Exception {
    String html =
        HtmlReport.render(
            ExperimentReport.of(
                ReportFixtures.experiment("unpainted", 30), ReportFixtures.network(4, 2)));
    String hidden =
        html.replace(
            "</style>", "rect.bar, circle.point, polyline { visibility: hidden; }\n</style>");
    List<ChartArea> charts = openAndScreenshot("unpainted", hidden);
    assertThat(charts).hasSize(7).allSatisfy(c -> assertThat(c.seriesPixels()).isZero());
  }

  record ChartArea(
      String title, int marks, int x, int y, int width, int height, long seriesPixels) {}

  /**
   * Writes the page under target/, reads the chart layout from the probed DOM, takes the screenshot
   * and counts the series-coloured pixels inside each chart.
   */
  private List<ChartArea> openAndScreenshot(String name, String html) throws Exception {
    Path page = OUT.resolve(name + ".html");
    Files.writeString(page, html);
    Path probe = OUT.resolve(name + ".probe.html");
    Files.writeString(probe, html.replace("</body>", PROBE + "</body>"));
    Document dom = Jsoup.parse(chromium.dumpDom(probe, WIDTH, 900));
    int height = Integer.parseInt(dom.body().attr("data-height"));
    assertThat(height).as("page height").isBetween(900, 16000);
    Path png = OUT.resolve(name + ".png");
    chromium.screenshot(page, WIDTH, height, png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(WIDTH);
    assertThat(image.getHeight()).isEqualTo(height);
    return dom.select("svg.chart").stream().map(svg -> area(svg, image)).toList();
  }

  private static ChartArea area(Element svg, BufferedImage image) {
    String[] rect = svg.attr("data-rect").split(",");
    int x = Integer.parseInt(rect[0]);
    int y = Integer.parseInt(rect[1]);
    int w = Integer.parseInt(rect[2]);
    int h = Integer.parseInt(rect[3]);
    long painted = 0;
    // below the title and the legend's colour keys: only bars, points and lines count
    for (int py = Math.max(0, y + LEGEND_HEIGHT); py < Math.min(image.getHeight(), y + h); py++) {
      for (int px = Math.max(0, x); px < Math.min(image.getWidth(), x + w); px++) {
        if (SERIES_COLOURS.contains(image.getRGB(px, py) & 0xffffff)) {
          painted++;
        }
      }
    }
    int marks =
        (int)
            svg.select("rect.bar[data-value], circle.point[data-y]").stream()
                .filter(e -> !e.attr("data-value").isEmpty() || !e.attr("data-y").isEmpty())
                .count();
    return new ChartArea(svg.attr("aria-label"), marks, x, y, w, h, painted);
  }
}

package io.chatnet.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.capacity.CapacityModel;
import io.chatnet.operator.capacity.SweepPoint;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The sweep report page opened in headless Chromium (the report tests' {@link Chromium}). Each kind
 * of mark is checked painted on its own: the page is screenshot once with every mark hidden and
 * once per kind with only that kind shown, and the pixels that differ inside each chart are the
 * ones that kind painted. The prediction must be painted only right of the measured range, the law
 * over the measured range only left of it.
 */
@Tag("browser")
class SweepReportBrowserTest {
  static final Path OUT = Path.of("target", "report-browser");
  static final int WIDTH = 1280;
  private static final List<String> KINDS =
      List.of("point", "fit", "extrapolation", "band-law", "band-run");
  private static final String PROBE =
      "<script>for (const s of document.querySelectorAll('svg.chart')) {"
          + " const r = s.getBoundingClientRect();"
          + " s.setAttribute('data-rect', [r.x, r.y, r.width, r.height].map(Math.round).join(','));"
          + " const a = s.querySelector('rect.prediction-area');"
          + " if (a) s.setAttribute('data-prediction-x', Math.round(a.getBoundingClientRect().x)); }"
          + " document.body.setAttribute('data-height', document.documentElement.scrollHeight);"
          + "</script>";

  static Chromium chromium;

  @BeforeAll
  static void browser() throws Exception {
    Files.createDirectories(OUT);
    chromium = new Chromium(OUT);
  }

  record Chart(String title, int x, int y, int width, int height, int predictionX, int points) {}

  @Test
  void theSweepPageShowsPointsLawPredictionAndBands() throws Exception {
    List<SweepPoint> points = SweepFixtures.threeByTwo();
    CapacityModel model = CapacityModel.fit(points);
    String html = SweepReportPage.render("Sweep 3 x 2", points, model);
    Path page = OUT.resolve("sweep.html");
    Files.writeString(page, html);
    Path probe = OUT.resolve("sweep.probe.html");
    Files.writeString(probe, html.replace("</body>", PROBE + "</body>"));
    Document dom = Jsoup.parse(chromium.dumpDom(probe, WIDTH, 900));
    int height = Integer.parseInt(dom.body().attr("data-height"));
    assertThat(height).isBetween(900, 30000);
    List<Chart> charts = dom.select("svg.chart").stream().map(this::chart).toList();
    assertThat(charts).hasSize(model.fits().size());

    BufferedImage none = shot("sweep-none", hideAllBut(html, null), height);
    Map<String, BufferedImage> only = new LinkedHashMap<>();
    for (String kind : KINDS) {
      only.put(kind, shot("sweep-" + kind, hideAllBut(html, kind), height));
    }
    for (Chart c : charts) {
      assertThat(c.points()).as("points drawn in %s", c.title()).isEqualTo(points.size());
      assertThat(c.predictionX()).as("prediction area in %s", c.title()).isPositive();
      for (String kind : KINDS) {
        assertThat(changed(none, only.get(kind), c, c.x(), c.x() + c.width()))
            .as("pixels painted by %s in %s", kind, c.title())
            .isGreaterThan(kind.equals("point") ? 6 * 20 : 200);
      }
      // a 2-pixel margin either side of the boundary: line caps and anti-aliasing
      assertThat(changed(none, only.get("extrapolation"), c, c.x(), c.predictionX() - 3))
          .as("prediction painted left of the measured range in %s", c.title())
          .isZero();
      assertThat(changed(none, only.get("fit"), c, c.predictionX() + 3, c.x() + c.width()))
          .as("the law over the measured range painted in the prediction area of %s", c.title())
          .isZero();
    }
  }

  @Test
  void theSameShotTwiceDiffersNowhere() throws Exception {
    List<SweepPoint> points = SweepFixtures.threeByTwo();
    String html = SweepReportPage.render("Sweep hidden", points, CapacityModel.fit(points));
    Path probe = OUT.resolve("sweep-hidden.probe.html");
    Files.writeString(probe, html.replace("</body>", PROBE + "</body>"));
    Document dom = Jsoup.parse(chromium.dumpDom(probe, WIDTH, 900));
    int height = Integer.parseInt(dom.body().attr("data-height"));
    Chart first = chart(dom.selectFirst("svg.chart"));
    BufferedImage none = shot("sweep-hidden-none", hideAllBut(html, null), height);
    BufferedImage again = shot("sweep-hidden-again", hideAllBut(html, null), height);
    assertThat(changed(none, again, first, first.x(), first.x() + first.width())).isZero();
  }

  /** The page with every mark hidden but those of {@code kind} (none when null). */
  private static String hideAllBut(String html, String kind) {
    StringBuilder css = new StringBuilder();
    for (String k : KINDS) {
      if (!k.equals(kind)) {
        css.append("svg.chart .").append(k).append(" { visibility: hidden; }\n");
      }
    }
    return html.replace("</style>", css + "</style>");
  }

  private static BufferedImage shot(String name, String html, int height) throws Exception {
    Path page = OUT.resolve(name + ".html");
    Files.writeString(page, html);
    Path png = OUT.resolve(name + ".png");
    chromium.screenshot(page, WIDTH, height, png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getHeight()).isEqualTo(height);
    return image;
  }

  /** Pixels of the chart's plot rows between {@code fromX} and {@code toX} that differ. */
  private static long changed(BufferedImage a, BufferedImage b, Chart c, int fromX, int toX) {
    long count = 0;
    for (int py = Math.max(0, c.y()); py < Math.min(a.getHeight(), c.y() + c.height()); py++) {
      for (int px = Math.max(0, fromX); px < Math.min(a.getWidth(), toX); px++) {
        if ((a.getRGB(px, py) & 0xffffff) != (b.getRGB(px, py) & 0xffffff)) {
          count++;
        }
      }
    }
    return count;
  }

  private Chart chart(Element svg) {
    String[] rect = svg.attr("data-rect").split(",");
    String prediction = svg.attr("data-prediction-x");
    return new Chart(
        svg.attr("aria-label"),
        Integer.parseInt(rect[0]),
        Integer.parseInt(rect[1]),
        Integer.parseInt(rect[2]),
        Integer.parseInt(rect[3]),
        prediction.isEmpty() ? -1 : Integer.parseInt(prediction),
        svg.select("circle.point[data-y]").size());
  }
}

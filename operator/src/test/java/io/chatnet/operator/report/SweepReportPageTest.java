package io.chatnet.operator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatnet.operator.capacity.CapacityModel;
import io.chatnet.operator.capacity.LawFit;
import io.chatnet.operator.capacity.Prediction;
import io.chatnet.operator.capacity.Quantity;
import io.chatnet.operator.capacity.SweepPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class SweepReportPageTest {
  private static final List<SweepPoint> POINTS = SweepFixtures.threeByTwo();
  private static final CapacityModel MODEL = CapacityModel.fit(POINTS);

  private static Document page(SweepReportPage.Options options) {
    return Jsoup.parse(SweepReportPage.render("Sweep", POINTS, MODEL, options));
  }

  @Test
  void everyFittedQuantityHasItsSectionChartAndTables() {
    Document doc = page(SweepReportPage.Options.DEFAULT);
    assertThat(doc.select("section.quantity")).hasSize(MODEL.fits().size());
    for (Quantity q : MODEL.fits().keySet()) {
      Element section = doc.getElementById(q.name().toLowerCase(Locale.ROOT).replace('_', '-'));
      assertThat(section).as(q.label()).isNotNull();
      assertThat(section.select("h2").text()).contains(MODEL.law(q).orElseThrow().law().formula());
      Element svg = section.selectFirst("svg.chart");
      assertThat(svg.select("circle.point")).hasSize(POINTS.size());
      // one curve per measured rate (0.05 and 0.2 msg/s per user), each with both bands
      assertThat(svg.select("polyline.fit")).hasSize(2);
      assertThat(svg.select("polyline.extrapolation")).hasSize(2);
      assertThat(svg.select("polygon.band-law")).hasSize(2);
      assertThat(svg.select("polygon.band-run")).hasSize(2);
      assertThat(section.select("table.residuals tr")).hasSize(1 + POINTS.size());
      assertThat(section.select("table.candidates tr")).hasSize(1 + 5);
      assertThat(svg.text()).contains("95% band of the law", "95% band of a new run", "prediction");
    }
    assertThat(doc.select("table.points tr")).hasSize(1 + POINTS.size());
    assertThat(doc.select("p.axes").text()).contains("users", "log scale");
  }

  @Test
  void theNumbersAreTheModels() {
    Document doc = page(SweepReportPage.Options.DEFAULT);
    LawFit fit = MODEL.law(Quantity.RELAY_BANDWIDTH_IN).orElseThrow();
    Element section = doc.getElementById("relay-bandwidth-in");
    String facts = section.select("table.law").text();
    assertThat(facts)
        .contains(String.format(Locale.ROOT, "%.4g", fit.coefficients()[0]))
        .contains(String.format(Locale.ROOT, "%.4g", fit.coefficients()[1]))
        .contains(
            "standard error of ln a " + String.format(Locale.ROOT, "%.4g", fit.standardErrors()[0]))
        .contains(String.format(Locale.ROOT, "%.4f", fit.adjustedRSquared()))
        .contains(String.format(Locale.ROOT, "%.2f", fit.aicc()));
    // each residual row: the measured value and the law's, as Units formats them
    List<Element> rows = section.select("table.residuals tr").stream().skip(1).toList();
    for (int i = 0; i < rows.size(); i++) {
      LawFit.Residual r = fit.residuals().get(i);
      assertThat(rows.get(i).select("td").eachText())
          .startsWith(r.source())
          .contains(Units.bytesPerSecond(r.measured()), Units.bytesPerSecond(r.fitted()));
    }
    // the prediction at 10 x the largest users, per rate, with both bands
    Prediction p = fit.predict(10_000, 0.2, 0.95);
    List<String> row =
        section.select("table.predictions tr").stream()
            .skip(1)
            .map(tr -> tr.select("td").eachText())
            .filter(cells -> cells.get(1).equals("0.2/s"))
            .findFirst()
            .orElseThrow();
    assertThat(row)
        .containsExactly(
            "10000",
            "0.2/s",
            Units.bytesPerSecond(p.value()),
            Units.bytesPerSecond(p.confidenceLow())
                + " to "
                + Units.bytesPerSecond(p.confidenceHigh()),
            Units.bytesPerSecond(p.predictionLow())
                + " to "
                + Units.bytesPerSecond(p.predictionHigh()),
            "prediction (extrapolated)");
    // every point's data value on the chart is its measured value
    for (Element c : section.select("circle.point")) {
      SweepPoint point =
          POINTS.stream()
              .filter(pt -> c.selectFirst("title").text().startsWith(pt.source() + ":"))
              .findFirst()
              .orElseThrow();
      assertThat(Double.parseDouble(c.attr("data-y")))
          .isCloseTo(point.measured().get(Quantity.RELAY_BANDWIDTH_IN), within(0.006));
      assertThat(Double.parseDouble(c.attr("data-x"))).isEqualTo(point.users());
    }
  }

  @Test
  void theExtrapolationLiesBeyondTheMeasuredRangeAndIsMarked() {
    Element svg = page(SweepReportPage.Options.DEFAULT).selectFirst("#client-cpu svg.chart");
    double boundary = Double.parseDouble(svg.selectFirst("rect.prediction-area").attr("x"));
    for (Element fit : svg.select("polyline.fit")) {
      assertThat(xs(fit)).allSatisfy(x -> assertThat(x).isLessThanOrEqualTo(boundary + 0.01));
      assertThat(xs(fit)).contains(boundary);
    }
    for (Element extrapolation : svg.select("polyline.extrapolation")) {
      assertThat(xs(extrapolation))
          .allSatisfy(x -> assertThat(x).isGreaterThanOrEqualTo(boundary - 0.01));
      assertThat(extrapolation.attr("stroke-dasharray")).isNotEmpty();
    }
    assertThat(svg.text()).contains("prediction: the law extrapolated");
  }

  @Test
  void aTargetInsideTheMeasuredRangeDrawsNoPrediction() {
    Document doc = page(new SweepReportPage.Options(10, 1000.0, 0.95));
    assertThat(doc.select("polyline.extrapolation")).isEmpty();
    assertThat(doc.select("rect.prediction-area")).isEmpty();
    assertThat(doc.select("table.predictions td.on, table.predictions span.on")).isEmpty();
    assertThat(doc.select("table.predictions").text()).contains("within the measured range");
  }

  @Test
  void theTargetAndLevelAreOptions() {
    Document doc = page(new SweepReportPage.Options(10, 100_000.0, 0.9));
    assertThat(doc.select("table.facts").first().text()).contains("100000 users");
    assertThat(doc.select("svg.chart").first().text()).contains("90% band of the law");
    assertThatThrownBy(() -> new SweepReportPage.Options(10, null, 1.5))
        .hasMessageContaining("level");
  }

  @Test
  void aSweepOverTheRateAloneIsDrawnAgainstTheRate() {
    List<SweepPoint> points =
        SweepFixtures.points(new double[] {500}, new double[] {0.01, 0.03, 0.1, 0.3}, 0.05, 3);
    Document doc =
        Jsoup.parse(SweepReportPage.render("Rate sweep", points, CapacityModel.fit(points)));
    assertThat(doc.select("p.axes").text()).contains("message rate per user");
    Element svg = doc.selectFirst("#relay-bandwidth-in svg.chart");
    assertThat(svg.attr("aria-label"))
        .isEqualTo("relay bandwidth in against message rate per user");
    assertThat(svg.select("polyline.fit")).hasSize(1);
    assertThat(svg.text()).contains("500 users");
  }

  @Test
  void valuesAreEscaped() {
    List<SweepPoint> points = new ArrayList<>();
    for (SweepPoint p : POINTS) {
      points.add(
          new SweepPoint(
              "lab/<script>alert(1)</script>" + p.users() + "-" + p.ratePerUser(),
              p.users(),
              p.ratePerUser(),
              p.relayNodes(),
              p.traffic(),
              p.groupSize(),
              p.payloadBytes(),
              p.measured()));
    }
    String html = SweepReportPage.render("<b>bold</b> & co", points, CapacityModel.fit(points));
    assertThat(html).doesNotContain("<script>alert", "<b>bold</b>");
    assertThat(html)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;bold&lt;/b&gt; &amp; co");
    Document doc = Jsoup.parse(html);
    assertThat(doc.select("script")).isEmpty();
    assertThat(doc.select("table.points").text()).contains("lab/<script>alert(1)</script>");
  }

  private static List<Double> xs(Element polyline) {
    return Arrays.stream(polyline.attr("points").split(" "))
        .map(xy -> Double.parseDouble(xy.split(",")[0]))
        .toList();
  }

  private static org.assertj.core.data.Offset<Double> within(double relative) {
    return org.assertj.core.data.Offset.offset(relative);
  }
}

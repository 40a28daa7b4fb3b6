package io.chatnet.operator.report;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.TemplateLocator.TemplateLocation;
import io.quarkus.qute.UserTagSectionHelper;
import io.quarkus.qute.Variant;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Qute templates of the HTML reports, under {@code templates/} on the classpath. The standalone
 * engine, not Quarkus's: the reports are also rendered by ReportCli, a plain main class. Every
 * template is text/html, so every value is escaped unless it is a {@link io.quarkus.qute.RawString}
 * (only the charts, which our own SVG writer escapes); rendering is strict, so a misspelt name in a
 * template fails instead of printing nothing.
 */
final class ReportTemplates {
  private static final String ROOT = "templates/";
  private static final Variant HTML = Variant.forContentType(Variant.TEXT_HTML);

  private static final Engine ENGINE =
      Engine.builder()
          .addDefaults()
          .addValueResolver(new ReflectionValueResolver())
          .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
          .addSectionHelper(new UserTagSectionHelper.Factory("table", "report/tags/table.html"))
          .addSectionHelper(new UserTagSectionHelper.Factory("cell", "report/tags/cell.html"))
          .addSectionHelper(new UserTagSectionHelper.Factory("figures", "report/tags/figures.html"))
          .addLocator(ReportTemplates::locate)
          .strictRendering(true)
          .build();

  private ReportTemplates() {}

  /** Renders the template {@code id} (e.g. {@code report/experiment.html}) with {@code data}. */
  static String render(String id, Map<String, Object> data) {
    var template = ENGINE.getTemplate(id);
    if (template == null) {
      throw new IllegalStateException("report template " + ROOT + id + " is not on the classpath");
    }
    var instance = template.instance();
    data.forEach(instance::data);
    return instance.render();
  }

  private static Optional<TemplateLocation> locate(String id) {
    if (ReportTemplates.class.getClassLoader().getResource(ROOT + id) == null) {
      return Optional.empty();
    }
    return Optional.of(
        new TemplateLocation() {
          @Override
          public Reader read() {
            InputStream in = ReportTemplates.class.getClassLoader().getResourceAsStream(ROOT + id);
            return new InputStreamReader(in, StandardCharsets.UTF_8);
          }

          @Override
          public Optional<Variant> getVariant() {
            return Optional.of(HTML);
          }
        });
  }
}
